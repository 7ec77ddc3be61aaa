// `npm run build` (and `npm run proof`, which is `npm run build -- --proof`): each mystery into
// one HTML file, and, for play builds, dist/index.html, the page of all puzzles. The macros and
// styles are bundled, and their specs read, once for every mystery. One mystery failing does
// not stop the others; the index lists the mysteries that have a page.
import path from "node:path";
import { buildStory, COMPILERS, type CompilerChoice, resolveCompiler } from "../pipeline/build-story.js";
import { type BuildMode, mysteryTarget } from "../compile/build-inputs.js";
import { cachedBundle } from "../bundle/bundle-cache.js";
import { chosenMysteries, mysteriesArgument, outFolder, storiesOption } from "./mystery-args.js";
import { defineCommand, runCommand } from "./command.js";
import { formatError, UsageError, withNote } from "../shared/errors.js";
import { formatDiagnostics } from "../lint/lint.js";
import { loadMacroSpecs } from "../bundle/macro-specs.js";
import { display, distDir, shown } from "../shared/paths.js";
import { buildIndex } from "../site/puzzles.js";

export const command = defineCommand(
  {
    name: "npm run build",
    usage: "-- [<mystery>…] [--test | --proof] [--compiler auto|tweego|native] [--stories DIR] [--out DIR]",
    description:
      "builds each mystery into one self-contained HTML file, <out>/<mystery>.html, after linting it " +
      "(errors fail that mystery, warnings are printed), and a play build also writes <out>/index.html, " +
      "the page of all puzzles. A failed build leaves the last good file as it was. " +
      "`npm run proof` is the same as `npm run build -- --proof`.",
    arguments: [mysteriesArgument],
    options: {
      test: { type: "boolean", description: "SugarCube's debug mode (Twine's Test), into <mystery>.test.html" },
      proof: { type: "boolean", description: "a proofing copy in Paperthin, into <mystery>.proof.html" },
      compiler: {
        type: "string",
        value: "NAME",
        description: "auto: tweego when it is installed and runs, else our npm-native compiler",
        choices: COMPILERS,
        default: process.env.STORY_COMPILER || "auto",
        shownDefault: `auto, or $STORY_COMPILER${process.env.STORY_COMPILER ? ` (now ${process.env.STORY_COMPILER})` : ""}`,
      },
      stories: storiesOption,
      out: { type: "string", value: "DIR", description: "where the HTML files go", default: distDir, shownDefault: display(distDir) },
    },
    examples: [
      ["npm run build", "every mystery, and dist/index.html"],
      ["npm run build -- 50ms-request --test", "one mystery, in debug mode"],
      ["npm run proof -- 50ms-request", "a proofing copy to read the whole text"],
    ],
  },
  async ({ values, positionals }) => {
    if (values.test && values.proof) throw new UsageError("--test and --proof build different files", "pick one");
    const mode: BuildMode = values.test ? "test" : values.proof ? "proof" : "play";
    const stories = path.resolve(values.stories);
    const mysteries = await chosenMysteries(positionals, stories);
    const out = await outFolder(values.out);

    // Shared by every mystery: a broken macro or stylesheet is one error, not one per mystery.
    let shared;
    try {
      const [code, specs, compiler] = await Promise.all([
        cachedBundle({}, { debug: mode === "test" }),
        loadMacroSpecs(),
        resolveCompiler(values.compiler as CompilerChoice),
      ]);
      shared = { code, specs, compiler };
    } catch (error) {
      console.error(formatError(error));
      console.error(`nothing built; ${shown(out)}/ is left as it was`);
      return 1;
    }

    let failed = 0;
    for (const mystery of mysteries) {
      // process.hrtime, not performance.now(): the global `performance` loads perf_hooks at start-up.
      const started = process.hrtime.bigint();
      const target = { ...mysteryTarget(mystery, stories, out, mode), bundle: shared.code, specs: shared.specs };
      try {
        const r = await buildStory(target, shared.compiler, mode);
        if (r.warnings.length > 0) console.error(formatDiagnostics(r.warnings));
        const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
        console.log(
          `built ${shown(r.outFile)} (${(r.bytes / 1024).toFixed(0)} KiB, ${r.passages} passages) ` +
            `with ${r.compiler}, ${r.format}${mode === "test" ? " (debug mode)" : ""}, in ${ms} ms`,
        );
      } catch (error) {
        failed++;
        console.error(formatError(error));
        console.error(`build of ${mystery} failed; ${shown(target.outFile)} is left as it was`);
      }
    }
    if (mode === "play") {
      const index = await buildIndex(stories, out, {}, shared.specs);
      const offPage = [...index.unbuilt, ...index.unreadable.map((u) => u.mystery)];
      console.log(`built ${shown(index.file)} (all puzzles: ${index.listed.join(", ") || "none yet"}${offPage.length ? `; not listed: ${offPage.join(", ")}` : ""})`);
      for (const { mystery, error } of index.unreadable) {
        // A mystery this command was asked to build fails; another one is only reported.
        const asked = mysteries.includes(mystery);
        if (asked) failed++;
        const why = `mystery "${mystery}" was read for ${shown(index.file)} (its title and teaser) and is left off it`;
        console.error(formatError(withNote(error, why), asked ? "error" : "warning"));
      }
    }
    return failed ? 1 : 0;
  },
);

runCommand(import.meta.url, command);
