// `npm test`: the type check (tsc --noEmit), the code's formatting and lint (biome check, as
// `npm run lint:code` runs it; biome.jsonc) and the tests (vitest run, with any arguments given) at
// the same time. tsc is single-threaded and takes seconds; started first, in turn, it held up every
// test. vitest's output streams as it comes; tsc's and biome's are printed whole when they end (so
// none interleave). Fails if any fails, saying which. Arguments go to vitest; one it does not know
// is one line and exit 2, as with every command here.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
/** The file a package's `name` command runs, from its package.json's bin. */
const bin = (pkg, name) => {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
  return path.join(path.dirname(manifest), typeof bin === "string" ? bin : bin[name]);
};
const tscBin = bin("typescript", "tsc");
const vitestBin = bin("vitest", "vitest");
const biomeBin = bin("@biomejs/biome", "biome");

/** Runs node `script` `args`: the child, and its exit status (1 if it died of a signal or would not
 *  start) with, if `collect`, its output. `onStderr`, when given, gets its stderr instead of the terminal. */
function run(script, args, collect, onStderr) {
  const stdio = collect ? ["ignore", "pipe", "pipe"] : ["inherit", "inherit", onStderr ? "pipe" : "inherit"];
  const child = spawn(process.execPath, [script, ...args], { stdio });
  const done = new Promise((resolve) => {
    let output = "";
    if (collect) {
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
    } else if (onStderr) child.stderr.on("data", onStderr);
    child.on("error", (error) => resolve({ status: 1, output: `${output}${error.message}\n` }));
    child.on("close", (code) => resolve({ status: code ?? 1, output }));
  });
  return { child, done };
}

// npm test runs every check of every mystery, whatever a shell left set (npm run check sets this).
delete process.env.CHECK_MYSTERY;

/**
 * vitest's stderr, passed on as it comes, except a bad command line: vitest's argument parser
 * throws, and Node prints the uncaught `CACError: Unknown option …` with its source line and
 * stack, which becomes one line here. Such a report starts with the place it was thrown
 * (`file:///…`), so only stderr that starts that way is held until vitest ends.
 */
let held = "";
let passing = false;
function vitestStderr(chunk) {
  if (passing) return void process.stderr.write(chunk);
  held += chunk;
  if (held.length < 8) return;
  if (!held.startsWith("file://")) {
    passing = true;
    process.stderr.write(held);
    held = "";
  }
}

// With arguments (which vitest's parser may refuse), its stderr goes through vitestStderr.
const typecheck = run(tscBin, ["--noEmit", "-p", "."], true);
// The same arguments as package.json's lint:code: a warning fails too, so the tree stays clean.
const codeStyle = run(biomeBin, ["check", "--error-on-warnings"], true);
const tests = run(
  vitestBin,
  ["run", ...process.argv.slice(2)],
  false,
  process.argv.length > 2 ? vitestStderr : undefined,
);
const vitest = await tests.done;
const badArguments = /^CACError: (.*)$/m.exec(held)?.[1];
if (badArguments) {
  typecheck.child.kill();
  codeStyle.child.kill();
  const message = badArguments.replace(/^\w/, (c) => c.toLowerCase());
  console.error(
    `error: ${message} (what follows "npm test --" goes to vitest: see npx vitest --help)\nusage: npm test [-- <test files>… <vitest options>…]`,
  );
  process.exit(2);
}
process.stderr.write(held);
const types = await typecheck.done;
if (types.status === 0) console.log("tsc --noEmit: no type errors");
else process.stdout.write(`tsc --noEmit failed (exit status ${types.status}):\n${types.output}`);
const style = await codeStyle.done;
if (style.status === 0) console.log("biome check: formatted, no lint findings");
else {
  process.stdout.write(`biome check failed (exit status ${style.status}):\n${style.output}`);
  console.log("(npm run format formats the tree; npm run lint:code shows this again)");
}
if (vitest.status !== 0) console.log(`vitest run failed (exit status ${vitest.status})`);
process.exit(types.status !== 0 || style.status !== 0 || vitest.status !== 0 ? 1 : 0);
