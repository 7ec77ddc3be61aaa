// build/bench/: npm run bench's measurements. Imports build/dev/ (a dev process to time) and below.
//
// The benchmark run behind `npm run bench`: the cold build paired with the real tweego, sizes, the
// synthetic stories at 1×, 10×, 100×, rebuilds under npm run dev and the test times, each as a
// table of medians and spreads; --record writes BENCHMARKS.md.
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { listMysteries } from "../sources/mystery-files.js";
import { type Command, launch, OUR_ENV, paired, pairRatios, timed } from "./run.js";
import { scaling } from "./scale.js";
import { sizeBreakdown } from "./size.js";
import { bytes, duration, spread, summarize, type Summary, table } from "./summary.js";
import { asAuthored, sameTwee, tweegoBinary, tweegoName } from "./tweego.js";
import { editRebuilds, scratchProject } from "./dev.js";
import { reloadTimes } from "./reload.js";
import { UsageError } from "../shared/errors.js";
import { root } from "../shared/paths.js";

/** The issue's goals, shown beside each figure. */
const GOALS = {
  coldRatio: 3,
  /** 93% of tweego's 696,024 bytes for the 50ms story when the goal was set. */
  size: 647_302,
  sizeRatio: 0.93,
  scaleMs: 1000,
  /** File write → new HTML, a passage edit under npm run dev. */
  rebuildMs: 40,
  /** Save → new text visible in the browser. */
  reloadMs: 500,
  /** npm run check -- <mystery>, the 50ms mystery, median of 5. */
  checkMs: 10_000,
  checkRuns: 5,
} as const;

const cell = (s: Summary) => `${duration(s.median)} (${spread(s)})`;
const ratio = (s: Summary) => `${s.median.toFixed(2)}× (${s.min.toFixed(2)} – ${s.max.toFixed(2)})`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");

