// The coverage line counts: in a scratch copy of a mystery whose only link to one page is taken
// out, the walk (pages rendered in the real engine, followed from the start by their links and
// forms) no longer reaches that page, and the line says so, with why: the lint's unreachable warning.
// The story played is the built one with the same link taken out of its passage data (building
// the copy again would cost the test a bundle of the macros for the same bytes).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { readCoverage } from "./coverage-count.js";
import type { Reached } from "./coverage.js";
import { engineStoryPassageNames } from "./passages.js";
import { askForms } from "./play.js";
import { openStory, type Player, storyFile } from "./player.js";
import { scratchStory } from "./scratch.js";

const MYSTERY = "pool-that-ran-dry";
const CUT = "Recent changes";

/** The walk's reach: each page rendered afresh, followed from the start by what it links to. */
function walkFromStart(player: Player): string[] {
  const start = player.passage(); // shown when the story opened
  const edges = new Map<string, string[]>();
  for (const name of engineStoryPassageNames(player)) {
    player.fresh(name);
    edges.set(name, [...player.links().map((l) => l.target), ...askForms(player).map((f) => f.target)]);
  }
  const reached = new Set<string>();
  for (const queue = [start]; queue.length > 0; ) {
    const at = queue.shift()!;
    if (reached.has(at)) continue;
    reached.add(at);
    queue.push(...(edges.get(at) ?? []));
  }
  return [...reached];
}

describe("the coverage line", () => {
  let player: Player;
  let reached: Reached;
  let scratch: ReturnType<typeof scratchStory>;
  beforeAll(async () => {
    scratch = scratchStory(MYSTERY);
    // Its only link becomes plain text, in the Twee and in the built page's passage data.
    const [link, plain] = [`[[Look at what changed recently->${CUT}]]`, "Look at what changed recently"];
    const start = path.join(scratch.dir, "start.twee");
    const text = readFileSync(start, "utf8");
    expect(text.split(link).length, "one link in the Twee").toBe(2);
    writeFileSync(start, text.replace(link, plain));
    const html = readFileSync(storyFile(MYSTERY), "utf8");
    const escaped = link.replace(">", "&gt;");
    expect(html.split(escaped).length, "one link in the built page").toBe(2);
    player = await openStory(MYSTERY, { html: html.replace(escaped, plain) });
    reached = { mystery: MYSTERY, passages: walkFromStart(player) };
  });
  afterAll(() => player?.close());

  it("counts a page no route reaches, and says why", async () => {
    const specs = ourMacroSpecs();
    const { line, unreached } = await readCoverage(scratch.stories, MYSTERY, specs, [reached]);
    expect(line).toBe(`${MYSTERY}: passages 28/29`);
    expect(unreached).toEqual([
      `passage "${CUT}": "${CUT}" cannot be reached from the start (the lint warns: unreachable)`,
    ]);
  });
});
