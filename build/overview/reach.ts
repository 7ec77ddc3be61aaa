// What a player can reach, for the words `npm run stats` and the index page count: the start, the
// passages the format shows by itself (SugarCube's StoryCaption, StoryInit…) and widgets, then
// every passage a link, form or <<goto>> of a reached one goes to and every one it shows inside
// (<<include>>), as the lint's unreachable check reads the story (lint/checks/graph.ts). A passage
// nothing reaches (a draft, notes) is no part of what a player reads. Pure.
import { parseStoryDataTolerant } from "../model/story.js";
import { profileFor } from "../story-format/formats.js";
import type { MacroRoles } from "../story-format/macro-roles.js";
import { isPicture, isStoryData } from "../story-format/passage-kinds.js";
import type { StoryFormatProfile } from "../story-format/profile.js";
import { MOVE_KINDS } from "../story-format/reading.js";
import type { Passage } from "../twee/twee.js";

type Readable = Pick<Passage, "name" | "tags" | "text">;

/** StoryData among `passages`, read past its mistakes. */
const storyData = (passages: readonly Passage[]) => {
  const data = passages.find(isStoryData);
  return data && parseStoryDataTolerant(data).data;
};

/** StoryData's start passage among `passages` (StoryData itself included), "Start" when it names none. */
export const startOf = (passages: readonly Passage[]): string => storyData(passages)?.start || "Start";

/** The story format StoryData among `passages` names, as the tools read it. */
export const formatOf = (passages: readonly Passage[]): StoryFormatProfile => profileFor(storyData(passages)?.format);

/** The names of the passages a player can reach from `start` (see the top), read by `profile` with our macros' `roles`. */
export function reachable(
  passages: readonly Readable[],
  start: string,
  profile: StoryFormatProfile,
  roles: MacroRoles,
): Set<string> {
  const byName = new Map(passages.map((p) => [p.name, p] as const));
  const roots = passages.filter((p) => p.name === start || profile.kinds.isSpecial(p) || profile.kinds.isWidget(p));
  const reached = new Set(roots.map((p) => p.name));
  for (const queue = [...roots]; queue.length > 0; ) {
    const p = queue.pop()!;
    if (isPicture(p)) continue; // a picture's text is its data
    for (const l of profile.scan(p.text, roles).links) {
      const to = l.dynamic ? undefined : byName.get(l.target);
      if (to && (MOVE_KINDS.has(l.kind) || l.kind === "include") && !reached.has(to.name)) {
        reached.add(to.name);
        queue.push(to);
      }
    }
  }
  return reached;
}
