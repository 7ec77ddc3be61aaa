// `npm test`: the type check (tsc --noEmit) and the tests (vitest run, with any arguments given)
// at the same time. tsc is single-threaded and takes seconds; started first, in turn, it held up
// every test. vitest's output streams as it comes; tsc's is printed whole when it ends (so the two
// never interleave). Fails if either fails, saying which.
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

/** Runs node `script` `args`; resolves to its exit status (1 if it died of a signal or would not
 *  start) and, if `collect`, its output. */
function run(script, args, collect) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: collect ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (collect) {
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
    }
    child.on("error", (error) => resolve({ status: 1, output: `${output}${error.message}\n` }));
    child.on("close", (code) => resolve({ status: code ?? 1, output }));
  });
}

// npm test runs every check of every mystery, whatever a shell left set (npm run check sets this).
delete process.env.CHECK_MYSTERY;
const typecheck = run(tscBin, ["--noEmit", "-p", "."], true);
const tests = run(vitestBin, ["run", ...process.argv.slice(2)], false);
const [types, vitest] = await Promise.all([typecheck, tests]);
if (types.status === 0) console.log("tsc --noEmit: no type errors");
else process.stdout.write(`tsc --noEmit failed (exit status ${types.status}):\n${types.output}`);
if (vitest.status !== 0) console.log(`vitest run failed (exit status ${vitest.status})`);
process.exit(types.status !== 0 || vitest.status !== 0 ? 1 : 0);
