// Every mystery played in a real browser as a player of its itch.io upload gets it: npm run
// package's zip of dist/<mystery>.html, unpacked into a temporary folder (tests/harness/unzip.ts:
// its index.html is dist/<mystery>.html byte for byte, tests/site/package.test.ts), opened by
// headless Debian chromium as a file:// URL with every request leaving the file blocked, and a
// "person" plays the usual route (tests/harness/routes.ts), or, for a mystery
// without one, the shortest route to an ending, clicking links and typing answers. Nothing may
// leave the file, nothing may log an error, and three screenshots per mystery are kept in
// test-results/screenshots/ (SCREENSHOTS_DIR, git-ignored) to look at. A reload on the first clue's
// page brings it back silently; after the ending, the way on leads to the index page (site.zip's,
// unpacked: a mystery's own zip holds the mystery alone), which marks the mystery solved, back to the story (now offering the next mystery) and to a new game. With no
// chromium on the machine this fails, saying how to get one.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { mysteries } from "../harness/mysteries.js";
import { builtStory } from "../harness/passages.js";
import { unpackedSite, unpackedZip } from "../harness/unzip.js";
import { usualClues, usualRoutes } from "../harness/routes.js";
import {
  browserPerFile,
  findChromium,
  openStoryPage,
  pngInfo,
  carryStorage,
  reloadTab,
  SCREENSHOTS_DIR,
  type StoryPage,
  VIEWPORT,
  waitForPassage,
} from "./chromium.js";
import { advance, exploreStory, shortestRoute, shown } from "./route.js";

const SCREENSHOTS = SCREENSHOTS_DIR;
const SHOTS = ["1-start", "2-first-clue", "3-ending"] as const;
type Shot = (typeof SHOTS)[number];
const shotFile = (mystery: string, shot: Shot) => path.join(SCREENSHOTS, `${mystery}-${shot}.png`);
/** A blank 1280×800 page compresses to a few KiB; a page of text and a caption to far more. */
const MIN_SCREENSHOT_BYTES = 20_000;

const needBrowser = browserPerFile(); // every test that needs the browser fails with its error

it("finds and starts chromium ($CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome)", () => {
  findChromium();
  expect(needBrowser().version(), "chromium's version").toMatch(/^\d+\./);
});

it("has mysteries to play", () => {
  expect(mysteries, "folders under story/").not.toEqual([]);
});

