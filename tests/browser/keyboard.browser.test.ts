// With the keyboard alone: every mystery's usual route played with Tab, Enter and typing (the
// first Tab after each page change lands in the new passage, every control shows a focus ring,
// each new clue is announced once, and not again after Back and Forward); a listing copied with
// its Copy listing button (said in a live region, on the clipboard); and the compact bar, opened,
// kept open across a reload.
import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { mysteries } from "../harness/mysteries.js";
import { usualRoutes } from "../harness/routes.js";
import { sessionKey } from "../../macros/storage.js";
import { waitForShown } from "./a11y.js";
import { browserPerFile, openStoryPage, reloadTab, SIZES, waitForPassage } from "./chromium.js";
import { exploreStory, shortestRoute } from "./route.js";

const needBrowser = browserPerFile();

/** Presses Tab until `target`'s link or answer field has focus: how many presses, what it is,
 *  its focus ring, and whether the first press already landed in the passage. */
async function tabTo(
  page: Page,
  target: string,
): Promise<{ tabs: number; kind: "link" | "field" | "area"; ring: string; firstInPassage: boolean }> {
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
            ? a.tagName === "TEXTAREA"
              ? "area"
              : "field"
            : null;
      const s = getComputedStyle(a);
      return { kind, ring: s.outlineStyle === "none" ? "none" : `${s.outlineStyle} ${s.outlineWidth}` } as const;
    }, target);
    if (tabs === 1) firstInPassage = found !== null;
    if (found?.kind) return { tabs, kind: found.kind, ring: found.ring, firstInPassage };
  }
  throw new Error(`60 Tabs did not reach a link or field to "${target}"`);
}

// Everything here runs at once, each in its own browser context.
describe.concurrent("with the keyboard alone", () => {
  // One mystery only: a browser has one clipboard, shared by its contexts.
  describe(`${mysteries[0]}: Copy listing, and the compact bar across a reload`, () => {
    const mystery = mysteries[0]!;
    it("copies a listing with the keyboard and says so; a reload keeps the opened bar open", async ({ expect }) => {
      const story = await openStoryPage(needBrowser(), mystery, { viewport: SIZES.phone, reducedMotion: true });
      try {
        const { page, context, watch } = story;
        await context.grantPermissions(["clipboard-read", "clipboard-write"]);
        const passage = await page.evaluate(() => {
          const sc = (
            window as unknown as {
              SugarCube: {
                Story: { lookupWith(f: (p: { text: string }) => boolean): { title: string }[] };
                Engine: { play(n: string): void };
              };
            }
          ).SugarCube;
          const name = sc.Story.lookupWith((p) => p.text.includes("<pre>"))[0]!.title;
          sc.Engine.play(name);
          return name;
        });
        let tabs = 0;
        while (tabs < 20 && !(await page.evaluate(() => document.activeElement?.classList.contains("copy-listing")))) {
          await page.keyboard.press("Tab");
          tabs++;
        }
        expect(tabs, `Tabs from "${passage}" to its Copy listing button`).toBeLessThan(20);
        await page.keyboard.press("Enter");
        await expect
          .poll(() => page.locator("#copy-status").textContent(), { message: "the live region" })
          .toBe("Listing copied.");
        const [copied, listing] = await page.evaluate(async () => [
          await navigator.clipboard.readText(),
          document.querySelector("#passages pre")!.textContent,
        ]);
        expect(copied, "the clipboard").toBe(listing);

        // On a phone the bar starts folded; opened, it stays open across a reload (play.browser.test.ts
        // reloads a desktop's closed sidebar, which starts open).
        const bar = async () =>
          page.evaluate(() => [
            document.getElementById("ui-bar")!.classList.contains("stowed"),
            document.getElementById("clue-count")!.getAttribute("aria-expanded"),
          ]);
        expect(await bar(), "the bar on a phone").toEqual([true, "false"]);
        await page.locator("#clue-count").click();
        expect(await bar(), "the bar opened").toEqual([false, "true"]);
        const kept = () =>
          page.evaluate(
            (prefix) => {
              const ifid = (
                window as unknown as { SugarCube: { Story: { ifId: string } } }
              ).SugarCube.Story.ifId.toUpperCase();
              return sessionStorage.getItem(`${prefix}${ifid}`);
            },
            sessionKey("", "bar"),
          );
        expect(await kept(), "what the tab keeps of the bar").toBe(JSON.stringify({ narrow: false }));
        await reloadTab(page);
        await waitForPassage(page, 0);
        const after = await page.evaluate(
          () => (window as unknown as { SugarCube: { State: { passage: string } } }).SugarCube.State.passage,
        );
        expect(after, "the page after the reload").toBe(passage);
        expect([await bar(), await kept()], "the bar opened, after a reload").toEqual([
          [false, "true"],
          JSON.stringify({ narrow: false }),
        ]);
        expect(watch.problems, "console errors, page errors and requests leaving the file").toEqual([]);
      } finally {
        await story.close();
      }
    });
  });

  describe.each(mysteries)("%s with the keyboard alone", (mystery) => {
    it("plays the usual route with Tab, Enter and typing; the first Tab after each page change is in the new passage", async ({
      expect,
    }) => {
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
            const boxes = Array.from(
              document.querySelectorAll<HTMLElement>("#passages .newinfo"),
              (b) => b.dataset.clue ?? "",
            );
            const focused = document.activeElement?.matches("#passages .passage") ?? false;
            return {
              passage: sc.State.passage,
              turns: sc.State.turns,
              boxes,
              focused,
              said: document.getElementById("clue-announcer")?.textContent ?? "",
            };
          });
        let before = await here();
        for (const [i, target] of route.entries()) {
          const where = `step ${i + 1}, "${before.passage}" → "${target}"`;
          expect(before.focused, `${where}: focus is on the passage`).toBe(true);
          const { kind, ring, firstInPassage } = await tabTo(page, target);
          expect(firstInPassage, `${where}: the first Tab lands in the passage`).toBe(true);
          expect(ring, `${where}: the focused ${kind} shows a focus ring`).toMatch(
            /^(solid|auto|dotted|dashed|double) ([2-9]|\d\d)/,
          );
          if (kind === "link") await page.keyboard.press("Enter");
          else {
            await page.keyboard.type("an answer");
            await page.keyboard.press(kind === "area" ? "Control+Enter" : "Enter");
          }
          await waitForShown(page, before.turns);
          const now = await here();
          expect(now.passage, where).toBe(target);
          if (now.boxes.length > 0) {
            for (const clue of now.boxes)
              expect(now.said, `${where}: the live region`).toContain(`New information: ${clue}.`);
            announcedAt.push({ step: i, passage: target });
          } else expect(now.said, `${where}: the live region, on a page with no new clue`).toBe("");
          before = now;
        }
        expect(announcedAt.length, "clues announced along the route").toBeGreaterThan(0);
        // Back to the first clue's page and forward again: the clue is not announced a second time.
        const first = announcedAt[0]!;
        const back = route.length - 1 - first.step;
        await page.evaluate(
          (n) => (window as unknown as { SugarCube: { Engine: { go(n: number): void } } }).SugarCube.Engine.go(-n),
          back,
        );
        const revisited = await here();
        expect(revisited.passage, "back at the first clue's page").toBe(first.passage);
        expect(revisited.said, "the clue was announced once only").toBe("");
        expect(watch.problems, "console errors, page errors and requests leaving the file").toEqual([]);
      } finally {
        await story.close();
      }
    });
  });
});
