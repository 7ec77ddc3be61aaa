// build/overview/: the whole mystery at a glance (story map, statistics, routes, reading time).
// Imports build/twine/ (map positions) and below.
//
// A mystery as a graph, read once for the story map (map-svg.ts) and the statistics (mystery-stats.ts):
// every passage Twine's map shows, with its box (the position in its Twee header, else the one
// `npm run layout` would give it), its role (start, ending, special, picture), the clues it
// records and the questions it asks (the calls of our macros whose specs have `collects` or `asks`:
// story-format/macro-roles.ts); and every reference between passages, as the story format reads
// them (its profile's scan). Pure.
import type { MacroSpec } from "../../macros/define.js";
import { mapPassages } from "../twine/layout-mystery.js";
import { boxOf, layoutStory } from "../twine/layout.js";
import type { Box } from "../twine/box-grid.js";
import { MOVE_KINDS, SHOWN_KINDS } from "../story-format/reading.js";
import { profileFor } from "../story-format/formats.js";
import { macroRoles, type MacroRoles } from "../story-format/macro-roles.js";
import { isEnding, isPicture, type Kinded } from "../story-format/passage-kinds.js";
import type { StoryFormatProfile } from "../story-format/profile.js";
import type { Story } from "../model/story.js";
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
  /** What its calls of our clue macros (specs that collect) record, in text order. */
  readonly clues: readonly string[];
  /** How many questions it asks: calls of our macros whose specs say they do. */
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
  /** Our macros that record clues and those that are questions, by name (their specs say which), for the map's legend. */
  readonly macros: { readonly clues: readonly string[]; readonly questions: readonly string[] };
  /** The story format StoryData names, as the tools read it, and what our macros do. */
  readonly profile: StoryFormatProfile;
  readonly roles: MacroRoles;
}

function roleOf(p: Kinded, start: string, profile: StoryFormatProfile): Role {
  if (p.name === start) return "start";
  if (isEnding(p)) return "ending";
  if (isPicture(p)) return "picture";
  if (profile.kinds.isSpecial(p)) return "special";
  return "page";
}

/** What a passage's markup records and asks: picture passages have none (their text is data). */
function contents(
  text: string,
  isPicture: boolean,
  profile: StoryFormatProfile,
  roles: MacroRoles,
): { clues: string[]; questions: number } {
  if (isPicture) return { clues: [], questions: 0 };
  const { macros } = profile.scan(text);
  const clues = macros.flatMap((m) => {
    const collects = roles.collects.get(m.name);
    const clue = collects && m.args?.[collects.text]?.value;
    return clue === undefined ? [] : [clue];
  });
  return { clues, questions: macros.filter((m) => roles.asks.has(m.name)).length };
}

/** `specs`: our macros' specs, for what their calls record, which are questions, and where they go. */
export function storyGraph(story: Story, specs: readonly MacroSpec[], usual?: UsualRoute): StoryGraph {
  const profile = profileFor(story.data.format);
  const roles = macroRoles(specs);
  const shown = mapPassages(story.passages, profile, roles);
  const positions = layoutStory(
    shown.map((s) => s.map),
    story.data.start,
  );
  const passages: GraphPassage[] = shown.map(({ passage, map }) => {
    const box = boxOf({ ...map, position: map.position ?? positions.get(passage.name) })!;
    return {
      name: passage.name,
      tags: passage.tags,
      file: passage.file,
      line: passage.line,
      text: passage.text,
      role: roleOf(passage, story.data.start, profile),
      box,
      ...contents(passage.text, isPicture(passage), profile, roles),
    };
  });
  const names = new Set(passages.map((p) => p.name));
  const links: GraphLink[] = [];
  const seen = new Set<string>();
  for (const p of passages) {
    if (p.role === "picture") continue;
    for (const l of profile.scan(p.text, roles).links) {
      if (l.dynamic || !names.has(l.target)) continue;
      const kind = MOVE_KINDS.has(l.kind) ? "move" : SHOWN_KINDS.has(l.kind) ? "shows" : undefined;
      const key = JSON.stringify([p.name, l.target, kind]);
      if (!kind || seen.has(key)) continue;
      seen.add(key);
      links.push({ from: p.name, to: l.target, kind });
    }
  }
  const route = usual && { steps: [story.data.start, ...usual.route], clues: usual.clues };
  const format = [story.data.format, story.data.formatVersion].filter(Boolean).join(" ");
  const macros = { clues: [...roles.collects.keys()], questions: [...roles.asks.keys()] };
  return {
    title: story.name,
    format,
    start: story.data.start,
    passages,
    links,
    ...(route ? { route } : {}),
    macros,
    profile,
    roles,
  };
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
  const direct = (kind: GraphLink["kind"], from: string) =>
    (byFrom.get(from) ?? []).filter((l) => l.kind === kind).map((l) => l.to);
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
