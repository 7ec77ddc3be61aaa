// A mystery's numbers read from its folder (stats.ts computes them).
import path from "node:path";
import type { MacroSpec } from "../../macros/define.js";
import { readSources } from "../compile/mysteries.js";
import { loadStory } from "../compile/compile.js";
import { storyGraph } from "./map-graph.js";
import { type MysteryStats, mysteryStats } from "./stats.js";

export async function readStats(stories: string, mystery: string, specs: readonly MacroSpec[]): Promise<MysteryStats> {
  const story = loadStory(await readSources(path.join(stories, mystery)));
  return mysteryStats(mystery, storyGraph(story, specs));
}
