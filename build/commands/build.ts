// `npm run build` (and `npm run proof`, which is `npm run build -- --proof`): each mystery into
// one HTML file, and, for play builds, dist/index.html, the page of all puzzles (site/build-all.ts,
// as npm run dev builds them). The macros and styles are bundled, and their specs read, once for
// every mystery. One mystery failing does not stop the others; the index lists the mysteries that
// have a page.
import path from "node:path";
import { type Compiler, COMPILERS, type CompilerChoice, resolveCompiler } from "../pipeline/build-story.js";
import type { BuildMode } from "../compile/build-inputs.js";
import { cachedBundle } from "../bundle/bundle-cache.js";
import { chosenMysteries, mysteriesArgument, outFolder, storiesOption } from "./mystery-args.js";
import { defineCommand, runCommand } from "./command.js";
import { formatError, UsageError, withNote } from "../shared/errors.js";
import { formatDiagnostics } from "../lint/lint.js";
import { loadMacroSpecs } from "../bundle/macro-specs.js";
import { display, distDir } from "../shared/paths.js";
import { buildAll, type BuildAllOptions } from "../site/build-all.js";
import { builtLine, failedLine, indexLine, leftOffNote, nothingBuiltLine } from "../site/build-messages.js";

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
      out: {
        type: "string",
        value: "DIR",
        description: "where the HTML files go",
        default: distDir,
        shownDefault: display(distDir),
      },
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
    let code: BuildAllOptions["code"];
    let compiler: Compiler;
    try {
      const [bundle, specs, resolved] = await Promise.all([
        cachedBundle({}, { debug: mode === "test" }),
        loadMacroSpecs(),
        resolveCompiler(values.compiler as CompilerChoice),
      ]);
      [code, compiler] = [{ bundle, specs }, resolved];
    } catch (error) {
      console.error(formatError(error));
      console.error(nothingBuiltLine(out));
      return 1;
    }

    let failed = 0;
    await buildAll(mysteries, {
      stories,
      out,
      mode,
      code,
      compiler,
      index: mode === "play",
      onStep: (step) => {
        if (step.kind === "built") {
          if (step.result.warnings.length > 0) console.error(formatDiagnostics(step.result.warnings));
          console.log(builtLine(step.result, mode, step.ms));
        } else if (step.kind === "failed") {
          failed++;
          console.error(formatError(step.error));
          if (step.outFile) console.error(failedLine(step.mystery, step.outFile));
        } else if (step.kind === "index") {
          console.log(indexLine(step.index));
          for (const { mystery, error } of step.index.unreadable) {
            // A mystery this command was asked to build fails; another one is only reported.
            const asked = mysteries.includes(mystery);
            if (asked) failed++;
            console.error(
              formatError(withNote(error, leftOffNote(mystery, step.index.file)), asked ? "error" : "warning"),
            );
          }
        } else if (step.kind === "index-failed") throw step.error; // not a mystery's failure: the command's error
      },
    });
    return failed ? 1 : 0;
  },
);

runCommand(import.meta.url, command);
