// What npm run dev's builder reports after each build (an Outcome: written, failed, still failing),
// what it is given (RebuildOptions), and how two outcomes merge into one report.
import type { MacroSpec } from "../../macros/define.js";
import type { Compiler } from "../pipeline/build-story.js";
import type { BundleEntries } from "../bundle/bundle.js";
import type { Diagnostic } from "../lint/lint.js";

export interface RebuildOptions {
  readonly stories: string;
  readonly out: string;
  /** Only these mysteries (`npm run dev -- <mystery>…`); every folder under `stories` when empty. */
  readonly only: readonly string[];
  /** A choice, or one already resolved (npm run dev resolves it first, to say which it uses). */
  readonly compiler: Compiler;
  readonly entries: BundleEntries;
  /** Called after every build, in order (a failing one once its files have stopped changing). */
  readonly onDone: (outcome: Outcome) => void;
}

/** Something that failed, and what it was: "macros and styles", "index", or a mystery's name. */
export interface Problem {
  readonly source: string;
  readonly error: unknown;
  /** The output left as it was, if any. */
  readonly outFile?: string;
}

export interface Outcome {
  /** The first, full build. */
  readonly first: boolean;
  /** The changed files (absolute paths) this build was for; empty for the first. */
  readonly changed: readonly string[];
  /** Files written, each with the ms from the start of this build to its rename. */
  readonly written: readonly {
    readonly file: string;
    readonly ms: number;
    readonly warnings?: readonly Diagnostic[];
  }[];
  /** What failed in this build. */
  readonly failed: readonly Problem[];
  /** Everything failing now: this build's failures and earlier ones not fixed yet. */
  readonly problems: readonly Problem[];
}

export interface Rebuilder {
  /** Notes changed paths and builds what they affect (everything, the first time); resolves when built. */
  changed(paths: Iterable<string>): Promise<void>;
  /** Waits for the build in progress, then stops esbuild. */
  dispose(): Promise<void>;
  /** The macro specs of the last build whose macros loaded (undefined while they do not). */
  specs(): readonly MacroSpec[] | undefined;
}

/** Two outcomes (a held failure, then the build after it) as one report. */
export function merge(a: Outcome, b: Outcome): Outcome {
  const later = new Set(b.written.map((w) => w.file));
  return {
    first: a.first || b.first,
    changed: [...new Set([...a.changed, ...b.changed])],
    written: [...a.written.filter((w) => !later.has(w.file)), ...b.written],
    failed: b.failed,
    problems: b.problems,
  };
}
