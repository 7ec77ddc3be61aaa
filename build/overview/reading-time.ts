// About how long a mystery takes, for the index page and `npm run stats`: the words of the prose a
// player can reach (reach.ts; words.ts: tool output, skimmed for the line that matters, is left out
// of the count: a 600-line strace takes a minute, not forty) at a pace slow enough for thinking
// about each question. Pure.
import type { MacroSpec } from "../../macros/define.js";
import { SPECIAL_PASSAGES } from "../lint/checks/graph.js";
import type { Passage } from "../twee/twee.js";
import { proseWords, shownArgs } from "../story-format/sugarcube/words.js";
import { reachable, startOf } from "./reach.js";

/** Words a minute: prose read closely, with time to look at the listings and answer. */
export const WORDS_PER_MINUTE = 150;

const NOT_A_PAGE = ["script", "stylesheet", "widget", "Twine.image"];

/** A page a player reads through: not one of SugarCube's special passages, nor code or a picture. */
export const isPage = (p: Pick<Passage, "name" | "tags">): boolean =>
  !SPECIAL_PASSAGES.has(p.name) && !p.tags.some((t) => NOT_A_PAGE.includes(t));

/** About how many minutes `proseWords` words take to play, rounded to 5 (at least 5). */
export const playMinutes = (proseWords: number): number => Math.max(5, Math.round(proseWords / WORDS_PER_MINUTE / 5) * 5);

/** The words of prose on the story's pages a player can reach (listings left out; reach.ts). */
export function storyProseWords(passages: readonly Passage[], specs: readonly MacroSpec[]): number {
  const shown = shownArgs(specs);
  const reached = reachable(passages, startOf(passages));
  return passages.filter((p) => isPage(p) && reached.has(p.name)).reduce((n, p) => n + proseWords(p.text, shown), 0);
}
