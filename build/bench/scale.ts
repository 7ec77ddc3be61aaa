// How build, lint and layout grow with the story: synthetic stories of 1×, 10× and 100× a real
// mystery, and one of 5,000 passages (the goal: each command in at most a second), each command a
// whole process, as an author runs it; tweego compiling the same Twee beside our build.
import { mkdir, mkdtemp, open, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { launch, paired, pairRatios, type Samples } from "./run.js";
import { duration, spread } from "./summary.js";
import { type SyntheticStory, writeSyntheticStory } from "./synthetic.js";
import { sameTwee } from "./tweego.js";

export interface ScaleOptions {
  /** The project whose commands run (a scratch copy). */
  readonly project: string;
  /** The mystery the synthetic stories copy. */
  readonly model: string;
  readonly runs: number;
  readonly tweego: string | null;
  /** Story sizes, as multiples of the model. */
  readonly factors: readonly number[];
}

interface Measured {
  readonly story: SyntheticStory;
  readonly factor: number;
  readonly build: Samples;
  readonly tweego?: Samples;
  readonly lint: Samples;
  readonly layout: Samples;
}

/** Copies a folder, each file synced to disk. */
async function copyFlushed(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const [src, dst] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) {
      await copyFlushed(src, dst);
      continue;
    }
    const file = await open(dst, "w");
    try {
      await file.writeFile(await readFile(src));
      await file.sync();
    } finally {
      await file.close();
    }
  }
}

async function measure(options: ScaleOptions, factor: number, base: string): Promise<Measured> {
  const { project, model, runs, tweego } = options;
  const name = `synthetic-${factor}x`;
  const stories = path.join(base, name, "story"); // one mystery per folder: the index page reads only it
  const story = await writeSyntheticStory(model, stories, name, factor);
  const out = path.join(base, name, "dist");
  const build = launch(project, "build/commands/build.ts", "--stories", stories, "--out", out);
  const builds = tweego ? [build, await sameTwee(tweego, story.dir, path.join(out, "tweego.html"))] : [build];
  const [ours, theirs] = await paired(runs, builds);
  const [lint] = await paired(runs, [launch(project, "build/commands/lint.ts", "--stories", stories)]);
  // Layout writes positions into the files: every run starts from the story without them, copied
  // and flushed to disk first, so the copy's writing-back does not fall into the timed run.
  const laidOut = path.join(base, name, "layout");
  const restore = async () => {
    await rm(laidOut, { recursive: true, force: true });
    await copyFlushed(story.dir, path.join(laidOut, name));
  };
  const [layout] = await paired(runs, [
    { ...launch(project, "build/commands/layout.ts", "--stories", laidOut), before: restore },
  ]);
  return { story, factor, build: ours!, tweego: theirs, lint: lint!, layout: layout! };
}

const cell = (s: Samples) => `${duration(s.summary.median)} (${spread(s.summary)})`;
const perPassage = (s: Samples, passages: number) => `${((1000 * s.summary.median) / passages).toFixed(0)} µs`;

/** The scaling tables: times at each size, then how each grew against the smallest. */
export async function scaling(
  options: ScaleOptions,
): Promise<{ times: string[][]; growth: string[][]; summary: Measured[] }> {
  const base = await mkdtemp(path.join(os.tmpdir(), "mystery-scale-"));
  try {
    const measured: Measured[] = [];
    for (const factor of options.factors) measured.push(await measure(options, factor, base));
    const times = measured.map((m) => [
      `${m.factor}× (${m.story.passages.toLocaleString("en")} passages, ${(m.story.bytes / 2 ** 20).toFixed(1)} MiB of Twee)`,
      cell(m.build),
      m.tweego ? cell(m.tweego) : "—",
      m.tweego ? `${pairRatios(m.build, m.tweego).median.toFixed(1)}×` : "—",
      cell(m.lint),
      cell(m.layout),
    ]);
    const first = measured[0]!;
    const growth = measured.map((m) => {
      const grew = (s: Samples, s0: Samples) =>
        `${(s.summary.median / s0.summary.median).toFixed(1)}× (${perPassage(s, m.story.passages)}/passage)`;
      return [
        m === first ? `${m.factor}× (the base)` : `${m.factor}×`,
        grew(m.build, first.build),
        m.tweego && first.tweego ? grew(m.tweego, first.tweego) : "—",
        grew(m.lint, first.lint),
        grew(m.layout, first.layout),
      ];
    });
    return { times, growth, summary: measured };
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}
