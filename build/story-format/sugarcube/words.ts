// The words a player reads in a passage: its text without markup, each macro replaced by the
// text it shows (our macros' text arguments, a link macro's label), code listings counted apart.
// One count for `npm run stats` and the index page's time (reading-time.ts). Pure.
import type { MacroRoles } from "../macro-roles.js";
import { scanPassage } from "./scan.js";

/** Which arguments of each of our macros the player reads (their `text` parameters), by macro name: macroRoles' `shown`. */
type ShownArgs = MacroRoles["shown"];
/** SugarCube macros whose first argument is the text of a link the player reads. */
const LINK_MACROS = new Set(["link", "button", "click", "linkappend", "linkprepend", "linkreplace"]);

/** Each macro tag replaced by the text it shows the player: our macros' text arguments, a link's text. */
function withoutMacros(text: string, shownArgs: ShownArgs): string {
  const { macros } = scanPassage(text);
  let out = "";
  let at = 0;
  for (let i = 0; i < macros.length; i++) {
    const call = macros[i]!;
    if (call.offset < at) continue;
    const last = call.args?.at(-1);
    let end = text.indexOf(">>", last ? last.offset + last.text.length : call.offset + 2) + 2;
    if (call.name === "script") {
      // Its body is JavaScript: up to the closing tag.
      const close = macros.slice(i + 1).find((c) => c.name === "/script" || c.name === "endscript");
      if (close) end = text.indexOf(">>", close.offset) + 2;
    }
    const shown = LINK_MACROS.has(call.name) ? [0] : (shownArgs.get(call.name) ?? []);
    const words = shown.flatMap((n) => (call.args?.[n]?.value !== undefined ? [call.args[n]!.value!] : []));
    out += `${text.slice(at, call.offset)} ${words.join(" ")} `;
    at = end;
  }
  return out + text.slice(at);
}

const LINK = /\[\[([^\]]*)\](?:\[[^\]]*\])*\]/g;
/** A [[link]]'s text: before | or ->, after <-, else the whole. */
function linkText(inner: string): string {
  if (inner.includes("|")) return inner.slice(0, inner.indexOf("|"));
  if (inner.includes("->")) return inner.slice(0, inner.lastIndexOf("->"));
  if (inner.includes("<-")) return inner.slice(inner.indexOf("<-") + 2);
  return inner;
}

const SPACE = /\s/;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
/** What each non-ASCII UTF-16 unit is, found once (tool listings are full of box-drawing characters). */
const KINDS = new Uint8Array(0x10000);
const [SPACE_KIND, WORD_KIND, OTHER_KIND] = [1, 2, 3];

/**
 * The runs of non-space (\s) with a letter or number (\p{L}, \p{N}) in them, as
 * `text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length` counts them, in one pass
 * without the array (a 5,000-passage story spent 0.2 s there): ASCII by code, the rest by the regexes.
 */
function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let space: boolean;
    let wordy: boolean;
    if (c < 0x80) {
      space = c === 0x20 || (c >= 0x09 && c <= 0x0d);
      wordy = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: one code point, never a space.
      space = false;
      wordy = LETTER_OR_NUMBER.test(text.slice(i, i + 2));
      i++;
    } else {
      const kind = (KINDS[c] ||= SPACE.test(text[i]!)
        ? SPACE_KIND
        : LETTER_OR_NUMBER.test(text[i]!)
          ? WORD_KIND
          : OTHER_KIND);
      space = kind === SPACE_KIND;
      wordy = kind === WORD_KIND;
    }
    if (space) {
      inWord = false;
      continue;
    }
    if (!inWord) [inWord, counted] = [true, false];
    if (wordy && !counted) {
      words++;
      counted = true;
    }
  }
  return words;
}

/** The prose of a passage (markup and macros out, link texts in), with each code listing handed to
 *  `listing` and replaced by a space. */
function prose(text: string, shownArgs: ShownArgs, listing: (body: string) => void): string {
  const rest = withoutMacros(text, shownArgs)
    .replace(/\/\*[^]*?\*\/|\/%[^]*?%\/|<!--[^]*?-->/g, " ")
    .replace(/<(script|style)\b[^>]*>[^]*?<\/\1>/gi, " ")
    .replace(/"""([^]*?)"""|<nowiki>([^]*?)<\/nowiki>|\{\{\{([^]*?)\}\}\}/gi, (_, a, b, c) => {
      listing(a ?? b ?? c);
      return " ";
    });
  return rest
    .replace(LINK, (_, inner: string) => ` ${linkText(inner)} `)
    .replace(/\[[<>]?img\[[^\]]*\](?:\[[^\]]*\])*\]/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&[#\w]+;/g, (e) => (e === "&nbsp;" ? " " : "x"))
    .replace(/\$\$/g, "$")
    .replace(/(?<![\w$])[$_][A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g, " ")
    .replace(/''|\/\/|__|\^\^|~~|==|@@/g, "");
}

/** The words a player reads in a passage, and how many of them are in code listings. */
export function passageWords(text: string, roles: MacroRoles): { words: number; listingWords: number } {
  let listingWords = 0;
  const words = countWords(prose(text, roles.shown, (body) => (listingWords += countWords(body))));
  return { words: words + listingWords, listingWords };
}

/** passageWords' `words - listingWords`, without counting the listings (most of a story's text). */
export const proseWords = (text: string, roles: MacroRoles): number => countWords(prose(text, roles.shown, () => {}));
