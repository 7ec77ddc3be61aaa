// Walks every page of every mystery in the real built story: each renders cleanly, each link and
// form goes somewhere that exists, each link click lands where it says, every page can be reached
// from the start, and every dead end is an ending. With a real tweego, the build of each mystery
// with the other compiler (tweego's, or the native one when dist/ is tweego's) is walked too; with
// SugarCube 2.37.3 at hand, so is a copy of one mystery moved to it (harness/sugarcube.ts).
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mysteries, quickCheck } from "../harness/mysteries.js";
import { builtStory, builtStoryPassageNames, engineStoryPassageNames } from "../harness/passages.js";
import { askForms } from "../harness/play.js";
import { type SharedPlayer, sharedStory } from "../harness/player.js";
import { alsoBuilt, missingAlsoBuilt } from "../harness/tweego.js";
import { builtOnNewer, missingOnNewer } from "../harness/sugarcube.js";
import { announcedClues, noteReached } from "../harness/coverage.js";

/** What a fresh visit of a page showed: read once, checked by several tests. */
interface Visit {
  /** What rendering threw, if it did. */
  readonly thrown?: unknown;
  readonly passage: string;
  /** The data-passage of the page element. */
  readonly element: string | undefined;
  readonly errorViews: string[];
  readonly errors: string[];
  readonly text: string;
  readonly links: { text: string; target: string }[];
  readonly forms: { target: string }[];
  readonly pictures: { passage: string; src: string; alt: string }[];
  /** The clues its new-information boxes announced. */
  readonly clues: string[];
  /** Where clicking its first link landed, on this visit (the link test clicks the others). */
  readonly firstClick?: Landing;
}

/** What the page showed after a link click. */
interface Landing {
  readonly passage: string;
  readonly element: string | undefined;
  readonly errorViews: string[];
  readonly errors: string[];
}

