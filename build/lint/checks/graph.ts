// The story as a map: passages the player can never reach from the start, and dead ends, where
// a page has no way on. Warnings: the story still builds and plays. <<include>>d passages are
// part of the page that includes them, so their links count for it and they are not pages.
import { type LocatedLink, MOVE_KINDS, SHOWN_KINDS } from "../../story-format/reading.js";
import { isCompilerPassage, isEnding, STORY_DATA } from "../../story-format/passage-kinds.js";
import { parseStoryDataTolerant } from "../../model/story.js";
import type { LocatedPassage } from "../../twee/twee.js";
import { type Diagnostic, warning } from "../../shared/diagnostic.js";
import { header, type Mystery } from "../checked-mystery.js";

/** StoryData's start; its problems are the structure checks' to report. */
function startName(m: Mystery): string {
  const data = m.byName.get(STORY_DATA);
  return (data && parseStoryDataTolerant(data).data?.start) ?? "Start";
}

/** A page's ways on: its own move links and the format's way back (<<back>>, <<return>>), and those of what it includes. */
function hasWayOn(m: Mystery, p: LocatedPassage, seen = new Set<LocatedPassage>()): boolean {
  const scan = m.scans.get(p);
  if (!scan || seen.has(p)) return false;
  seen.add(p);
  if (scan.links.some((l) => MOVE_KINDS.has(l.kind))) return true;
  if (scan.macros.some((c) => m.profile.macros.wayBack.has(c.name))) return true;
  return scan.links.some((l) => {
    const included = l.kind === "include" && !l.dynamic ? m.byName.get(l.target) : undefined;
    return included !== undefined && hasWayOn(m, included, seen);
  });
}

export function graphChecks(m: Mystery): Diagnostic[] {
  const target = (l: LocatedLink) => (l.dynamic ? undefined : m.byName.get(l.target));
  // Pages: passages the player can be shown (not code, media, widgets, StoryTitle/StoryData).
  const { inStory, isSpecial, isWidget } = m.profile.kinds;
  const pages = [...m.byName.values()].filter((p) => inStory(p) && m.scans.has(p));
  const shownInside = new Set<LocatedPassage>();
  const movedTo = new Set<LocatedPassage>();
  for (const scan of m.scans.values()) {
    for (const l of scan.links) {
      const t = target(l);
      if (t) (SHOWN_KINDS.has(l.kind) ? shownInside : movedTo).add(t);
    }
  }
  // Reached: from the start and from what the engine shows by itself (StoryCaption's links…).
  const start = startName(m);
  const roots = [...m.byName.values()].filter((p) => p.name === start || isSpecial(p) || isWidget(p));
  const reached = new Set<LocatedPassage>(roots);
  for (const queue = [...roots]; queue.length > 0; ) {
    for (const l of m.scans.get(queue.pop()!)?.links ?? []) {
      const t = target(l);
      if (t && (MOVE_KINDS.has(l.kind) || l.kind === "include") && !reached.has(t)) {
        reached.add(t);
        queue.push(t);
      }
    }
  }
  const found: Diagnostic[] = [];
  for (const p of pages) {
    // The engine shows the format's special passages by itself; tweego's are read by the compiler only.
    if (isSpecial(p) || isCompilerPassage(p)) continue;
    // With no start passage everything would be unreachable; that one error says it all.
    if (m.byName.has(start) && !reached.has(p) && !shownInside.has(p)) {
      found.push(
        warning(header(p), "unreachable", `passage "${p.name}" cannot be reached from the start passage "${start}"`, {
          fix: "link to it from a passage the player can reach, or remove it",
        }),
      );
    }
    const fragment = shownInside.has(p) && !movedTo.has(p) && p.name !== start;
    if (!fragment && !isEnding(p) && !hasWayOn(m, p)) {
      found.push(
        warning(
          header(p),
          "dead-end",
          `passage "${p.name}" has no way on (no link, form, <<goto>>, <<back>> or <<return>>)`,
          {
            fix: "add a link onwards, or tag it `ending` if the story ends here",
          },
        ),
      );
    }
  }
  return found;
}
