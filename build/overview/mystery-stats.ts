// A mystery's numbers (npm run stats): passages, words of the story text a player can reach (what
// no link reaches is said apart) and a reading time, questions, clues and endings; the shortest
// route from the start to each ending; the clues a player can collect on the way to each ending;
// and clues no route to an ending passes. Pure: the story graph (map-graph.ts) in, numbers out;
// but for readStats, which reads the mystery's files first.
import path from "node:path";
import type { MacroSpec } from "../../macros/define.js";
import { readSources } from "../sources/mystery-files.js";
import { loadStory } from "../model/story.js";
import { type GraphPassage, moves, storyGraph, type StoryGraph } from "./map-graph.js";
import { playMinutes } from "./reading-time.js";
import { isCompilerPassage, isEnding as taggedEnding } from "../story-format/passage-kinds.js";
import { reachable } from "./reach.js";

/** Words a minute for on-screen reading; the estimate is the prose's words / this, rounded up (code listings are skimmed for the line that matters, so they are not counted in it). */
export const READING_WORDS_PER_MINUTE = 200;

export interface EndingStats {
  readonly ending: string;
  /** Passages on the shortest route from the start, both counted; null when no route reaches it. */
  readonly passages: number | null;
  readonly route: readonly string[] | null;
  /** Clues the shortest route itself finds, in order: how much a player who rushes there knows. */
  readonly routeClues: readonly string[];
  /** Clues a player can collect before (or at) this ending, those nearest the start first. */
  readonly clues: readonly string[];
}

export interface MysteryStats {
  readonly mystery: string;
  readonly title: string;
  /** The SugarCube its StoryData names, which the build embeds, e.g. "SugarCube 2.37.3". */
  readonly format: string;
  /** Story passages, as the build counts them (not code, not pictures). */
  readonly passages: number;
  /** Words a player reads: the text of the passages a player can reach (reach.ts) without markup, code listings included. */
  readonly words: number;
  /** Of `words`, those in code listings (<pre>"""…"""</pre> and other verbatim text). */
  readonly listingWords: number;
  readonly readingMinutes: number;
  /** About how long a player takes, as the index page says (reading-time.ts). */
  readonly playMinutes: number;
  /** Questions: calls of our macros whose specs have `asks`. */
  readonly questions: number;
  /** Different clues (the texts our clue macros record). */
  readonly clues: number;
  readonly endings: number;
  /** Passage count of the shortest route from the start to any ending; null when none is reachable. */
  readonly shortestRoute: number | null;
  readonly endingRoutes: readonly EndingStats[];
  /** Clues on no route from the start to an ending. */
  readonly unreachableClues: readonly string[];
  /** Passages no link from the start reaches (drafts, notes): left out of the words and times. */
  readonly unreachable: readonly string[];
  /** The words in them. */
  readonly unreachableWords: number;
}

/** Breadth-first from the start over the ways on; the story stops at an ending, so nothing leads on from one. */
export function walk(
  graph: StoryGraph,
  next: ReadonlyMap<string, readonly string[]>,
  isEnding: (n: string) => boolean,
) {
  const parent = new Map<string, string | null>([[graph.start, null]]);
  const order = [graph.start];
  for (let i = 0; i < order.length; i++) {
    const at = order[i]!;
    if (isEnding(at) && at !== graph.start) continue;
    for (const to of next.get(at) ?? []) {
      if (parent.has(to)) continue;
      parent.set(to, at);
      order.push(to);
    }
  }
  return { parent, order };
}

