// What a published page has in its <head> besides the story format's own: link-preview tags (a
// description, Open Graph and Twitter card), a favicon, and the author's head.html files. It goes
// in as tweego's --head puts a file (io.go's modifyHead): the file's text as tweego reads it
// (BOM dropped, CRLF and CR made LF), trimmed of Go's whitespace, then "\n</head>" in place of the
// page's first </head>. tweego gets this very text as its --head file and the native compiler
// calls insertHead, so both give the same bytes by construction. Pure.
import { escapeHtml } from "../shared/escapes.js";
import { percentEncode } from "../sources/data-uri.js";
import { goTrimSpace, readText } from "../twee/go-text.js";

/** Beside the built page, the preview's name: `<mystery>.preview.png` (one folder holds every mystery). */
export const previewName = (mystery: string, file: string): string => `${mystery}.${file}`;

/** The favicon: a magnifying glass, drawn inline so the page stays one file. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<circle cx="13" cy="13" r="9" fill="#fff" stroke="#1a5fb4" stroke-width="4"/>' +
  '<path d="M20 20l9 9" stroke="#1a5fb4" stroke-width="5" stroke-linecap="round"/></svg>';
export const FAVICON_URI = `data:image/svg+xml,${percentEncode(FAVICON_SVG)}`;

/** What a link preview of a page says. */
export interface PageFacts {
  readonly title: string;
  /** One line (a mystery's teaser.txt); empty: no description tags. */
  readonly description: string;
  /** The preview picture's URL (relative to the page, or absolute). */
  readonly image?: string;
  /** The page's own absolute URL, when the site's address is known. */
  readonly url?: string;
}

const meta = (key: "name" | "property", name: string, content: string) =>
  `<meta ${key}="${name}" content="${escapeHtml(content)}">`;

/** Whether the author's head content already has a tag for `name` (a meta name/property, or rel="icon"). */
function authored(head: string, name: string): boolean {
  const quoted = name.replace(/[.:]/g, "\\$&");
  const pattern =
    name === "icon"
      ? /<link\b[^>]*\brel\s*=\s*["']?[^"'>]*\bicon\b/i
      : new RegExp(`<meta\\b[^>]*\\b(?:name|property)\\s*=\\s*["']?${quoted}["'\\s/>]`, "i");
  return pattern.test(head);
}

/** The link-preview tags and the favicon, one per line, less those the author's head content has already. */
export function previewTags(facts: PageFacts, authoredHead = ""): string[] {
  const tags: [string, string][] = [
    ["description", facts.description && meta("name", "description", facts.description)],
    ["og:type", meta("property", "og:type", "website")],
    ["og:title", meta("property", "og:title", facts.title)],
    ["og:description", facts.description && meta("property", "og:description", facts.description)],
    ["og:url", facts.url ? meta("property", "og:url", facts.url) : ""],
    ["og:image", facts.image ? meta("property", "og:image", facts.image) : ""],
    ["twitter:card", meta("name", "twitter:card", facts.image ? "summary_large_image" : "summary")],
    ["icon", `<link rel="icon" type="image/svg+xml" href="${escapeHtml(FAVICON_URI)}">`],
  ];
  return tags.filter(([name, tag]) => tag && !authored(authoredHead, name)).map(([, tag]) => tag);
}

/**
 * The whole head text of a page: the preview tags, then the project's head.html, then the
 * mystery's (each as readText read it), trimmed, one per line; as tweego reads it back from a
 * file, so the native compiler inserts exactly what tweego does.
 */
export function pageHead(facts: PageFacts, authoredParts: readonly string[]): string {
  const own = authoredParts.map(goTrimSpace).filter(Boolean);
  const text = [...previewTags(facts, own.join("\n")), ...own].join("\n");
  return readText(Buffer.from(text, "utf8")).text;
}

/** tweego's --head: the text, trimmed, and a newline, in place of the first "</head>"; a page without one, or an empty text, is left as it is. */
export function insertHead(html: string, head: string): string {
  const text = goTrimSpace(head);
  const at = html.indexOf("</head>");
  if (!text || at === -1) return html;
  return `${html.slice(0, at)}${text}\n${html.slice(at)}`;
}
