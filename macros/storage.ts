// The small records our macros keep in the player's own browser storage, beside SugarCube's own
// (which we never read): nothing is ever sent anywhere. Every key starts with STORAGE_PREFIX, and
// a key that belongs to one mystery carries its IFID, so mysteries on one site never mix. The
// index page (build/site/index-page.ts) reads the same keys, from here. Importing this has no side
// effects, so Node tools can read the names.

export const STORAGE_PREFIX = "debugging-mysteries";

/** Where a mystery's progress is kept (localStorage): a ProgressRecord. */
export const progressKey = (ifid: string): string => `${STORAGE_PREFIX}:progress:${ifid.toUpperCase()}`;

/** Where the index page in `folder` (an absolute URL ending in "/") lists its mysteries in order
 *  (localStorage): CatalogueEntry[]. A story reads the list of its own folder's index. */
export const catalogueKey = (folder: string): string => `${STORAGE_PREFIX}:catalogue:${folder}`;

/** Per tab (sessionStorage), like SugarCube's own state: what one mystery's sidebar and clue boxes
 *  need to survive a reload. */
export const sessionKey = (ifid: string, what: "bar" | "shown"): string =>
  `${STORAGE_PREFIX}:${what}:${ifid.toUpperCase()}`;

/** How far the player got in one mystery, over every playthrough in this browser. */
export interface ProgressRecord {
  /** Clues in the "What you know" list when last seen, and how many the story has. */
  readonly found: number;
  readonly of: number;
  /** An ending was reached (once solved, always solved). */
  readonly solved: boolean;
}

/** One mystery on the index page, in the page's order. */
export interface CatalogueEntry {
  readonly ifid: string;
  readonly title: string;
  /** Its file, relative to the index page's folder. */
  readonly href: string;
}

type Area = "localStorage" | "sessionStorage";

/** Reads a JSON value; undefined when storage is off (private modes, file:// in some browsers) or
 *  the value is not JSON. */
export function readStored(area: Area, key: string): unknown {
  try {
    const text = window[area].getItem(key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Writes a JSON value; a full or disabled storage only means the record is not kept. */
export function writeStored(area: Area, key: string, value: unknown): void {
  try {
    window[area].setItem(key, JSON.stringify(value));
  } catch {
    // Nothing to do: the game plays the same without the record.
  }
}
