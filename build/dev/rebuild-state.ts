// What npm run dev's builder knows between builds, as one value, and how each event changes it:
// a saved file noted (what it makes due), a build begun, the macros and styles loaded or not, the
// mysteries and the index taken for building, each step of site/build-all.ts done, the build
// finished (its Outcome), and the report held back or delivered. Pure: rebuild.ts does the I/O
// (files, esbuild, timers) around it and keeps the one current value.
import path from "node:path";
import type { MacroSpec } from "../../macros/define.js";
import type { Bundle } from "../bundle/bundle.js";
import { HEAD_FILE } from "../sources/mystery-files.js";
import { isSourceFile } from "../sources/sources.js";
import { ROUTE_FILE } from "../overview/usual-route.js";
import { withNote } from "../shared/errors.js";
import { isInside } from "../shared/paths.js";
import type { Step } from "../site/build-all.js";
import { leftOffNote } from "../site/build-messages.js";
import { INDEX_FILES } from "../site/puzzles.js";
import { merge, type Outcome, type Problem } from "./outcome.js";

export const BUNDLE = "macros and styles";
const INDEX = "index";

export interface Code {
  readonly bundle: Bundle;
  readonly specs: readonly MacroSpec[];
}

type Written = Outcome["written"][number];

export interface RebuildState {
  /** Due: the macros and styles bundled again, and (with them) their specs read again. */
  readonly bundle: boolean;
  readonly specs: boolean;
  /** Due: every mystery, these ones (sorted), the index. */
  readonly all: boolean;
  readonly mysteries: readonly string[];
  readonly index: boolean;
  /** The macros and styles last loaded; none while they fail to (then nothing else is built). */
  readonly code?: Code;
  /** No build has finished yet: the next one is the first, full build. */
  readonly first: boolean;
  /** The changed files noted since the last build began, which the next one is for. */
  readonly changed: readonly string[];
  /** The build in progress: the files it is for, what it wrote and what failed. */
  readonly building?: {
    readonly changed: readonly string[];
    readonly written: readonly Written[];
    readonly failed: readonly Problem[];
  };
  /** Everything failing now, by what failed: BUNDLE, "stories", "mystery:<m>", "map:<m>", "index", "index:<m>". */
  readonly problems: ReadonlyMap<string, Problem>;
  /** A report held back: another build is due, or a failure while its files may still change. */
  readonly held?: Outcome;
}

/** Everything due: the first build. */
export const initialState: RebuildState = {
  bundle: true,
  specs: true,
  all: true,
  mysteries: [],
  index: true,
  first: true,
  changed: [],
  problems: new Map(),
};

/** What npm run dev watches, to tell what a changed file affects. */
export interface Watched {
  readonly stories: string;
  /** Only these mysteries; every one when empty. */
  readonly only: readonly string[];
  readonly macrosDir: string;
  readonly stylesDir: string;
}

const CODE = /\.(ts|tsx|mts|js|mjs|css|json)$/i;
/** Files the build reads from a mystery folder; a path without an extension may be a folder. */
const storyInput = (file: string) =>
  isSourceFile(file) || [...INDEX_FILES, ROUTE_FILE].includes(path.basename(file)) || path.extname(file) === "";

/** Notes a changed file (an absolute path): what it makes due. `matters` is false when it affects nothing built. */
export function noteFile(s: RebuildState, file: string, w: Watched): { state: RebuildState; matters: boolean } {
  let next = s;
  const due = (change: Partial<RebuildState>) => void (next = { ...next, ...change });
  if ([w.macrosDir, w.stylesDir].some((dir) => isInside(dir, file)) && (CODE.test(file) || path.extname(file) === "")) {
    due({ bundle: true, all: true, ...(isInside(w.macrosDir, file) ? { specs: true } : {}) });
  }
  if (path.resolve(file) === path.join(w.stories, HEAD_FILE)) {
    due({ all: true, index: true }); // the project's head content: every page's
  } else if (isInside(w.stories, file) && storyInput(file)) {
    const mystery = path.relative(w.stories, file).split(path.sep)[0]!;
    if (w.only.length === 0 || w.only.includes(mystery)) {
      due({ mysteries: [...new Set([...next.mysteries, mystery])].sort(), index: true });
    }
  }
  if (next === s) return { state: s, matters: false };
  return {
    state: { ...next, changed: next.changed.includes(file) ? next.changed : [...next.changed, file] },
    matters: true,
  };
}

/** Whether anything is due; nothing but the macros and styles while they do not load. */
export const needsBuild = (s: RebuildState) =>
  s.bundle || (s.code !== undefined && (s.all || s.mysteries.length > 0 || s.index));

/** A build begins: it is for the files noted so far. */
export const beginBuild = (s: RebuildState): RebuildState => ({
  ...s,
  changed: [],
  building: { changed: s.changed, written: [], failed: [] },
});

/** The macros and styles, if due, are taken for building: `load` says whether their specs too. */
export function takeBundle(s: RebuildState): { state: RebuildState; load?: { specs: boolean } } {
  if (!s.bundle) return { state: s };
  return { state: { ...s, bundle: false, specs: false }, load: { specs: s.specs || !s.code } };
}

