// head.html (a mystery's, or the project's in the stories folder) goes just before the page's
// </head> (compile/head.ts), so it must be head content: only elements that belong in <head> (any
// other, or bare text, makes the browser end the head there and move the rest into the body),
// nothing that closes or opens the page itself, and nothing loaded from elsewhere unless the
// author says so with a data-external attribute: the page is one file that plays offline, and a
// load from another host needs the network and tells that host about every player.
import { isUtf8 } from "node:buffer";
import path from "node:path";
import type { SourceFile } from "../../sources/sources.js";
import { type Diagnostic, error, warning } from "../../shared/diagnostic.js";
import { readText } from "../../twee/go-text.js";
import { encodingWarning } from "./encoding.js";

const HEAD_ELEMENTS = new Set(["meta", "link", "style", "script", "noscript", "template", "title", "base"]);
/** Elements whose content is not markup: skipped to their end tag. */
const RAW = new Set(["script", "style", "noscript", "template", "title"]);
const PAGE = new Set(["html", "head", "body"]);
/** <link> relations that load nothing (the others fetch a file, or connect to a host). */
const NOT_LOADED = new Set([
  "alternate",
  "author",
  "bookmark",
  "canonical",
  "help",
  "license",
  "me",
  "next",
  "prev",
  "search",
  "tag",
]);
/** Another host (http:, https:, or //host), or a file beside the page (a relative URL); data: and fragments are inline. */
const REMOTE = /^(?:https?:)?\/\//i;
const INLINE = /^(?:data:|#|$)/i;

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

interface Tag {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  /** Offset of the `<`, and just past the `>`. */
  readonly start: number;
  readonly end: number;
}

/** The start tag at `at` (text[at] is "<", a letter follows), quotes respected. */
function startTag(text: string, at: number): Tag {
  const name = /^<([a-zA-Z][^\s/>]*)/.exec(text.slice(at))![1]!.toLowerCase();
  let i = at + name.length + 1;
  let quote = "";
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quote) quote = c === quote ? "" : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === ">") break;
  }
  const attrs = new Map<string, string>();
  for (const m of text.slice(at + name.length + 1, i).matchAll(ATTRIBUTE)) {
    attrs.set(m[1]!.toLowerCase(), (m[2] ?? m[3] ?? m[4] ?? "").trim());
  }
  return { name, attrs, start: at, end: Math.min(i + 1, text.length) };
}

/** What a tag loads from outside the page: its URLs (script src, a loading link's href). */
function loads(tag: Tag): string[] {
  const src = tag.name === "script" ? tag.attrs.get("src") : undefined;
  const rels = (tag.attrs.get("rel") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const href = tag.name === "link" && rels.some((r) => !NOT_LOADED.has(r)) ? tag.attrs.get("href") : undefined;
  return [src, href].filter((u): u is string => u !== undefined);
}

/** URLs a stylesheet loads: @import and url(). */
const cssLoads = (css: string): { url: string; offset: number }[] =>
  [...css.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)|url\(\s*["']?([^"')\s]+)/gi)].map((m) => ({
    url: (m[1] ?? m[2])!,
    offset: m.index,
  }));

/** Every problem of one head.html file. */
function fileChecks(file: SourceFile): Diagnostic[] {
  const text = readText(file.content).text;
  const found: Diagnostic[] = [];
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    return { file: file.path, line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
  };
  const name = path.basename(file.path);
  const load = (tag: Tag, url: string, offset: number) => {
    if (INLINE.test(url) || tag.attrs.has("data-external")) return;
    const remote = REMOTE.test(url);
    const what = remote
      ? `loads ${url} from another host when the page opens: it needs the network then, and that host sees every player`
      : `loads ${url}, a file beside the page, which is not published with it (the page is one file)`;
    found.push(
      error(at(offset), remote ? "head-external" : "head-relative", `<${tag.name}> in ${name} ${what}`, {
        fix: `put it in the page (inline code, or a data: URI), or add data-external to the <${tag.name}> to say it is meant${remote ? "" : " (you upload that file yourself)"}`,
      }),
    );
  };

  const pageTag = (offset: number, what: string) =>
    found.push(
      error(
        at(offset),
        "head-close",
        `${what} in ${name}: it goes inside the page's <head>, which the story format opens and closes`,
        { fix: `write only what goes inside <head>; remove ${what}` },
      ),
    );
  // Anywhere, even in a string or an attribute: the page's first </head> is where head content goes.
  for (const m of text.matchAll(/<\/(head|body|html)\b/gi)) pageTag(m.index, `</${m[1]!.toLowerCase()}>`);

  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== "<") {
      if (!/\s/.test(c)) {
        found.push(
          error(
            at(i),
            "head-content",
            `text outside any element in ${name}: the browser ends <head> there and shows it, and all after it, in the page's body`,
            { fix: "wrap it in an element that belongs in <head>, or move it into a passage" },
          ),
        );
        i = text.indexOf("<", i) === -1 ? text.length : text.indexOf("<", i);
      } else i++;
      continue;
    }
    if (text.startsWith("<!--", i)) {
      const close = text.indexOf("-->", i + 4);
      i = close === -1 ? text.length : close + 3;
      continue;
    }
    if (/^<!doctype/i.test(text.slice(i, i + 9))) pageTag(i, "<!DOCTYPE>");
    if (!/^<[a-zA-Z]/.test(text.slice(i, i + 2))) {
      i = text.indexOf(">", i) === -1 ? text.length : text.indexOf(">", i) + 1;
      continue;
    }
    const tag = startTag(text, i);
    if (PAGE.has(tag.name)) pageTag(i, `<${tag.name}>`);
    else if (!HEAD_ELEMENTS.has(tag.name)) {
      found.push(
        error(
          at(i),
          "head-content",
          `<${tag.name}> is not head content: the browser ends <head> there and puts it, and all after it, in the page's body`,
          {
            fix: `use only ${[...HEAD_ELEMENTS].map((e) => `<${e}>`).join(", ")}; put what the player sees in a passage`,
          },
        ),
      );
    } else if (tag.name === "title") {
      found.push(
        warning(
          at(i),
          "head-title",
          `<title> in ${name}: the page already has one, the StoryTitle, and the browser shows the first`,
          { fix: "remove it; change the StoryTitle passage instead" },
        ),
      );
    } else if (tag.name === "base") {
      found.push(
        warning(
          at(i),
          "head-base",
          `<base> in ${name} changes where every link of the page points, "Back to all puzzles" too`,
          { fix: "remove it" },
        ),
      );
    }
    for (const url of loads(tag)) load(tag, url, i);
    i = tag.end;
    // What an element holds is its own (code, or the one misplaced element's content): not looked at as head content.
    if (RAW.has(tag.name) || !(HEAD_ELEMENTS.has(tag.name) || PAGE.has(tag.name))) {
      const end = text.toLowerCase().indexOf(`</${tag.name}`, i);
      const content = text.slice(i, end === -1 ? text.length : end);
      if (tag.name === "style") for (const css of cssLoads(content)) load(tag, css.url, i + css.offset);
      i = end === -1 ? text.length : text.indexOf(">", end) + 1 || text.length;
    }
  }
  if (!isUtf8(file.content)) found.push(encodingWarning(file));
  return found;
}

/** The problems of the head.html files a page gets (head-files.ts's readHeadInputs). */
export const headChecks = (files: readonly SourceFile[]): Diagnostic[] => files.flatMap(fileChecks);
