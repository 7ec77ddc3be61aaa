// About how long a mystery takes, for the index page: the words of its prose at a pace slow
// enough for thinking about each question (tool output, skimmed for the line that matters, is
// left out of the count: a 600-line strace takes a minute, not forty). Pure.
import { SPECIAL_PASSAGES } from "./lint/checks/graph.js";
import type { Passage } from "./twee.js";

/** Words a minute: prose read closely, with time to look at the listings and answer. */
export const WORDS_PER_MINUTE = 150;

const NOT_A_PAGE = ["script", "stylesheet", "widget", "Twine.image"];

/** A page a player reads through: not one of SugarCube's special passages, nor code or a picture. */
export const isPage = (p: Pick<Passage, "name" | "tags">): boolean =>
  !SPECIAL_PASSAGES.has(p.name) && !p.tags.some((t) => NOT_A_PAGE.includes(t));

const LISTING = /<pre\b[^>]*>([\s\S]*?)<\/pre>/gi;

/** The words of a passage's prose: listings, HTML tags, link targets and macros left out; link
 *  texts and a macro's first quoted argument (a question, a clue, a label) kept. */
export function proseWords(text: string): number {
  const prose = text
    .replace(LISTING, " ")
    .replace(/\[\[([^\]|]*?)(?:\s*(?:->|\|)[^\]]*)?\]\]/g, " $1 ")
    .replace(/<<[\w-]+\s+"((?:[^"\\]|\\.)*)"(?:[^>]|>(?!>))*>>/g, " $1 ")
    .replace(/<<(?:[^>]|>(?!>))*>>/g, " ")
    .replace(/<[^>]*>/g, " ");
  return prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** About how many minutes the mystery takes, rounded to 5 (at least 5). */
export function playMinutes(passages: readonly Passage[]): number {
  const words = passages.filter(isPage).reduce((n, p) => n + proseWords(p.text), 0);
  return Math.max(5, Math.round(words / WORDS_PER_MINUTE / 5) * 5);
}
