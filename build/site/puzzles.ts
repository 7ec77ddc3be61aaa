// build/site/: the page of all puzzles and the new-mystery scaffold (template/). Imports
// build/overview/ (reading time) and below.
//
// Reads what the index page shows of each mystery: its StoryTitle, teaser.txt, tools.txt, its
// StoryAuthor byline, its IFID (the key of the player's progress), and about how long it takes
// (from its passages' word count). The index lists only mysteries whose page is in the out folder (never a dead link), and one mystery that
// cannot be read is left off it, not a failure of the whole page.
import { lstat, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { listMysteries, readTweeFiles, walk } from "../sources/mystery-files.js";
import { BuildError } from "../shared/errors.js";
import { type IndexOptions, indexPage, type PuzzleEntry } from "./index-page.js";
import { writeAtomic } from "../shared/output.js";
import { display } from "../shared/paths.js";
import type { MacroSpec } from "../../macros/define.js";
import { playMinutes, storyProseWords } from "../overview/reading-time.js";
import { filePassagesTolerant, type SourceFile, isTweeFile } from "../sources/sources.js";
import { parseStoryDataTolerant } from "../model/story.js";
import { cachedStoryFacts } from "./puzzle-cache.js";
import { type Passage, parseTweeTolerant } from "../twee/twee.js";
import { fsPath } from "../shared/file-names.js";
import { linkProblem } from "../shared/walk.js";
import { TEASER_FILE, teaserLine } from "../compile/head-files.js";
import { insertHead } from "../compile/head.js";
import { indexHead } from "./index-head.js";
import { profileFor } from "../story-format/formats.js";
import { isStoryData, isStoryTitle } from "../story-format/passage-kinds.js";

export { TEASER_FILE };
/** One line: the tools the player uses, comma-separated (optional). */
export const TOOLS_FILE = "tools.txt";
/** The files besides the Twee sources that the index page reads from a mystery's folder. */
export const INDEX_FILES: readonly string[] = [TEASER_FILE, TOOLS_FILE];

/** Every passage the files hold. Tolerant: a Twee mistake is the mystery's own build's to
 *  report, and must not take the other mysteries off the index. After a build they are not
 *  parsed again: sources/sources.ts keeps its parse. */
const passagesOf = (files: readonly SourceFile[]): Passage[] => files.flatMap((f) => filePassagesTolerant(f).passages);

/** A `:: StoryTitle` header line; the passage runs to the next header. */
const TITLE_HEADER = /^::[ \t]*StoryTitle[ \t]*(?:[[{].*)?$/m;

/** The mystery's StoryTitle, or its folder name when it has none yet; a mistake elsewhere in its Twee does not hide it. */
export async function readTitle(dir: string): Promise<string> {
  for (const file of (await walk(dir)).filter(isTweeFile)) {
    // Only the title passage is parsed, not the whole file: a big story has megabytes of Twee.
    const source = await readFile(fsPath(file), "utf8");
    const at = TITLE_HEADER.exec(source)?.index;
    if (at === undefined) continue;
    const next = source.slice(at + 2).search(/^::/m);
    const chunk = next === -1 ? source.slice(at) : source.slice(at, at + 2 + next);
    const lines = "\n".repeat(source.slice(0, at).split("\n").length - 1); // so a message names the right line
    const title = parseTweeTolerant(lines + chunk, `${display(file)} (its title)`).passages.find(isStoryTitle)?.text;
    if (title) return title;
  }
  return path.basename(dir);
}

/** What the index shows of the mystery in `dir`; `specs` (our macros') tell which words a player reads (words.ts). */
export async function readPuzzle(dir: string, specs: readonly MacroSpec[]): Promise<PuzzleEntry> {
  const slug = path.basename(dir);
  const files = await readTweeFiles(dir);
  const { title, credit, minutes, ifid } = await cachedStoryFacts(slug, files, specs, () => {
    const passages = passagesOf(files);
    const found = passages.find(isStoryData);
    const data = found && parseStoryDataTolerant(found).data;
    return {
      ifid: data?.ifid || "",
      title: passages.find(isStoryTitle)?.text || slug,
      // The byline the format shows (SugarCube's StoryAuthor).
      credit: passages.find(profileFor(data?.format).kinds.isByline)?.text.trim() ?? "",
      minutes: playMinutes(storyProseWords(passages, specs)),
    };
  });
  const teaserFile = path.join(dir, TEASER_FILE);
  const link = (await lstat(teaserFile).catch(() => null))?.isSymbolicLink()
    ? await linkProblem(teaserFile, path.dirname(path.dirname(dir)))
    : undefined;
  if (link)
    throw new BuildError(
      `${TEASER_FILE} is a symbolic link, not followed: ${link.why}`,
      { file: display(teaserFile), line: 1, column: 1 },
      "write the teaser into the file itself",
    );
  const teaser = teaserLine(await readFile(teaserFile, "utf8").catch(() => ""));
  if (!teaser) {
    throw new BuildError(
      "the mystery has no teaser for the index page",
      { file: display(teaserFile), line: 1, column: 1 },
      `write one line that makes a player curious into ${display(teaserFile)}`,
    );
  }
  const tools = (await readFile(path.join(dir, TOOLS_FILE), "utf8").catch(() => ""))
    .split("\n")[0]!
    .split(",")
    .map((tool) => tool.trim())
    .filter(Boolean);
  return { slug, title, teaser, tools, minutes, credit, ifid };
}

export interface IndexResult {
  readonly file: string;
  /** Mysteries on the page. */
  readonly listed: readonly string[];
  /** Mysteries with no page in the out folder (never built, or never built without errors): not listed. */
  readonly unbuilt: readonly string[];
  /** Mysteries whose entry could not be read (no teaser…): not listed either. */
  readonly unreadable: readonly { readonly mystery: string; readonly error: unknown }[];
}

/** Writes <out>/index.html for the mysteries under `stories` that have a page in `out`; what it listed and left off. */
export async function buildIndex(
  stories: string,
  out: string,
  options: IndexOptions,
  specs: readonly MacroSpec[],
): Promise<IndexResult> {
  const file = path.join(out, "index.html");
  const puzzles: PuzzleEntry[] = [];
  const unbuilt: string[] = [];
  const unreadable: { mystery: string; error: unknown }[] = [];
  for (const mystery of await listMysteries(stories)) {
    if (!(await stat(path.join(out, `${mystery}.html`)).catch(() => null))?.isFile()) {
      unbuilt.push(mystery);
      continue;
    }
    try {
      puzzles.push(await readPuzzle(path.join(stories, mystery), specs));
    } catch (error) {
      unreadable.push({ mystery, error });
    }
  }
  await writeAtomic(file, insertHead(indexPage(puzzles, options), await indexHead(stories)));
  return { file, listed: puzzles.map((p) => p.slug), unbuilt, unreadable };
}

/** Writes <out>/index.html (see buildIndex); throws the first mystery's error that kept it off the page. */
export async function writeIndex(
  stories: string,
  out: string,
  options: IndexOptions,
  specs: readonly MacroSpec[],
): Promise<string> {
  const { file, unreadable } = await buildIndex(stories, out, options, specs);
  if (unreadable.length > 0) throw unreadable[0]!.error;
  return file;
}
