// Tests build what they need: every mystery, into dist/, before any test file runs (only the one
// CHECK_MYSTERY names, with one compiler and no index, under `npm run check`). With a real
// tweego at hand (tweego.ts), every mystery is also built with the other compiler, into
// dist/tweego/ or dist/native/, so the walk plays both builds.
//
// Every temp folder of the run (the tests' scratch copies, and anything the programs they start
// write to the temp folder) is made under one folder of this run: TMPDIR points there for the
// workers and every process they start, and the teardown deletes it.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildStory, type Compiler, type CompilerChoice } from "../../build/pipeline/build-story.js";
import { listMysteries, mysteryTarget } from "../../build/compile/mysteries.js";
import { formatError } from "../../build/shared/errors.js";
import { display, distDir, storiesDir } from "../../build/shared/paths.js";
import { writeIndex } from "../../build/site/puzzles.js";
import { ALSO_BUILT, NO_TWEEGO, testTweego } from "./tweego.js";
import { ORACLE_MISSING, oracleFound } from "./twine-oracle.js";
import { ourMacroSpecs } from "../../build/compile/macro-specs.js";

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
  await Promise.all(Object.values(ALSO_BUILT).map((d) => rm(path.join(distDir, d), { recursive: true, force: true })));
  const used = await buildAll((process.env.STORY_COMPILER || "auto") as CompilerChoice);
  if (checked) return teardown;
  await writeIndex(storiesDir, distDir, {}, ourMacroSpecs());
  if (!oracleFound) console.log(ORACLE_MISSING); // said once for every Twine test (or they fail: TWINE_ORACLE is wrong)
  const tweego = await testTweego();
  if (!tweego) {
    console.log(NO_TWEEGO);
    return teardown;
  }
  const other = used.startsWith("tweego") ? ALSO_BUILT.native : ALSO_BUILT.tweego;
  await buildAll(other === ALSO_BUILT.native ? "native" : { tweego }, path.join(distDir, other));
  console.log(`tweego tests: against tweego ${tweego.version} (${display(tweego.binary)}); mysteries built with ${used} in dist/, and again in dist/${other}/`);
  return teardown;
}
