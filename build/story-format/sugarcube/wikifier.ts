// SugarCube 2.31's wikifier, mirrored for reading (src/markup/wikifier.js, parserlib.js, lexer.js):
// its parsers' patterns in its order (TOKEN: at one place, the first that matches wins), what each
// block-like parser swallows, and its two small lexers, for square-bracketed markup and for macro
// arguments. links.ts walks a passage with these to find what it refers to. Pure.
import type { MacroArg } from "../reading.js";

export const VARIABLE = String.raw`[$_][$A-Za-z_][$0-9A-Za-z_]*`;
export const URL = String.raw`(?:file|https?|mailto|ftp|javascript|irc|news|data):[^\s'"]+`;
export const ATTR_NAME = String.raw`[^\u0000-\u001F\u007F-\u009F\s"'>\/=]+`;
export const ATTR_VALUE = String.raw`(?:"[^"]*?"|'[^']*?'|[^\s"'=<>\x60]+)`;
export const TAG = String.raw`<\w+(?:\s+${ATTR_NAME}(?:\s*=\s*${ATTR_VALUE})?)*\s*\/?>`;
const NAKED_VARIABLE =
  VARIABLE +
  String.raw`(?:\.[$A-Za-z_][$0-9A-Za-z_]*|\[\d+\]|\["(?:\\.|[^"\\])+"\]|\['(?:\\.|[^'\\])+'\]|\[${VARIABLE}\])*`;

