// npm run dev's builder: which outputs a batch of changed paths affects, built with build.ts's
// buildStory (so the dev loop checks exactly what npm run build checks, with the macro specs
// read again whenever macros/ changes) and long-lived esbuild contexts for the macros, their
// specs and the styles. One build at a time; changes that arrive during a build are built right
// after it. Never rejects; failures are reported as problems.
//
// No settle wait: a save is built at once. chokidar drops a second change to a file within 50 ms
// of the first (no event at all), so each changed file's content is noted when its build starts
// and checked again when the build ends and once more after that 50 ms window: if it differs,
// it is built again. "Save broken, then save fixed" within the window is therefore still built.
// A failure is reported only once its files have stopped changing (the editor may have been
// half-way through writing), so a save never flashes an error it does not have.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { MacroSpec } from "../macros/define.js";
import { type BuildTarget, buildStory, type CompilerChoice, listMysteries, mysteryTarget, resolveCompiler } from "./build.js";
import { type Bundle, type BundleEntries, createBundler } from "./bundle.js";
import { formatError, withNote } from "./errors.js";
import type { Diagnostic } from "./lint/lint.js";
import { createSpecLoader } from "./macro-specs.js";
import { isInside } from "./paths.js";
import { buildIndex, TEASER_FILE } from "./puzzles.js";
import { isSourceFile } from "./sources.js";

export interface RebuildOptions {
  readonly stories: string;
  readonly out: string;
  /** Only these mysteries (`npm run dev -- <mystery>…`); every folder under `stories` when empty. */
  readonly only: readonly string[];
  readonly compiler: CompilerChoice;
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
  readonly written: readonly { readonly file: string; readonly ms: number; readonly warnings?: readonly Diagnostic[] }[];
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
}

const BUNDLE = "macros and styles";
const INDEX = "index";
const CODE = /\.(ts|tsx|mts|js|mjs|css|json)$/i;
/** chokidar's window for dropping a second change (50 ms), and a little more. */
export const RECHECK_MS = 60;

/** Files the build reads from a mystery folder; a path without an extension may be a folder. */
const storyInput = (file: string) =>
  isSourceFile(file) || path.basename(file) === TEASER_FILE || path.extname(file) === "";

/** What a file holds now: its modification time, size and content. */
async function stampOf(file: string): Promise<string> {
  const s = await stat(file, { bigint: true }).catch(() => null);
  if (!s) return "missing";
  if (!s.isFile()) return s.isDirectory() ? "folder" : "other";
  const content = await readFile(file).catch(() => null);
  return content ? `${s.mtimeNs}:${s.size}:${createHash("sha1").update(content).digest("hex")}` : "missing";
}

/** Two outcomes (a held failure, then the build after it) as one report. */
function merge(a: Outcome, b: Outcome): Outcome {
  const later = new Set(b.written.map((w) => w.file));
  return {
    first: a.first || b.first,
    changed: [...new Set([...a.changed, ...b.changed])],
    written: [...a.written.filter((w) => !later.has(w.file)), ...b.written],
    failed: b.failed,
    problems: b.problems,
  };
}

