// Walks every page of every mystery in the real built story: each renders cleanly, each link and
// form goes somewhere that exists, each link click lands where it says, every page can be reached
// from the start, and every dead end is an ending.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysteries } from "./harness/mysteries.js";
import { builtStory, builtStoryPassageNames, engineStoryPassageNames } from "./harness/passages.js";
import { askForms, waysOn } from "./harness/play.js";
import { openStory, type Player } from "./harness/player.js";

describe.each(mysteries)("%s", (mystery) => {
  // Read from the built file at collection time, so every page gets its own test.
  const names = builtStoryPassageNames(mystery);
  const built = builtStory(mystery);
  let player: Player;
  let start: string;
  let openingErrors: string[];
  /** Where each page leads, from its rendered links and forms (a fresh visit, no variables set). */
  const edges = new Map<string, string[]>();
  const reachable = new Set<string>();

  /** Shows a page as a fresh visit, with the error list emptied first. */
  function show(name: string): void {
    player.errors.length = 0;
    player.fresh(name);
  }

  beforeAll(async () => {
    player = await openStory(mystery);
    start = player.passage();
    openingErrors = [...player.errors, ...player.errorViews()];
    for (const name of names) {
      show(name);
      edges.set(name, waysOn(player));
    }
    const queue = [start];
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (reachable.has(name)) continue;
      reachable.add(name);
      queue.push(...(edges.get(name) ?? []));
    }
  });
  afterAll(() => player?.close());

  it("starts at the story's start passage with no error", () => {
    expect(openingErrors, "errors while the story opened").toEqual([]);
    expect(start, "the passage shown first").toBe(built.start);
    expect(names, "the start passage is one of the story's pages").toContain(start);
  });

  it("the engine has exactly the pages these tests were generated for", () => {
    expect(names.length, "story pages in the built file").toBeGreaterThan(0);
    expect([...engineStoryPassageNames(player)].sort()).toEqual([...names].sort());
  });

  it("has an ending (a passage tagged ending) that can be reached", () => {
    const endings = names.filter((n) => player.sugarcube.Story.get(n).tags.includes("ending"));
    expect(endings, "passages tagged ending").not.toEqual([]);
    expect(endings.filter((n) => reachable.has(n)), "reachable endings").not.toEqual([]);
  });

  it.each(names)("%s renders with no error", (name) => {
    show(name);
    expect(player.passage(), `"${name}" is shown`).toBe(name);
    expect(player.view().dataset.passage, `the page element of "${name}"`).toBe(name);
    expect(player.errorViews(), `error boxes in "${name}" or the caption`).toEqual([]);
    expect(player.errors, `console errors while showing "${name}"`).toEqual([]);
    expect(player.text(), `"${name}" shows some text`).not.toBe("");
  });

  it.each(names)("%s links, forms and pictures name existing passages", (name) => {
    show(name);
    const { Story } = player.sugarcube;
    for (const link of player.links()) {
      expect(Story.has(link.target), `"${name}": link "${link.text}" goes to "${link.target}"`).toBe(true);
    }
    for (const form of askForms(player)) {
      expect(form.target, `"${name}": a form without a data-passage-target`).not.toBe("");
      expect(Story.has(form.target), `"${name}": a form goes to "${form.target}"`).toBe(true);
    }
    for (const img of player.view().querySelectorAll<HTMLImageElement>("img[data-passage]")) {
      const picture = img.dataset.passage!;
      expect(Story.has(picture), `"${name}": picture "${picture}" exists`).toBe(true);
      expect(Story.get(picture).tags, `"${name}": "${picture}" is an image passage`).toContain("Twine.image");
      expect(img.getAttribute("src") ?? "", `"${name}": picture "${picture}" is shown`).toMatch(/^data:image\//);
      expect(img.alt, `"${name}": picture "${picture}" has alt text`).not.toBe("");
    }
  });

  it.each(names)("%s: each link lands on its target", (name) => {
    show(name);
    const count = player.links().length;
    for (let i = 0; i < count; i++) {
      show(name);
      const link = player.links()[i]!;
      const what = `"${name}": link ${i + 1} "${link.text}" → "${link.target}"`;
      player.click(link.element);
      expect(player.passage(), what).toBe(link.target);
      expect(player.view().dataset.passage, `${what}: the page shown`).toBe(link.target);
      expect(player.errorViews(), `${what}: error boxes`).toEqual([]);
      expect(player.errors, `${what}: console errors`).toEqual([]);
    }
  });

  it.each(names)("%s can be reached from the start", (name) => {
    expect(reachable.has(name), `"${name}" is not reachable from "${start}" by links or forms`).toBe(true);
  });

  it.each(names)("%s leads on, or is tagged ending", (name) => {
    const tags = player.sugarcube.Story.get(name).tags;
    if (!tags.includes("ending")) {
      expect(edges.get(name), `"${name}" has no link or form and is not tagged ending`).not.toEqual([]);
    }
    expect(edges.has(name), `"${name}" was rendered`).toBe(true);
  });
});
