// `npm run check -- <mystery>`: what an author needs to know after an edit, in seconds rather than
// the whole `npm test`: the mystery's lint; a jsdom walk of every passage, link and form and its
// usual route with clue checks (the same test files npm test runs, for this mystery alone:
// CHECK_MYSTERY, read by tests/harness/mysteries.ts and global-setup.ts); and the macros'
// TypeScript type-checked (macros/tsconfig.json). The type check runs beside the tests (tsc is
// one thread); the lint first, as a lint error would fail the tests' build anyway.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { loadMacroSpecs } from "../bundle/macro-specs.js";
import { readSources } from "../sources/mystery-files.js";
import { formatDiagnostics, hasErrors, lintMystery, summary } from "../lint/lint.js";
import { mysteryIfids, sharedIfidChecks } from "../lint/ifids.js";
import { readHeadInputs } from "../compile/head-files.js";
import { storyFormats } from "../installed-formats/format.js";
import { compareDiagnostics } from "../shared/diagnostic.js";
import { root, storiesDir } from "../shared/paths.js";
import { formatError } from "../shared/errors.js";

/** The test files that play a mystery (tests/story/), run for the one checked. */
export const CHECK_TESTS = [
  "tests/story/walk.test.ts",
  "tests/story/forms.test.ts",
  "tests/story/route.test.ts",
] as const;
/** The macros' own TypeScript project. */
export const MACROS_TSCONFIG = "macros/tsconfig.json";

const require = createRequire(import.meta.url);
/** The script a package's `name` command runs, from its package.json's bin. */
function bin(pkg: string, name: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin: b } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: string | Record<string, string> };
  return path.join(path.dirname(manifest), typeof b === "string" ? b : b[name]!);
}

/** Runs node `script` `args` in the project; its exit status and everything it printed. */
function run(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ status: 1, output: `${output}${error.message}\n` }));
    child.on("close", (code) => resolve({ status: code ?? 1, output }));
  });
}

/** tsc's `file(line,col): error TS1234: message` as the project's `file:line:col: error: message (TS1234)` with a fix. */
export function tscDiagnostics(output: string): string {
  return output
    .split("\n")
    .map((line) => {
      const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
      return m
        ? `${m[1]}:${m[2]}:${m[3]}: error: ${m[5]} (${m[4]})\n  fix: make the types agree (npm run typecheck checks the whole project)`
        : line;
    })
    .filter((line) => line.trim() !== "")
    .join("\n");
}

export interface CheckResult {
  readonly lint: "passed" | "failed";
  readonly types: "passed" | "failed";
  readonly tests: "passed" | "failed" | "not run";
}

/** Checks `mystery` (a folder of the project's story/); prints as it goes; says what failed. */
export async function checkMystery(mystery: string): Promise<CheckResult> {
  const tsc = run(bin("typescript", "tsc"), ["--noEmit", "--pretty", "false", "-p", MACROS_TSCONFIG]);
  let lint: CheckResult["lint"];
  try {
    // As npm run lint and the build lint it: its head.html files, the story formats found here, and
    // its IFID against every other mystery's.
    const dir = path.join(storiesDir, mystery);
    const [files, { files: head }, specs] = await Promise.all([
      readSources(dir),
      readHeadInputs(dir),
      loadMacroSpecs(),
    ]);
    const shared = sharedIfidChecks(await mysteryIfids(storiesDir, new Map([[mystery, files]])));
    const diagnostics = [
      ...lintMystery(files, specs, head, storyFormats()),
      ...shared.filter((c) => c.mystery === mystery).map((c) => c.diagnostic),
    ].sort(compareDiagnostics);
    if (diagnostics.length > 0) console.log(formatDiagnostics(diagnostics));
    console.log(`lint: ${summary(diagnostics, 1)}`);
    lint = hasErrors(diagnostics) ? "failed" : "passed";
  } catch (error) {
    console.log(`lint: ${formatError(error)}`); // the macros do not load: nothing can be checked
    lint = "failed";
  }
  let tests: CheckResult["tests"] = "not run";
  let testOutput = "";
  if (lint === "passed") {
    const reporters = ["--reporter=dot", "--reporter=./tests/harness/summary-reporter.ts"];
    const vitest = await run(bin("vitest", "vitest"), ["run", "--project", "jsdom", ...reporters, ...CHECK_TESTS], {
      CHECK_MYSTERY: mystery,
      // tweego's bytes are npm test's business (the parity test); the check wants the story's.
      STORY_COMPILER: process.env.STORY_COMPILER || "native",
    });
    tests = vitest.status === 0 ? "passed" : "failed";
    testOutput = vitest.output;
  }
  const types = await tsc;
  console.log(types.status === 0 ? "types: the macros type-check" : `types: ${tscDiagnostics(types.output)}`);
  if (testOutput) process.stdout.write(testOutput.endsWith("\n") ? testOutput : `${testOutput}\n`);
  return { lint, types: types.status === 0 ? "passed" : "failed", tests };
}
