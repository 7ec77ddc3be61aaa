// Tests build what they need: every mystery, into dist/, before any test file runs.
import { buildStory, type CompilerChoice, listMysteries, mysteryTarget } from "../../build/build.js";
import { formatError } from "../../build/errors.js";
import { distDir, storiesDir } from "../../build/paths.js";
import { writeIndex } from "../../build/puzzles.js";
import { ORACLE_MISSING, oracleFound } from "./twine-oracle.js";

export default async function setup(): Promise<void> {
  const compiler = (process.env.STORY_COMPILER || "auto") as CompilerChoice;
  for (const mystery of await listMysteries()) {
    try {
      await buildStory(mysteryTarget(mystery), compiler);
    } catch (error) {
      throw new Error(`building ${mystery} for the tests failed:\n${formatError(error)}`);
    }
  }
  await writeIndex(storiesDir, distDir);
  if (!oracleFound) console.log(ORACLE_MISSING); // said once for every Twine test (or they fail: TWINE_ORACLE is wrong)
}
