// A mystery's story map on disk: read its files, draw its graph (map-graph.ts → map-svg.ts), write
// <out>/<mystery>.map.svg atomically.
import path from "node:path";
import { readSources } from "../compile/mysteries.js";
import { loadStory } from "../compile/compile.js";
import { storyGraph } from "./map-graph.js";
import { mapSvg } from "./map-svg.js";
import { writeAtomic } from "../shared/output.js";
import { readUsualRoute } from "./usual-route.js";

export const mapFile = (out: string, mystery: string) => path.join(out, `${mystery}.map.svg`);

/** Draws the map of the mystery in `dir` into `outFile`; returns what it shows. */
export async function writeMap(dir: string, outFile: string): Promise<{ passages: number; links: number }> {
  const story = loadStory(await readSources(dir));
  const graph = storyGraph(story, readUsualRoute(dir));
  await writeAtomic(outFile, mapSvg(graph));
  return { passages: graph.passages.length, links: graph.links.length };
}
