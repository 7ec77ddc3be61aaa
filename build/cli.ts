// `npm run build [-- <mystery>…] [--test | --proof] [--compiler=auto|tweego|native] [--stories DIR] [--out DIR]`
// The compiler can also be forced with STORY_COMPILER=tweego|native. `npm run proof` is --proof.
// A play build also writes dist/index.html, the page of all puzzles.
import path from "node:path";
import { parseArgs } from "node:util";
import { type BuildMode, buildStory, type CompilerChoice, listMysteries, mysteryTarget } from "./build.js";
import { formatError } from "./errors.js";
import { formatDiagnostics } from "./lint/lint.js";
import { runMain } from "./main.js";
import { display, distDir, storiesDir } from "./paths.js";
import { writeIndex } from "./puzzles.js";

const CHOICES: readonly CompilerChoice[] = ["auto", "tweego", "native"];

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      compiler: { type: "string", default: process.env.STORY_COMPILER || "auto" },
      stories: { type: "string", default: storiesDir },
      out: { type: "string", default: distDir },
      test: { type: "boolean", default: false },
      proof: { type: "boolean", default: false },
    },
  });
  if (values.test && values.proof) {
    console.error("error: --test and --proof build different files; pick one");
    return 2;
  }
  const mode: BuildMode = values.test ? "test" : values.proof ? "proof" : "play";
  const compiler = values.compiler as CompilerChoice;
  if (!CHOICES.includes(compiler)) {
    console.error(`error: --compiler must be one of ${CHOICES.join(", ")}, got "${compiler}"`);
    return 2;
  }
  const [stories, out] = [path.resolve(values.stories), path.resolve(values.out)];
  const mysteries = positionals.length > 0 ? positionals : await listMysteries(stories);
  let failed = 0;
  for (const mystery of mysteries) {
    const started = performance.now();
    const target = mysteryTarget(mystery, stories, out, mode);
    try {
      const r = await buildStory(target, compiler, mode);
      if (r.warnings.length > 0) console.error(formatDiagnostics(r.warnings));
      const ms = Math.round(performance.now() - started);
      console.log(
        `built ${display(r.outFile)} (${(r.bytes / 1024).toFixed(0)} KiB, ${r.passages} passages) ` +
          `with ${r.compiler}, ${r.format}${mode === "test" ? " (debug mode)" : ""}, in ${ms} ms`,
      );
    } catch (error) {
      failed++;
      console.error(formatError(error));
      console.error(`build of ${mystery} failed; ${display(target.outFile)} is left as it was`);
    }
  }
  if (mode === "play") {
    try {
      const file = await writeIndex(stories, out);
      console.log(`built ${display(file)} (all puzzles)`);
    } catch (error) {
      failed++;
      console.error(formatError(error));
    }
  }
  return failed ? 1 : 0;
}

runMain(import.meta.url, main);
