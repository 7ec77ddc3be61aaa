// `npm run build [-- <mystery>…] [--compiler=auto|tweego|native]`
// The compiler can also be forced with STORY_COMPILER=tweego|native.
import { parseArgs } from "node:util";
import { buildMystery, type CompilerChoice, listMysteries } from "./build.js";
import { formatError } from "./errors.js";
import { display } from "./paths.js";

const CHOICES: readonly CompilerChoice[] = ["auto", "tweego", "native"];

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { compiler: { type: "string", default: process.env.STORY_COMPILER || "auto" } },
  });
  const compiler = values.compiler as CompilerChoice;
  if (!CHOICES.includes(compiler)) {
    console.error(`error: --compiler must be one of ${CHOICES.join(", ")}, got "${compiler}"`);
    return 2;
  }
  const mysteries = positionals.length > 0 ? positionals : await listMysteries();
  let failed = 0;
  for (const mystery of mysteries) {
    const started = performance.now();
    try {
      const r = await buildMystery(mystery, compiler);
      const ms = Math.round(performance.now() - started);
      console.log(
        `built ${display(r.outFile)} (${(r.bytes / 1024).toFixed(0)} KiB, ${r.passages} passages) ` +
          `with ${r.compiler}, ${r.format}, in ${ms} ms`,
      );
    } catch (error) {
      failed++;
      console.error(formatError(error));
      console.error(`build of ${mystery} failed; the previous dist/${mystery}.html (if any) is unchanged`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
