// All mysteries on one site: an index page links each one, each one links back, and no two
// share an IFID or a save id (so their saves never mix).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { beforeAll, describe, expect, it } from "vitest";
import { distDir, storiesDir } from "../../build/shared/paths.js";
import { readPuzzle } from "../../build/site/puzzles.js";
import { mysteries } from "../harness/mysteries.js";
import { type Player, sharedStory } from "../harness/player.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";

describe("the site", () => {
  const players = new Map<string, Player>();
  beforeAll(async () => {
    for (const m of mysteries) players.set(m, await sharedStory(m));
  });

  it("has an index page listing every mystery with its title and teaser, each link reaching its file", async () => {
    const doc = new JSDOM(readFileSync(path.join(distDir, "index.html"), "utf8")).window.document;
    const items = Array.from(doc.querySelectorAll("li"));
    expect(items).toHaveLength(mysteries.length);
    for (const [i, m] of mysteries.entries()) {
      const puzzle = await readPuzzle(path.join(storiesDir, m), ourMacroSpecs());
      const link = items[i]!.querySelector("a")!;
      expect(link.textContent).toBe(puzzle.title);
      expect(items[i]!.querySelector("p.teaser")!.textContent).toBe(puzzle.teaser);
      expect(existsSync(path.join(distDir, link.getAttribute("href")!)), `${m}: ${link.href}`).toBe(true);
      expect(doc.querySelectorAll('script[src], img, link:not([href^="data:"])')).toHaveLength(0); // self-contained
    }
  });

  it.each(mysteries)("%s links back to the index from its sidebar", (m) => {
    const back = Array.from(players.get(m)!.document.querySelectorAll<HTMLAnchorElement>("#story-caption a")).find(
      (a) => /Back to all puzzles/.test(a.textContent ?? ""),
    );
    expect(back, "a 'Back to all puzzles' link").toBeDefined();
    expect(new URL(back!.getAttribute("href")!, `file://${distDir}/${m}.html`).pathname).toBe(`${distDir}/index.html`);
  });

  it("gives every mystery its own IFID and save id", () => {
    const ids = mysteries.map((m) => players.get(m)!.sugarcube.Config.saves.id);
    const ifids = mysteries.map((m) => players.get(m)!.document.querySelector("tw-storydata")!.getAttribute("ifid"));
    expect(new Set(ids).size).toBe(mysteries.length);
    expect(new Set(ifids).size).toBe(mysteries.length);
    // Not SugarCube's default (the title slug), which two mysteries could share by accident.
    for (const [i, m] of mysteries.entries()) expect(ids[i]).toBe(m);
  });
});
