// What the index page takes from a mystery's whole story (its title, byline, IFID and minutes: a parse
// and a count of every word) is kept in .cache/puzzles/ (see
// shared/result-cache.ts), so a build of one mystery does not parse and count the others again
// to rewrite dist/index.html. Keyed by the Twee files' names and bytes, the macro specs and our code.
import type { MacroSpec } from "../../macros/define.js";
import type { SourceFile } from "../sources/sources.js";
import { cachedResult, resultCacheDir } from "../shared/result-cache.js";

export const puzzleCacheDir = resultCacheDir("puzzles");

/** The parts of an index entry read from the story's passages. */
export interface StoryFacts {
  readonly title: string;
  readonly credit: string;
  readonly minutes: number;
  readonly ifid: string;
}

/** `make()`, or what it returned before for the same files, specs and code. */
export const cachedStoryFacts = (
  slug: string,
  files: readonly SourceFile[],
  specs: readonly MacroSpec[],
  make: () => StoryFacts,
): Promise<StoryFacts> => cachedResult("puzzles", slug, { files, data: specs }, make);
