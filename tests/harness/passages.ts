// Which passages a story has, read two ways: from the built HTML (at test-collection time, so
// each passage gets its own named test) and from the running engine (to check the first).
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
import { OUR_FORMAT } from "../../build/story-format/formats.js";
import { type Player, storyFile } from "./player.js";

export interface PassageInfo {
  readonly name: string;
  readonly tags: readonly string[];
}

/** A page of the story: a passage a player can be shown, as the build decides it (not special,
 *  code, a widget or a picture: story-format/passage-kinds.ts, with SugarCube's special names). */
export const isStoryPassage = (p: PassageInfo): boolean => OUR_FORMAT.kinds.isPage(p);

/** The passages and start passage written in a built story file (no engine involved). */
export function builtStory(mystery: string): { start: string; passages: PassageInfo[] } {
  const html = readFileSync(storyFile(mystery), "utf8");
  // Only the opening tags: attribute values are decoded by the HTML parser, the bodies are skipped.
  const tags = html.match(/<tw-storydata\b[^>]*>|<tw-passagedata\b[^>]*>/g) ?? [];
  const fragment = JSDOM.fragment(tags.join(""));
  const nodes = Array.from(fragment.querySelectorAll("tw-passagedata"));
  const passages = nodes.map((el) => ({
    name: el.getAttribute("name") ?? "",
    tags: (el.getAttribute("tags") ?? "").split(/\s+/).filter(Boolean),
  }));
  const startNode = fragment.querySelector("tw-storydata")?.getAttribute("startnode");
  const start = nodes.find((el) => el.getAttribute("pid") === startNode)?.getAttribute("name") ?? "";
  return { start, passages };
}

/** Names of the story's pages, from the built file: use at collection time for `it.each`. */
export const builtStoryPassageNames = (mystery: string): string[] =>
  builtStory(mystery)
    .passages.filter(isStoryPassage)
    .map((p) => p.name);

/** Every passage the running engine knows, with its tags. */
export function enginePassages(player: Player): PassageInfo[] {
  return player.sugarcube.Story.lookupWith(() => true).map((p) => ({ name: p.title, tags: [...p.tags] }));
}

/** The story's pages according to the running engine. */
export const engineStoryPassageNames = (player: Player): string[] =>
  enginePassages(player)
    .filter(isStoryPassage)
    .map((p) => p.name);
