// Every passage of every mystery, on SugarCube 2.31 (what we embed) and 2.37 (sugarcube-237.ts),
// in chromium, at a small phone (320×568), a phone (390×844), a desktop zoomed to 200% (640×400)
// and a desktop window (1280×800), each passage shown by a page change: the page is never wider
// than the window, the passage's first line is in the top quarter of the screen, the sidebar's
// controls and the clue list stay in view, a box that scrolls can be reached by keyboard and has a
// name, focus lands on the new passage, a new clue is announced, and axe-core finds nothing
// serious or critical, in the dark theme and (for a set of passages with every kind of element)
// the light one. Then the sidebar opened and closed, SugarCube's Saves dialog (Escape, focus, axe
// in both themes), a page printed to PDF, and the index page (keyboard.browser.test.ts plays with
// the keyboard alone); screenshots go to SCREENSHOTS_DIR for a reviewer.
//
// Fast on purpose: one browser, and one page per mystery and engine (all at once). At each size,
// one call into the page (sweep.ts) plays every passage with Engine.play, for a player who prefers
// reduced motion (so no fade to wait for), and measures it right after its page change; axe checks
// the whole document on the first passage, then only the part that changes (PASSAGE_PARTS): every
// rule at the phone size on 2.31, elsewhere only the rule whose answer depends on the window's
// size (SIZE_DEPENDENT_RULES), since the others see the same elements, names and colours. Before
// each size's sweep, the passage shown at the size before is checked as resized.
import { mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distDir } from "../../build/shared/paths.js";
import { mysteries } from "../harness/mysteries.js";
import {
  axeProblems,
  COLOUR_RULES,
  injectAxe,
  inventory,
  keepFewMoments,
  PASSAGE_PARTS,
  playWithEverythingKnown,
  resizeTo,
  SIDEBAR_CONTROLS,
  SIZE_DEPENDENT_RULES,
  settled,
  waitForShown,
} from "./a11y.js";
import {
  browserPerFile,
  isNarrow,
  openStoryPage,
  SCREENSHOTS_DIR,
  SIZES,
  type Size,
  type StoryPage,
} from "./chromium.js";
import { pickShots, SHOT_PLAN, SHOTS, shotFile, takeShots } from "./a11y-shots.js";
import { printPage } from "./print.js";
import { cssString } from "./route.js";
import { covering, type PassageReport, problemsIn, sweep } from "./sweep.js";
import { storyOn237 } from "./sugarcube-237.js";
import { newerSugarcubeDir } from "../harness/sugarcube.js";

const needBrowser = browserPerFile();
beforeAll(() => void mkdirSync(SCREENSHOTS_DIR, { recursive: true }));

/** The two themes' backgrounds (styles/theme.css): SugarCube's dark one, and ours for light. */
const DARK_BACKGROUND = "rgb(17, 17, 17)";
const LIGHT_BACKGROUND = "rgb(253, 253, 252)";

/** Each engine's page opens at its first size: 2.31 at the small phone, 2.37 at the phone. */
type Engine = "2.31" | "2.37";
const ENGINE_SIZES: Record<Engine, readonly Size[]> = {
  "2.31": ["small phone", "phone", "zoomed", "desktop"],
  "2.37": ["phone", "small phone", "zoomed", "desktop"],
};
const sweeps = mysteries.flatMap((m) => (["2.31", "2.37"] as const).map((engine) => [m, engine] as const));
const sizeName = (size: Size) => `${size} (${SIZES[size].width}×${SIZES[size].height})`;