async function machine(): Promise<string> {
  const cpus = os.cpus();
  return (
    `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `${os.type()} ${os.release()}, Node ${process.version}`
  );
}

const count = (flag: string, text: string) => {
  if (!/^[1-9]\d*$/.test(text))
    throw new UsageError(`${flag} must be a whole number of runs, 1 or more, got "${text}"`);
  return Number(text);
};

export type BenchValues = {
  runs: string;
  "scale-runs": string;
  "test-runs": string;
  "no-tests": boolean;
  "no-scale": boolean;
  record: boolean;
};

export async function runBench(values: BenchValues): Promise<number> {
  // A relative $TWEEGO names a file from here; the commands timed run in other folders too.
  if (process.env.TWEEGO?.includes("/")) process.env.TWEEGO = path.resolve(process.env.TWEEGO);
  const [runs, scaleRuns, testRuns] = [
    count("--runs", values.runs),
    count("--scale-runs", values["scale-runs"]),
    count("--test-runs", values["test-runs"]),
  ];
  const project = await scratchProject();
  const sections: string[] = [];
  const log = (s: string) => {
    console.log(`${s}\n`);
    sections.push(s);
  };
  try {
    const mysteries = await listMysteries(path.join(project, "story"));
    const first = mysteries.includes("50ms-request") ? "50ms-request" : mysteries[0]!;
    const storyDir = path.join(project, "story", first);
    const tweego = tweegoBinary();
    // Which tweego the columns are: its version, as it answers.
    const them = tweego ? await tweegoName(tweego) : "tweego";
    log(`Machine: ${await machine()}; load average at the start: ${load()}${tweego ? `; beside ${them}` : ""}`);

    // The first build of a fresh checkout: the commands compile, esbuild bundles, svgo optimises.
    const fresh = await timed(launch(project, "build/commands/build.ts", first));

    // Cold builds: a new process each, ours and tweego's in turn.
    const out = path.join(project, "dist-bench");
    const cold: Command[] = [
      launch(project, "build/commands/build.ts", first, "--out", out),
      { command: process.execPath, args: ["-e", "0"], cwd: project },
    ];
    const theirsAt = tweego ? cold.push(await sameTwee(tweego, storyDir, path.join(out, "tweego.html"))) - 1 : -1;
    // Node reads the certificates NODE_EXTRA_CA_CERTS names at every start-up, though no command
    // makes a connection: timed apart, since many machines do not set it.
    const certs = process.env.NODE_EXTRA_CA_CERTS;
    const noCertsAt = certs ? cold.push({ ...cold[0]!, env: { ...cold[0]!.env, NODE_EXTRA_CA_CERTS: "" } }) - 1 : -1;
    // What an author waits for after a save: the mystery's own files changed, so the build's kept
    // results for it (lint, index facts) miss and are computed again. One passage file gets a new
    // line before each such run (tweego, in the same rounds, reads the same edited file).
    const twee = (await readdir(storyDir)).filter((f) => f.endsWith(".twee")).sort()[0]!;
    const edited = path.join(storyDir, twee);
    const original = await readFile(edited, "utf8");
    let edits = 0;
    const editedAt =
      cold.push({
        ...cold[0]!,
        before: () => writeFile(edited, `${original}\nEdited for the benchmark, ${++edits} times.\n`),
      }) - 1;
    const results = await paired(runs, cold);
    await writeFile(edited, original);
    const afterEdit = results[editedAt];
    const [ours, node] = results;
    const theirs = results[theirsAt];
    const noCerts = results[noCertsAt];
    const viaNpm = summarize(
      (
        await paired(Math.min(runs, 5), [
          { command: "npm", args: ["run", "--silent", "build", "--", first], cwd: project, env: OUR_ENV },
        ])
      )[0]!.samples,
    );
    const coldRows = [
      [
        `cold build of ${first} (\`node build/launch.js build/commands/build.ts ${first}\`: a new process, as \`npm run build\` runs it)`,
        cell(ours!.summary),
        theirs ? cell(theirs.summary) : "—",
        theirs ? ratio(pairRatios(ours!, theirs)) : "—",
        `≤ ${GOALS.coldRatio}× tweego`,
      ],
      [
        `the same build right after an edit to one of its passages (\`${twee}\`: its kept lint and index results miss)`,
        cell(afterEdit!.summary),
        "",
        theirs ? ratio(pairRatios(afterEdit!, theirs)) : "",
        `≤ ${GOALS.coldRatio}× tweego`,
      ],
      ["Node's own start-up (`node -e 0`), in the same rounds", cell(node!.summary), "", "", ""],
      ...(noCerts
        ? [
            [
              `the same build without NODE_EXTRA_CA_CERTS (set here to ${certs}; Node loads it at start-up)`,
              cell(noCerts.summary),
              "",
              theirs ? ratio(pairRatios(noCerts, theirs)) : "",
              "",
            ],
          ]
        : []),
      [`the same build through \`npm run build -- ${first}\` (adds npm's start-up)`, cell(viaNpm), "", "", ""],
      [
        "the first build after install (compiles the commands, runs esbuild and svgo: empty `.cache/`), once",
        duration(fresh),
        "",
        "",
        "",
      ],
    ];
    log(
      table(
        [
          "what",
          `ours: median (min – max) of ${runs} rounds`,
          `${them}, same rounds`,
          "ours ÷ tweego, per round",
          "goal",
        ],
        coldRows,
      ),
    );

    // Sizes, from clean builds (no edit of the bench's in them).
    const sizeRows: string[][] = [];
    for (const m of mysteries) {
      const file = path.join(out, `${m}.html`);
      await timed(launch(project, "build/commands/build.ts", m, "--out", out));
      const html = await readFile(file, "utf8");
      const s = sizeBreakdown(html);
      let versus = "—";
      if (tweego) {
        const theirsFile = path.join(out, `${m}.tweego.html`);
        await timed(await asAuthored(tweego, path.join(project, "story", m), theirsFile));
        const size = (await stat(theirsFile)).size;
        versus = `${size.toLocaleString("en")} B (ours: ${((100 * s.total) / size).toFixed(1)}%)`;
      }
      const part = (n: number) => `${bytes(n)} (${((100 * n) / s.total).toFixed(0)}%)`;
      const goal =
        m === "50ms-request" ? `≤ ${GOALS.size.toLocaleString("en")} B (${GOALS.sizeRatio * 100}% of tweego's)` : "";
      sizeRows.push([
        `${m}.html`,
        ...[s.runtime, s.passages, s.assets, s.macros, s.stylesheet, s.storyCode].map(part),
        `${s.total.toLocaleString("en")} B`,
        `${gzipSync(html).length.toLocaleString("en")} B`,
        versus,
        goal,
      ]);
    }
    log(
      table(
        [
          "file",
          "SugarCube runtime",
          "passages",
          "pictures",
          "macro bundle",
          "stylesheet",
          "story's own JS/CSS",
          "total",
          "gzip",
          `${them}, the same story as authored`,
          "goal",
        ],
        sizeRows,
      ),
    );

    if (!values["no-scale"]) {
      const { times, growth } = await scaling({
        project,
        model: storyDir,
        runs: scaleRuns,
        tweego,
        factors: [1, 10, 100, 125],
      });
      log(
        table(
          [
            "synthetic story",
            `build, median (min – max) of ${scaleRuns}`,
            `${them}, same Twee`,
            "build ÷ tweego",
            "lint",
            "layout",
          ],
          times,
        ),
      );
      log(
        `Goal: a 5,000-passage story (125×) builds, lints and lays out in ≤ ${duration(GOALS.scaleMs)} each, and each grows linearly.`,
      );
      log(table(["size", "build grew", "tweego grew", "lint grew", "layout grew"], growth));
    }

    // Rebuilds in `npm run dev`: file write → new HTML on disk.
    const rebuilds = await editRebuilds(project, mysteries, first, Math.min(runs, 5));
    const rebuildRows = rebuilds.map(([what, s], i) => [
      what,
      cell(s),
      `${s.runs}`,
      i === 0 ? `≤ ${duration(GOALS.rebuildMs)} median` : "",
    ]);
    // The same passage edit as a player sees it: the save → the reloaded page showing the new line.
    const reload = await reloadTimes(project, first, Math.min(runs, 5));
    const reloadWhat = `passage edit (${first}), save → the new line visible in chromium through the live reload`;
    rebuildRows.push(
      typeof reload === "string"
        ? [reloadWhat, reload, "0", `≤ ${duration(GOALS.reloadMs)}`]
        : [reloadWhat, cell(reload), `${reload.runs}`, `≤ ${duration(GOALS.reloadMs)}`],
    );
    log(
      table(
        ["rebuild in `npm run dev` after a …, file write → new HTML on disk", "median (min – max)", "runs", "goal"],
        rebuildRows,
      ),
    );

    if (!values["no-tests"]) {
      const vitest = path.join(root, "node_modules", ".bin", "vitest");
      const rows: string[][] = [];
      const run = async (what: string, command: Command, n = testRuns, goal = "") => {
        const [s] = await paired(n, [command]);
        rows.push([what, cell(s!.summary), `${s!.summary.runs}`, goal]);
      };
      // One mystery's quick check (lint, its walk, forms and route in jsdom, the macros' types), in the project itself.
      const check = { command: "npm", args: ["run", "check", "--", first], cwd: root };
      await run(
        `npm run check -- ${first}`,
        check,
        Math.max(testRuns, GOALS.checkRuns),
        `≤ ${duration(GOALS.checkMs)} median`,
      );
      await run("vitest jsdom project", { command: vitest, args: ["run", "--project", "jsdom"], cwd: root });
      await run("npm test (tsc + jsdom + Chromium projects)", { command: "npm", args: ["test"], cwd: root });
      log(table(["tests", "median (min – max)", "runs", "goal"], rows));
    }
    log(
      tweego
        ? `${them}: ${path.relative(root, tweego) || tweego}, run directly with \`-f\` (the format StoryData names) and the pinned formats last on TWEEGO_PATH. Load average at the end: ${load()}.`
        : `tweego: not found ($TWEEGO, ../shared/oracles/tweego/tweego), so no tweego column. Load average at the end: ${load()}.`,
    );
    if (values.record) await record(sections);
    return 0;
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

async function record(sections: readonly string[]): Promise<void> {
  const file = path.join(root, "BENCHMARKS.md");
  const text = [
    "# Benchmarks",
    "",
    `Recorded by \`npm run bench -- --record\` on ${new Date().toISOString().slice(0, 10)}.`,
    "",
    "How to read it: every time is a whole process, from start to exit, as an author waits for it:",
    "the median of several runs and their spread (min – max). Our build and tweego run in turn",
    "(A B A B …), so a busy moment falls on both alike, and the ratio is taken within each pair.",
    "Sizes come from clean builds. The goal is beside each figure. The load average at the start",
    "and the end of the run is printed with it: on a busy machine every time grows, Node's start-up",
    "more than tweego's, so compare figures within one run, and re-record on a quiet machine.",
    "",
    "The build keeps results it computed from a mystery's files in `.cache/` (the lint's diagnostics,",
    "the index page's facts, the macro specs), keyed by those files' bytes and our code: a build of",
    'an unchanged mystery reuses them. The row "right after an edit" is the build an author waits',
    "for after a save, when they miss; the synthetic stories' repeated builds mostly reuse them.",
    "",
    ...sections.flatMap((s) => [s, ""]),
  ].join("\n");
  await writeFile(file, text);
  console.log(`wrote ${path.relative(root, file)}`);
}
