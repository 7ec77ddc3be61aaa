// How far the player got, kept in their own browser (localStorage, under the story's IFID: see
// storage.ts) for the index page's "not started / in progress / solved". Nothing leaves the
// browser. A game counts as started once the player leaves the first page or finds a clue, and a
// mystery stays solved once an ending (a passage tagged `ending`) was reached, whatever comes after.
import { type ProgressRecord, progressKey, readStored, writeStored } from "./storage.js";

/** The passage tag that marks an ending: the mystery is solved there. */
export const ENDING_TAG = "ending";

/** The record after a page: the clues found now, of how many, and solved if ever solved. */
export function nextRecord(previous: unknown, found: number, of: number, ending: boolean): ProgressRecord {
  const solved =
    ending || (typeof previous === "object" && previous !== null && (previous as { solved?: unknown }).solved === true);
  return { found, of, solved };
}

/** Keeps the record up to date after every page; called once from the Story JavaScript. */
export function installProgress(ifid: string): void {
  const key = progressKey(ifid);
  jQuery(document).on(":passageend", (event) => {
    const found = setup.clues.list().length;
    const ending = event.passage.tags.includes(ENDING_TAG);
    if (State.turns <= 1 && found === 0 && !ending) return; // opened, not played yet
    writeStored("localStorage", key, nextRecord(readStored("localStorage", key), found, setup.clues.total, ending));
  });
}
