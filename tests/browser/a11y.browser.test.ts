// Every passage of every mystery on a phone (390×844), a desktop window (1280×800) and a small
// phone (320×568), in chromium: the page is never wider than the window, the sidebar's controls
// and the clue list stay in view, a box that scrolls can be reached by keyboard and has a name,
// focus lands on the new passage, a new clue is announced, and axe-core finds nothing serious or
// critical. The same on SugarCube 2.37 (sugarcube-237.ts) at the phone and desktop sizes. Then
// the usual route played with the keyboard alone, SugarCube's own sidebar and dialog, and the
// index page; screenshots of the phone and desktop sizes go to SCREENSHOTS_DIR for a reviewer.
//
// Fast on purpose: one browser, and one page per mystery and engine (all at once) that shows
// passage after passage with Engine.play rather than reloading, for a player who prefers reduced
// motion (so no fade to wait for), and checks each passage at every size by resizing the window
// (the passage is played once, at the size the one before ended at, then resized to the others:
// every size gets its share of passages played at that size, and the rest resized to it). axe
// checks the whole document once per size, on the first passage; then, on every passage, only
// the part that changes (PASSAGE_PARTS): with every rule once (phone size, 2.31), and elsewhere
// only the rule whose answer depends on the window's size (SIZE_DEPENDENT_RULES), since the
// others see the same elements, names and colours.
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distDir } from "../../build/shared/paths.js";
import { mysteries } from "../harness/mysteries.js";
import { usualRoutes } from "../harness/routes.js";
import {
  axeProblems,
  injectAxe,
  PASSAGE_PARTS,
  inventory,
  layoutReport,
  playWithEverythingKnown,
  resizeTo,
  SIZE_DEPENDENT_RULES,
  waitForShown,
} from "./a11y.js";
import { launchChromium, openStoryPage, SCREENSHOTS_DIR, SIZES, type Size, type StoryPage } from "./chromium.js";
import { cssString, exploreStory, shortestRoute } from "./route.js";
import { missing237, storyOn237, SUGARCUBE_237_FORMAT } from "./sugarcube-237.js";

let browser: Browser | undefined;
let launchError: unknown;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  try {
    browser = await launchChromium();
  } catch (error) {
    launchError = error;
  }
});
afterAll(async () => {
  await browser?.close();
});
const needBrowser = (): Browser => {
  if (browser) return browser;
  throw launchError instanceof Error ? launchError : new Error(`chromium did not start: ${String(launchError)}`);
};

const SHOTS = ["1-start", "2-form", "3-listing", "4-caption", "5-ending"] as const;
type Shot = (typeof SHOTS)[number];
const shotFile = (name: string, size: Size, shot: string) => path.join(SCREENSHOTS_DIR, `${name}-${size.replace(" ", "-")}-${shot}.png`);
/** The sizes a reviewer gets screenshots of. */
const SHOT_SIZES: readonly Size[] = ["phone", "desktop"];

/** The built file runs on SugarCube 2.31 (what we embed) and is checked at every size; the same
 *  story is also checked on 2.37 (sugarcube-237.ts), at the phone and desktop sizes, with the
 *  rules that can differ there. Each engine's page opens at its first size here: 2.31 starts at
 *  the small phone, 2.37 at the phone (the keyboard test below starts 2.31 at the desktop size). */
type Engine = "2.31" | "2.37";
const ENGINE_SIZES: Record<Engine, readonly Size[]> = { "2.31": ["small phone", "phone", "desktop"], "2.37": ["phone", "desktop"] };
const sweeps = mysteries.flatMap((m) => (["2.31", "2.37"] as const).map((engine) => [m, engine] as const));
const sizeName = (size: Size) => `${size} (${SIZES[size].width}×${SIZES[size].height})`;
/** The order of the sizes for the `i`th passage: each passage is played at one size and then
 *  resized to the others; each starts at the size the one before ended at (no resize before a
 *  play), and so each size gets its share of passages played at that size. */
const sizeOrder = <T,>(sizes: readonly T[], i: number): T[] => {
  const first = (i * (sizes.length - 1)) % sizes.length;
  return [...sizes.slice(first), ...sizes.slice(0, first)];
};

it("finds SugarCube 2.37 for the 2.37 checks, or says why they do not run", () => {
  const why = missing237();
  if (why) console.log(why);
  else expect(existsSync(SUGARCUBE_237_FORMAT)).toBe(true);
});

