// About how long a mystery takes, for the index page and `npm run stats`: the words of the prose a
// player can reach (reach.ts; the format's prose words: tool output, skimmed for the line that
// matters, is left out of the count: a 600-line strace takes a minute, not forty) at a pace slow
// enough for thinking about each question. Pure.
import type { MacroSpec } from "../../macros/define.js";
import { macroRoles } from "../story-format/macro-roles.js";
import type { Passage } from "../twee/twee.js";
import { formatOf, reachable, startOf } from "./reach.js";

/** Words a minute: prose read closely, with time to look at the listings and answer. */
export const WORDS_PER_MINUTE = 150;

/** About how many minutes `proseWords` words take to play, rounded to 5 (at least 5). */
export const playMinutes = (proseWords: number): number =>
  Math.max(5, Math.round(proseWords / WORDS_PER_MINUTE / 5) * 5);

/** The words of prose on the story's pages a player can reach (listings left out; reach.ts). */
export function storyProseWords(passages: readonly Passage[], specs: readonly MacroSpec[]): number {
  const roles = macroRoles(specs);
  const profile = formatOf(passages);
  const reached = reachable(passages, startOf(passages), profile, roles);
  // Pages a player reads through: not special passages, code, widgets or pictures (the format's kinds).
  return passages
    .filter((p) => profile.kinds.isPage(p) && reached.has(p.name))
    .reduce((n, p) => n + profile.proseWords(p.text, roles), 0);
}
