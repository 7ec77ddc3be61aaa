// npm run dev's builder's state, transition by transition (build/dev/rebuild-state.ts): what a
// saved file makes due, what is taken for a build, how each step's success or failure becomes a
// problem and goes away, the outcome of a build, and when a report is held back or delivered.
// Pure: no files, no esbuild, no timers (tests/dev/dev.test.ts runs the real thing).
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as rebuild from "../../build/dev/rebuild-state.js";
import type { Outcome } from "../../build/dev/outcome.js";
import type { Code, RebuildState, Watched } from "../../build/dev/rebuild-state.js";
import type { Step } from "../../build/site/build-all.js";
import { leftOffNote } from "../../build/site/build-messages.js";
import type { BuildResult } from "../../build/pipeline/build-story.js";

const base = path.resolve("/project");
const at = (...parts: string[]) => path.join(base, ...parts);
const watched: Watched = { stories: at("story"), only: [], macrosDir: at("macros"), stylesDir: at("styles") };
const code = { bundle: {}, specs: [] } as unknown as Code;

/** The first build done, the macros loaded and nothing failing: the state between saves. */
function idle(): RebuildState {
  let s = rebuild.beginBuild(rebuild.initialState);
  s = rebuild.bundleLoaded(rebuild.takeBundle(s).state, code);
  s = rebuild.takeIndex(rebuild.takeMysteries(s).state).state;
  return rebuild.finishBuild(s).state;
}
const noted = (s: RebuildState, ...files: string[]) => files.reduce((t, f) => rebuild.noteFile(t, f, watched).state, s);
const due = (s: RebuildState) => ({
  bundle: s.bundle,
  specs: s.specs,
  all: s.all,
  mysteries: s.mysteries,
  index: s.index,
});
const result = (outFile: string): BuildResult => ({
  outFile,
  compiler: "native",
  format: "SugarCube 2.37.3",
  passages: 1,
  bytes: 1,
  warnings: [],
});
const indexStep = (unreadable: { mystery: string; error: unknown }[] = []): Step => ({
  kind: "index",
  index: { file: at("dist", "index.html"), listed: ["a"], unbuilt: [], unreadable },
});
/** One build of `steps`, from `s`: its outcome and the state after it. */
function buildOf(s: RebuildState, ...steps: Step[]) {
  const during = steps.reduce((t, step, i) => rebuild.stepDone(t, step, i), rebuild.beginBuild(s));
  return rebuild.finishBuild(during);
}
const outcome = (o: Partial<Outcome> = {}): Outcome => ({
  first: false,
  changed: [],
  written: [],
  failed: [],
  problems: [],
  ...o,
});

describe("at first", () => {
  it("everything is due, the macros' specs too", () => {
    expect(rebuild.needsBuild(rebuild.initialState)).toBe(true);
    expect(rebuild.takeBundle(rebuild.initialState).load).toEqual({ specs: true });
    expect(rebuild.takeMysteries(rebuild.initialState).take).toBe("all");
    expect(rebuild.takeIndex(rebuild.initialState).due).toBe(true);
  });

  it("and after the first build nothing is", () => {
    expect(rebuild.needsBuild(idle())).toBe(false);
    expect(idle().first).toBe(false);
  });
});

describe("a saved file", () => {
  it("in a mystery: that mystery and the index", () => {
    const { state, matters } = rebuild.noteFile(idle(), at("story", "b", "x.twee"), watched);
    expect(matters).toBe(true);
    expect(due(noted(state, at("story", "a", "teaser.txt"), at("story", "b", "y.twee")))).toEqual({
      bundle: false,
      specs: false,
      all: false,
      mysteries: ["a", "b"],
      index: true,
    });
    expect(state.changed).toEqual([at("story", "b", "x.twee")]);
    expect(rebuild.takeMysteries(state).take).toEqual(["b"]);
  });

  it("a macro: the bundle, its specs and everything; a stylesheet: the bundle and everything, not the specs", () => {
    expect(due(noted(idle(), at("macros", "ask.ts")))).toEqual({
      bundle: true,
      specs: true,
      all: true,
      mysteries: [],
      index: false,
    });
    expect(due(noted(idle(), at("styles", "story.css")))).toEqual({
      bundle: true,
      specs: false,
      all: true,
      mysteries: [],
      index: false,
    });
  });

  it("the project's head.html: every page", () => {
    expect(due(noted(idle(), at("story", "head.html")))).toMatchObject({ all: true, index: true });
  });

  it("that nothing reads, or in a mystery not asked for, is ignored", () => {
    for (const file of [at("story", "a", "notes.md"), at("README.md"), at("macros", "notes.md")])
      expect(rebuild.noteFile(idle(), file, watched).matters, file).toBe(false);
    const only = { ...watched, only: ["a"] };
    expect(rebuild.noteFile(idle(), at("story", "b", "x.twee"), only).matters).toBe(false);
    expect(rebuild.noteFile(idle(), at("story", "a", "x.twee"), only).matters).toBe(true);
  });

  it("saved twice before a build is one change; a build takes the changes noted so far", () => {
    const s = rebuild.beginBuild(noted(idle(), at("story", "a", "x.twee"), at("story", "a", "x.twee")));
    expect(s.building?.changed).toEqual([at("story", "a", "x.twee")]);
    expect(s.changed).toEqual([]);
  });
});