// The mysteries play at the same time, each in its own browser context (a route mostly waits on
// its page, so they share the browser well); within a mystery the tests run in order, each
// building on the one before.
describe.concurrent.each(mysteries)("%s in chromium", (mystery) => {
  const declared = usualRoutes[mystery];
  const declaredClues = usualClues[mystery];
  let story: StoryPage | undefined;
  /** The page played: the zip's index.html, unpacked. */
  let file: string;
  /** Clues the start passage announces itself (a new-information box on the first page). */
  let startClues: string[] = [];

  afterAll(async () => {
    await story?.close();
  });

  const opened = (): StoryPage => {
    if (story) return story;
    throw new Error(`${mystery} did not open in chromium (see the first test of this group)`);
  };

  const screenshot = (shot: Shot) => opened().page.screenshot({ path: shotFile(mystery, shot), fullPage: true });

  it.sequential("opens its zip's index.html, unpacked, as a file:// page on its start passage, knowing only the clues that page announces", async () => {
    for (const shot of SHOTS) rmSync(shotFile(mystery, shot), { force: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
    file = await unpackedZip(mystery);
    story = await openStoryPage(needBrowser(), mystery, { file });
    const start = await shown(story.page);
    expect(start.passage, "the story's start passage (StoryData)").toBe(builtStory(mystery).start);
    expect(start.errorViews, "error boxes").toEqual([]);
    expect(story.watch.fresh(), "errors and requests leaving the file, while opening").toEqual([]);
    expect(start.clues, "the What you know list of a new game: the clues of the start page's boxes").toEqual(
      start.announced,
    );
    if (declaredClues)
      expect(start.announced, "the start page's clues").toEqual(declaredClues.slice(0, start.announced.length));
    startClues = start.announced;
    await screenshot("1-start");
    if (start.announced.length > 0) await screenshot("2-first-clue");
  });

  const routeName = declared ? "the usual route" : "the shortest route to an ending (no usual route declared)";
  it.sequential(`plays ${routeName} like a person, clicking links and typing answers`, async () => {
    const { page, watch } = opened();
    let route = declared;
    if (!route) {
      const explored = await exploreStory(needBrowser(), mystery);
      expect(explored.problems, "errors and requests leaving the file, rendering each page to find the route").toEqual(
        [],
      );
      route = shortestRoute(explored.graph);
      if (!route)
        throw new Error(`no passage tagged ending can be reached from "${explored.graph.start}" by links and forms`);
    }
    const known: string[] = [...startClues];
    let clueShot = known.length > 0;
    for (const [i, step] of route.entries()) {
      const from = (await shown(page)).passage;
      const where = `step ${i + 1} of ${route.length}, "${from}" → "${step}"`;
      const answer = `my answer in ${from}`;
      const how = await advance(page, step, answer);
      const now = await shown(page);
      expect(now.passage, where).toBe(step);
      expect(watch.fresh(), `${where}: errors and requests leaving the file`).toEqual([]);
      expect(now.errorViews, `${where}: error boxes`).toEqual([]);
      if (declared && how !== "link") expect(now.youSaid, `${where}: the answer typed (${how})`).toContain(answer);
      for (const clue of now.announced) {
        expect(known, `${where}: the box for "${clue}" was already shown`).not.toContain(clue);
        if (declaredClues) expect(clue, `${where}: the next clue of the usual route`).toBe(declaredClues[known.length]);
        known.push(clue);
      }
      expect(now.clues, `${where}: the "What you know" list`).toEqual(known);
      if (now.announced.length > 0 && !clueShot) {
        await screenshot("2-first-clue");
        clueShot = true;
        // A reload here brings the same page and clues back, and says nothing new: no box, and a
        // silent live region; the sidebar the player closed stays closed (it starts open here).
        const stowed = () => page.evaluate(() => document.getElementById("ui-bar")!.classList.contains("stowed"));
        expect(await stowed(), "the sidebar on a desktop").toBe(false);
        await page.locator("#ui-bar-toggle").click();
        await reloadTab(page);
        await waitForPassage(page, 0);
        const again = await shown(page);
        const said = await page.evaluate(() => document.getElementById("clue-announcer")?.textContent);
        expect(
          { passage: again.passage, clues: again.clues, boxes: again.announced, said },
          `${where}, reloaded`,
        ).toEqual({ passage: step, clues: known, boxes: [], said: "" });
        expect(await stowed(), "the sidebar closed before the reload").toBe(true);
        await page.locator("#ui-bar-toggle").click();
      }
    }
    const end = await shown(page);
    expect(end.tags, `the last passage, "${end.passage}", is an ending`).toContain("ending");
    expect(end.clues, "the What you know list at the end").not.toEqual([]);
    if (declaredClues) expect(end.clues, "the What you know list at the end").toEqual(declaredClues);
    await screenshot("3-ending");
    expect(clueShot, "a page along the route showed a new-information box").toBe(true);
  });

  it.sequential("after the ending: the way on, the index marks the mystery solved, the next mystery, and Play again", async () => {
    const { page, watch } = opened();
    const wayOn = () =>
      page.evaluate(() =>
        Array.from(
          document.querySelectorAll("#passages .passage + nav.way-on a, #passages .passage + nav.way-on button"),
          (el) => [el.textContent, el.getAttribute("href")],
        ),
      );
    const ending = (await shown(page)).passage;
    expect(await wayOn(), `after "${ending}", before the index page was ever shown`).toEqual([
      ["Play again", null],
      ["All puzzles", "index.html"],
    ]);
    // The mystery's own zip holds the mystery alone (its index.html); its "All puzzles" is the
    // site's index page, as site.zip (unpacked beside) has it: the same tab goes there, and comes
    // back (carryStorage: the tab's storage as each page left it).
    await carryStorage(page, "/index.html");
    await page.goto(pathToFileURL(path.join(await unpackedSite(), "index.html")).href);
    const entries = await page.evaluate(() =>
      Array.from(document.querySelectorAll("li.puzzle"), (li) => ({
        href: li.querySelector("h2 a")!.getAttribute("href")!,
        title: li.querySelector("h2")!.textContent!,
        progress: li.querySelector(".progress")?.textContent,
      })),
    );
    const here = entries.findIndex((e) => e.href === `${mystery}.html`);
    expect(
      entries.map((e) => [e.href, e.progress]),
      "the index page's marks",
    ).toEqual(entries.map((e, i) => [e.href, i === here ? "Solved" : "Not started"]));
    // Back to the story, in the same tab: the ending again, now with the next mystery, if any.
    await carryStorage(page, `/${mystery}.html`);
    await page.locator(`li.puzzle h2 a[href="${mystery}.html"]`).click();
    await page.waitForURL(new RegExp(`/${mystery}\\.html$`));
    await waitForPassage(page, 0);
    expect((await shown(page)).passage, "the story comes back where it was").toBe(ending);
    const next = entries[here + 1];
    expect(await wayOn(), "the way on, once the index was seen").toEqual([
      ...(next ? [[`Next mystery: ${next.title}`, next.href]] : []),
      ["Play again", null],
      ["All puzzles", "index.html"],
    ]);
    const reloaded = page.waitForEvent("load");
    await page.locator("nav.way-on button", { hasText: "Play again" }).click();
    await reloaded;
    await waitForPassage(page, 0);
    const fresh = await shown(page);
    expect({ passage: fresh.passage, clues: fresh.clues }, "a new game").toEqual({
      passage: builtStory(mystery).start,
      clues: startClues,
    });
    expect(watch.fresh(), "errors and requests leaving the file").toEqual([]);
  });

  it.sequential("made no request outside the file and logged no error", () => {
    const { watch } = opened();
    expect(watch.requests[0], "the first request").toBe(pathToFileURL(file).href);
    expect(
      { leaving: watch.leaving(), blocked: watch.blocked },
      "requests to anything but file: and data: URLs (all requests are recorded; these were blocked)",
    ).toEqual({ leaving: [], blocked: [] });
    expect(watch.problems, "console errors, page errors and dialogs").toEqual([]);
  });

  it.sequential("saved three screenshots in test-results/screenshots/", () => {
    const hashes = new Map<Shot, string>();
    for (const shot of SHOTS) {
      const file = shotFile(mystery, shot);
      expect(existsSync(file), `${file} exists (taken while opening and playing, above)`).toBe(true);
      const bytes = readFileSync(file);
      const png = pngInfo(bytes);
      expect(png.width, `${shot}: width`).toBe(VIEWPORT.width);
      expect(png.height, `${shot}: height`).toBeGreaterThanOrEqual(VIEWPORT.height);
      expect(png.size, `${shot}: bytes (a near-blank page is smaller)`).toBeGreaterThan(MIN_SCREENSHOT_BYTES);
      hashes.set(shot, createHash("sha256").update(bytes).digest("hex"));
    }
    // The first clue may be on the start page (then 1 and 2 are the same picture); the ending is not.
    expect(hashes.get("3-ending"), "the ending's picture differs from the start's").not.toBe(hashes.get("1-start"));
  });
});
