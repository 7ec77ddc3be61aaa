// npm run dev's builder: which outputs a batch of changed paths affects, built with build.ts's
// buildStory (so the dev loop checks exactly what npm run build checks) and one long-lived
// esbuild context for the macros and styles. One build at a time: changes that arrive during a
// build are built together right after it. Never rejects; failures are reported as problems.
import { stat } from "node:fs/promises";
import path from "node:path";
import { type BuildTarget, buildStory, type Compiler, listMysteries, mysteryTarget, resolveCompiler } from "./build.js";
import { type Bundle, type BundleEntries, createBundler } from "./bundle.js";
import type { Diagnostic } from "./lint/lint.js";
import { mapFile, writeMap } from "./map-cli.js";
import { isInside } from "./paths.js";
import { INDEX_FILES, writeIndex } from "./puzzles.js";
import { isSourceFile } from "./sources.js";
import { ROUTE_FILE } from "./usual-route.js";

export interface RebuildOptions {
  readonly stories: string;
  readonly out: string;
  /** Only these mysteries (`npm run dev -- <mystery>…`); every folder under `stories` when empty. */
  readonly only: readonly string[];
  /** A choice, or one already resolved (npm run dev resolves it first, to say which it uses). */
  readonly compiler: Compiler;
  readonly entries: BundleEntries;
  /** Called after every build, in order. */
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
  /** Files written, each with the ms from the start of this build to its rename. */
  readonly written: readonly { readonly file: string; readonly ms: number; readonly warnings?: readonly Diagnostic[] }[];
  /** What failed in this build. */
  readonly failed: readonly Problem[];
  /** Everything failing now: this build's failures and earlier ones not fixed yet. */
  readonly problems: readonly Problem[];
}

export interface Rebuilder {
  /** Notes changed paths and builds what they affect (everything, the first time). */
  changed(paths: Iterable<string>): Promise<void>;
  /** Waits for the build in progress, then stops esbuild. */
  dispose(): Promise<void>;
}

const BUNDLE = "macros and styles";
const INDEX = "index";
const CODE = /\.(ts|tsx|mts|js|mjs|css|json)$/i;

/** Files the build reads from a mystery folder; a path without an extension may be a folder. */
const storyInput = (file: string) =>
  isSourceFile(file) || [...INDEX_FILES, ROUTE_FILE].includes(path.basename(file)) || path.extname(file) === "";

export async function createRebuilder(options: RebuildOptions): Promise<Rebuilder> {
  const { stories, out, only, entries } = options;
  const compiler = await resolveCompiler(options.compiler);
  const bundler = await createBundler(entries);
  const codeDirs = [path.dirname(entries.macros), path.dirname(entries.styles)];
  const problems = new Map<string, Problem>();
  let bundle: Bundle | undefined;
  // What needs building; everything at first.
  let dirtyBundle = true;
  let dirtyAll = true;
  let dirtyIndex = true;
  const dirty = new Set<string>();
  let first = true;

  function note(file: string): void {
    if (codeDirs.some((dir) => isInside(dir, file)) && (CODE.test(file) || path.extname(file) === "")) {
      dirtyBundle = dirtyAll = true;
    }
    if (!isInside(stories, file) || !storyInput(file)) return;
    const mystery = path.relative(stories, file).split(path.sep)[0]!;
    if (only.length > 0 && !only.includes(mystery)) return;
    dirty.add(mystery);
    dirtyIndex = true;
  }

  async function mysteriesToBuild(): Promise<string[]> {
    const names = dirtyAll ? (only.length > 0 ? [...only] : await listMysteries(stories)) : [...dirty].sort();
    dirtyAll = false;
    dirty.clear();
    return names;
  }

  const isDir = async (dir: string) => (await stat(dir).catch(() => null))?.isDirectory() ?? false;

  async function build(): Promise<Outcome> {
    const started = performance.now();
    const written: { file: string; ms: number; warnings?: readonly Diagnostic[] }[] = [];
    const failed: Problem[] = [];
    const fail = (key: string, problem: Problem) => {
      problems.set(key, problem);
      failed.push(problem);
    };
    const wrote = (file: string, warnings?: readonly Diagnostic[]) =>
      written.push({ file, ms: Math.round(performance.now() - started), warnings });

    if (dirtyBundle) {
      try {
        dirtyBundle = false;
        bundle = await bundler.rebuild();
        problems.delete(BUNDLE);
      } catch (error) {
        // Nothing is built until the macros and styles bundle again; then everything is.
        dirtyBundle = dirtyAll = true;
        fail(BUNDLE, { source: BUNDLE, error });
      }
    }
    if (bundle && !dirtyBundle) {
      let names: string[] = [];
      try {
        names = await mysteriesToBuild();
      } catch (error) {
        fail("stories", { source: stories, error });
      }
      for (const mystery of names) {
        const key = `mystery:${mystery}`;
        const target: BuildTarget = { ...mysteryTarget(mystery, stories, out), bundle };
        // A folder deleted since: nothing to build, nothing failing. A named one is still reported.
        if (only.length === 0 && !(await isDir(target.dir))) {
          problems.delete(key);
          continue;
        }
        try {
          const { warnings } = await buildStory(target, compiler, "play");
          problems.delete(key);
          wrote(target.outFile, warnings);
        } catch (error) {
          fail(key, { source: mystery, error, outFile: target.outFile });
          continue;
        }
        // Its story map, from the same sources (npm run map), linked from the index.
        const map = mapFile(out, mystery);
        try {
          await writeMap(target.dir, map);
          problems.delete(`map:${mystery}`);
          wrote(map);
        } catch (error) {
          fail(`map:${mystery}`, { source: `${mystery} (story map)`, error, outFile: map });
        }
      }
    }
    if (dirtyIndex) {
      dirtyIndex = false;
      try {
        wrote(await writeIndex(stories, out, { maps: true }));
        problems.delete(INDEX);
      } catch (error) {
        fail(INDEX, { source: INDEX, error, outFile: path.join(out, "index.html") });
      }
    }
    const outcome: Outcome = { first, written, failed, problems: [...problems.values()] };
    first = false;
    return outcome;
  }

  // The build in progress (or a resolved promise), and the one waiting to start after it.
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;

  function run(): Promise<void> {
    queued = undefined;
    return build().then(
      (outcome) => {
        try {
          options.onDone(outcome);
        } catch (error) {
          console.error(error);
        }
      },
      (error: unknown) => console.error(error), // a bug here must not stop the dev loop
    );
  }

  return {
    changed(paths) {
      for (const file of paths) note(path.resolve(file));
      // Changes noted now are picked up by the waiting build, if there is one.
      if (!queued) {
        queued = tail.then(run);
        tail = queued;
      }
      return queued;
    },
    async dispose() {
      await tail;
      await bundler.dispose();
    },
  };
}