describe("the macros and styles", () => {
  it("failing to load: a problem, nothing else built until they load, then everything", () => {
    let s = rebuild.beginBuild(noted(idle(), at("macros", "ask.ts")));
    s = rebuild.bundleFailed(rebuild.takeBundle(s).state, new Error("syntax"));
    expect(s.code).toBeUndefined();
    const { state, outcome: o } = rebuild.finishBuild(s);
    expect(o.failed).toEqual([{ source: rebuild.BUNDLE, error: new Error("syntax") }]);
    expect(rebuild.needsBuild(noted(state, at("story", "a", "x.twee"))), "a story edit waits for the macros").toBe(
      false,
    );
    const fixed = noted(state, at("macros", "ask.ts"));
    expect(rebuild.needsBuild(fixed)).toBe(true);
    const loaded = rebuild.bundleLoaded(rebuild.takeBundle(rebuild.beginBuild(fixed)).state, code);
    expect(rebuild.takeMysteries(loaded).take).toBe("all");
    expect(rebuild.finishBuild(loaded).outcome.problems).toEqual([]);
  });

  it("a stylesheet alone keeps the specs read last", () => {
    expect(rebuild.takeBundle(noted(idle(), at("styles", "story.css"))).load).toEqual({ specs: false });
  });
});

describe("each step of a build", () => {
  const page = at("dist", "a.html");
  it("a failure is a problem until the mystery builds; the outcome lists what was written, with its time", () => {
    const broken = buildOf(idle(), { kind: "failed", mystery: "a", outFile: page, error: "bad" });
    expect(broken.outcome.failed).toEqual([{ source: "a", error: "bad", outFile: page }]);
    const fixed = buildOf(
      broken.state,
      { kind: "built", mystery: "a", result: result(page), ms: 5 },
      { kind: "map", mystery: "a", file: at(".cache", "a.map.svg") },
    );
    expect(fixed.outcome).toEqual(
      outcome({
        written: [
          { file: page, ms: 0, warnings: [] },
          { file: at(".cache", "a.map.svg"), ms: 1 },
        ],
      }),
    );
  });

  it("a page thrown away (an input changed meanwhile) is neither written nor failed; a folder gone is no problem", () => {
    const broken = buildOf(idle(), { kind: "failed", mystery: "a", outFile: page, error: "bad" });
    expect(buildOf(broken.state, { kind: "thrown-away", mystery: "a", outFile: page }).outcome).toEqual(
      outcome({ problems: [{ source: "a", error: "bad", outFile: page }] }),
    );
    expect(buildOf(broken.state, { kind: "gone", mystery: "a" }).outcome.problems).toEqual([]);
  });

  it("the index: a mystery left off it is a problem with a note, until the index is built without it", () => {
    const off = buildOf(idle(), indexStep([{ mystery: "b", error: new Error("no teaser") }]));
    const [left] = off.outcome.failed;
    expect(left?.source).toBe("b");
    expect(left?.error).toMatchObject({ message: "no teaser", note: leftOffNote("b", at("dist", "index.html")) });
    expect(buildOf(off.state, indexStep()).outcome.problems).toEqual([]);
    const failedIndex = buildOf(off.state, {
      kind: "index-failed",
      file: at("dist", "index.html"),
      error: "disk full",
    });
    expect(failedIndex.outcome.problems).toEqual([
      { source: "index", error: "disk full", outFile: at("dist", "index.html") },
    ]);
  });

  it("a map that cannot be drawn is its own problem, beside its mystery's page", () => {
    const map = at(".cache", "a.map.svg");
    const { outcome: o } = buildOf(
      idle(),
      { kind: "built", mystery: "a", result: result(page), ms: 1 },
      { kind: "map", mystery: "a", file: map, error: "boom" },
    );
    expect(o.written.map((w) => w.file)).toEqual([page]);
    expect(o.failed).toEqual([{ source: "a (story map)", error: "boom", outFile: map }]);
  });
});

describe("the report of a build", () => {
  const failing = outcome({ failed: [{ source: "a", error: "bad" }] });
  it("is delivered when nothing more is due and the files have settled", () => {
    expect(rebuild.report(idle(), outcome(), true).deliver).toEqual(outcome());
    expect(rebuild.report(idle(), failing, true).deliver).toEqual(failing);
  });

  it("is held while another build is due, then delivered with the next one's", () => {
    const { state, deliver } = rebuild.report(
      noted(idle(), at("story", "a", "x.twee")),
      outcome({ changed: ["x"] }),
      true,
    );
    expect(deliver).toBeUndefined();
    const next = rebuild.report(
      rebuild.takeIndex(rebuild.takeMysteries(state).state).state,
      outcome({ changed: ["y"] }),
      true,
    );
    expect(next.deliver?.changed).toEqual(["x", "y"]);
    expect(next.state.held).toBeUndefined();
  });

  it("with a failure, is held while files may still change (a half-written save), and released once they settle", () => {
    const { state, deliver } = rebuild.report(idle(), failing, false);
    expect(deliver).toBeUndefined();
    expect(rebuild.release(state)).toEqual({ state: idle(), deliver: failing });
    expect(rebuild.release(idle()).deliver).toBeUndefined();
  });

  it("a build stopped by a bug of ours leaves nothing due, so it does not build in a circle", () => {
    const s = rebuild.abandonBuild(
      rebuild.beginBuild(noted(idle(), at("macros", "ask.ts"), at("story", "a", "x.twee"))),
    );
    expect(rebuild.needsBuild(s)).toBe(false);
    expect(s.building).toBeUndefined();
  });
});
