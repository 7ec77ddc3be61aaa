// The accessibility checks' tools: axe-core, injected into the page from the npm package; the
// story's pages, clues and questions (inventory), shown with everything known; window resizes;
// which of the sidebar's controls must be in view; waiting for a change of theme to settle, and a
// short history. sweep.ts measures; a11y-shots.ts takes the screenshots.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Loads axe-core into the page (once; it survives Engine.play, which does not reload). */
export async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => "axe" in window)) return;
  await page.addScriptTag({ content: axeSource });
}

/** The rule whose answer depends on the window's size: which boxes overflow and scroll. Every
 *  other rule sees the same elements, names, roles and colours at any size (the layout checks
 *  make sure nothing is laid over the passage), so it runs at one size only. */
export const SIZE_DEPENDENT_RULES = ["scrollable-region-focusable"] as const;

/** What changes from passage to passage. The rest of the page (SugarCube's sidebar with the clue
 *  list as long as it gets, the document's language and landmarks) is checked once, whole. */
export const PASSAGE_PARTS = ["#passages"] as const;

/** axe's serious and critical violations, one line each ("rule (impact): help: target"), in the
 *  whole document or only in `parts`, for every rule or only `rules`. */
export async function axeProblems(
  page: Page,
  scope: { parts?: readonly string[]; rules?: readonly string[] } = {},
): Promise<string[]> {
  return page.evaluate(
    async ({ parts, rules }) => {
      type AxeResults = {
        violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
      };
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: object): Promise<AxeResults> } }).axe;
      const options = { resultTypes: ["violations"], ...(rules ? { runOnly: { type: "rule", values: rules } } : {}) };
      const { violations } = await axe.run(parts ? { include: parts.map((p) => [p]) } : document, options);
      return violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help}: ${JSON.stringify(n.target)}`));
    },
    { parts: scope.parts ? [...scope.parts] : null, rules: scope.rules ? [...scope.rules] : null },
  );
}

/** A story's pages, and what the sweep sets up before each: every clue of the story, and an
 *  answer for every ask form's variable. */
export interface StoryInventory {
  readonly pages: { name: string; tags: string[]; clues: string[] }[];
  readonly variables: string[];
}

/** Reads the pages, clues and ask variables from the passages' source, in the page's engine. */
export function inventory(page: Page): Promise<StoryInventory> {
  return page.evaluate(() => {
    type Passage = { title: string; tags: string[]; text: string };
    const sc = (window as unknown as { SugarCube: { Story: { lookupWith(f: (p: Passage) => boolean): Passage[] } } })
      .SugarCube;
    const special = [
      "StoryTitle",
      "StoryData",
      "StoryInit",
      "StoryCaption",
      "StoryAuthor",
      "StoryMenu",
      "StoryBanner",
      "StorySubtitle",
      "PassageReady",
      "PassageDone",
      "PassageHeader",
      "PassageFooter",
    ];
    const all = sc.Story.lookupWith(() => true);
    const q = '"((?:[^"\\\\]|\\\\.)*)"';
    const pages = all
      .filter(
        (p) =>
          !special.includes(p.title) &&
          !p.tags.some((t) => ["script", "stylesheet", "widget", "Twine.image"].includes(t)),
      )
      .map((p) => ({
        name: p.title,
        tags: [...p.tags],
        clues: Array.from(
          p.text.matchAll(new RegExp(`<<newinfo ${q}>>`, "g")),
          (m) => JSON.parse(`"${m[1]}"`) as string,
        ),
      }));
    const variables = new Set<string>();
    for (const p of all)
      for (const m of p.text.matchAll(new RegExp(`<<ask(?:-area)? ${q} "\\$(\\w+)"`, "g"))) variables.add(m[2]!);
    return { pages, variables: [...variables] };
  });
}

/** An answer as wide as answers get: several lines, one of them a long unbroken token. */
export const LONG_ANSWER = `13:43:25.524529 write(18, "POST / HTTP/1.1\\r\\nHost: mysterybo"..., 107) = 107\n${"x".repeat(300)}\nthird line`;

/**
 * Shows `name` as a player would meet it with the rest of the story behind them: every clue
 * known except the ones this page announces (so its box shows and the clue list is at its
 * longest), and every question answered with LONG_ANSWER. Returns State.turns before the play.
 */
export function playWithEverythingKnown(page: Page, name: string, inv: StoryInventory): Promise<number> {
  const own = inv.pages.find((p) => p.name === name)?.clues ?? [];
  const known = inv.pages.flatMap((p) => p.clues).filter((c) => !own.includes(c));
  return page.evaluate(
    ({ name, known, variables, answer }) => {
      const sc = (
        window as unknown as {
          SugarCube: {
            State: { turns: number; variables: Record<string, unknown> };
            Engine: { play(n: string): unknown };
            setup: { clues: { init(): void; add(c: string): boolean } };
          };
        }
      ).SugarCube;
      const turns = sc.State.turns;
      for (const key of Object.keys(sc.State.variables)) delete sc.State.variables[key];
      sc.setup.clues.init();
      for (const clue of known) sc.setup.clues.add(clue);
      for (const v of variables) sc.State.variables[v] = answer;
      sc.Engine.play(name);
      return turns;
    },
    { name, known, variables: inv.variables, answer: LONG_ANSWER },
  );
}

/**
 * Waits until the engine has played a passage after moment `turnsBefore` and shows it whole
 * (opacity 1). For a page opened with reducedMotion, where nothing fades: at once.
 */
export async function waitForShown(page: Page, turnsBefore: number): Promise<void> {
  await page.waitForFunction(
    (before) => {
      const sc = (window as unknown as { SugarCube?: { State?: { turns: number } } }).SugarCube;
      const shown = document.querySelectorAll("#passages .passage");
      return (sc?.State?.turns ?? 0) > before && shown.length === 1 && getComputedStyle(shown[0]!).opacity === "1";
    },
    turnsBefore,
    { timeout: 10_000, polling: 10 },
  );
}

/**
 * Resizes the page's window to `viewport` and waits for what the resize itself sets off: its
 * `resize` event, and the animation frame after it, in which the story's own resize handler
 * (macros/a11y.ts: which boxes scroll) has run, being registered first. The listener is in
 * place before the resize, so it hears this resize and no other. Nothing to do at the same size.
 */
export async function resizeTo(page: Page, viewport: { width: number; height: number }): Promise<void> {
  const now = page.viewportSize();
  if (now?.width === viewport.width && now.height === viewport.height) return;
  await page.evaluate(() => {
    const w = window as unknown as { resized?: Promise<{ width: number; height: number }> };
    w.resized = new Promise((resolve) =>
      window.addEventListener(
        "resize",
        () => requestAnimationFrame(() => resolve({ width: window.innerWidth, height: window.innerHeight })),
        { once: true },
      ),
    );
  });
  await page.setViewportSize(viewport);
  const seen = await page.evaluate(
    () => (window as unknown as { resized: Promise<{ width: number; height: number }> }).resized,
  );
  if (seen.width !== viewport.width || seen.height !== viewport.height) {
    throw new Error(`the window was resized to ${seen.width}×${seen.height}, not ${viewport.width}×${viewport.height}`);
  }
}

/** The sidebar's controls that must be in view after every page change: on a wide screen SugarCube's
 *  tray and menu and the caption's way back; on a narrow one the compact bar (the rest is one tap
 *  away, checked when it is opened). */
export const SIDEBAR_CONTROLS = {
  wide: ["#ui-bar-toggle", "#history-backward", "#history-forward", "#menu-core a", ".back-to-puzzles a"],
  narrow: ["#ui-bar-toggle", "#history-backward", "#history-forward", "#clue-count"],
} as const;

/** The rules whose answer depends on the colours: checked again in the light theme. */
export const COLOUR_RULES = ["color-contrast", "link-in-text-block"] as const;

/** Waits until no CSS transition or animation is running (after a change of colour scheme). */
export const settled = (page: Page) =>
  page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"), null, { polling: 10 });

/** The engine keeps only a few moments of history (every play copies and saves it all): links to
 *  passages played before still look visited (State.hasPlayed remembers expired moments). */
export const keepFewMoments = (page: Page) =>
  page.evaluate(
    () =>
      void ((
        window as unknown as { SugarCube: { Config: { history: { maxStates: number } } } }
      ).SugarCube.Config.history.maxStates = 3),
  );
