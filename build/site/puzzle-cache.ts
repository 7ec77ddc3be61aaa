// What the index page takes from a mystery's whole story (its title, byline and minutes: a parse
// and a count of every word, ~10 ms for the 50ms mystery) is kept in .cache/puzzles/, so a build
// of one mystery does not parse and count the others again to rewrite dist/index.html.
// Keyed by everything that decides it: the Twee files' names and bytes, the macro specs, and the
// compiled commands' key (shared/code-key.ts: all of build/). Without a key (code run from its
// TypeScript sources) nothing is cached.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { MacroSpec } from "../../macros/define.js";
import { commandsKey } from "../shared/code-key.js";
import { writeAtomic } from "../shared/output.js";
import { root } from "../shared/paths.js";

export const puzzleCacheDir = path.join(root, ".cache", "puzzles");

/** The entry format: another is made again. */
const FORMAT = 1;

/** The parts of an index entry read from the story's passages. */
export interface StoryFacts {
  readonly title: string;
  readonly credit: string;
  readonly minutes: number;
}

interface TweeFile {
  readonly path: string;
  readonly content: Buffer;
}

function cacheKey(code: string, files: readonly TweeFile[], specs: readonly MacroSpec[]): string {
  const hash = createHash("sha1").update(JSON.stringify([FORMAT, code, specs, files.map((f) => [f.path, f.content.length])]));
  for (const f of files) hash.update(f.content);
  return hash.digest("hex");
}

/** `make()`, or what it returned before for the same files, specs and code. */
export async function cachedStoryFacts(
  slug: string,
  files: readonly TweeFile[],
  specs: readonly MacroSpec[],
  make: () => StoryFacts,
): Promise<StoryFacts> {
  const code = commandsKey();
  if (!code) return make();
  const key = cacheKey(code, files, specs);
  const file = path.join(puzzleCacheDir, `${slug}.json`);
  const hit = await readFile(file, "utf8").then(
    (text) => JSON.parse(text) as { key: string; facts: StoryFacts },
    () => null,
  );
  if (hit?.key === key) return hit.facts;
  const facts = make();
  // A cache that cannot be written (read-only project…) only costs the next build this work again.
  await writeAtomic(file, `${JSON.stringify({ key, facts })}\n`).catch(() => undefined);
  return facts;
}
