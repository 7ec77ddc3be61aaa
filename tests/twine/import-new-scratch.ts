// For the tests of npm run import --new: a scratch project with the file to bring in beside it,
// the command run in-process, and the new mystery built and played in jsdom.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { command as importCommand } from "../../build/commands/import.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { newestFormat } from "../../build/installed-formats/format.js";
import { buildStory } from "../../build/pipeline/build-story.js";
import { runInProcess } from "../harness/cli.js";
import { openStory, type Player } from "../harness/player.js";

/** A temp project's stories folder, and the input file written beside it. */
export function scratch(input: string, text: string): { stories: string; out: string; file: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), "import-new-"));
  mkdirSync(path.join(base, "story"));
  writeFileSync(path.join(base, input), text);
  return { stories: path.join(base, "story"), out: path.join(base, "dist"), file: path.join(base, input) };
}

export const importNew = (file: string, name: string, stories: string, ...more: string[]) =>
  runInProcess(importCommand, [file, "--new", name, "--stories", stories, ...more]);

/** Builds a mystery of a scratch stories folder natively and opens it in jsdom. */
export async function play(mystery: string, stories: string, out: string): Promise<Player> {
  const { outFile } = await buildStory(mysteryTarget(mystery, stories, out), "native");
  return openStory(mystery, { html: readFileSync(outFile, "utf8") });
}

/** Pages played as fresh visits: the errors, error boxes and alerts of each (none expected). */
export function visitAll(player: Player, pages: readonly string[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  for (const name of pages) {
    player.errors.length = 0;
    player.fresh(name);
    const seen = [...player.errors, ...player.errorViews()];
    if (player.passage() !== name) seen.push(`showed "${player.passage()}"`);
    if (seen.length > 0) problems[name] = seen;
  }
  return problems;
}

/** The SugarCube --new pins a story to: the newest found here (2.37.3 where TWEEGO_PATH has it, as in CI). */
export const NEWEST = newestFormat("SugarCube", "2", { file: "tests", line: 1 }).version;
