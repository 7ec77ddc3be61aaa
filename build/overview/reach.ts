// What a player can reach, for the words `npm run stats` and the index page count: the start, the
// passages SugarCube shows by itself (StoryCaption, StoryInit…) and widgets, then every passage a
// link, form or <<goto>> of a reached one goes to and every one it shows inside (<<include>>), as
// the lint's unreachable check reads the story (lint/checks/graph.ts). A passage nothing reaches
// (a draft, notes) is no part of what a player reads. Pure.
import { SPECIAL_PASSAGES } from "../lint/checks/graph.js";
import { parseStoryDataTolerant } from "../compile/story.js";
import { MOVE_KINDS, passageLinks } from "../story-format/sugarcube/links.js";
import type { Passage } from "../twee/twee.js";

type Readable = Pick<Passage, "name" | "tags" | "text">;

/** StoryData's start passage among `passages` (StoryData itself included), "Start" when it names none. */
export function startOf(passages: readonly Passage[]): string {
  const data = passages.find((p) => p.name === "StoryData");
  return (data && parseStoryDataTolerant(data).data?.start) || "Start";
}

/** The names of the passages a player can reach from `start` (see the top). */
export function reachable(passages: readonly Readable[], start: string): Set<string> {
  const byName = new Map(passages.map((p) => [p.name, p] as const));
  const roots = passages.filter((p) => p.name === start || SPECIAL_PASSAGES.has(p.name) || p.tags.includes("widget"));
  const reached = new Set(roots.map((p) => p.name));
  for (const queue = [...roots]; queue.length > 0; ) {
    const p = queue.pop()!;
    if (p.tags.includes("Twine.image")) continue; // a picture's text is its data
    for (const l of passageLinks(p.text)) {
      const to = l.dynamic ? undefined : byName.get(l.target);
      if (to && (MOVE_KINDS.has(l.kind) || l.kind === "include") && !reached.has(to.name)) {
        reached.add(to.name);
        queue.push(to);
      }
    }
  }
  return reached;
}