/** Words are counted by the graph's story format, with what our macros show (the graph's roles, from their specs). */
export function mysteryStats(mystery: string, graph: StoryGraph): MysteryStats {
  const { profile, roles } = graph;
  const pages = graph.passages.filter((p) => p.role !== "picture");
  const endings = pages.filter((p) => p.role === "ending" || (p.role === "start" && taggedEnding(p)));
  const isEnding = (name: string) => endings.some((e) => e.name === name);
  const next = moves(graph);
  const { parent, order } = walk(graph, next, isEnding);
  const byName = new Map(pages.map((p) => [p.name, p] as const));
  // Predecessors within what the start reaches, not leaving an ending.
  const before = new Map<string, string[]>();
  for (const from of order) {
    if (isEnding(from) && from !== graph.start) continue;
    for (const to of next.get(from) ?? []) before.set(to, [...(before.get(to) ?? []), from]);
  }
  const routeTo = (name: string): string[] | null => {
    if (!parent.has(name)) return null;
    const route = [name];
    for (let at = parent.get(name); at != null; at = parent.get(at)) route.unshift(at);
    return route;
  };
  const cluesOf = (names: Iterable<string>) => {
    const wanted = new Set(names);
    // Nearest the start first (breadth-first order), then in the passage's own order.
    return [...new Set(order.filter((n) => wanted.has(n)).flatMap((n) => byName.get(n)?.clues ?? []))];
  };
  const endingRoutes: EndingStats[] = endings.map((e) => {
    const route = routeTo(e.name);
    const onTheWay = new Set<string>();
    if (route) {
      for (const queue = [e.name]; queue.length > 0; ) {
        const at = queue.pop()!;
        if (onTheWay.has(at)) continue;
        onTheWay.add(at);
        queue.push(...(before.get(at) ?? []));
      }
    }
    const routeClues = [...new Set((route ?? []).flatMap((n) => byName.get(n)?.clues ?? []))];
    return { ending: e.name, passages: route?.length ?? null, route, routeClues, clues: cluesOf(onTheWay) };
  });
  const allClues = [...new Set(pages.flatMap((p: GraphPassage) => p.clues))];
  const collectable = new Set(endingRoutes.flatMap((r) => r.clues));
  // Words of what a player can reach; the rest is said apart (tweego's compiler passages are not pages at all).
  const reached = reachable(pages, graph.start, profile, roles);
  const read = pages.filter((p) => reached.has(p.name));
  const leftOut = pages.filter((p) => !reached.has(p.name) && !isCompilerPassage(p));
  const counted = read.map((p) => profile.passageWords(p.text, roles));
  const words = counted.reduce((n, c) => n + c.words, 0);
  const listingWords = counted.reduce((n, c) => n + c.listingWords, 0);
  const lengths = endingRoutes.flatMap((r) => (r.passages === null ? [] : [r.passages]));
  return {
    mystery,
    title: graph.title,
    format: graph.format,
    passages: pages.length,
    words,
    listingWords,
    readingMinutes: Math.ceil((words - listingWords) / READING_WORDS_PER_MINUTE),
    // The index page's figure, from the same pages it counts (isPage: not StoryInit, the caption, widgets).
    playMinutes: playMinutes(
      counted.reduce((n, c, i) => (profile.kinds.isPage(read[i]!) ? n + c.words - c.listingWords : n), 0),
    ),
    questions: pages.reduce((n, p) => n + p.questions, 0),
    clues: allClues.length,
    endings: endings.length,
    shortestRoute: lengths.length > 0 ? Math.min(...lengths) : null,
    endingRoutes,
    unreachableClues: allClues.filter((c) => !collectable.has(c)),
    unreachable: leftOut.map((p) => p.name),
    unreachableWords: leftOut.reduce((n, p) => n + profile.passageWords(p.text, roles).words, 0),
  };
}

/** Up to five names, then how many more. */
const names = (all: readonly string[]) =>
  all.length > 5 ? `${all.slice(0, 5).join(", ")} and ${all.length - 5} more` : all.join(", ");

/** The human form: one block per mystery. */
export function formatStats(s: MysteryStats): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const plural = (x: number, word: string) => `${n(x)} ${word}${x === 1 ? "" : "s"}`;
  const lines = [
    `${s.title} (${s.mystery})`,
    `  engine      ${s.format}${/ \d/.test(s.format) ? "" : " (no version in StoryData: the newest found)"}`,
    `  passages    ${n(s.passages)}`,
    `  words       ${n(s.words)}, ${n(s.listingWords)} of them in code listings`,
    `  reading     about ${plural(s.readingMinutes, "minute")} (the ${n(s.words - s.listingWords)} words of prose at ${READING_WORDS_PER_MINUTE} a minute)`,
    `  playing     about ${plural(s.playMinutes, "minute")}, as the index page says (with time to think and answer)`,
    ...(s.unreachable.length > 0
      ? [
          `  left out    ${plural(s.unreachable.length, "passage")} no link from the start reaches (${n(s.unreachableWords)} words, not counted above): ${names(s.unreachable)}`,
        ]
      : []),
    `  questions   ${n(s.questions)}`,
    `  clues       ${n(s.clues)}`,
    `  endings     ${n(s.endings)}`,
  ];
  for (const r of s.endingRoutes) {
    if (r.route === null) {
      lines.push(`  no route from the start reaches the ending "${r.ending}"`);
      continue;
    }
    lines.push(
      `  shortest route to ${r.ending}: ${plural(r.passages!, "passage")}, finding ${r.routeClues.length} of the ${plural(s.clues, "clue")}`,
    );
    lines.push(`    ${r.route.join(" → ")}`);
    lines.push(`    clues a player can collect before it, nearest the start first: ${r.clues.length} of ${s.clues}`);
    for (const clue of r.clues) lines.push(`      - ${clue}`);
  }
  lines.push(`  clues no route to an ending reaches: ${s.unreachableClues.length === 0 ? "none" : ""}`);
  for (const clue of s.unreachableClues) lines.push(`    - ${clue}`);
  return lines.join("\n");
}

/** The numbers of the mystery `mystery` in the stories folder `stories`, read from its files. */
export async function readStats(stories: string, mystery: string, specs: readonly MacroSpec[]): Promise<MysteryStats> {
  const story = loadStory(await readSources(path.join(stories, mystery)));
  return mysteryStats(mystery, storyGraph(story, specs));
}
