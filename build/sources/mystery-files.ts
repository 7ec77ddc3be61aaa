// build/sources/: reading a mystery: its folder walked as tweego walks it, its files read and made
// passages as tweego loads them, pictures optimised. Imports build/twee/ and build/shared/.
//
// A mystery as files: the mysteries under the stories folder, and one mystery's source files in
// the order tweego walks them (compile/build-inputs.ts adds the bundled macros and styles).
import { lstat, readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { BuildError } from "../shared/errors.js";
import { fsPath } from "../shared/file-names.js";
import { display, storiesDir } from "../shared/paths.js";
import { isSourceFile, isTweeFile, type SourceFile } from "./sources.js";
import { linkProblem, walkFiles, warnLink } from "../shared/walk.js";

/** A mystery's own head content, in its folder; the project's, in the stories folder. */
export const HEAD_FILE = "head.html";
/** The picture a link preview shows (og:image), in the mystery's folder: the first of these found. */
export const PREVIEW_FILES: readonly string[] = ["preview.png", "preview.jpg", "preview.jpeg"];

/**
 * Every source file below `dir`, in the order tweego walks it (names sorted by their UTF-8 bytes,
 * as Go sorts them; depth first); symlinks: walk.ts. Not the page's head.html and preview
 * picture at its top (head-files.ts): they are not story.
 */
export const walk = async (dir: string): Promise<string[]> => {
  const top = path.resolve(dir);
  const files = await walkFiles(dir, isSourceFile, projectOf(dir));
  return files.filter(
    (f) => path.resolve(path.dirname(f)) !== top || ![HEAD_FILE, ...PREVIEW_FILES].includes(path.basename(f)),
  );
};

/** The project a mystery folder belongs to: the folder that holds its stories folder. */
const projectOf = (dir: string) => path.dirname(path.dirname(path.resolve(dir)));

/** A folder entry that is a mystery: a real, visible folder. */
export const isMysteryFolder = (e: { isDirectory(): boolean; name: string }): boolean =>
  e.isDirectory() && !e.name.startsWith(".");

/** The mysteries under `stories`: its real, visible folders (a linked folder is said once and left out). */
export async function listMysteries(stories = storiesDir): Promise<string[]> {
  const entries = await readdir(stories, { withFileTypes: true });
  for (const e of entries.filter((e) => e.isSymbolicLink())) {
    const problem = await linkProblem(path.join(stories, e.name), path.dirname(path.resolve(stories)));
    if (problem?.folder) warnLink(path.join(stories, e.name), problem.why);
  }
  return entries
    .filter(isMysteryFolder)
    .map((e) => e.name)
    .sort();
}

/** A mystery's own files, in walk order; a clear error when the folder is not a mystery. */
export async function readSources(dir: string): Promise<SourceFile[]> {
  const link = (await lstat(dir).catch(() => null))?.isSymbolicLink()
    ? await linkProblem(dir, projectOf(dir))
    : undefined;
  if (link) {
    throw new BuildError(
      `${display(dir)} is a symbolic link, not followed: ${link.why}`,
      undefined,
      "make the mystery a real folder under the stories folder",
    );
  }
  if (!(await stat(dir).catch(() => null))?.isDirectory()) {
    const parent = path.dirname(dir);
    const known = await listMysteries(parent).catch(() => []);
    throw new BuildError(
      `no mystery named "${path.basename(dir)}" in ${display(parent)}/`,
      undefined,
      `use one of: ${known.join(", ") || "(none)"}`,
    );
  }
  const paths = await walk(dir);
  return Promise.all(
    paths.map(async (p): Promise<SourceFile> => ({ path: display(p), content: await readFile(fsPath(p)) })),
  );
}

/** A mystery's Twee files alone, in walk order (what its StoryData, title and passages are read
 *  from, without reading its pictures and code), with no check that `dir` is a mystery. */
export async function readTweeFiles(dir: string): Promise<SourceFile[]> {
  const files = (await walk(dir)).filter(isTweeFile);
  const contents = await Promise.all(files.map((f) => readFile(fsPath(f))));
  return contents.map((content, i) => ({ path: display(files[i]!), content }));
}