export const bundleLoaded = (s: RebuildState, code: Code): RebuildState => ({
  ...s,
  code,
  problems: without(s.problems, BUNDLE),
});

/** Nothing is built until the macros and styles load again; then everything is. */
export const bundleFailed = (s: RebuildState, error: unknown): RebuildState => {
  const { code: _, ...rest } = s;
  return failed({ ...rest, all: true }, BUNDLE, { source: BUNDLE, error });
};

/** The mysteries due, taken for building: every one (the caller lists them) or these. */
export function takeMysteries(s: RebuildState): { state: RebuildState; take: "all" | readonly string[] } {
  return { state: { ...s, all: false, mysteries: [] }, take: s.all ? "all" : s.mysteries };
}

/** The index, taken for building if due. */
export const takeIndex = (s: RebuildState): { state: RebuildState; due: boolean } => ({
  state: { ...s, index: false },
  due: s.index,
});

/** Something failed in this build: it is a problem until the same key succeeds. */
export function failed(s: RebuildState, key: string, problem: Problem): RebuildState {
  const building = s.building && { ...s.building, failed: [...s.building.failed, problem] };
  return { ...s, problems: new Map(s.problems).set(key, problem), ...(building ? { building } : {}) };
}

const without = (problems: ReadonlyMap<string, Problem>, ...keys: string[]) => {
  const next = new Map(problems);
  for (const key of keys) next.delete(key);
  return next;
};

function wrote(s: RebuildState, written: Written): RebuildState {
  return s.building ? { ...s, building: { ...s.building, written: [...s.building.written, written] } } : s;
}

/** A step of site/build-all.ts done, `ms` after the build began. */
export function stepDone(s: RebuildState, step: Step, ms: number): RebuildState {
  switch (step.kind) {
    case "built": {
      const { outFile: file, warnings } = step.result;
      return wrote({ ...s, problems: without(s.problems, `mystery:${step.mystery}`) }, { file, ms, warnings });
    }
    case "thrown-away": // an input changed while it was built: the next build, already due, replaces it
      return s;
    case "gone": // a folder deleted since: nothing to build, nothing failing (a named one is still reported)
      return { ...s, problems: without(s.problems, `mystery:${step.mystery}`) };
    case "failed":
      return failed(s, `mystery:${step.mystery}`, {
        source: step.mystery,
        error: step.error,
        ...(step.outFile ? { outFile: step.outFile } : {}),
      });
    case "map":
      if ("error" in step)
        return failed(s, `map:${step.mystery}`, {
          source: `${step.mystery} (story map)`,
          error: step.error,
          outFile: step.file,
        });
      return wrote({ ...s, problems: without(s.problems, `map:${step.mystery}`) }, { file: step.file, ms });
    case "index":
    case "index-failed": {
      // The index's problems are those of its last build.
      const cleared = {
        ...s,
        problems: without(s.problems, ...[...s.problems.keys()].filter((k) => k.startsWith(`${INDEX}:`))),
      };
      if (step.kind === "index-failed")
        return failed(cleared, INDEX, { source: INDEX, error: step.error, outFile: step.file });
      const { file, unreadable } = step.index;
      return unreadable.reduce(
        (t, { mystery, error }) =>
          failed(t, `${INDEX}:${mystery}`, { source: mystery, error: withNote(error, leftOffNote(mystery, file)) }),
        wrote({ ...cleared, problems: without(cleared.problems, INDEX) }, { file, ms }),
      );
    }
  }
}

/** The build is done: its outcome, with everything failing now. */
export function finishBuild(s: RebuildState): { state: RebuildState; outcome: Outcome } {
  const { building = { changed: [], written: [], failed: [] }, ...rest } = s;
  return {
    state: { ...rest, first: false },
    outcome: { first: s.first, ...building, problems: [...s.problems.values()] },
  };
}

/** A bug of ours stopped the build: nothing more is due until the next change (rather than build in a circle). */
export const abandonBuild = (s: RebuildState): RebuildState => {
  const { building: _, ...rest } = s;
  return { ...rest, bundle: false, all: false, mysteries: [], index: false };
};

/**
 * A finished build's outcome, with any held one before it: held back when another build is due at
 * once (a file changed during this one: the two are reported together), or when it has a failure
 * while files may still change (a half-written save: the next check decides); else delivered.
 */
export function report(
  s: RebuildState,
  outcome: Outcome,
  settled: boolean,
): { state: RebuildState; deliver?: Outcome } {
  const whole = s.held ? merge(s.held, outcome) : outcome;
  const { held: _, ...rest } = s;
  if (needsBuild(s) || (whole.failed.length > 0 && !settled)) return { state: { ...rest, held: whole } };
  return { state: rest, deliver: whole };
}

/** The files have settled with nothing due: a held report is delivered. */
export function release(s: RebuildState): { state: RebuildState; deliver?: Outcome } {
  const { held, ...rest } = s;
  return held ? { state: rest, deliver: held } : { state: s };
}