/** SugarCube's parsers that matter here, in its order: at one place, the first that matches wins. */
const TOKEN = new RegExp(
  [
    ...["(?<macro><<)", "(?<link>\\[\\[[^[])", `(?<url>${URL})`, "(?<image>\\[[<>]?[Ii][Mm][Gg]\\[)"],
    ...["(?<codeBlock>^\\{\\{\\{\\n)", "(?<format>''|//|__|\\^\\^|~~|==)", "(?<code>\\{\\{\\{)"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a regex for `$$` (`{2}` repeats the `\$`), not a template
    ...['(?<verbatim>"{3}|<[Nn][Oo][Ww][Ii][Kk][Ii]>)', "(?<dollars>\\${2})", `(?<variable>${NAKED_VARIABLE})`],
    ...["(?<comment>/[%*]|<!--)", "(?<html><[Hh][Tt][Mm][Ll]>)", "(?<script><[Ss][Cc][Rr][Ii][Pp][Tt][^>]*>)"],
    ...["(?<style><[Ss][Tt][Yy][Ll][Ee][^>]*>)", "(?<svg><[Ss][Vv][Gg][^>]*>)", `(?<tag>${TAG})`],
  ].join("|"),
  "gm",
);

/** TOKEN's group names, in its order: the one that matched is the first that is set. */
const GROUPS = [...TOKEN.source.matchAll(/\(\?<(\w+)>/g)].map((g) => g[1]!);
/** TOKEN with its groups unnamed (they are its only capturing groups): a match then builds no `groups` object, and group i is m[i + 1]. */
export const TOKEN_NUMBERED = new RegExp(TOKEN.source.replace(/\(\?<\w+>/g, "("), TOKEN.flags);
/** The name of the group that matched. */
export const matchedGroup = (m: RegExpExecArray): string => {
  let i = 1;
  while (m[i] === undefined) i++;
  return GROUPS[i - 1]!;
};

/** What each block-like parser swallows when its whole form is there (else only the opener). */
export const BLOCKS: Readonly<Record<string, RegExp>> = {
  codeBlock: /\{\{\{\n(?:^[^\n]*\n)+?^\}\}\}$\n?/my,
  code: /\{\{\{[^]*?\}\}\}/y,
  verbatim: /"""[^]*?"""|<nowiki>[^]*?<\/nowiki>/iy,
  comment: /\/([%*])[^]*?\1\/|<!--[^]*?-->/y,
  html: /<html>[^]*?<\/html>/iy,
  // As in SugarCube: only a bare <script> / <style> is verbatim; with attributes, its text is markup.
  script: /<[Ss][Cc][Rr][Ii][Pp][Tt]*>[^]*?<\/[Ss][Cc][Rr][Ii][Pp][Tt]>/y,
  style: /<[Ss][Tt][Yy][Ll][Ee]*>([^]*?)<\/[Ss][Tt][Yy][Ll][Ee]>/y,
  svg: /<svg[^>]*>([^]*?)<\/svg>/iy,
};

const MACRO_ARG = String.raw`\x60(?:\\.|[^\x60\\])*\x60|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\[(?:[<>]?[Ii][Mm][Gg])?\[[^\r\n]*?\]\]+`;
export const MACRO = new RegExp(String.raw`<<(/?(?:[A-Za-z][\w-]*|[=-]))\s*((?:${MACRO_ARG}|[^>]|>(?!>))*)>>`, "y");
export const CSS_IMAGE = /\[[<>]?[Ii][Mm][Gg]\[[^]*?\]\]+/g;
export const VOID_TAGS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "keygen",
  "link",
  "menuitem",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
/** Square-bracketed markup as SugarCube's lexer splits it (components untrimmed, as written). */
export interface Square {
  readonly end: number;
  readonly isLink: boolean;
  /** The delimiter between text and link (or source): none, `|` or `->`, or `<-`. */
  readonly delim: "none" | "ltr" | "rtl";
  readonly text?: string;
  readonly link?: string;
  readonly source?: string;
  readonly setter?: string;
}

/** Skips a quoted string from just after its opening quote; -1 when it is not closed on this line. */
function slurp(s: string, i: number, quote: string): number {
  for (;;) {
    const c = s[i++];
    if (c === "\\") {
      const next = s[i++];
      if (next !== undefined && next !== "\n") continue;
      return -1;
    }
    if (c === undefined || c === "\n") return -1;
    if (c === quote) return i;
  }
}

/** SugarCube's square-bracketed markup lexer ([[…]] and [img[…]]), from `start`; null on an error. */
export function lexSquare(s: string, start: number): Square | null {
  let i = start + 1;
  const isLink = s[i] === "[";
  if (isLink) i++;
  else {
    if (s[i] === "<" || s[i] === ">") i++;
    if (!/^[Ii][Mm][Gg]\[/.test(s.slice(i, i + 4))) return null;
    i += 4;
  }
  let depth = 2;
  let segment = i;
  let delim: Square["delim"] = "none";
  const parts: { text?: string; link?: string; source?: string; setter?: string } = {};
  const main = isLink ? "link" : "source";
  // Components: the core (text and link/source), then [link] for images, then a [setter].
  let component: "core" | "link" | "setter" = "core";
  for (;;) {
    const c = s[i++];
    if (c === undefined || c === "\n") return null;
    if (c === '"' || (c === "'" && component === "setter")) {
      i = slurp(s, i, c);
      if (i === -1) return null;
    } else if (component === "core" && delim === "none" && (c === "|" || (c === "-" && s[i] === ">"))) {
      delim = "ltr";
      parts.text = s.slice(segment, i - 1);
      i += c === "|" ? 0 : 1;
      segment = i;
    } else if (component === "core" && delim === "none" && c === "<" && s[i] === "-") {
      delim = "rtl";
      parts[main] = s.slice(segment, i - 1);
      i += 1;
      segment = i;
    } else if (c === "[") depth++;
    else if (c === "]" && --depth === 1) {
      const next = s[i];
      if (component === "setter" ? next !== "]" : next !== "[" && next !== "]") return null;
      if (component === "core") parts[delim === "rtl" ? "text" : main] = s.slice(segment, i - 1);
      if (component === "link") parts.link = s.slice(segment, i - 1);
      if (component === "setter") parts.setter = s.slice(segment, i - 1);
      i += 1;
      if (next === "]") return { end: i, isLink, delim, ...parts };
      depth++;
      segment = i;
      component = component === "core" && !isLink ? "link" : "setter";
    }
  }
}

/** `[[…]]` or `[img[…]]` markup at the start of `raw`, as SugarCube's lexer reads it; null when it would not. */
export const readSquare = (raw: string): Square | null => (/^\[[[<>Ii]/.test(raw) ? lexSquare(raw, 0) : null);

type Arg = MacroArg;

/** SugarCube's macro-argument lexer; null when it would reject the arguments. */
export function macroArgs(s: string): Arg[] | null {
  const args: Arg[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) return args;
    const start = i;
    const c = s[i++]!;
    let type: Arg["type"] = "bare";
    if (c === "`" || c === '"' || c === "'") {
      i = slurp(s, i, c);
      if (i === -1) return null;
      type = c === "`" ? "expression" : "string";
    } else if (c === "[") {
      while (i < s.length && "<>IiMmGg".includes(s[i]!)) i++;
      if (s[i++] !== "[") return null;
      for (let depth = 2; ; ) {
        const d = s[i++];
        if (d === "\\") {
          if (s[i] === undefined || s[i] === "\n") return null;
          i++;
        } else if (d === undefined || d === "\n") return null;
        else if (d === "[") depth++;
        else if (d === "]") {
          if (--depth < 0) return null;
          if (depth === 1 && s[i] === "]") {
            i++;
            break;
          }
        }
      }
      type = "square";
    } else while (i < s.length && !/\s/.test(s[i]!)) i++;
    args.push({ type, text: s.slice(start, i), offset: start });
  }
}

const closeTags = new Map<string, RegExp>();
/** `</name>` (any case, spaces before the ">"), one RegExp per tag name. */
export function closeTag(name: string): RegExp {
  let re = closeTags.get(name);
  if (!re) closeTags.set(name, (re = new RegExp(`</${name}\\s*>`, "gi")));
  return re;
}
