// `npm run stats [-- <mystery>…] [--json] [--stories DIR]`: each mystery's numbers (stats.ts)
// as a block of text, or with --json one array of objects for tools. Exit 1 when a mystery
// cannot be read (its error names the file and line), after printing the others.
import path from "node:path";
import { parseArgs } from "node:util";
import { listMysteries, readSources } from "./build.js";
import { loadStory } from "./compile.js";
import { BuildError, formatError } from "./errors.js";
import { runMain } from "./main.js";
import { storyGraph } from "./map-graph.js";
import { storiesDir } from "./paths.js";
import { formatStats, type MysteryStats, mysteryStats } from "./stats.js";

export const STATS_USAGE = "npm run stats [-- <mystery>…] [--json] [--stories DIR]";

export async function readStats(stories: string, mystery: string): Promise<MysteryStats> {
  const story = loadStory(await readSources(path.join(stories, mystery)));
  return mysteryStats(mystery, storyGraph(story));
}

function options() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { json: { type: "boolean", default: false }, stories: { type: "string", default: storiesDir } },
    });
  } catch (error) {
    throw new BuildError((error as Error).message, undefined, `run it as ${STATS_USAGE}`);
  }
}

async function main(): Promise<number> {
  const { values, positionals } = options();
  const stories = path.resolve(values.stories);
  const mysteries = positionals.length > 0 ? positionals : await listMysteries(stories);
  const all: MysteryStats[] = [];
  let failed = 0;
  for (const mystery of mysteries) {
    try {
      all.push(await readStats(stories, mystery));
    } catch (error) {
      failed++;
      console.error(formatError(error));
    }
  }
  console.log(values.json ? JSON.stringify(all, null, 2) : all.map(formatStats).join("\n\n"));
  return failed ? 1 : 0;
}

runMain(import.meta.url, main);
