// npm run dev's builder: which outputs a batch of changed paths affects, built with site/build-all.ts,
// as npm run build builds them (so the dev loop checks exactly what npm run build checks, with the
// macro specs read again whenever macros/ changes) and long-lived esbuild contexts for the macros, their
// specs and the styles. One build at a time; changes that arrive during a build are built right
// after it. Never rejects; failures are reported as problems. What it knows between builds (what
// is due, what fails, a held report) is one value, rebuild-state.ts, changed by its pure
// transitions; this file is the I/O around it.
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
import path from "node:path";
import { resolveCompiler } from "../pipeline/build-story.js";
import { listMysteries } from "../sources/mystery-files.js";
import { createBundler } from "../bundle/bundle.js";
import type { Outcome, RebuildOptions, Rebuilder } from "./outcome.js";
import { ChangedFiles } from "./changes.js";
import { formatError } from "../shared/errors.js";
import { createSpecLoader } from "../bundle/macro-specs.js";
import { buildAll } from "../site/build-all.js";
import { trace } from "./trace.js";
import * as rebuild from "./rebuild-state.js";

/** How often a changed file found empty is looked at again. */
const POLL_MS = 2;

export async function createRebuilder(options: RebuildOptions): Promise<Rebuilder> {
  const { stories, out, only, entries } = options;
  const compiler = await resolveCompiler(options.compiler);
  const [bundler, specLoader] = await Promise.all([createBundler(entries), createSpecLoader(entries.macros)]);
  const watched: rebuild.Watched = {
    stories,
    only,
    macrosDir: path.dirname(entries.macros),
    stylesDir: path.dirname(entries.styles),
  };
  const changes = new ChangedFiles();
  let state = rebuild.initialState;
  /** Applies a transition that also answers something: keeps its state, returns the rest. */
  const take = <T extends { state: rebuild.RebuildState }>(result: T): Omit<T, "state"> => {
    state = result.state;
    return result;
  };

  /** Marks what `file` affects (nothing when it affects nothing built). */
  function note(file: string): void {
    const { matters } = take(rebuild.noteFile(state, file, watched));
    if (matters) changes.note(file);
    trace(matters ? "noted" : "ignored", file);
  }

  async function build(): Promise<Outcome> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const { load } = take(rebuild.takeBundle(state));
    if (load) {
      try {
        const [bundle, specs] = await Promise.all([
          bundler.rebuild(),
          load.specs ? specLoader.load() : state.code!.specs,
        ]);
        state = rebuild.bundleLoaded(state, { bundle, specs });
      } catch (error) {
        state = rebuild.bundleFailed(state, error);
      }
    }
    const code = state.code;
    if (code) {
      const { take: due } = take(rebuild.takeMysteries(state));
      let names: readonly string[] = [];
      try {
        names = due !== "all" ? due : only.length > 0 ? only : await listMysteries(stories);
      } catch (error) {
        state = rebuild.failed(state, "stories", { source: stories, error });
      }
      await buildAll(names, {
        stories,
        out,
        mode: "play",
        code,
        compiler,
        maps: true,
        // Put in place only if no input changed while it was built: else the next build, already due, replaces it.
        keep: async () => !(await changes.moved()),
        skipGone: only.length === 0,
        // The index too waits for the macros: their specs say which words a player reads.
        index: () => take(rebuild.takeIndex(state)).due,
        onStep: (step) => {
          state = rebuild.stepDone(state, step, ms());
          trace(step.kind, "mystery" in step ? step.mystery : "the index");
        },
      });
    }
    return take(rebuild.finishBuild(state)).outcome;
  }

  /** Notes again the files that changed since their build read them. */
  async function recheck(): Promise<void> {
    for (const file of await changes.recheck()) note(file);
  }

  function deliver(outcome: Outcome | undefined): void {
    if (!outcome) return;
    try {
      options.onDone(outcome);
    } catch (error) {
      console.error(formatError(error));
    }
  }

  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function loop(): Promise<void> {
    while (rebuild.needsBuild(state)) {
      // Note what each changed file holds before the build reads it.
      await changes.stampForBuild();
      if (changes.waitingForWrite()) {
        trace("an empty changed file: waiting for the editor to write it");
        return; // the timer checks the file again, then builds
      }
      state = rebuild.beginBuild(state);
      trace("build for", state.building!.changed.join(" ") || "(start)");
      let outcome: Outcome;
      try {
        outcome = await build();
      } catch (error) {
        // A bug of ours: say so, and wait for the next change rather than build in a circle.
        console.error(formatError(error));
        state = rebuild.abandonBuild(state);
        continue;
      }
      await recheck();
      const { deliver: whole } = take(rebuild.report(state, outcome, changes.settled));
      const shown = whole ?? state.held!;
      trace(
        whole ? "reported" : "held",
        `${shown.written.length} written, ${shown.failed.length} failed, for`,
        shown.changed.join(" ") || "(start)",
      );
      deliver(whole);
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
    timer = setTimeout(
      () => {
        trace("check again", running ? "(a build is running)" : "");
        if (running) return; // the loop schedules again when it ends
        void recheck().then(() => {
          if (running) return;
          if (rebuild.needsBuild(state)) void kick();
          else if (!changes.settled) schedule();
          else deliver(take(rebuild.release(state)).deliver);
        });
      },
      Math.max(0, next - performance.now()) + 1,
    );
  }

  return {
    changed(paths) {
      for (const file of paths) note(path.resolve(file));
      return kick();
    },
    specs: () => state.code?.specs,
    async dispose() {
      clearTimeout(timer);
      await running;
      await Promise.all([bundler.dispose(), specLoader.dispose()]);
    },
  };
}
