// The real tweego, beside our build in the benchmark: the binary from $TWEEGO or the oracle in
// ../shared/oracles/tweego/, run directly on the same Twee our build compiles (the mystery's files,
// the bundled macros and styles, the pictures as our build inlines them), told which SugarCube to
// use (-f, the one its StoryData names: left to itself it picks the highest 2.x it finds).
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { mysterySources } from "../compile/build-inputs.js";
import type { Command } from "./run.js";
import { findFormat, storyFormats } from "../installed-formats/format.js";
import { tweegoPathEnv } from "../installed-formats/format-search.js";
import { loadStory } from "../model/story.js";
import { root } from "../shared/paths.js";
import type { SourceFile } from "../sources/sources.js";
import { tweegoInput } from "../compile/tweego.js";
import { probeTweego } from "../compile/tweego-find.js";

/** The tweego binary to compare with, or null (the bench then says so). */
export function tweegoBinary(): string | null {
  const candidates = [process.env.TWEEGO, path.join(root, "..", "shared", "oracles", "tweego", "tweego")];
  const found = candidates.find((c): c is string => Boolean(c) && existsSync(c!));
  return found ? path.resolve(found) : null; // the bench runs commands in other folders too
}

/** "tweego 2.1.1": the binary's name with the version it answers, for the columns it heads. */
export async function tweegoName(binary: string): Promise<string> {
  const found = await probeTweego(binary);
  return "version" in found ? `tweego ${found.version}` : `tweego (${found.why})`;
}

/** `-f sugarcube-2.31.1`: the folder (tweego's id) of the format the mystery's StoryData names, as the build pins it. */
function formatFlag(binary: string, files: readonly SourceFile[]): string[] {
  const { data } = loadStory(files);
  return [
    "-f",
    path.basename(path.dirname(findFormat(data.format, data.formatVersion, data.source, storyFormats(binary)).file)),
  ];
}

/** The formats tweego finds, with the pinned package last, as the build runs it. */
const tweegoEnv = () => ({ TWEEGO_PATH: tweegoPathEnv() });

/** tweego compiling exactly what our build compiles for the mystery in `dir`, into `out`. */
export async function sameTwee(binary: string, dir: string, out: string): Promise<Command> {
  const work = await mkdtemp(path.join(os.tmpdir(), "bench-tweego-"));
  const { files, generated } = await mysterySources(dir);
  const flag = formatFlag(binary, files);
  // Each file by its path in walk order; what exists only in memory (the bundle, the pictures as
  // our build inlines them) written into `work` first.
  const inputs = await Promise.all(
    files.map(async (f: SourceFile, i) => {
      const input = tweegoInput(f);
      if (input === f && !generated.includes(f)) return path.resolve(root, f.path);
      const p = path.join(work, `${i}-${path.basename(input.path)}`);
      await writeFile(p, input.content);
      return p;
    }),
  );
  return { command: binary, args: [...flag, "-o", out, ...inputs], cwd: root, env: tweegoEnv() };
}

/**
 * tweego on the story as an author keeps it (its folder: Twee, pictures as drawn) plus the bundled
 * macros and styles: what tweego alone makes of the same story, the size to beat.
 */
export async function asAuthored(binary: string, dir: string, out: string): Promise<Command> {
  const work = await mkdtemp(path.join(os.tmpdir(), "bench-tweego-"));
  const { files, generated } = await mysterySources(dir);
  const extra = await Promise.all(
    generated.map(async (f) => {
      const p = path.join(work, f.path);
      await writeFile(p, f.content);
      return p;
    }),
  );
  return {
    command: binary,
    args: [...formatFlag(binary, files), "-o", out, dir, ...extra],
    cwd: root,
    env: tweegoEnv(),
  };
}
