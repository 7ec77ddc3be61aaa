// Reads what the index page shows of each mystery: its StoryTitle, teaser.txt, tools.txt, its
// StoryAuthor byline, and about how long it takes (from its passages' word count).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { listMysteries, walk } from "./build.js";
import { BuildError } from "./errors.js";
import { type IndexOptions, indexPage, type PuzzleEntry } from "./index-page.js";
import { writeAtomic } from "./output.js";
import { display } from "./paths.js";
import { playMinutes } from "./reading-time.js";
import { type Passage, parseTwee, parseTweeTolerant } from "./twee.js";

export const TEASER_FILE = "teaser.txt";
/** One line: the tools the player uses, comma-separated (optional). */
export const TOOLS_FILE = "tools.txt";
/** The files besides the Twee sources that the index page reads from a mystery's folder. */
export const INDEX_FILES: readonly string[] = [TEASER_FILE, TOOLS_FILE];

/** Every passage the mystery's Twee files hold. Tolerant: a Twee mistake is the mystery's own
 *  build's to report, and must not take the other mysteries off the index. */
async function readPassages(dir: string): Promise<Passage[]> {
  const files = (await walk(dir)).filter((f) => /\.tw(ee)?$/.test(f));
  const texts = await Promise.all(files.map((f) => readFile(f, "utf8")));
  return texts.flatMap((text, i) => parseTweeTolerant(text, display(files[i]!)).passages);
}

/** A `:: StoryTitle` header line; the passage runs to the next header. */
const TITLE_HEADER = /^::[ \t]*StoryTitle[ \t]*(?:[[{].*)?$/m;

/** The mystery's StoryTitle, or its folder name when it has none yet. */
export async function readTitle(dir: string): Promise<string> {
  for (const file of (await walk(dir)).filter((f) => /\.tw(ee)?$/.test(f))) {
    // Only the title passage is parsed, not the whole file: a big story has megabytes of Twee.
    const source = await readFile(file, "utf8");
    const at = TITLE_HEADER.exec(source)?.index;
    if (at === undefined) continue;
    const next = source.slice(at + 2).search(/^::/m);
    const chunk = next === -1 ? source.slice(at) : source.slice(at, at + 2 + next);
    const lines = "\n".repeat(source.slice(0, at).split("\n").length - 1); // so a message names the right line
    const title = parseTwee(lines + chunk, display(file)).find((p) => p.name === "StoryTitle")?.text;
    if (title) return title;
  }
  return path.basename(dir);
}

export async function readPuzzle(dir: string): Promise<PuzzleEntry> {
  const passages = await readPassages(dir);
  const title = passages.find((p) => p.name === "StoryTitle")?.text || path.basename(dir);
  const teaserFile = path.join(dir, TEASER_FILE);
  const teaser = (await readFile(teaserFile, "utf8").catch(() => "")).trim().split("\n")[0]!.trim();
  if (!teaser) {
    throw new BuildError(
      "the mystery has no teaser for the index page",
      { file: display(teaserFile), line: 1 },
      `write one line that makes a player curious into ${display(teaserFile)}`,
    );
  }
  const tools = (await readFile(path.join(dir, TOOLS_FILE), "utf8").catch(() => ""))
    .split("\n")[0]!
    .split(",")
    .map((tool) => tool.trim())
    .filter(Boolean);
  const credit = passages.find((p) => p.name === "StoryAuthor")?.text.trim() ?? "";
  return { slug: path.basename(dir), title, teaser, tools, minutes: playMinutes(passages), credit };
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
