// Tests build what they need: every mystery, into dist/, before any test file runs (only the one
// CHECK_MYSTERY names, with one compiler and no index, under `npm run check`). With a real
// tweego at hand (tweego.ts), every mystery is also built with the other compiler, into
// .cache/also-built/tweego/ or native/ (not dist/: it holds only what is published), so the walk
// plays both builds. With SugarCube 2.37.3 at hand (sugarcube.ts), a scratch copy of one mystery
// moved to it is built into .cache/also-built/sugarcube-2.37.3/, which the walk and route tests
// play too.
//
// Every temp folder of the run (the tests' scratch copies, and anything the programs they start
// write to the temp folder) is made under one folder of this run: TMPDIR points there for the
// workers and every process they start, and the teardown deletes it.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildStory, type Compiler, type CompilerChoice } from "../../build/pipeline/build-story.js";
import { listMysteries } from "../../build/sources/mystery-files.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { formatError } from "../../build/shared/errors.js";
import { display, distDir, storiesDir } from "../../build/shared/paths.js";
import { writeIndex } from "../../build/site/puzzles.js";
import { ALSO_BUILT, ALSO_BUILT_DIR, NO_TWEEGO, testTweego } from "./tweego.js";
import {
  NEWER_SUGARCUBE,
  newerSugarcubeDir,
  NO_NEWER_SUGARCUBE,
  ON_NEWER,
  scratchOnNewer,
  withTweegoPath,
} from "./sugarcube.js";
import { ORACLE_MISSING, oracleFound } from "./twine-oracle.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";

const checked = process.env.CHECK_MYSTERY;

async function buildAll(compiler: Compiler, out = distDir): Promise<string> {
  let used = "";
  for (const mystery of checked ? [checked] : await listMysteries()) {
    try {
      used = (await buildStory(mysteryTarget(mystery, storiesDir, out), compiler)).compiler;
    } catch (error) {
      throw new Error(`building ${mystery} for the tests failed:\n${formatError(error)}`);
    }
  }
  return used;
}

export default async function setup(): Promise<() => Promise<void>> {
  const runTemp = await mkdtemp(path.join(os.tmpdir(), "mystery-tests-"));
  process.env.TMPDIR = runTemp;
  const teardown = () => rm(runTemp, { recursive: true, force: true });
  const newer = path.join(ALSO_BUILT_DIR, `sugarcube-${NEWER_SUGARCUBE}`);
  // Also where an older checkout put them, dist/tweego/, dist/native/ and dist/sugarcube-*/: dist/ is published.
  const old = [ALSO_BUILT_DIR, distDir].flatMap((base) =>
    [...Object.values(ALSO_BUILT), `sugarcube-${NEWER_SUGARCUBE}`].map((d) => path.join(base, d)),
  );
  await Promise.all(old.map((d) => rm(d, { recursive: true, force: true })));
  const used = await buildAll((process.env.STORY_COMPILER || "auto") as CompilerChoice);
  if (checked) return teardown;
  await writeIndex(storiesDir, distDir, {}, ourMacroSpecs());
  if (newerSugarcubeDir) {
    const { dir } = scratchOnNewer();
    await withTweegoPath(newerSugarcubeDir, () =>
      buildStory(
        mysteryTarget(ON_NEWER, path.dirname(dir), newer),
        (process.env.STORY_COMPILER || "auto") as CompilerChoice,
      ),
    ).catch((error: unknown) => {
      throw new Error(
        `building ${ON_NEWER} on SugarCube ${NEWER_SUGARCUBE} for the tests failed:\n${formatError(error)}`,
      );
    });
  } else console.log(NO_NEWER_SUGARCUBE);
  if (!oracleFound) console.log(ORACLE_MISSING); // said once for every Twine test (or they fail: TWINE_ORACLE is wrong)
  const tweego = await testTweego();
  if (!tweego) {
    console.log(NO_TWEEGO);
    return teardown;
  }
  const other = used.startsWith("tweego") ? ALSO_BUILT.native : ALSO_BUILT.tweego;
  await buildAll(other === ALSO_BUILT.native ? "native" : { tweego }, path.join(ALSO_BUILT_DIR, other));
  console.log(
    `tweego tests: against tweego ${tweego.version} (${display(tweego.binary)}); mysteries built with ${used} in dist/, and again in ${display(ALSO_BUILT_DIR)}/${other}/`,
  );
  return teardown;
}
