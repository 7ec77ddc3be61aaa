// npm run dev in a real browser: chromium on http://127.0.0.1:<port>/50ms-request.html from the
// dev server on a scratch copy. An edit to the shown passage reloads the page, and SugarCube
// (which keeps its history in sessionStorage) shows the same passage with the new text. A broken
// file shows the error box over the last good build; the fix takes it away with a reload.
// Play from here: the edit's terminal line links to playing from the edited passage; a box deep in
// the served story map opens its passage with the clues and answers of the usual route; and the
// page dev writes is byte for byte npm run build's, with no trace of any of it.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DevProcess,
  type DevScratch,
  devArgs,
  devScratch,
  removeScratch,
  startDev,
} from "../harness/dev-server.js";
import { launchChromium, VIEWPORT, waitForPassage } from "./chromium.js";
import { advance, shown } from "./route.js";
import { mapFile } from "../../build/overview/map.js";
import { buildStory, resolveCompiler } from "../../build/pipeline/build-story.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { readUsualRoute } from "../../build/overview/usual-route.js";

const MARKER = "Edited while the dev server was running.";

/** The Twee file and line of passage `name`'s header. */
function findPassage(dir: string, name: string): { file: string; line: number } {
  for (const base of readdirSync(dir).filter((f) => f.endsWith(".twee"))) {
    const file = path.join(dir, base);
    const lines = readFileSync(file, "utf8").split("\n");
    const line = lines.findIndex((l) => l === `:: ${name}` || l.startsWith(`:: ${name} `)) + 1;
    if (line > 0) return { file, line };
  }
  throw new Error(`no passage "${name}" in ${dir}`);
}

const passageText = (page: Page) => page.locator("#passages .passage").innerText();
const overlay = (page: Page) => page.locator("#dev-build-error");

