// Reads what the index page shows of each mystery: its StoryTitle and its teaser.txt.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { listMysteries, walk } from "./build.js";
import { BuildError } from "./errors.js";
import { type IndexOptions, indexPage, type PuzzleEntry } from "./index-page.js";
import { writeAtomic } from "./output.js";
import { display } from "./paths.js";
import { parseTwee } from "./twee.js";

export const TEASER_FILE = "teaser.txt";

/** The mystery's StoryTitle, or its folder name when it has none yet. */
export async function readTitle(dir: string): Promise<string> {
  for (const file of (await walk(dir)).filter((f) => /\.tw(ee)?$/.test(f))) {
    const title = parseTwee(await readFile(file, "utf8"), display(file)).find((p) => p.name === "StoryTitle")?.text;
    if (title) return title;
  }
  return path.basename(dir);
}

export async function readPuzzle(dir: string): Promise<PuzzleEntry> {
  const title = await readTitle(dir);
  const teaserFile = path.join(dir, TEASER_FILE);
  const teaser = (await readFile(teaserFile, "utf8").catch(() => "")).trim().split("\n")[0]!.trim();
  if (!teaser) {
    throw new BuildError(
      "the mystery has no teaser for the index page",
      { file: display(teaserFile), line: 1 },
      `write one line that makes a player curious into ${display(teaserFile)}`,
    );
  }
  return { slug: path.basename(dir), title, teaser };
}

export async function readPuzzles(stories: string): Promise<PuzzleEntry[]> {
  return Promise.all((await listMysteries(stories)).map((m) => readPuzzle(path.join(stories, m))));
}

/** Writes <out>/index.html for every mystery under `stories`; returns its path. */
export async function writeIndex(stories: string, out: string, options: IndexOptions = {}): Promise<string> {
  const file = path.join(out, "index.html");
  await writeAtomic(file, indexPage(await readPuzzles(stories), options));
  return file;
}
