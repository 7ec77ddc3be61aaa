// npm run dev's builder: which outputs a batch of changed paths affects, built with pipeline/build-story.ts's
// buildStory (so the dev loop checks exactly what npm run build checks, with the macro specs
// read again whenever macros/ changes) and long-lived esbuild contexts for the macros, their
// specs and the styles. One build at a time; changes that arrive during a build are built right
// after it. Never rejects; failures are reported as problems.
//
// No settle wait: a save is built at once. chokidar drops a second change to a file within 50 ms
// of the first (no event at all), so each changed file is checked again when its build ends and
// once more after that window (changes.ts): if it differs, it is built again. "Save broken, then
// save fixed" within the window is therefore still built. An editor that writes in place
// truncates the file first: a changed file found empty is looked at again every 2 ms and built
// once it has content (or, still empty, once the window has passed: a real empty file is rare,
// a half-written one is not). A build whose input files changed while it ran is thrown away, not
// put in the out folder, and a failure is reported only once its files have stopped changing.
// So a save never shows an error, or a page, that it does not have.
import { rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { MacroSpec } from "../../macros/define.js";
import { buildStory, resolveCompiler } from "../pipeline/build-story.js";
import { listMysteries } from "../sources/mystery-files.js";
import { type BuildTarget, mysteryTarget } from "../compile/build-inputs.js";
import { type Bundle, createBundler } from "../bundle/bundle.js";
import { merge, type Outcome, type Problem, type RebuildOptions, type Rebuilder } from "./outcome.js";
import { ChangedFiles } from "./changes.js";
import { formatError, withNote } from "../shared/errors.js";
import type { Diagnostic } from "../lint/lint.js";
import { createSpecLoader } from "../bundle/macro-specs.js";
import { mapFile, writeMap } from "../overview/map.js";
import { isInside } from "../shared/paths.js";
import { buildIndex, INDEX_FILES } from "../site/puzzles.js";
import { trace } from "./trace.js";
import { isSourceFile } from "../sources/sources.js";
import { ROUTE_FILE } from "../overview/usual-route.js";
import { HEAD_FILE } from "../sources/mystery-files.js";

const BUNDLE = "macros and styles";
/** How often a changed file found empty is looked at again. */
const POLL_MS = 2;
const INDEX = "index";
const CODE = /\.(ts|tsx|mts|js|mjs|css|json)$/i;
/** Files the build reads from a mystery folder; a path without an extension may be a folder. */
const storyInput = (file: string) =>
  isSourceFile(file) || [...INDEX_FILES, ROUTE_FILE].includes(path.basename(file)) || path.extname(file) === "";

export async function createRebuilder(options: RebuildOptions): Promise<Rebuilder> {
  const { stories, out, only, entries } = options;
  const compiler = await resolveCompiler(options.compiler);
  const [bundler, specLoader] = await Promise.all([createBundler(entries), createSpecLoader(entries.macros)]);
  const codeDirs = [path.dirname(entries.macros), path.dirname(entries.styles)];
  const problems = new Map<string, Problem>();
  let code: { bundle: Bundle; specs: MacroSpec[] } | undefined;
  // What needs building; everything at first.
  let dirtyBundle = true;
  /** The macro specs too (a change in the macros' folder, not a stylesheet alone). */
  let dirtySpecs = true;
  let dirtyAll = true;
  let dirtyIndex = true;
  const dirty = new Set<string>();
  let first = true;
  const changes = new ChangedFiles();
  let changedNow = new Set<string>();
  let held: Outcome | undefined;

  /** Marks what `file` affects; false when it affects nothing built. */
  function note(file: string): boolean {
    let matters = false;
    if (codeDirs.some((dir) => isInside(dir, file)) && (CODE.test(file) || path.extname(file) === "")) {
      dirtyBundle = dirtyAll = matters = true;
      if (isInside(codeDirs[0]!, file)) dirtySpecs = true;
    }
    if (path.resolve(file) === path.join(stories, HEAD_FILE)) {
      dirtyAll = dirtyIndex = matters = true; // the project's head content: every page's
    } else if (isInside(stories, file) && storyInput(file)) {
      const mystery = path.relative(stories, file).split(path.sep)[0]!;
      if (only.length === 0 || only.includes(mystery)) {
        dirty.add(mystery);
        dirtyIndex = matters = true;
      }
    }
    if (matters) {
      changes.note(file);
      changedNow.add(file);
    }
    trace(matters ? "noted" : "ignored", file);
    return matters;
  }

  const needsBuild = () => dirtyBundle || (code !== undefined && (dirtyAll || dirty.size > 0 || dirtyIndex));

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
      const specsToo = dirtySpecs || !code;
      dirtyBundle = dirtySpecs = false;
      try {
        const [bundle, specs] = await Promise.all([bundler.rebuild(), specsToo ? specLoader.load() : code!.specs]);
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
        // Built beside the page (a hidden name the server does not serve), put in place only
        // if no input changed while it was built: else the next build, already due, replaces it.
        const temp = path.join(out, `.${mystery}.html.${process.pid}.dev`);
        try {
          const { warnings } = await buildStory({ ...target, outFile: temp }, compiler, "play");
          if (await changes.moved()) {
            trace("thrown away (an input changed while it was built):", target.outFile);
            await rm(temp, { force: true });
            continue;
          }
          await rename(temp, target.outFile);
          problems.delete(key);
          wrote(target.outFile, warnings);
          trace("built", mystery);
        } catch (error) {
          await rm(temp, { force: true });
          fail(key, { source: mystery, error, outFile: target.outFile });
          trace("failed", mystery);
          continue;
        }
        // Its story map, from the same sources (npm run map), linked from the index.
        const map = mapFile(stories, mystery);
        try {
          await writeMap(target.dir, map);
          problems.delete(`map:${mystery}`);
          wrote(map);
        } catch (error) {
          fail(`map:${mystery}`, { source: `${mystery} (story map)`, error, outFile: map });
        }
      }
    }
    // The index too waits for the macros: their specs say which words a player reads.
    if (code && dirtyIndex) {
      dirtyIndex = false;
      for (const key of [...problems.keys()].filter((k) => k.startsWith(`${INDEX}:`))) problems.delete(key);
      try {
        const index = await buildIndex(stories, out, { maps: true }, code.specs);
        wrote(index.file);
        trace("built the index");
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

  /** Notes again the files that changed since their build read them. */
  async function recheck(): Promise<void> {
    for (const file of await changes.recheck()) note(file);
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
    // Another build is due at once (a file changed during this one): report the two together.
    // A failure while files may still change (a half-written save) waits for the next check.
    const hold = needsBuild() || (whole.failed.length > 0 && !changes.settled);
    trace(hold ? "held" : "reported", `${whole.written.length} written, ${whole.failed.length} failed, for`, whole.changed.join(" ") || "(start)");
    if (hold) held = whole;
    else deliver(whole);
  }

  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function loop(): Promise<void> {
    while (needsBuild()) {
      // Note what each changed file holds before the build reads it.
      await changes.stampForBuild();
      if (changes.waitingForWrite()) {
        trace("an empty changed file: waiting for the editor to write it");
        return; // the timer checks the file again, then builds
      }
      const changed = [...changedNow];
      changedNow = new Set();
      trace("build for", changed.join(" ") || "(start)");
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
    const due = changes.nextDue();
    if (due === undefined) return;
    // A file found empty is looked at every few ms: built as soon as the editor has written it.
    const next = changes.waitingForWrite() ? Math.min(due, performance.now() + POLL_MS) : due;
    timer = setTimeout(() => {
      trace("check again", running ? "(a build is running)" : "");
      if (running) return; // the loop schedules again when it ends
      void recheck().then(() => {
        if (running) return;
        if (needsBuild()) void kick();
        else if (!changes.settled) schedule();
        else if (held) deliver(held);
      });
    }, Math.max(0, next - performance.now()) + 1);
  }

  return {
    changed(paths) {
      for (const file of paths) note(path.resolve(file));
      return kick();
    },
    specs: () => code?.specs,
    async dispose() {
      clearTimeout(timer);
      await running;
      await Promise.all([bundler.dispose(), specLoader.dispose()]);
    },
  };
}