describe.concurrent.each(sweeps)("%s on SugarCube %s", (mystery, engine: Engine) => {
  const sizes = ENGINE_SIZES[engine];
  let story: StoryPage | undefined;
  let file237: string | undefined;
  afterAll(async () => {
    await story?.close();
    if (file237) rmSync(path.dirname(file237), { recursive: true, force: true });
  });
  /** Whether this case runs: the 2.37 ones need SugarCube 2.37's format (the test above says). */
  const runs = () => engine === "2.31" || missing237() === undefined;

  it.sequential(`every passage fits ${sizes.map(sizeName).join(", ")}, keeps the sidebar in view and passes axe`, async ({ expect }) => {
    if (!runs()) return;
    const shotSizes = engine === "2.31" ? SHOT_SIZES : [];
    for (const size of shotSizes) for (const shot of SHOTS) rmSync(shotFile(mystery, size, shot), { force: true });
    if (engine === "2.37") file237 = storyOn237(mystery);
    story = await openStoryPage(needBrowser(), mystery, { viewport: SIZES[sizes[0]!], reducedMotion: true, file: file237 });
    const { page } = story;
    for (const size of shotSizes) {
      await resizeTo(page, SIZES[size]);
      await page.screenshot({ path: shotFile(mystery, size, "1-start") });
    }
    await injectAxe(page);
    const inv = await inventory(page);
    expect(inv.pages.length, "pages").toBeGreaterThan(0);

    const problems = new Map<Size, string[]>(sizes.map((size) => [size, []]));
    const picked = new Map<Size, Partial<Record<Shot, { name: string; score: number }>>>(sizes.map((size) => [size, {}]));
    for (const [i, { name, tags, clues }] of inv.pages.entries()) {
      const order = sizeOrder(sizes, i);
      await resizeTo(page, SIZES[order[0]!]);
      const turns = await playWithEverythingKnown(page, name, inv);
      await waitForShown(page, turns);
      for (const [k, size] of order.entries()) {
        if (k > 0) await resizeTo(page, SIZES[size]);
        const shown = k === 0 ? "" : `, shown at the ${order[0]} size and resized`;
        const r = await layoutReport(page);
        const sizeProblems = problems.get(size)!;
        const at = (what: string) => sizeProblems.push(`"${name}"${shown}: ${what}`);
        if (r.documentWidth > r.viewportWidth) at(`the page is ${r.documentWidth}px wide in a ${r.viewportWidth}px window (${r.sticksOut.join(", ") || "?"})`);
        for (const [control, state] of Object.entries(r.controls)) if (state !== "ok") at(`sidebar ${control}: ${state}`);
        if (r.passageCovered) at("the passage is covered (by the sidebar?)");
        for (const box of r.scrollBoxes) {
          if (box.tabindex !== "0") at(`${box.what} scrolls but the keyboard cannot reach it`);
          if (!box.name) at(`${box.what} scrolls but has no name`);
          if (box.what.startsWith("pre") && box.role !== "region") at(`${box.what} scrolls but is not a named region`);
        }
        if (r.focused !== "the passage") at(`focus is on ${r.focused}, not the new passage`);
        const expected = clues.map((c) => `New information: ${c}.`);
        for (const e of expected) if (!r.announced.includes(e)) at(`the live region says ${JSON.stringify(r.announced)}, not ${JSON.stringify(e)}`);
        if (expected.length === 0 && r.announced !== "") at(`the live region says ${JSON.stringify(r.announced)} on a page with no new clue`);
        const whole = sizeProblems.length === 0 && i === 0; // the first passage: the whole page, every rule, at each size
        const everyRule = size === "phone" && engine === "2.31";
        const scope = whole ? {} : { parts: PASSAGE_PARTS, rules: everyRule ? undefined : SIZE_DEPENDENT_RULES };
        for (const p of await axeProblems(page, scope)) at(`axe${whole ? " (whole page)" : ""}: ${p}`);

        const picks = picked.get(size)!;
        const pick = (shot: Shot, score: number) => {
          if (score > (picks[shot]?.score ?? 0)) picks[shot] = { name, score };
        };
        pick("2-form", r.hasForm && r.tallestListing === 0 ? (r.hasTextArea ? 2 : 1) : 0);
        pick("3-listing", r.tallestListing);
        pick("4-caption", r.hasBox ? 1 : 0);
        pick("5-ending", tags.includes("ending") ? 1 : 0);
      }
    }
    for (const size of sizes) expect(problems.get(size), `problems at the ${sizeName(size)} size`).toEqual([]);

    // What a reviewer looks at: a form, the longest listing, a new clue with the full clue list,
    // the ending; each played at the size it is photographed at.
    for (const size of shotSizes) {
      const picks = picked.get(size)!;
      for (const shot of SHOTS.slice(1)) {
        const chosen = picks[shot];
        if (!chosen) continue;
        await resizeTo(page, SIZES[size]);
        const turns = await playWithEverythingKnown(page, chosen.name, inv);
        await waitForShown(page, turns);
        await page.screenshot({ path: shotFile(mystery, size, shot) });
      }
      for (const shot of SHOTS) {
        const file = shotFile(mystery, size, shot);
        const chosen = shot === "1-start" ? "the start" : picks[shot]?.name;
        expect(chosen, `a passage for the ${shot} screenshot at the ${size} size`).toBeDefined();
        expect(statSync(file, { throwIfNoEntry: false })?.size ?? 0, `${file} (${chosen})`).toBeGreaterThan(5_000);
      }
    }
  });

  it.sequential(`keeps SugarCube's own sidebar and Saves dialog working at ${sizes.map(sizeName).join(", ")}`, async ({ expect }) => {
    if (!runs()) return;
    if (!story) throw new Error(`${mystery} did not open (see the test above)`);
    const { page, watch } = story;
    for (const size of sizes) {
      const viewport = SIZES[size];
      const at = `at the ${sizeName(size)} size`;
      await resizeTo(page, viewport);
      const bar = page.locator("#ui-bar");
      // The toggle closes and opens the sidebar; the passage is never under it.
      await page.locator("#ui-bar-toggle").click();
      await expect.poll(() => bar.evaluate((el) => el.classList.contains("stowed")), { message: `closed after the toggle, ${at}` }).toBe(true);
      await page.locator("#ui-bar-toggle").click();
      await expect.poll(() => bar.evaluate((el) => el.classList.contains("stowed")), { message: `open again, ${at}` }).toBe(false);
      const clueList = page.locator("#story-caption .what-you-know ol");
      if ((await clueList.count()) > 0 && (await clueList.evaluate((el) => el.scrollHeight > el.clientHeight + 1))) {
        await expect.poll(() => clueList.getAttribute("tabindex"), { message: `the clue list, shown again, is reachable, ${at}` }).toBe("0");
      }
      // Saves opens SugarCube's dialog, inside the window; its close button closes it.
      await page.locator("#menu-item-saves a").click();
      const dialog = page.locator("#ui-dialog");
      await expect.poll(() => dialog.evaluate((el) => el.classList.contains("open")), { message: `the Saves dialog opens, ${at}` }).toBe(true);
      const box = await dialog.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= viewport.width, `the dialog fits the window ${at}: ${JSON.stringify(box)}`).toBe(true);
      await page.locator("#ui-dialog-close").click();
      await expect.poll(() => dialog.evaluate((el) => el.classList.contains("open")), { message: `the dialog closes, ${at}` }).toBe(false);
    }
    expect(watch.problems, "console errors, page errors and requests leaving the file").toEqual([]);
  });
});

