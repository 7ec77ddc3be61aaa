// A scratch copy of a mystery that a test may break or edit: story/<mystery> under a temp folder.
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root, storiesDir } from "../../build/shared/paths.js";

export interface Scratch {
  /** The temp `story/` folder (pass as --stories). */
  readonly stories: string;
  /** A temp `dist/` folder (pass as --out). */
  readonly out: string;
  /** The copied mystery's folder. */
  readonly dir: string;
}

export function scratchStory(mystery = "50ms-request"): Scratch {
  const base = mkdtempSync(path.join(os.tmpdir(), `${mystery}-`));
  const stories = path.join(base, "story");
  cpSync(path.join(storiesDir, mystery), path.join(stories, mystery), { recursive: true });
  return { stories, out: path.join(base, "dist"), dir: path.join(stories, mystery) };
}

/** Sets the SugarCube version a mystery's StoryData (in its special.twee) names, as an author moving it to another one would. */
export function setSugarcube(dir: string, version: string): void {
  const file = path.join(dir, "special.twee");
  const text = readFileSync(file, "utf8");
  const moved = text.replace(/("format-version"\s*:\s*)"[^"]*"/, (_, key: string) => `${key}"${version}"`);
  if (!moved.includes(`"format-version": "${version}"`)) throw new Error(`${file} has no "format-version" to set`);
  writeFileSync(file, moved);
}

/** Scratch copies of several mysteries in one temp `story/` folder (for an archive of them all). */
export function scratchStories(names: readonly string[]): {
  stories: string;
  out: string;
  dirs: Record<string, string>;
} {
  const base = mkdtempSync(path.join(os.tmpdir(), "stories-"));
  const stories = path.join(base, "story");
  const dirs: Record<string, string> = {};
  for (const name of names) {
    dirs[name] = path.join(stories, name);
    cpSync(path.join(storiesDir, name), dirs[name], { recursive: true });
  }
  return { stories, out: path.join(base, "dist"), dirs };
}

/** Every file under `dir`: path → content (latin1 by default: every byte as it is). */
export function snapshot(dir: string, encoding: BufferEncoding = "latin1"): Map<string, string> {
  const files = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isDirectory())
      files.set(
        path.relative(dir, path.join(e.parentPath, e.name)),
        readFileSync(path.join(e.parentPath, e.name), encoding),
      );
  }
  return files;
}

/** A copy of the project that a test may edit (its code, macros, styles, and one mystery), with
 *  node_modules linked: its commands run as they would in a fresh checkout of it. */
export function scratchProject(mystery: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "project-"));
  for (const part of ["build", "macros", "styles", "package.json", "tsconfig.json"])
    cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
  cpSync(path.join(storiesDir, mystery), path.join(dir, "story", mystery), { recursive: true });
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** A scratch copy of a mystery, built once (dist/, and the build's record in .cache/): its HTML, and
 *  the folder to copy for each test that edits it (copyBuilt), so a file of such tests builds once. */
export async function builtScratch(mystery: string): Promise<{ base: string; html: string }> {
  const { buildStory } = await import("../../build/pipeline/build-story.js");
  const { mysteryTarget } = await import("../../build/compile/build-inputs.js");
  const s = scratchStory(mystery);
  const { outFile } = await buildStory(mysteryTarget(mystery, s.stories, s.out), "native");
  return { base: path.dirname(s.stories), html: readFileSync(outFile, "utf8") };
}

/** A fresh copy of a builtScratch folder. */
export function copyBuilt(base: string, mystery: string): Scratch {
  const copy = mkdtempSync(path.join(os.tmpdir(), `${mystery}-`));
  cpSync(base, copy, { recursive: true });
  return { stories: path.join(copy, "story"), out: path.join(copy, "dist"), dir: path.join(copy, "story", mystery) };
}
