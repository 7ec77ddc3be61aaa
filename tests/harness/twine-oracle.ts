// Twine 2.11.1's own code (../shared/oracles/twine/, see its README), for the tests that ask Twine
// itself: its import, story map, passage editor, publish and Twee export. TWINE_ORACLE names its
// folder; by default ../shared/oracles/twine beside the project, when it is there. Without it the
// Twine tests each register one passing test saying so (global-setup prints the one line with
// what to set); with TWINE_ORACLE set to a folder that does not hold it, they fail (.ci/run sets
// it). TWINE_ORACLE=none runs without it, as on a machine that does not have it.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, it } from "vitest";
import { root } from "../../build/shared/paths.js";

/** A passage as Twine's store holds it. */
export interface TwinePassage {
  id: string;
  name: string;
  text: string;
  tags: string[];
  left: number;
  top: number;
  width: number;
  height: number;
  selected?: boolean;
}

/** A story as Twine's store holds it. */
export interface TwineStoryState {
  id: string;
  ifid: string;
  name: string;
  startPassage: string;
  storyFormat: string;
  storyFormatVersion: string;
  script: string;
  stylesheet: string;
  tagColors: Record<string, string>;
  zoom: number;
  passages: TwinePassage[];
}

/** What ../shared/oracles/twine/twine.mjs's loadTwine() returns (the parts the tests use). */
export interface Twine {
  T: {
    parseLinks(text: string, internalOnly?: boolean): string[];
    passageConnections(passages: TwinePassage[]): {
      fixed: { connections: Map<TwinePassage, Set<TwinePassage>>; broken: Set<TwinePassage>; self: Set<TwinePassage> };
    };
    passageToTwee(passage: TwinePassage): string;
    storyFromTwee(source: string): TwineStoryState;
    updateStoryAction(stories: TwineStoryState[], story: TwineStoryState, props: Partial<TwineStoryState>): unknown;
    storiesReducer(state: TwineStoryState[], action: unknown): TwineStoryState[];
  };
  logs: string[];
  libraryImport(
    fileName: string,
    data: string,
    existing?: TwineStoryState[],
  ): { parsed: TwineStoryState[]; stories: TwineStoryState[] };
  editPassage(
    stories: TwineStoryState[],
    story: TwineStoryState,
    name: string,
    props: Partial<TwinePassage>,
  ): TwineStoryState[];
  mapLinks(story: TwineStoryState): { arrows: number; brokenPassages: string[]; unresolved: Record<string, string[]> };
  exportTwee(story: TwineStoryState): string;
  publish(story: TwineStoryState, formatJsPath: string, options?: { formatOptions?: string }): string;
  archive(stories: TwineStoryState[]): string;
}

const off = process.env.TWINE_ORACLE === "none";
const explicit = off ? undefined : process.env.TWINE_ORACLE;
/** Where Twine's code is looked for. */
export const oracleDir = path.resolve(root, explicit || "../shared/oracles/twine");
/** SugarCube 2.37.3, the story format Twine 2.11 publishes SugarCube stories with. */
export const sugarcube237 = path.resolve(oracleDir, "../tweego/storyformats/sugarcube-2/format.js");
export const oracleFound = !off && existsSync(path.join(oracleDir, "twine.mjs"));
/** The one line said when the oracle is absent. */
export const ORACLE_MISSING =
  `${off ? "TWINE_ORACLE=none" : `Twine's own code not found at ${oracleDir}`}: the Twine tests are skipped; ` +
  "set TWINE_ORACLE to the folder holding twine.mjs (../shared/oracles/twine) to run them";

let loading: Promise<Twine> | undefined;
/** Twine, loaded once per test worker. */
export function loadTwine(): Promise<Twine> {
  if (!oracleFound) {
    return Promise.reject(new Error(`TWINE_ORACLE=${explicit} does not hold Twine's code (no twine.mjs there)`));
  }
  loading ??= import(pathToFileURL(path.join(oracleDir, "twine.mjs")).href).then(
    (m: { loadTwine(o: { from: string }): Promise<Twine> }) => m.loadTwine({ from: root }),
  );
  return loading;
}

/**
 * A describe block whose tests ask Twine's own code. With no oracle (and TWINE_ORACLE unset), the
 * same tests are registered skipped (the global setup says why, once); with TWINE_ORACLE set to a
 * wrong folder, one test fails, saying so.
 */
export function describeWithTwine(title: string, body: (twine: () => Twine) => void): void {
  if (!oracleFound && explicit) {
    describe(title, () => {
      it("TWINE_ORACLE names a folder without Twine's code", async () => {
        await loadTwine(); // throws: CI set it, and it must be there
      });
    });
    return;
  }
  if (!oracleFound) {
    const absent = (): Twine => {
      throw new Error("Twine's own code is not here (TWINE_ORACLE)");
    };
    describe.skip(`${title}: needs Twine's own code`, () => body(absent));
    return;
  }
  describe(title, () => {
    let twine: Twine | undefined;
    beforeAll(async () => {
      twine = await loadTwine();
    });
    body(() => twine!);
  });
}