/** Presses Tab until `target`'s link or answer field has focus: how many presses, what it is,
 *  its focus ring, and whether the first press already landed in the passage. */
async function tabTo(page: Page, target: string): Promise<{ tabs: number; kind: "link" | "field" | "area"; ring: string; firstInPassage: boolean }> {
  let firstInPassage = false;
  for (let tabs = 1; tabs <= 60; tabs++) {
    await page.keyboard.press("Tab");
    const found = await page.evaluate((t) => {
      const a = document.activeElement as HTMLElement | null;
      if (!a?.closest("#passages .passage")) return null;
      const form = a.closest("form.ask");
      const kind =
        a.getAttribute("data-passage") === t && a.tagName !== "IMG"
          ? "link"
          : form?.getAttribute("data-passage-target") === t && /^(INPUT|TEXTAREA)$/.test(a.tagName)
            ? a.tagName === "TEXTAREA" ? "area" : "field"
            : null;
      const s = getComputedStyle(a);
      return { kind, ring: s.outlineStyle === "none" ? "none" : `${s.outlineStyle} ${s.outlineWidth}` } as const;
    }, target);
    if (tabs === 1) firstInPassage = found !== null;
    if (found?.kind) return { tabs, kind: found.kind, ring: found.ring, firstInPassage };
  }
  throw new Error(`60 Tabs did not reach a link or field to "${target}"`);
}

