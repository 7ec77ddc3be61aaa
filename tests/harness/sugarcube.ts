// The newer SugarCube the tests build a mystery on: 2.37.3, the one Twine 2.11 ships and tweego's
// release carries, found as the build finds formats in a TWEEGO_PATH folder: $TWEEGO_PATH's, else
// the oracles' ../shared/oracles/tweego/storyformats (.ci/run sets TWEEGO_PATH to it, so CI always
// runs these tests). Without it the tests that need it are skipped and the run says so
// once (NO_NEWER_SUGARCUBE, global-setup.ts).
import { existsSync } from "node:fs";
import path from "node:path";
import { findFormat, formatAt } from "../../build/installed-formats/format.js";
import { scanFormats, userTweegoPath } from "../../build/installed-formats/format-search.js";
import { root } from "../../build/shared/paths.js";
import { ALSO_BUILT_DIR } from "./tweego.js";
import { type Scratch, scratchStory, setSugarcube } from "./scratch.js";

export const NEWER_SUGARCUBE = "2.37.3";
export const ORACLE_FORMATS = path.join(root, "..", "shared", "oracles", "tweego", "storyformats");

/** The folder to put on TWEEGO_PATH for SugarCube 2.37.3, or null when there is none here. */
export const newerSugarcubeDir: string | null =
  [...userTweegoPath(), ORACLE_FORMATS].find((dir) => formatAt(scanFormats([dir]), "SugarCube", NEWER_SUGARCUBE)) ??
  null;

export const NO_NEWER_SUGARCUBE =
  `SugarCube ${NEWER_SUGARCUBE} tests skipped: no SugarCube ${NEWER_SUGARCUBE} on TWEEGO_PATH or in ${ORACLE_FORMATS}; ` +
  `set TWEEGO_PATH to a folder holding it (../shared/oracles/tweego/storyformats) to run them`;

/** The mystery the tests build on it (once: a walk costs seconds). */
export const ON_NEWER = "50ms-request";
/** Where the global setup builds it: storyFile's name for it. */
export const onNewer = `sugarcube-${NEWER_SUGARCUBE}/${ON_NEWER}`;
/** [onNewer] when the global setup built it, else none (the walk and route tests add it to theirs). */
export const builtOnNewer = (): string[] => (existsSync(path.join(ALSO_BUILT_DIR, `${onNewer}.html`)) ? [onNewer] : []);

/** [onNewer] when the global setup cannot build it here (no SugarCube 2.37.3): its checks are registered skipped. */
export const missingOnNewer = (): string[] => (newerSugarcubeDir ? [] : [onNewer]);

/** A scratch copy of a mystery whose StoryData names the newer SugarCube, as an author moving it would edit it. */
export function scratchOnNewer(mystery = ON_NEWER): Scratch {
  const scratch = scratchStory(mystery);
  setSugarcube(scratch.dir, NEWER_SUGARCUBE);
  return scratch;
}

/** The newer SugarCube's page template up to the story's name: what a page built with it starts with. */
export function newerEngineHead(): string {
  const { source } = findFormat(
    "SugarCube",
    NEWER_SUGARCUBE,
    { file: "tests", line: 1 },
    scanFormats([newerSugarcubeDir!]),
  );
  return source.slice(0, source.indexOf("{{STORY_NAME}}"));
}

/** Runs `fn` with TWEEGO_PATH set to `dir` (as an author would; null: as it is), then puts it back. */
export async function withTweegoPath<T>(dir: string | null, fn: () => Promise<T>): Promise<T> {
  if (dir === null) return fn();
  const before = process.env.TWEEGO_PATH;
  process.env.TWEEGO_PATH = dir;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TWEEGO_PATH;
    else process.env.TWEEGO_PATH = before;
  }
}
