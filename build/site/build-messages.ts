// What npm run build and npm run dev say about building the site (build-all.ts's steps), in one
// place, so the two say the same things the same way. Pure.
import type { BuildMode } from "../compile/build-inputs.js";
import type { BuildResult } from "../pipeline/build-story.js";
import { shown } from "../shared/paths.js";
import type { IndexResult } from "./puzzles.js";

/** `built dist/x.html (120 KiB, 40 passages) with native (…), SugarCube 2.37.3, in 800 ms` */
export const builtLine = (r: BuildResult, mode: BuildMode, ms: number) =>
  `built ${shown(r.outFile)} (${(r.bytes / 1024).toFixed(0)} KiB, ${r.passages} passages) ` +
  `with ${r.compiler}, ${r.format}${mode === "test" ? " (debug mode)" : ""}, in ${ms} ms`;

/** A page written by npm run dev, `ms` after its build began. */
export const rebuiltLine = (file: string, ms: number, first: boolean) =>
  `${first ? "built" : "rebuilt"} ${shown(file)} in ${ms} ms`;

export const failedLine = (mystery: string, outFile: string) =>
  `build of ${mystery} failed; ${shown(outFile)} is left as it was`;

/** npm run dev's note after a failure: what was left as it was. */
export const keptLine = (outFiles: readonly string[], out: string) =>
  outFiles.length > 0
    ? `${outFiles.map(shown).join(" and ")} left as ${outFiles.length > 1 ? "they were" : "it was"}`
    : `nothing rebuilt; ${shown(out)}/ left as it was`;

/** When the macros or styles do not load: nothing is built. */
export const nothingBuiltLine = (out: string) => `nothing built; ${shown(out)}/ is left as it was`;

/** `built dist/index.html (all puzzles: a, b; not listed: c)` */
export function indexLine(index: IndexResult): string {
  const offPage = [...index.unbuilt, ...index.unreadable.map((u) => u.mystery)];
  return `built ${shown(index.file)} (all puzzles: ${index.listed.join(", ") || "none yet"}${offPage.length ? `; not listed: ${offPage.join(", ")}` : ""})`;
}

/** The note on the error that kept a mystery off the index. */
export const leftOffNote = (mystery: string, indexFile: string) =>
  `mystery "${mystery}" was read for ${shown(indexFile)} (its title and teaser) and is left off it`;
