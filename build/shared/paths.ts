// build/shared/: small helpers every folder uses (paths, errors, diagnostics, atomic writes, folder
// walks, mystery names). Imports nothing of build/.
//
// Where things live, relative to the project root (the folder above build/).
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const storiesDir = path.join(root, "story");
/** What is published, and nothing else: "upload dist/" is the whole instruction (README's Publishing). */
export const distDir = path.join(root, "dist");
/**
 * Outputs for the author or the tests that are not published (story maps, the tests' second
 * builds): a project's `.cache/`, never its dist/. `stories` is the project's stories folder: the
 * project is the folder that holds it (scratch copies in tests are projects of their own).
 */
export const unpublishedDir = (kind: string, stories = storiesDir): string =>
  path.join(path.dirname(path.resolve(stories)), ".cache", kind);
export const macrosEntry = path.join(root, "macros", "index.ts");
export const stylesEntry = path.join(root, "styles", "index.css");

/** For messages: a path relative to the root, with forward slashes. */
export const display = (file: string) => path.relative(root, file).split(path.sep).join("/");

/** For messages: paths in the project as display() gives them, others (temp folders) in full. */
export const shown = (file: string) => (isInside(root, file) ? display(file) : file);

/** Whether `file` is below `dir` (not `dir` itself, not outside it, not via ..). */
export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