describe.concurrent.each(mysteries)("%s with the keyboard alone", (mystery) => {
  it("plays the usual route with Tab, Enter and typing; the first Tab after each page change is in the new passage", async ({ expect }) => {
    const story = await openStoryPage(needBrowser(), mystery, { viewport: SIZES.desktop, reducedMotion: true });
    try {
      const { page, watch } = story;
      let route = usualRoutes[mystery];
      if (!route) {
        const explored = await exploreStory(needBrowser(), mystery);
        route = shortestRoute(explored.graph);
        if (!route) throw new Error(`no ending can be reached in ${mystery}`);
      }
      const announcedAt: { step: number; passage: string }[] = [];
      const here = () =>
        page.evaluate(() => {
          const sc = (window as unknown as { SugarCube: { State: { passage: string; turns: number } } }).SugarCube;
          const boxes = Array.from(document.querySelectorAll<HTMLElement>("#passages .newinfo"), (b) => b.dataset.clue ?? "");
          const focused = document.activeElement?.matches("#passages .passage") ?? false;
          return { passage: sc.State.passage, turns: sc.State.turns, boxes, focused, said: document.getElementById("clue-announcer")?.textContent ?? "" };
        });
      let before = await here();
      for (const [i, target] of route.entries()) {
        const where = `step ${i + 1}, "${before.passage}" → "${target}"`;
        expect(before.focused, `${where}: focus is on the passage`).toBe(true);
        const { kind, ring, firstInPassage } = await tabTo(page, target);
        expect(firstInPassage, `${where}: the first Tab lands in the passage`).toBe(true);
        expect(ring, `${where}: the focused ${kind} shows a focus ring`).toMatch(/^(solid|auto|dotted|dashed|double) ([2-9]|\d\d)/);
        if (kind === "link") await page.keyboard.press("Enter");
        else {
          await page.keyboard.type("an answer");
          await page.keyboard.press(kind === "area" ? "Control+Enter" : "Enter");
        }
        await waitForShown(page, before.turns);
        const now = await here();
        expect(now.passage, where).toBe(target);
        if (now.boxes.length > 0) {
          for (const clue of now.boxes) expect(now.said, `${where}: the live region`).toContain(`New information: ${clue}.`);
          announcedAt.push({ step: i, passage: target });
        } else expect(now.said, `${where}: the live region, on a page with no new clue`).toBe("");
        before = now;
      }
      expect(announcedAt.length, "clues announced along the route").toBeGreaterThan(0);
      // Back to the first clue's page and forward again: the clue is not announced a second time.
      const first = announcedAt[0]!;
      const back = route.length - 1 - first.step;
      await page.evaluate((n) => (window as unknown as { SugarCube: { Engine: { go(n: number): void } } }).SugarCube.Engine.go(-n), back);
      const revisited = await here();
      expect(revisited.passage, "back at the first clue's page").toBe(first.passage);
      expect(revisited.said, "the clue was announced once only").toBe("");
      expect(watch.problems, "console errors, page errors and requests leaving the file").toEqual([]);
    } finally {
      await story.close();
    }
  });
});

describe("the index page", () => {
  it.each(Object.keys(SIZES) as Size[])("fits the %s size and passes axe", async (size) => {
    const context = await needBrowser().newContext({ viewport: SIZES[size], deviceScaleFactor: 1 });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.join(distDir, "index.html")).href);
      await injectAxe(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, "the page's width").toBeLessThanOrEqual(SIZES[size].width);
      expect(await axeProblems(page)).toEqual([]);
      await page.screenshot({ path: shotFile("index", size, "page"), fullPage: true });
      for (const m of mysteries) expect(await page.locator(`a[href=${cssString(`${m}.html`)}]`).count(), `a link to ${m}`).toBe(1);
    } finally {
      await context.close();
    }
  });
});
