// A story page played from the outside, as a person would: what the shown page offers and says
// (shown), going on to a passage by its link or form (advance), and the map of which page leads
// where, found by rendering each page (exploreStory), with the shortest route to an ending.
import type { Browser, Page } from "playwright-core";
import { openStoryPage, waitForPassage } from "./chromium.js";

/** What the shown page offers and says, read in the page. */
export interface Shown {
  readonly passage: string;
  readonly turns: number;
  readonly tags: string[];
  /** Passage links (not images), in page order. */
  readonly links: { target: string; text: string }[];
  /** Ask forms, in page order. */
  readonly forms: { target: string; multiline: boolean }[];
  /** Clues announced by `div.newinfo` boxes on the page. */
  readonly announced: string[];
  /** The "What you know" list in the caption. */
  readonly clues: string[];
  /** SugarCube error boxes in the passage and caption. */
  readonly errorViews: string[];
  /** What `<<you-said>>` echoes show as the answer. */
  readonly youSaid: string[];
}

/** Reads the shown page. */
export function shown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const sc = (
      window as unknown as {
        SugarCube: { State: { passage: string; turns: number }; Story: { get(n: string): { tags: string[] } } };
      }
    ).SugarCube;
    const text = (el: Element | null) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
    const view = document.querySelector("#passages .passage") ?? document.createElement("div");
    const all = (root: ParentNode, selector: string) => Array.from(root.querySelectorAll(selector));
    return {
      passage: sc.State.passage,
      turns: sc.State.turns,
      tags: [...sc.Story.get(sc.State.passage).tags],
      links: all(view, "[data-passage]")
        .filter((el) => el.tagName !== "IMG")
        .map((el) => ({ target: el.getAttribute("data-passage") ?? "", text: text(el) })),
      forms: all(view, "form.ask").map((form) => ({
        target: form.getAttribute("data-passage-target") ?? "",
        multiline: form.classList.contains("ask-area"),
      })),
      announced: all(view, "div.newinfo").map((box) => text(box.querySelector("strong")).replace(/^"|"$/g, "")),
      clues: all(document, "#story-caption .what-you-know li").map(text),
      errorViews: all(document, "#passages .error-view, #story-caption .error-view").map(text),
      youSaid: all(view, ".you-said .you-said-answer").map((el) => el.textContent ?? ""),
    };
  });
}

/** A CSS string literal for an attribute selector. */
export const cssString = (s: string): string => `"${s.replace(/["\\]/g, "\\$&").replace(/\n/g, "\\a ")}"`;

/**
 * Goes on to `target` like a person: clicks its link if the page has one; else types `answer`
 * into its form's box and presses Enter (a text box) or clicks Submit (a text area). Waits for
 * the new passage to fade in. Returns how it got there.
 */
export async function advance(page: Page, target: string, answer: string): Promise<"link" | "enter" | "submit"> {
  const before = await shown(page);
  const view = page.locator("#passages .passage");
  const link = view.locator(`[data-passage=${cssString(target)}]:not(img)`).first();
  let how: "link" | "enter" | "submit";
  if ((await link.count()) > 0) {
    await link.click();
    how = "link";
  } else {
    const form = view.locator(`form.ask[data-passage-target=${cssString(target)}]`).first();
    if ((await form.count()) === 0) {
      const ways = [...before.links.map((l) => l.target), ...before.forms.map((f) => `form → ${f.target}`)];
      throw new Error(
        `"${before.passage}" has no link or form to "${target}"; it offers: ${ways.join(", ") || "nothing"}`,
      );
    }
    const field = form.locator("textarea, input[type=text]").first();
    await field.click();
    await field.pressSequentially(answer);
    if (await form.evaluate((f) => f.classList.contains("ask-area"))) {
      await form.locator("button.ask-submit").click();
      how = "submit";
    } else {
      await field.press("Enter");
      how = "enter";
    }
  }
  try {
    await waitForPassage(page, before.turns);
  } catch {
    throw new Error(`"${before.passage}" → "${target}" (${how}): no new passage was shown within 10 s`);
  }
  return how;
}