describe.concurrent.each(sweeps)("%s on SugarCube %s", (mystery, engine: Engine) => {
  const sizes = ENGINE_SIZES[engine];
  let story: StoryPage | undefined;
  let file237: string | undefined;
  afterAll(async () => {
    await story?.close();
    if (file237) rmSync(path.dirname(file237), { recursive: true, force: true });
  });
  /** The 2.37 cases need SugarCube 2.37.3's format: without it they are skipped (the run says why, once). */
  const test = engine === "2.31" || newerSugarcubeDir ? it.sequential : it.skip;

  test(`every passage fits ${sizes.map(sizeName).join(", ")}, starts in the top quarter, keeps the sidebar in view and passes axe, dark and light`, async ({
    expect,
  }) => {
    const plan = engine === "2.31" ? SHOT_PLAN : {};
    for (const size of sizes) for (const shot of SHOTS) rmSync(shotFile(mystery, size, shot), { force: true });
    if (engine === "2.37") file237 = storyOn237(mystery);
    story = await openStoryPage(needBrowser(), mystery, {
      viewport: SIZES[sizes[0]!],
      reducedMotion: true,
      file: file237,
      colorScheme: "dark",
    });
    const { page } = story;
    await keepFewMoments(page);
    for (const size of sizes.filter((z) => plan[z]?.includes("1-start"))) {
      await resizeTo(page, SIZES[size]);
      await page.screenshot({ path: shotFile(mystery, size, "1-start") });
    }
    await injectAxe(page);
    const inv = await inventory(page);
    expect(inv.pages.length, "pages").toBeGreaterThan(0);
    const names = inv.pages.map((p) => p.name);
    const clues = new Map(inv.pages.map((p) => [p.name, p.clues]));

    const problems = new Map<Size, string[]>(sizes.map((size) => [size, []]));
    const reportsAt = new Map<Size, PassageReport[]>();
    for (const [k, size] of sizes.entries()) {
      await resizeTo(page, SIZES[size]);
      const controls = SIDEBAR_CONTROLS[isNarrow(size) ? "narrow" : "wide"];
      const everyRule = size === "phone" && engine === "2.31";
      const axe = { parts: PASSAGE_PARTS, rules: everyRule ? undefined : SIZE_DEPENDENT_RULES };
      const common = { controls, axe, axeOnlyWhereBoxesScroll: !everyRule, clueList: !isNarrow(size) };
      if (k > 0) {
        const [resized] = await sweep(page, common);
        problems.get(size)!.push(...problemsIn(resized!, undefined, `, shown at the ${sizes[k - 1]} size and resized`));
      }
      // Every passage by a page change, the first with the sidebar opened (the change folds it).
      const reports = await sweep(page, {
        ...common,
        passages: names,
        inventory: inv,
        wholeFirst: true,
        openBarFirst: true,
      });
      for (const r of reports) problems.get(size)!.push(...problemsIn(r, clues.get(r.passage), ""));
      reportsAt.set(size, reports);
    }
    for (const size of sizes) expect(problems.get(size), `problems at the ${sizeName(size)} size`).toEqual([]);

    // The light theme: colours only (every other rule saw the same elements above), on passages
    // that together show every kind of element, and the whole page on the first of them; from an
    // empty history, a hub played after one of its pages shows links both visited and not.
    const phone = reportsAt.get("phone") ?? [];
    const kinds = new Set([...reportsAt.values()].flat().flatMap((r) => r.features));
    expect(
      ["visited", "unvisited", "listing", "box", "form"].filter((k) => !kinds.has(k)),
      "kinds of element the sweeps saw",
    ).toEqual([]);
    const hub = phone.reduce((a, r) => (new Set(r.links).size > new Set(a.links).size ? r : a));
    const light = [...new Set([hub.links[0]!, hub.passage, ...covering(phone)])];
    await resizeTo(page, SIZES.phone);
    await page.emulateMedia({ colorScheme: "light" });
    await settled(page);
    const lit = await sweep(page, {
      passages: light,
      inventory: inv,
      controls: SIDEBAR_CONTROLS.narrow,
      axe: { parts: PASSAGE_PARTS, rules: COLOUR_RULES },
      wholeFirst: true,
      forgetVisits: true,
    });
    expect(
      lit.flatMap((r) => r.axe.map((p) => `"${r.passage}": ${p}`)),
      `axe in the light theme, on ${light.join(", ")}`,
    ).toEqual([]);
    expect(lit.find((r) => r.passage === hub.passage)?.features, `"${hub.passage}" in the light theme`).toEqual(
      expect.arrayContaining(["visited", "unvisited"]),
    );
    const themes = (reports: readonly PassageReport[]) => [...new Set(reports.map((r) => r.background))];
    expect(
      { dark: themes([...reportsAt.values()].flat()), light: themes(lit) },
      "the page's background in each theme",
    ).toEqual({ dark: [DARK_BACKGROUND], light: [LIGHT_BACKGROUND] });

    const chosen = pickShots(reportsAt.get("phone") ?? []);
    for (const { file, shows } of await takeShots(page, mystery, plan, chosen, inv)) {
      expect(statSync(file, { throwIfNoEntry: false })?.size ?? 0, `${file} (${shows})`).toBeGreaterThan(5_000);
    }

    // On paper (2.31; the print stylesheet is ours, the same on both): the passage with the
    // longest listing, whole, without the sidebar, dark on white.
    if (engine === "2.31") {
      const passage = chosen["3-listing"]!;
      await waitForShown(page, await playWithEverythingKnown(page, passage, inv));
      const printed = await printPage(page);
      expect(
        printed.first.printed,
        `"${passage}" on paper: its first paragraph (the PDF can be read): ${printed.first.text}`,
      ).toBe(true);
      expect(
        printed.lastLine.printed,
        `"${passage}" on paper: the listing's last line, ${JSON.stringify(printed.lastLine.text)}`,
      ).toBe(true);
      expect(printed.sidebarPrinted, "sidebar text on paper").toEqual([]);
      expect(printed.pale.slice(0, 5), "text printed too pale for white paper").toEqual([]);
      console.log(`${mystery}: "${passage}" printed whole on ${printed.pages} A4 pages`);
    }
  });

  test(`opens the sidebar, with its newest clue in view, and SugarCube's Saves dialog at ${sizes.map(sizeName).join(", ")}`, async ({
    expect,
  }) => {
    if (!story) throw new Error(`${mystery} did not open (see the test above)`);
    const { page, watch } = story;
    const bar = page.locator("#ui-bar");
    const stowed = () => bar.evaluate((el) => el.classList.contains("stowed"));
    for (const [k, size] of sizes.entries()) {
      const viewport = SIZES[size];
      const at = `at the ${sizeName(size)} size`;
      await resizeTo(page, viewport);
      if (isNarrow(size)) {
        // The compact bar (as the player left it at this width): the toggle folds it; its clue
        // count opens the whole sidebar, with the newest clue in view.
        if (!(await stowed())) await page.locator("#ui-bar-toggle").click();
        await expect.poll(stowed, { message: `folded by the toggle, ${at}` }).toBe(true);
        await page.locator("#clue-count").click();
        await expect.poll(stowed, { message: `opened by the clue count, ${at}` }).toBe(false);
        const view = await page.evaluate(() => {
          const list = document.querySelector("#story-caption .what-you-know ol")!;
          const newest = list.lastElementChild!.getBoundingClientRect();
          const box = list.getBoundingClientRect();
          return {
            newest: [newest.top, newest.bottom],
            box: [box.top, box.bottom],
            height: window.innerHeight,
            expanded: document.getElementById("clue-count")!.getAttribute("aria-expanded"),
          };
        });
        expect(
          view.newest[0]! >= view.box[0]! - 1 && view.newest[1]! <= view.box[1]! + 1 && view.newest[1]! <= view.height,
          `the newest clue is in view ${at}: ${JSON.stringify(view)}`,
        ).toBe(true);
        expect(view.expanded, "the clue count says the sidebar is open").toBe("true");
        if (k === 0) {
          for (const scheme of ["light", "dark"] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            await settled(page);
            expect(await axeProblems(page, { parts: ["#ui-bar"] }), `axe on the opened sidebar, ${scheme}`).toEqual([]);
          }
        }
        // Its controls are all there, in view or below it (the opened sidebar is in the page's flow).
        const [open] = await sweep(page, { controls: SIDEBAR_CONTROLS.wide, clueList: true });
        const below = (state: string) => /^out of view \(\d+,\d+–/.test(state);
        expect(
          Object.entries(open!.controls).filter(([, s]) => s !== "ok" && !below(s)),
          `the opened sidebar's controls ${at}`,
        ).toEqual([]);
      } else {
        // SugarCube's toggle closes and opens the sidebar.
        await page.locator("#ui-bar-toggle").click();
        await expect.poll(stowed, { message: `closed after the toggle, ${at}` }).toBe(true);
        await page.locator("#ui-bar-toggle").click();
        await expect.poll(stowed, { message: `open again, ${at}` }).toBe(false);
      }
      const clueList = page.locator("#story-caption .what-you-know ol");
      if ((await clueList.count()) > 0 && (await clueList.evaluate((el) => el.scrollHeight > el.clientHeight + 1))) {
        await expect
          .poll(() => clueList.getAttribute("tabindex"), { message: `the clue list, shown again, is reachable, ${at}` })
          .toBe("0");
      }
      // Saves opens SugarCube's dialog, inside the window, with its ✖ one Tab away; Escape (or
      // the ✖) closes it, and focus is back on Saves.
      const saves = page.locator("#menu-item-saves a");
      await saves.focus();
      await page.keyboard.press("Enter");
      const dialog = page.locator("#ui-dialog");
      await expect
        .poll(() => dialog.evaluate((el) => el.classList.contains("open")), {
          message: `the Saves dialog opens, ${at}`,
        })
        .toBe(true);
      const box = await dialog.boundingBox();
      expect(
        box && box.x >= 0 && box.x + box.width <= viewport.width,
        `the dialog fits the window ${at}: ${JSON.stringify(box)}`,
      ).toBe(true);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id), `one Tab reaches the dialog's ✖, ${at}`).toBe(
        "ui-dialog-close",
      );
      if (k === 0) {
        for (const scheme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await settled(page);
          expect(await axeProblems(page, { parts: ["#ui-dialog"] }), `axe on the Saves dialog, ${scheme}`).toEqual([]);
        }
      }
      if (k % 2 === 0) await page.keyboard.press("Escape");
      else await page.locator("#ui-dialog-close").click();
      await expect
        .poll(() => dialog.evaluate((el) => el.classList.contains("open")), {
          message: `the dialog closes (${k % 2 === 0 ? "Escape" : "✖"}), ${at}`,
        })
        .toBe(false);
      expect(
        await page.evaluate(() => document.activeElement?.closest("#menu-item-saves") !== null),
        `focus is back on Saves, ${at}`,
      ).toBe(true);
    }
    expect(watch.problems, "console errors, page errors and requests leaving the file").toEqual([]);
  });
});

describe("the index page", () => {
  it.each(Object.keys(SIZES) as Size[])(
    "fits the %s size and passes axe (and in the dark theme at the phone size)",
    async (size) => {
      const context = await needBrowser().newContext({ viewport: SIZES[size], deviceScaleFactor: 1 });
      try {
        const page = await context.newPage();
        await page.goto(pathToFileURL(path.join(distDir, "index.html")).href);
        await injectAxe(page);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, "the page's width").toBeLessThanOrEqual(SIZES[size].width);
        expect(await axeProblems(page), "axe, light theme").toEqual([]);
        await page.screenshot({ path: shotFile("index", size, "page"), fullPage: true });
        if (size === "phone") {
          await page.emulateMedia({ colorScheme: "dark" });
          expect(await axeProblems(page), "axe, dark theme").toEqual([]);
        }
        for (const m of mysteries)
          expect(await page.locator(`a[href=${cssString(`${m}.html`)}]`).count(), `a link to ${m}`).toBe(1);
      } finally {
        await context.close();
      }
    },
  );
});
