// `npm run map [-- <mystery>…] [--stories DIR] [--out DIR]`: draws each mystery's story map
// (map-graph.ts → map-svg.ts) into <out>/<mystery>.map.svg, a plain SVG to open in any browser.
// A mystery that fails to load keeps its last map and the others are still drawn; exit 1 then.
import path from "node:path";
import { parseArgs } from "node:util";
import { listMysteries, readSources } from "./build.js";
import { loadStory } from "./compile.js";
import { BuildError, formatError } from "./errors.js";
import { runMain } from "./main.js";
import { storyGraph } from "./map-graph.js";
import { mapSvg } from "./map-svg.js";
import { writeAtomic } from "./output.js";
import { display, distDir, storiesDir } from "./paths.js";
import { readUsualRoute } from "./usual-route.js";

export const MAP_USAGE = "npm run map [-- <mystery>…] [--stories DIR] [--out DIR]";

export const mapFile = (out: string, mystery: string) => path.join(out, `${mystery}.map.svg`);

/** Draws the map of the mystery in `dir` into `outFile`; returns what it shows. */
export async function writeMap(dir: string, outFile: string): Promise<{ passages: number; links: number }> {
  const story = loadStory(await readSources(dir));
  const graph = storyGraph(story, readUsualRoute(dir));
  await writeAtomic(outFile, mapSvg(graph));
  return { passages: graph.passages.length, links: graph.links.length };
}

function options() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { stories: { type: "string", default: storiesDir }, out: { type: "string", default: distDir } },
    });
  } catch (error) {
    throw new BuildError((error as Error).message, undefined, `run it as ${MAP_USAGE}`);
  }
}

async function main(): Promise<number> {
  const { values, positionals } = options();
  const [stories, out] = [path.resolve(values.stories), path.resolve(values.out)];
  const mysteries = positionals.length > 0 ? positionals : await listMysteries(stories);
  let failed = 0;
  for (const mystery of mysteries) {
    const file = mapFile(out, mystery);
    try {
      const { passages, links } = await writeMap(path.join(stories, mystery), file);
      console.log(`drew ${display(file)} (${passages} passages, ${links} links)`);
    } catch (error) {
      failed++;
      console.error(formatError(error));
      console.error(`the map of ${mystery} was not drawn; ${display(file)} is left as it was`);
    }
  }
  return failed ? 1 : 0;
}

runMain(import.meta.url, main);
