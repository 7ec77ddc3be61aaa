// The accessibility test's screenshots, for a reviewer (in SCREENSHOTS_DIR): which ones, at which
// size, of which passage, and taking them. The test checks each file was written.
import path from "node:path";
import type { Page } from "playwright-core";
import { playWithEverythingKnown, resizeTo, type StoryInventory, waitForShown } from "./a11y.js";
import { SCREENSHOTS_DIR, SIZES, type Size } from "./chromium.js";
import type { PassageReport } from "./sweep.js";

export const SHOTS = ["1-start", "2-form", "3-listing", "4-caption", "5-ending", "6-clues-open", "7-light"] as const;
export type Shot = (typeof SHOTS)[number];
export const shotFile = (name: string, size: Size, shot: string) =>
  path.join(SCREENSHOTS_DIR, `${name}-${size.replace(" ", "-")}-${shot}.png`);
/** What a reviewer gets screenshots of, at which size (2.31): a form, the longest listing, a new
 *  clue, the ending; on narrow screens the clue list opened after a new clue; the light theme. */
export const SHOT_PLAN: Partial<Record<Size, readonly Shot[]>> = {
  phone: SHOTS,
  zoomed: ["1-start", "6-clues-open"],
  desktop: ["1-start", "2-form", "3-listing", "4-caption", "5-ending"],
};

/** The passage each screenshot shows, from the sweep's reports at one size. */
export function pickShots(reports: readonly PassageReport[]): Partial<Record<Shot, string>> {
  const best = (score: (r: PassageReport) => number) =>
    reports.reduce<PassageReport | undefined>((a, r) => (score(r) > (a ? score(a) : 0) ? r : a), undefined)?.passage;
  const has = (r: PassageReport, f: string) => r.features.includes(f);
  return {
    "2-form": best((r) => (has(r, "form") && !has(r, "listing") ? (has(r, "area") ? 2 : 1) : 0)),
    "3-listing": best((r) => r.tallestListing),
    "4-caption": best((r) => (has(r, "box") ? 1 : 0)),
    "5-ending": best((r) => (has(r, "ending") ? 1 : 0)),
  };
}

/** Plays `passage` (with the rest of the story behind it) and photographs it; "6-clues-open"
 *  opens the compact bar's clue list first. */
async function shoot(
  page: Page,
  mystery: string,
  size: Size,
  shot: Shot,
  passage: string,
  inv: StoryInventory,
): Promise<void> {
  await waitForShown(page, await playWithEverythingKnown(page, passage, inv));
  if (shot === "6-clues-open") await page.locator("#clue-count").click();
  // With a clip: a whole-window screenshot draws the context's colour scheme, not emulateMedia's.
  await page.screenshot({ path: shotFile(mystery, size, shot), clip: { x: 0, y: 0, ...SIZES[size] } });
}

/**
 * Takes the plan's screenshots at each of its sizes (1-start is taken as the story opens): each
 * file the plan names, and what it shows.
 */
export async function takeShots(
  page: Page,
  mystery: string,
  plan: Partial<Record<Size, readonly Shot[]>>,
  chosen: Partial<Record<Shot, string>>,
  inv: StoryInventory,
): Promise<{ file: string; shows: string }[]> {
  const taken: { file: string; shows: string }[] = [];
  for (const [size, shots] of Object.entries(plan) as [Size, readonly Shot[]][]) {
    await resizeTo(page, SIZES[size]);
    await page.emulateMedia({ colorScheme: "light" });
    if (shots.includes("7-light") && chosen["3-listing"])
      await shoot(page, mystery, size, "7-light", chosen["3-listing"], inv);
    await page.emulateMedia({ colorScheme: "dark" });
    for (const shot of shots.filter((x) => x !== "1-start" && x !== "7-light")) {
      const passage = chosen[shot === "6-clues-open" ? "4-caption" : shot];
      if (passage) await shoot(page, mystery, size, shot, passage, inv);
    }
    for (const shot of shots) taken.push({ file: shotFile(mystery, size, shot), shows: chosen[shot] ?? "the start" });
  }
  return taken;
}