export async function createRebuilder(options: RebuildOptions): Promise<Rebuilder> {
  const { stories, out, only, entries } = options;
  const compiler = await resolveCompiler(options.compiler);
  const [bundler, specLoader] = await Promise.all([createBundler(entries), createSpecLoader(entries.macros)]);
  const codeDirs = [path.dirname(entries.macros), path.dirname(entries.styles)];
  const problems = new Map<string, Problem>();
  let code: { bundle: Bundle; specs: MacroSpec[] } | undefined;
  // What needs building; everything at first.
  let dirtyBundle = true;
  let dirtyAll = true;
  let dirtyIndex = true;
  const dirty = new Set<string>();
  let first = true;
  /** Changed files not built yet: when each must be checked again (ms, performance.now()). */
  const noted = new Map<string, number>();
  /** Files built from the content in `stamp`, checked again at `due`. */
  const checking = new Map<string, { stamp: string; due: number }>();
  let changedNow = new Set<string>();
  let held: Outcome | undefined;

  /** Marks what `file` affects; false when it affects nothing built. */
  function note(file: string): boolean {
    let matters = false;
    if (codeDirs.some((dir) => isInside(dir, file)) && (CODE.test(file) || path.extname(file) === "")) {
      dirtyBundle = dirtyAll = matters = true;
    }
    if (isInside(stories, file) && storyInput(file)) {
      const mystery = path.relative(stories, file).split(path.sep)[0]!;
      if (only.length === 0 || only.includes(mystery)) {
        dirty.add(mystery);
        dirtyIndex = matters = true;
      }
    }
    if (matters) {
      noted.set(file, performance.now() + RECHECK_MS);
      changedNow.add(file);
    }
    return matters;
  }

  const needsBuild = () => dirtyBundle || (code !== undefined && (dirtyAll || dirty.size > 0)) || dirtyIndex;

  async function mysteriesToBuild(): Promise<string[]> {
    const names = dirtyAll ? (only.length > 0 ? [...only] : await listMysteries(stories)) : [...dirty].sort();
    dirtyAll = false;
    dirty.clear();
    return names;
  }

  const isDir = async (dir: string) => (await stat(dir).catch(() => null))?.isDirectory() ?? false;

  async function build(changed: readonly string[]): Promise<Outcome> {
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
      dirtyBundle = false;
      try {
        const [bundle, specs] = await Promise.all([bundler.rebuild(), specLoader.load()]);
        code = { bundle, specs };
        problems.delete(BUNDLE);
      } catch (error) {
        // Nothing is built until the macros and styles load again; then everything is.
        code = undefined;
        dirtyAll = true;
        fail(BUNDLE, { source: BUNDLE, error });
      }
    }
    if (code && (dirtyAll || dirty.size > 0)) {
      let names: string[] = [];
      try {
        names = await mysteriesToBuild();
      } catch (error) {
        fail("stories", { source: stories, error });
      }
      for (const mystery of names) {
        const key = `mystery:${mystery}`;
        let target: BuildTarget;
        try {
          target = { ...mysteryTarget(mystery, stories, out), bundle: code.bundle, specs: code.specs };
        } catch (error) {
          fail(key, { source: mystery, error }); // a folder name that cannot be a mystery's
          continue;
        }
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
        }
      }
    }
    if (dirtyIndex) {
      dirtyIndex = false;
      for (const key of [...problems.keys()].filter((k) => k.startsWith(`${INDEX}:`))) problems.delete(key);
      try {
        const index = await buildIndex(stories, out);
        wrote(index.file);
        problems.delete(INDEX);
        for (const { mystery, error } of index.unreadable) {
          const why = `mystery "${mystery}" was read for the index page (its title and teaser) and is left off it`;
          fail(`${INDEX}:${mystery}`, { source: mystery, error: withNote(error, why) });
        }
      } catch (error) {
        fail(INDEX, { source: INDEX, error, outFile: path.join(out, "index.html") });
      }
    }
    const outcome: Outcome = { first, changed, written, failed, problems: [...problems.values()] };
    first = false;
    return outcome;
  }

  /** Files whose content is not what their build read are noted again; checked ones past their window are done. */
  async function recheck(): Promise<void> {
    const now = performance.now();
    for (const [file, { stamp, due }] of [...checking]) {
      if ((await stampOf(file)) !== stamp) {
        checking.delete(file);
        note(file);
      } else if (now >= due) checking.delete(file);
    }
  }

  function deliver(outcome: Outcome): void {
    held = undefined;
    try {
      options.onDone(outcome);
    } catch (error) {
      console.error(formatError(error));
    }
  }

  function report(outcome: Outcome): void {
    const whole = held ? merge(held, outcome) : outcome;
    // A failure while files may still change (a half-written save) waits for the next check.
    if (whole.failed.length > 0 && (checking.size > 0 || needsBuild())) held = whole;
    else deliver(whole);
  }

  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function loop(): Promise<void> {
    while (needsBuild()) {
      // Note what each changed file holds before the build reads it.
      for (const [file, due] of noted) checking.set(file, { stamp: await stampOf(file), due });
      noted.clear();
      const changed = [...changedNow];
      changedNow = new Set();
      let outcome: Outcome;
      try {
        outcome = await build(changed);
      } catch (error) {
        // A bug of ours: say so, and wait for the next change rather than build in a circle.
        console.error(formatError(error));
        dirtyBundle = dirtyAll = dirtyIndex = false;
        dirty.clear();
        continue;
      }
      await recheck();
      report(outcome);
    }
  }

  function kick(): Promise<void> {
    running ??= loop().finally(() => {
      running = undefined;
      schedule();
    });
    return running;
  }

  /** A timer for the next file to check again; it builds if the file changed, or reports a held failure. */
  function schedule(): void {
    clearTimeout(timer);
    if (checking.size === 0) return;
    const next = Math.min(...[...checking.values()].map((c) => c.due));
    timer = setTimeout(() => {
      if (running) return; // the loop schedules again when it ends
      void recheck().then(() => {
        if (running) return;
        if (needsBuild()) void kick();
        else if (checking.size > 0) schedule();
        else if (held) deliver(held);
      });
    }, Math.max(0, next - performance.now()) + 1);
  }

  return {
    changed(paths) {
      for (const file of paths) note(path.resolve(file));
      return kick();
    },
    async dispose() {
      clearTimeout(timer);
      await running;
      await Promise.all([bundler.dispose(), specLoader.dispose()]);
    },
  };
}
