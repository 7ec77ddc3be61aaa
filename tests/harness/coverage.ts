// What the walk, form and route tests reached, per mystery: each test notes what it exercised in
// its task's meta (vitest hands meta to the reporters, whichever worker ran the test), and the
// summary reporter counts it against what the story's files have (coverage-count.ts), so
// `npm test` and `npm run check` end with a line like
// `50ms-request: passages 40/40, links 45/45, forms 14/14, clues 6/6`.
import type { TaskMeta } from "vitest";
import type { Player } from "./player.js";

/** What one test exercised in one mystery. */
export interface Reached {
  /** The mystery's folder name (a build with the other compiler, "tweego/<m>", counts for <m>). */
  readonly mystery: string;
  /** Pages reached from the start by links and forms. */
  readonly passages?: readonly string[];
  /** Links clicked that landed where they said: [page, target], once per link on the page. */
  readonly links?: readonly (readonly [string, string])[];
  /** Forms answered that went where they said: [page, target], once per form on the page. */
  readonly forms?: readonly (readonly [string, string])[];
  /** Clues a player was shown or collected. */
  readonly clues?: readonly string[];
}

declare module "vitest" {
  interface TaskMeta {
    reached?: Reached[];
  }
}

/** Notes in `task`'s meta that it reached `what`. */
export function noteReached(task: { meta: TaskMeta }, what: Reached): void {
  (task.meta.reached ??= []).push({ ...what, mystery: what.mystery.split("/").pop()! });
}

/** The clues the shown page announces (its new-information boxes). */
export const announcedClues = (player: Player): string[] =>
  Array.from(player.view().querySelectorAll<HTMLElement>("div.newinfo[data-clue]"), (box) => box.dataset.clue!);