/** The walk of one build (`pages`: the build its pages are read from, itself unless it is missing). */
function walkBuild(mystery: string, pages = mystery): void {
  // Read from the built file at collection time, so every page gets its own test.
  const names = builtStoryPassageNames(pages);
  const built = builtStory(pages);
  let player: SharedPlayer;
  let start: string;
  let openingErrors: string[];
  /** Each page as a fresh visit (no variables set) showed it, with the errors of that render. */
  const visits = new Map<string, Visit>();
  /** Where each page leads, from its rendered links and forms (a fresh visit, no variables set). */
  const edges = new Map<string, string[]>();
  const reachable = new Set<string>();

  /** Shows a page as a fresh visit, with the error list emptied first. */
  function show(name: string): void {
    player.errors.length = 0;
    player.fresh(name);
  }

  /** Shows a page as a fresh visit and reads everything the per-page checks look at. */
  function visit(name: string): Visit {
    try {
      show(name);
    } catch (thrown) {
      const empty = {
        passage: "",
        element: undefined,
        errorViews: [],
        text: "",
        links: [],
        forms: [],
        pictures: [],
        clues: [],
      };
      return { ...empty, thrown, errors: [...player.errors] };
    }
    const read = {
      passage: player.passage(),
      element: player.view().dataset.passage,
      errorViews: player.errorViews(),
      errors: [...player.errors],
      text: player.text(),
      links: player.links().map(({ text, target }) => ({ text, target })),
      forms: askForms(player).map(({ target }) => ({ target })),
      pictures: Array.from(player.view().querySelectorAll<HTMLImageElement>("img[data-passage]"), (img) => ({
        passage: img.dataset.passage!,
        src: img.getAttribute("src") ?? "",
        alt: img.alt,
      })),
      clues: announcedClues(player),
    };
    // The first link is clicked on this render: showing the page again for it would cost a render per page.
    const first = player.links()[0];
    if (!first) return read;
    player.click(first.element);
    return { ...read, firstClick: landing() };
  }

  /** What the page shows now, after a click. */
  function landing(): Landing {
    return {
      passage: player.passage(),
      element: player.view().dataset.passage,
      errorViews: player.errorViews(),
      errors: [...player.errors],
    };
  }

  /** The page's fresh visit, failing as its render did. */
  function visited(name: string): Visit {
    const v = visits.get(name);
    expect(v, `"${name}" was rendered`).toBeDefined();
    if (v!.thrown !== undefined) throw v!.thrown;
    return v!;
  }

  beforeAll(async () => {
    player = await sharedStory(mystery);
    start = player.opening.passage;
    openingErrors = [...player.opening.errors, ...player.opening.errorViews];
    // One render per page serves the render check, the names check and the map of the story.
    for (const name of names) {
      const v = visit(name);
      visits.set(name, v);
      edges.set(name, [...v.links.map((l) => l.target), ...v.forms.map((f) => f.target)]);
    }
    const queue = [start];
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (reachable.has(name)) continue;
      reachable.add(name);
      queue.push(...(edges.get(name) ?? []));
    }
  });

  it("starts at the story's start passage with no error", ({ task }) => {
    expect(openingErrors, "errors while the story opened").toEqual([]);
    expect(start, "the passage shown first").toBe(built.start);
    expect(names, "the start passage is one of the story's pages").toContain(start);
    // What the walk reached, for the coverage line: the pages the start leads to, and the clues they show.
    const shown = [...reachable].flatMap((n) => (visits.get(n)?.errorViews.length === 0 ? visits.get(n)!.clues : []));
    noteReached(task, { mystery, passages: [...reachable].filter((n) => names.includes(n)), clues: shown });
  });

  it("the engine has exactly the pages these tests were generated for", () => {
    expect(names.length, "story pages in the built file").toBeGreaterThan(0);
    expect([...engineStoryPassageNames(player)].sort()).toEqual([...names].sort());
  });

  it("has an ending (a passage tagged ending) that can be reached", () => {
    const endings = names.filter((n) => player.sugarcube.Story.get(n).tags.includes("ending"));
    expect(endings, "passages tagged ending").not.toEqual([]);
    expect(
      endings.filter((n) => reachable.has(n)),
      "reachable endings",
    ).not.toEqual([]);
  });

  it.each(names)("%s renders with no error", (name) => {
    const v = visited(name);
    expect(v.passage, `"${name}" is shown`).toBe(name);
    expect(v.element, `the page element of "${name}"`).toBe(name);
    expect(v.errorViews, `error boxes in "${name}" or the caption`).toEqual([]);
    expect(v.errors, `console errors while showing "${name}"`).toEqual([]);
    expect(v.text, `"${name}" shows some text`).not.toBe("");
  });

  it.each(names)("%s links, forms and pictures name existing passages", (name) => {
    const v = visited(name);
    const { Story } = player.sugarcube;
    for (const link of v.links) {
      expect(Story.has(link.target), `"${name}": link "${link.text}" goes to "${link.target}"`).toBe(true);
    }
    for (const form of v.forms) {
      expect(form.target, `"${name}": a form without a data-passage-target`).not.toBe("");
      expect(Story.has(form.target), `"${name}": a form goes to "${form.target}"`).toBe(true);
    }
    for (const img of v.pictures) {
      const picture = img.passage;
      expect(Story.has(picture), `"${name}": picture "${picture}" exists`).toBe(true);
      expect(Story.get(picture).tags, `"${name}": "${picture}" is an image passage`).toContain("Twine.image");
      expect(img.src, `"${name}": picture "${picture}" is shown`).toMatch(/^data:image\//);
      expect(img.alt, `"${name}": picture "${picture}" has alt text`).not.toBe("");
    }
  });

  it.for(names)("%s: each link lands on its target", (name, { task }) => {
    const v = visited(name);
    const clicked: [string, string][] = [];
    for (let i = 0; i < v.links.length; i++) {
      // The first link was clicked on the visit (beforeAll); each other one on a fresh visit of its own.
      let [link, landed] = [v.links[0]!, v.firstClick!];
      if (i > 0) {
        show(name);
        const fresh = player.links()[i]!;
        player.click(fresh.element);
        [link, landed] = [fresh, landing()];
      }
      const what = `"${name}": link ${i + 1} "${link.text}" → "${link.target}"`;
      expect(landed.passage, what).toBe(link.target);
      expect(landed.element, `${what}: the page shown`).toBe(link.target);
      expect(landed.errorViews, `${what}: error boxes`).toEqual([]);
      expect(landed.errors, `${what}: console errors`).toEqual([]);
      clicked.push([name, link.target]);
    }
    noteReached(task, { mystery, links: clicked });
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
}

// Every mystery, its build by the other compiler, and the copy on SugarCube 2.37.3. A build this
// machine cannot make (no tweego, no 2.37.3) has the same walk, skipped (the run says why), its
// pages read from dist/'s build of that mystery; npm run check builds neither and lists neither.
for (const mystery of [...mysteries, ...alsoBuilt(mysteries), ...builtOnNewer()])
  describe(mystery, () => walkBuild(mystery));
for (const missing of quickCheck ? [] : [...missingAlsoBuilt(mysteries), ...missingOnNewer()])
  describe.skip(missing, () => walkBuild(missing, path.basename(missing)));
