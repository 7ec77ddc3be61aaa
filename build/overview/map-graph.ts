// build/overview/: the whole mystery at a glance (story map, statistics, routes, reading time).
// Imports build/twine/ (map positions) and below.
//
// A mystery as a graph, read once for the story map (map-svg.ts) and the statistics (stats.ts):
// every passage Twine's map shows, with its box (the position in its Twee header, else the one
// `npm run layout` would give it), its role (start, ending, special, picture), the clues it
// records (<<newinfo>>) and the questions it asks (<<ask>>/<<ask-area>>); and every reference
// between passages, read by SugarCube's link reader (story-format/sugarcube/links.ts). Pure.
import { SPECIAL_PASSAGES } from "../lint/checks/graph.js";
import { mapPassages } from "../twine/layout-mystery.js";
import { boxOf, layoutStory } from "../twine/layout.js";
import { type Box } from "../twine/box-grid.js";
import { type LinkKind, MOVE_KINDS, passageLinks, scanPassage } from "../story-format/sugarcube/links.js";
import type { Story } from "../compile/story.js";
import type { UsualRoute } from "./usual-route.js";

export type Role = "start" | "ending" | "special" | "picture" | "page";

export interface GraphPassage {
  readonly name: string;
  readonly tags: readonly string[];
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly role: Role;
  readonly box: Box;
  /** What its <<newinfo>> calls record, in text order. */
  readonly clues: readonly string[];
  /** How many <<ask>>/<<ask-area>> it has. */
  readonly questions: number;
}

/** A reference from one passage to another that exists; one per (from, to, kind). */
export interface GraphLink {
  readonly from: string;
  readonly to: string;
  /** "move": a link, a form or <<goto>> takes the player there; "shows": it is shown inside (<<include>>, a picture). */
  readonly kind: "move" | "shows";
}

export interface StoryGraph {
  readonly title: string;
  /** The story format StoryData names, e.g. "SugarCube 2.37.3" (without a version, the build takes the newest found). */
  readonly format: string;
  readonly start: string;
  readonly passages: readonly GraphPassage[];
  readonly links: readonly GraphLink[];
  /** The usual route from the start, start included, when the mystery has a route.json. */
  readonly route?: { readonly steps: readonly string[]; readonly clues: readonly string[] };
}

const QUESTION_MACROS = new Set(["ask", "ask-area"]);
const SHOWN_INSIDE: ReadonlySet<LinkKind> = new Set<LinkKind>(["include", "image", "media"]);

function roleOf(name: string, tags: readonly string[], start: string): Role {
  if (name === start) return "start";
  if (tags.includes("ending")) return "ending";
  if (tags.includes("Twine.image")) return "picture";
  if (SPECIAL_PASSAGES.has(name)) return "special";
  return "page";
}

/** What a passage's markup records and asks: picture passages have none (their text is data). */
function contents(text: string, isPicture: boolean): { clues: string[]; questions: number } {
  if (isPicture) return { clues: [], questions: 0 };
  const { macros } = scanPassage(text);
  const clues = macros.flatMap((m) => (m.name === "newinfo" && m.args?.[0]?.value !== undefined ? [m.args[0].value] : []));
  return { clues, questions: macros.filter((m) => QUESTION_MACROS.has(m.name)).length };
}

export function storyGraph(story: Story, usual?: UsualRoute): StoryGraph {
  const shown = mapPassages(story.passages);
  const positions = layoutStory(shown.map((s) => s.map), story.data.start);
  const passages: GraphPassage[] = shown.map(({ passage, map }) => {
    const box = boxOf({ ...map, position: map.position ?? positions.get(passage.name) })!;
    const isPicture = passage.tags.includes("Twine.image");
    return {
      name: passage.name,
      tags: passage.tags,
      file: passage.file,
      line: passage.line,
      text: passage.text,
      role: roleOf(passage.name, passage.tags, story.data.start),
      box,
      ...contents(passage.text, isPicture),
    };
  });
  const names = new Set(passages.map((p) => p.name));
  const links: GraphLink[] = [];
  const seen = new Set<string>();
  for (const p of passages) {
    if (p.role === "picture") continue;
    for (const l of passageLinks(p.text)) {
      if (l.dynamic || !names.has(l.target)) continue;
      const kind = MOVE_KINDS.has(l.kind) ? "move" : SHOWN_INSIDE.has(l.kind) ? "shows" : undefined;
      const key = JSON.stringify([p.name, l.target, kind]);
      if (!kind || seen.has(key)) continue;
      seen.add(key);
      links.push({ from: p.name, to: l.target, kind });
    }
  }
  const route = usual && { steps: [story.data.start, ...usual.route], clues: usual.clues };
  const format = [story.data.format, story.data.formatVersion].filter(Boolean).join(" ");
  return { title: story.name, format, start: story.data.start, passages, links, ...(route ? { route } : {}) };
}

/**
 * Where a player can go from each page: its move links and those of what it shows inside
 * (an <<include>>d passage's links are on the including page), as the lint's graph check reads it.
 */
export function moves(graph: StoryGraph): Map<string, string[]> {
  const out = new Map<string, string[]>(graph.passages.map((p) => [p.name, []]));
  // Each page's links by kind, grouped once (looking them up in all links per step was quadratic).
  const byFrom = new Map<string, GraphLink[]>();
  for (const l of graph.links) byFrom.get(l.from)?.push(l) ?? byFrom.set(l.from, [l]);
  const direct = (kind: GraphLink["kind"], from: string) => (byFrom.get(from) ?? []).filter((l) => l.kind === kind).map((l) => l.to);
  for (const p of graph.passages) {
    const targets = new Set<string>();
    const seen = new Set<string>([p.name]);
    for (const queue = [p.name]; queue.length > 0; ) {
      const at = queue.shift()!;
      for (const t of direct("move", at)) targets.add(t);
      for (const inner of direct("shows", at).filter((n) => !seen.has(n))) {
        seen.add(inner);
        queue.push(inner);
      }
    }
    out.set(p.name, [...targets]);
  }
  return out;
}