/** How the story's pages (passages that are not special, code, style or images) link up. */
export interface StoryGraph {
  readonly start: string;
  /** Passage → what its page offers, rendered on its own with no clues known. */
  readonly pages: Map<string, { tags: string[]; ways: string[]; hasBox: boolean }>;
}

/**
 * Reads the story's links and forms from the engine: every page is rendered on its own (no
 * variables, no clues known) and its rendered links and forms noted. Uses its own context, so
 * the page the route is played in starts clean.
 */
export async function exploreStory(
  browser: Browser,
  mystery: string,
): Promise<{ graph: StoryGraph; problems: string[] }> {
  const story = await openStoryPage(browser, mystery);
  try {
    const result = await story.page.evaluate(() => {
      type Passage = { title: string; tags: string[] };
      const sc = (
        window as unknown as {
          SugarCube: {
            State: { passage: string; variables: Record<string, unknown> };
            Story: { lookupWith(f: (p: Passage) => boolean): Passage[] };
            Engine: { play(name: string): unknown };
            setup: { clues?: { init?(): void } };
          };
        }
      ).SugarCube;
      const special = [
        "StoryTitle",
        "StoryData",
        "StoryInit",
        "StoryCaption",
        "StoryMenu",
        "StoryBanner",
        "StorySubtitle",
        "StoryAuthor",
        "PassageReady",
        "PassageDone",
        "PassageHeader",
        "PassageFooter",
      ];
      const start = sc.State.passage;
      const pages: [string, { tags: string[]; ways: string[]; hasBox: boolean }][] = [];
      for (const p of sc.Story.lookupWith(() => true)) {
        if (
          special.includes(p.title) ||
          p.tags.some((t) => ["script", "stylesheet", "widget", "Twine.image"].includes(t))
        )
          continue;
        for (const key of Object.keys(sc.State.variables)) delete sc.State.variables[key];
        sc.setup.clues?.init?.();
        sc.Engine.play(p.title);
        const view = document.querySelector("#passages .passage") ?? document.createElement("div");
        const ways = [
          ...Array.from(view.querySelectorAll("[data-passage]"))
            .filter((el) => el.tagName !== "IMG")
            .map((el) => el.getAttribute("data-passage") ?? ""),
          ...Array.from(view.querySelectorAll("form.ask"), (f) => f.getAttribute("data-passage-target") ?? ""),
        ];
        pages.push([p.title, { tags: [...p.tags], ways, hasBox: view.querySelector("div.newinfo") !== null }]);
      }
      return { start, pages };
    });
    return { graph: { start: result.start, pages: new Map(result.pages) }, problems: [...story.watch.problems] };
  } finally {
    await story.close();
  }
}

/**
 * The shortest route from the start passage to a passage tagged `ending` that shows at least one
 * new-information box on the way; if no route finds a clue, the shortest route to an ending.
 * The start passage is not part of the route. Undefined when no ending can be reached.
 */
export function shortestRoute(graph: StoryGraph): string[] | undefined {
  const startPage = graph.pages.get(graph.start);
  if (!startPage) return undefined;
  type Node = { passage: string; clue: boolean; path: string[] };
  const key = (passage: string, clue: boolean) => `${clue ? 1 : 0}\u0000${passage}`;
  const first: Node = { passage: graph.start, clue: startPage.hasBox, path: [] };
  const queue: Node[] = [first];
  const seen = new Set([key(first.passage, first.clue)]);
  let anyEnding: string[] | undefined;
  while (queue.length) {
    const node = queue.shift()!;
    for (const next of graph.pages.get(node.passage)?.ways ?? []) {
      const page = graph.pages.get(next);
      if (!page) continue;
      const clue = node.clue || page.hasBox;
      const path = [...node.path, next];
      if (page.tags.includes("ending")) {
        if (clue) return path;
        anyEnding ??= path;
        continue;
      }
      if (seen.has(key(next, clue))) continue;
      seen.add(key(next, clue));
      queue.push({ passage: next, clue, path });
    }
  }
  return anyEnding;
}
