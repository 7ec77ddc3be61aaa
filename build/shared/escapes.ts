// Text into and out of HTML, and JavaScript string literals read back: one table of HTML's five
// escapes (what tweego and Twine's publish write, and what every page we make escapes), and one
// reader of character references. Pure.

/** The five characters HTML text and quoted attributes escape, and how (Twine's and tweego's spelling). */
const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeChar = (c: string) => ESCAPES[c]!;

// One pass each (a 5,000-passage story's text is 10 MB).
/** Text for HTML: element content or a quoted attribute value. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, escapeChar);
/** A double- or single-quoted attribute value, as tweego writes one (`<` and `>` stay). */
export const escapeAttr = (s: string) => s.replace(/[&"']/g, escapeChar);
/** An attribute value inside `quote`: only `&` and that quote escaped, so an edited value changes no more than it must. */
export const escapeAttrIn = (s: string, quote: '"' | "'") => s.replace(quote === "'" ? /[&']/g : /[&"]/g, escapeChar);

const UNESCAPES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ESCAPES).map(([c, e]) => [e, c]));

/**
 * The exact inverse of escapeHtml: text holding only those five escapes, decoded; null when any
 * other `&` is in it (a reference only an HTML parser decodes the way the browser does).
 */
export function unescapeHtml(s: string): string | null {
  let plain = true;
  const text = s.replace(/&(?:amp|lt|gt|quot|#39);|&/g, (e) => {
    if (UNESCAPES[e] === undefined) plain = false;
    return UNESCAPES[e] ?? e;
  });
  return plain ? text : null;
}

/** The named references these tools read, beside the numeric ones. */
const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Character references decoded: numeric ones (`&#39;`, `&#x27;`) and the common named ones, any case. */
export const decodeEntities = (s: string) =>
  s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi, (_, dec, hex, name: string | undefined) =>
    dec || hex ? String.fromCodePoint(parseInt(dec ?? hex, dec ? 10 : 16)) : NAMED[name!.toLowerCase()]!,
  );

/** JavaScript string-literal escapes decoded, as a quoted SugarCube macro argument or script string evaluates. */
export function unescapeJs(body: string): string {
  const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", 0: "\0" };
  return body.replace(
    /\\(?:u\{([0-9A-Fa-f]+)\}|u([0-9A-Fa-f]{4})|x([0-9A-Fa-f]{2})|(\r?\n)|(.))/g,
    (_, cp, u, x, nl, c) =>
      cp || u || x ? String.fromCodePoint(parseInt(cp ?? u ?? x, 16)) : nl ? "" : (simple[c] ?? c),
  );
}
