// The build mark: one comment line at the top of the macros' chunk of the Story JavaScript that
// says which build this is, so `npm run import` can find what Twine was given (Twine keeps the
// Story JavaScript exactly as it is, through its library, Publish to File and Export as Twee).
// It is made of hashes of what decides the published story, never of a time or a commit, so the
// same files always give the same bytes, with either compiler:
//   story       the mystery's own files (names and bytes), as they are on disk and in git;
//   script      our macros' bundle as embedded (the mark line not included);
//   stylesheet  our styles as embedded.
// A Twine copy whose macros or styles hash otherwise was edited there. Pure.
import { createHash } from "node:crypto";
import path from "node:path";
import type { SourceFile } from "../sources/sources.js";

export interface BuildMark {
  readonly story: string;
  readonly script: string;
  readonly stylesheet: string;
}

/** A file of the mystery as the mark hashes it: its path inside the mystery's folder ("/"), its bytes. */
export interface OwnFile {
  readonly path: string;
  readonly content: Buffer;
}

export const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** The hash of a mystery's own files: order-free (sorted by path), so a walk and git agree. */
export function storyHash(files: readonly OwnFile[]): string {
  const hash = createHash("sha256");
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${f.path}\0${f.content.length}\0`);
    hash.update(f.content);
  }
  return hash.digest("hex").slice(0, 16);
}

/** Hashes of code text (the bundle, the styles), trimmed as Twine's Twee import trims: short, it is
 *  only compared with a copy of the same text. */
export const codeHash = (text: string): string => sha256(text.trim()).slice(0, 12);

/** The mystery's files (as readSources gives them) with their paths inside `dir`. */
export const ownFiles = (files: readonly SourceFile[], dir: string, root: string): OwnFile[] =>
  files.map((f) => ({
    path: path.relative(dir, path.resolve(root, f.path)).split(path.sep).join("/"),
    content: f.content,
  }));

export function buildMark(own: readonly OwnFile[], script: string, stylesheet: string): BuildMark {
  return { story: storyHash(own), script: codeHash(script), stylesheet: codeHash(stylesheet) };
}

const LINE =
  /^\/\* Built by twine-debugging-mysteries, build ([0-9a-f]{16})\.([0-9a-f]{12})\.([0-9a-f]{12}): [^\n]*\*\/$/m;

/** The mark's line: what it is, for an author who sees it in Twine's Story JavaScript. */
export const markLine = (mark: BuildMark): string =>
  `/* Built by twine-debugging-mysteries, build ${mark.story}.${mark.script}.${mark.stylesheet}: npm run import reads this line to find what Twine was given. Keep it. */`;

/** The macros' chunk as embedded: the mark line, then the bundle. */
export const markedScript = (mark: BuildMark, script: string): string => `${markLine(mark)}\n${script}`;

/** The mark in a Story JavaScript (anywhere in it), and the text around its line. */
export function readMark(script: string): { mark: BuildMark; before: string; after: string } | undefined {
  const m = LINE.exec(script);
  if (!m) return undefined;
  const end = m.index + m[0].length;
  return {
    mark: { story: m[1]!, script: m[2]!, stylesheet: m[3]! },
    before: script.slice(0, m.index),
    after: script.slice(script[end] === "\n" ? end + 1 : end),
  };
}