describe("npm run dev in chromium", () => {
  let s: DevScratch;
  let dev: DevProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    s = devScratch();
    // The native compiler: each rebuild is ms, not a tweego run (tweego's dev rebuilds are
    // compile/tweego.test.ts's), and the page it writes is compared with npm run build's below.
    dev = await startDev([...devArgs(s), "--port", "0", "--compiler", "native"]);
    if (!dev.url) throw new Error(`npm run dev did not start:\n${dev.stderr()}`);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    page.on("pageerror", (e) => void problems.push(`page error: ${e.message}`));
    page.on(
      "console",
      (m) => void (m.type() === "error" && problems.push(`console error: ${m.text()} (${m.location().url})`)),
    );
  });
  afterAll(async () => {
    await browser?.close();
    dev?.kill();
    await dev?.exited;
    removeScratch(s);
  });

  let passage = "";
  let edited = "";
  let source: { file: string; line: number };

  it("plays the served story to a passage past the start", async () => {
    await page.goto(`${dev.url}50ms-request.html`, { waitUntil: "load" });
    await waitForPassage(page, 0);
    for (let i = 0; i < 2; i++) {
      const { links } = await shown(page);
      await advance(page, links[0]!.target, "");
    }
    passage = (await shown(page)).passage;
    expect(passage).not.toBe("Start");
    const keys = await page.evaluate(() => Object.keys(sessionStorage));
    expect(
      keys.some((k) => k.endsWith(".state")),
      `SugarCube's history in sessionStorage: ${keys.join(", ")}`,
    ).toBe(true);
    expect(problems).toEqual([]);
  });

  it("an edit to that passage reloads the page onto the same passage, with the new text", async () => {
    source = findPassage(s.dir, passage);
    const lines = readFileSync(source.file, "utf8").split("\n");
    lines.splice(source.line, 0, `<p>${MARKER}</p>`);
    edited = lines.join("\n");
    await page.evaluate(() => void ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const reloaded = page.waitForEvent("load", { timeout: 20_000 });
    writeFileSync(source.file, edited);
    await reloaded;
    await waitForPassage(page, 0);
    expect(await page.evaluate(() => "notReloaded" in window), "a fresh page").toBe(false);
    expect((await shown(page)).passage, "the passage shown before the reload").toBe(passage);
    expect(await passageText(page)).toContain(MARKER);
    expect(problems).toEqual([]);
    // Printed with the rebuild, before the reload event went out.
    const link = `${dev.url}50ms-request.html#play-from=${encodeURIComponent(passage)}`;
    expect(dev.stdout()).toContain(`  play from "${passage}": ${link}\n`);
  });

  it("a broken file shows the error box over the last good build, without a reload", async () => {
    await page.evaluate(() => void ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const brokenLine = edited.split("\n").length + 1;
    writeFileSync(source.file, `${edited}\n:: Broken [tag\nsome text\n`);
    await overlay(page).waitFor({ state: "visible", timeout: 20_000 });
    const box = await overlay(page).innerText();
    expect(box).toContain(`${path.basename(source.file)}:${brokenLine}`);
    expect(box).toContain("tag block is not closed");
    expect(box).toContain("fix: ");
    expect(box).toContain("the page shows the last good build");
    const position = await overlay(page).evaluate((el) => getComputedStyle(el).position);
    expect(position).toBe("fixed");
    expect(await page.evaluate(() => "notReloaded" in window), "the page was not reloaded").toBe(true);
    expect((await shown(page)).passage).toBe(passage);
    expect(await passageText(page)).toContain(MARKER);
  });

  it("a page opened while the build is broken shows the box at once", async () => {
    const other = await context.newPage();
    try {
      await other.goto(`${dev.url}50ms-request.html`, { waitUntil: "load" });
      await overlay(other).waitFor({ state: "visible", timeout: 10_000 });
      expect(await overlay(other).innerText()).toContain("tag block is not closed");
    } finally {
      await other.close();
    }
  });

  it("the fix reloads the page, without the box, on the same passage", async () => {
    const reloaded = page.waitForEvent("load", { timeout: 20_000 });
    writeFileSync(source.file, edited);
    await reloaded;
    await waitForPassage(page, 0);
    expect(await page.evaluate(() => "notReloaded" in window), "a fresh page").toBe(false);
    expect(await overlay(page).count()).toBe(0);
    expect((await shown(page)).passage).toBe(passage);
    expect(await passageText(page)).toContain(MARKER);
    expect(problems).toEqual([]);
  });

  it("a box deep in the served story map opens its passage with the clues and answers of the usual route", async () => {
    const usual = readUsualRoute(s.dir)!;
    const deep = "nagle"; // 48 steps in: every clue found, its own question answered on the way
    const other = await context.newPage();
    try {
      // The dev server serves each map under its file's name, from where the maps are kept.
      const map = encodeURIComponent(path.basename(mapFile(s.stories, "50ms-request")));
      await other.goto(`${dev.url}${map}`, { waitUntil: "load" });
      await other.locator(`a.play-from:has(g[data-name="${deep}"])`).click();
      await waitForPassage(other, 1);
      const there = await shown(other);
      expect(there.passage).toBe(deep);
      expect(there.clues, "the What you know list").toEqual(usual.clues);
      expect(there.youSaid, "its <<you-said>> line").toEqual([usual.answers.$nagle]);
      expect(there.errorViews).toEqual([]);
      expect(other.url(), "the address loses its #play-from: a reload restores the game").not.toContain("#play-from");
    } finally {
      await other.close();
    }
    expect(problems).toEqual([]);
  });

  it("the page dev writes is npm run build's, byte for byte, with no trace of play-from", async () => {
    const out = path.join(path.dirname(s.out), "built");
    const entries = { macros: path.join(s.macros, "index.ts"), styles: path.join(s.styles, "index.css") };
    const target = { ...mysteryTarget("50ms-request", s.stories, out), entries };
    await buildStory(target, await resolveCompiler("native"));
    const devPage = readFileSync(path.join(s.out, "50ms-request.html"));
    expect(devPage.equals(readFileSync(target.outFile)), "dist/50ms-request.html as dev and build write it").toBe(true);
    for (const file of readdirSync(s.out).filter((f) => f.endsWith(".html") || f.endsWith(".svg"))) {
      expect(readFileSync(path.join(s.out, file), "utf8"), file).not.toMatch(/play-from|__dev/);
    }
  });
});
