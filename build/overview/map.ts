// A mystery's story map on disk: read its files, draw its graph (map-graph.ts → map-svg.ts), write
// it atomically where mapFile says: the project's .cache/maps/, not dist/ (it is not published).
import path from "node:path";
import { readSources } from "../sources/mystery-files.js";
import { loadStory } from "../model/story.js";
import type { MacroSpec } from "../../macros/define.js";
import { ourMacroSpecs } from "../bundle/macro-specs.js";
import { storyGraph } from "./map-graph.js";
import { mapSvg } from "./map-svg.js";
import { writeAtomic } from "../shared/output.js";
import { storiesDir, unpublishedDir } from "../shared/paths.js";
import { readUsualRoute } from "./usual-route.js";

/** The folder of a project's story maps; `stories` is its stories folder. */
export const mapsDir = (stories = storiesDir): string => unpublishedDir("maps", stories);

/**
 * The one place a mystery's story map is: <project>/.cache/maps/<mystery>.map.svg (npm run dev
 * serves it as /<mystery>.map.svg), or in `dir` (npm run map --out).
 */
export const mapFile = (stories: string, mystery: string, dir = mapsDir(stories)): string =>
  path.join(dir, `${mystery}.map.svg`);

/** Draws the map of the mystery in `dir` into `outFile` (what our macros record, which of them are questions and where they go, as `specs` say); returns what it shows. */
export async function writeMap(
  dir: string,
  outFile: string,
  specs: readonly MacroSpec[] = ourMacroSpecs(),
): Promise<{ passages: number; links: number }> {
  const story = loadStory(await readSources(dir));
  const graph = storyGraph(story, specs, readUsualRoute(dir));
  await writeAtomic(outFile, mapSvg(graph));
  return { passages: graph.passages.length, links: graph.links.length };
}
