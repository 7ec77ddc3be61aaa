// "Build these mysteries, then the index": the one loop of `npm run build` (commands/build.ts) and
// `npm run dev` (dev/rebuild.ts). Each mystery with pipeline/build-story.ts, one failing not
// stopping the others; for dev its story map too (overview/map.ts); then the page of all puzzles
// (puzzles.ts), which lists the mysteries that have a page. It sits in site/, not pipeline/, because
// the index is the site's and pipeline/ is below site/ and overview/. Each step is reported as it
// happens (onStep); what the commands say about the steps is in build-messages.ts, in one place.
import { stat } from "node:fs/promises";
import path from "node:path";
import type { MacroSpec } from "../../macros/define.js";
import type { Bundle } from "../bundle/bundle.js";
import { type BuildMode, type BuildTarget, mysteryTarget } from "../compile/build-inputs.js";
import { mapFile, writeMap } from "../overview/map.js";
import { type BuildResult, buildStory, type Compiler } from "../pipeline/build-story.js";
import { mysteryIfids, sharedIfidChecks } from "../lint/ifids.js";
import { type Diagnostic, toBuildError } from "../shared/diagnostic.js";
import { BuildErrors } from "../shared/errors.js";
import { writeVia } from "../shared/output.js";
import { buildIndex, type IndexResult } from "./puzzles.js";

export interface BuildAllOptions {
  readonly stories: string;
  readonly out: string;
  readonly mode: BuildMode;
  /** The macros and styles bundled, and their specs: the same for every mystery. */
  readonly code: { readonly bundle: Bundle; readonly specs: readonly MacroSpec[] };
  readonly compiler: Compiler;
  /** Write the index after the mysteries (a play build's); asked when they are built (npm run dev: a save meanwhile may make it due). */
  readonly index: boolean | (() => boolean);
  /** Draw each built mystery's story map too, and link the maps from the index (npm run dev). */
  readonly maps?: boolean;
  /** Asked when a page is built: false throws it away, keeping the last (npm run dev: an input changed meanwhile). */
  readonly keep?: () => Promise<boolean>;
  /** A mystery whose folder is gone is skipped, not failed (npm run dev, when it builds every folder). */
  readonly skipGone?: boolean;
  readonly onStep: (step: Step) => void;
}

export type Step =
  /** `ms`: the mystery's own build, to its page in place. */
  | { readonly kind: "built"; readonly mystery: string; readonly result: BuildResult; readonly ms: number }
  | { readonly kind: "thrown-away"; readonly mystery: string; readonly outFile: string }
  | { readonly kind: "gone"; readonly mystery: string }
  /** `outFile`: the page left as it was (none when the name cannot be a mystery's). */
  | { readonly kind: "failed"; readonly mystery: string; readonly outFile?: string; readonly error: unknown }
  /** `error`, when it could not be drawn. */
  | { readonly kind: "map"; readonly mystery: string; readonly file: string; readonly error?: unknown }
  | { readonly kind: "index"; readonly index: IndexResult }
  | { readonly kind: "index-failed"; readonly file: string; readonly error: unknown };

const isDir = async (dir: string) => (await stat(dir).catch(() => null))?.isDirectory() ?? false;

/** Builds each of `mysteries`, then (if asked) the index, reporting every step. Rejects only on a bug of ours. */
export async function buildAll(mysteries: readonly string[], o: BuildAllOptions): Promise<void> {
  // Two mysteries with one IFID (a copied folder) would share their players' progress and Twine's
  // library slot: each such mystery fails, as the lint says, whichever of them is asked for.
  const sharedIfid = new Map<string, Diagnostic[]>();
  for (const { mystery, diagnostic } of sharedIfidChecks(await mysteryIfids(o.stories)))
    sharedIfid.set(mystery, [...(sharedIfid.get(mystery) ?? []), diagnostic]);
  for (const mystery of mysteries) {
    // process.hrtime, not performance.now(): the global `performance` loads perf_hooks.
    const started = process.hrtime.bigint();
    let target: BuildTarget;
    try {
      target = { ...mysteryTarget(mystery, o.stories, o.out, o.mode), bundle: o.code.bundle, specs: o.code.specs };
    } catch (error) {
      o.onStep({ kind: "failed", mystery, error }); // a folder name that cannot be a mystery's
      continue;
    }
    if (o.skipGone && !(await isDir(target.dir))) {
      o.onStep({ kind: "gone", mystery });
      continue;
    }
    const clash = sharedIfid.get(mystery);
    if (clash) {
      const error = new BuildErrors(clash.map(toBuildError));
      o.onStep({ kind: "failed", mystery, outFile: target.outFile, error });
      continue;
    }
    let result: BuildResult | undefined;
    try {
      result = o.keep ? await buildKept(target, o, o.keep) : await buildStory(target, o.compiler, o.mode);
    } catch (error) {
      o.onStep({ kind: "failed", mystery, outFile: target.outFile, error });
      continue;
    }
    if (!result) {
      o.onStep({ kind: "thrown-away", mystery, outFile: target.outFile });
      continue;
    }
    o.onStep({ kind: "built", mystery, result, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6) });
    if (o.maps) {
      // Its story map, from the same sources (npm run map), linked from the index.
      const file = mapFile(o.stories, mystery);
      const failed = await writeMap(target.dir, file).then(
        () => undefined,
        (error: unknown) => ({ error }),
      );
      o.onStep({ kind: "map", mystery, file, ...failed });
    }
  }
  if (!(typeof o.index === "function" ? o.index() : o.index)) return;
  const file = path.join(o.out, "index.html");
  let index: IndexResult;
  try {
    index = await buildIndex(o.stories, o.out, { maps: o.maps }, o.code.specs);
  } catch (error) {
    return o.onStep({ kind: "index-failed", file, error });
  }
  o.onStep({ kind: "index", index });
}

/** Built beside the page (a hidden name the dev server does not serve), put in place only if `keep` says so: its result, or undefined when thrown away. */
async function buildKept(
  target: BuildTarget,
  o: BuildAllOptions,
  keep: () => Promise<boolean>,
): Promise<BuildResult | undefined> {
  let result: BuildResult | undefined;
  const kept = await writeVia(
    target.outFile,
    async (temp) => {
      result = { ...(await buildStory({ ...target, outFile: temp }, o.compiler, o.mode)), outFile: target.outFile };
      return keep();
    },
    "dev",
  );
  return kept ? result : undefined;
}
