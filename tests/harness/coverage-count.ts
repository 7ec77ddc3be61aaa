// Counts what the tests reached (coverage.ts) against what a mystery's files have: its pages, the
// links a player clicks ([[…]], <<link>>, data-passage), its forms (the macros whose spec asks: a
// variable-name and a passage argument) and its clues (the texts of the macros whose spec
// collects them). Which macro asks or collects is read from the specs (story-format/macro-roles.ts).
// Whatever was not reached gets a line saying why: a page no route reaches (which the lint's
// `unreachable` warning names), a computed target, a page the tests never got to.
import path from "node:path";
import type { MacroSpec } from "../../macros/define.js";
import { loadStory } from "../../build/model/story.js";
import { readSources } from "../../build/sources/mystery-files.js";
import { lintMystery } from "../../build/lint/lint.js";
import { macroRoles } from "../../build/story-format/macro-roles.js";
import type { Diagnostic } from "../../build/shared/diagnostic.js";
import { scanPassage } from "../../build/story-format/sugarcube/scan.js";
import type { Reached } from "./coverage.js";
import { isStoryPassage } from "./passages.js";

interface Page {
  readonly name: string;
  readonly tags: readonly string[];
  readonly text: string;
}

export interface Coverage {
  /** `50ms-request: passages 40/40, links 45/45, forms 14/14, clues 6/6` */
  readonly line: string;
  /** One line per thing not reached, saying why. */
  readonly unreached: readonly string[];
}

const CLICKED = new Set(["link", "data-passage"]);
const pair = (a: string, b: string) => JSON.stringify([a, b]);

/** How many times each [page, target] pair was reached, the most any one test saw (two builds of a mystery reach the same links). */
function mostPerPair(lists: readonly (readonly (readonly [string, string])[] | undefined)[]): Map<string, number> {
  const most = new Map<string, number>();
  for (const list of lists) {
    const counts = new Map<string, number>();
    for (const [a, b] of list ?? []) counts.set(pair(a, b), (counts.get(pair(a, b)) ?? 0) + 1);
    for (const [key, n] of counts) most.set(key, Math.max(most.get(key) ?? 0, n));
  }
  return most;
}

/** Counts `reached` (every note for this mystery) against its pages. Pure. */
export function countCoverage(
  mystery: string,
  pages: readonly Page[],
  specs: readonly MacroSpec[],
  /** The lint's warnings (asked for only when something was not reached). */
  warnings: () => readonly Diagnostic[],
  reached: readonly Reached[],
): Coverage {
  const roles = macroRoles(specs);
  // Only what some test noted is counted (a run of one test file counts what that file does).
  const noted = (kind: "passages" | "links" | "forms" | "clues") => reached.some((r) => r[kind] !== undefined);
  const missed: Record<"passages" | "links" | "forms" | "clues", string[]> = {
    passages: [],
    links: [],
    forms: [],
    clues: [],
  };
  const seenPages = new Set(reached.flatMap((r) => r.passages ?? []));
  const seenClues = new Set(reached.flatMap((r) => r.clues ?? []));
  const clicked = mostPerPair(reached.map((r) => r.links));
  const answered = mostPerPair(reached.map((r) => r.forms));
  const why = (page: string) => {
    if (seenPages.has(page)) return "the tests did not get to it";
    const warned = warnings().some((w) => w.code === "unreachable" && w.message.includes(`passage "${page}"`));
    return warned
      ? `"${page}" cannot be reached from the start (the lint warns: unreachable)`
      : `the tests did not reach "${page}"`;
  };

  let [passages, links, linksReached, forms, formsReached] = [0, 0, 0, 0, 0];
  const clues = new Map<string, string>(); // clue → the page that records it
  for (const page of pages) {
    passages++;
    if (!seenPages.has(page.name)) missed.passages.push(`passage "${page.name}": ${why(page.name)}`);
    const { links: refs, macros } = scanPassage(page.text);
    // Links: each static one matched by its target; a computed one by what the page's other clicks leave.
    const wanted = new Map<string, number>();
    let computed = 0;
    for (const l of refs.filter((r) => CLICKED.has(r.kind))) {
      links++;
      if (l.dynamic) computed++;
      else wanted.set(l.target, (wanted.get(l.target) ?? 0) + 1);
    }
    let extra = [...clicked]
      .filter(([k]) => JSON.parse(k)[0] === page.name)
      .reduce((n, [k, c]) => n + Math.max(0, c - (wanted.get(JSON.parse(k)[1]) ?? 0)), 0);
    for (const [target, n] of wanted) {
      const got = Math.min(n, clicked.get(pair(page.name, target)) ?? 0);
      linksReached += got;
      if (got < n) missed.links.push(`link "${page.name}" → "${target}": ${why(page.name)}`);
    }
    const computedReached = Math.min(computed, extra);
    extra -= computedReached;
    linksReached += computedReached;
    if (computedReached < computed)
      missed.links.push(
        `link in "${page.name}": a computed target, known only at play time, that the walk did not click`,
      );
    // Forms.
    for (const call of macros) {
      const [asks, collects] = [roles.asks.get(call.name), roles.collects.get(call.name)];
      const target = asks && call.args?.[asks.passage]?.value;
      if (asks) forms++;
      if (asks && target !== undefined && (answered.get(pair(page.name, target)) ?? 0) > 0) {
        answered.set(pair(page.name, target), answered.get(pair(page.name, target))! - 1);
        formsReached++;
      } else if (asks)
        missed.forms.push(
          `form in "${page.name}" → "${target ?? call.args?.[asks.passage]?.text}": ${target === undefined ? "a computed target" : why(page.name)}`,
        );
      const clue = collects && call.args?.[collects.text]?.value;
      if (clue !== undefined && clue && !clues.has(clue)) clues.set(clue, page.name);
    }
  }
  const cluesReached = [...clues.keys()].filter((c) => seenClues.has(c)).length;
  for (const [clue, page] of clues)
    if (!seenClues.has(clue)) missed.clues.push(`clue "${clue}" (in "${page}"): ${why(page)}`);
  const reachedPages = pages.filter((p) => seenPages.has(p.name)).length;
  const counts = {
    passages: [reachedPages, passages],
    links: [linksReached, links],
    forms: [formsReached, forms],
    clues: [cluesReached, clues.size],
  } as const;
  const kinds = (Object.keys(counts) as (keyof typeof counts)[]).filter(noted);
  const line = `${mystery}: ${kinds.map((k) => `${k} ${counts[k][0]}/${counts[k][1]}`).join(", ")}`;
  return { line, unreached: kinds.flatMap((k) => missed[k]) };
}

/** The coverage of mystery `mystery` under `stories`, read from its files. */
export async function readCoverage(
  stories: string,
  mystery: string,
  specs: readonly MacroSpec[],
  reached: readonly Reached[],
): Promise<Coverage> {
  const files = await readSources(path.join(stories, mystery));
  const pages = loadStory(files).passages.filter(isStoryPassage);
  let warnings: Diagnostic[] | undefined;
  const lint = () => (warnings ??= lintMystery(files, specs).filter((d) => d.severity === "warning"));
  return countCoverage(mystery, pages, specs, lint, reached);
}
