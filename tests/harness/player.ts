// Loads a built story file in jsdom with the real SugarCube engine and plays it like a person:
// reads what is on screen, clicks links, types into forms. No network: jsdom loads no
// subresources by default, and the story file is self-contained.
import { readFileSync } from "node:fs";
import path from "node:path";
import { JSDOM, VirtualConsole } from "jsdom";
import type { SugarCubeObject } from "twine-sugarcube";
import { distDir } from "../../build/shared/paths.js";
import { ALSO_BUILT_DIR } from "./tweego.js";

export interface Player {
  readonly window: Window & typeof globalThis;
  readonly document: Document;
  readonly sugarcube: SugarCubeObject;
  /** Console errors and uncaught exceptions since the story loaded (or since the last clear). */
  readonly errors: string[];
  /** The passage being shown. */
  passage(): string;
  /** The shown passage's element. */
  view(): HTMLElement;
  /** Visible text of the passage, whitespace collapsed. */
  text(): string;
  /** The "What you know" list in the caption. */
  clues(): string[];
  /** SugarCube's rendered error boxes in the passage and caption. */
  errorViews(): string[];
  /** Plays a passage as if linked to (a new history moment). */
  go(passage: string): void;
  /** Starts a new game in the same page and goes to `passage`: no history, no story variables,
   *  no clues (as a page load leaves the engine before StoryInit). */
  fresh(passage: string): void;
  /** The passage links shown, with their targets. */
  links(): { text: string; target: string; element: HTMLElement }[];
  click(element: Element): void;
  close(): void;
}

const normalise = (s: string) => s.replace(/\s+/g, " ").trim();

/** dist/<mystery>.html; "tweego/<mystery>" or "native/<mystery>" is the global setup's other build (tweego.ts). */
export function storyFile(mystery: string): string {
  return path.join(mystery.includes("/") ? ALSO_BUILT_DIR : distDir, `${mystery}.html`);
}

export interface OpenOptions {
  /** The story HTML; the built file by default. */
  html?: string;
  /** sessionStorage entries to put in the page before it loads, e.g. another page's (a reload). */
  session?: Record<string, string>;
}

/** Every sessionStorage entry of a page: pass it as `session` to openStory to "reload" that page. */
export function sessionEntries(player: Player): Record<string, string> {
  const storage = player.window.sessionStorage;
  const entries: Record<string, string> = {};
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)!;
    entries[key] = storage.getItem(key)!;
  }
  return entries;
}

/** Opens the built story and resolves when SugarCube has shown the start passage. */
export async function openStory(mystery: string, options: OpenOptions = {}): Promise<Player> {
  const html = options.html ?? readFileSync(storyFile(mystery), "utf8");
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on("error", (...args: unknown[]) => errors.push(args.map(String).join(" ")));
  virtualConsole.on("jsdomError", (e: Error) => errors.push(`jsdom: ${e.message}`));
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const dom = new JSDOM(html, {
    url: `http://127.0.0.1/${mystery}.html`,
    runScripts: "dangerously",
    pretendToBeVisual: true,
    virtualConsole,
    beforeParse(window) {
      for (const [key, value] of Object.entries(options.session ?? {})) window.sessionStorage.setItem(key, value);
      window.scroll = window.scrollTo = () => {};
      window.alert = (message?: unknown) => void errors.push(`alert: ${String(message)}`);
      // SugarCube ≥ 2.36 waits for a laid-out page; jsdom does no layout.
      Object.defineProperty(window.HTMLHtmlElement.prototype, "clientWidth", { configurable: true, get: () => 1024 });
      // :storyready is a jQuery event; jQuery exists once the engine's script has run.
      window.addEventListener("DOMContentLoaded", () => {
        (window as unknown as { jQuery: JQueryStatic }).jQuery(window.document).one(":storyready", () => ready());
      });
    },
  });
  const window = dom.window as unknown as Window & typeof globalThis;
  let timeout: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timeout = setTimeout(() => {
      errors.push("timeout: the story did not start within 20 s");
      resolve();
    }, 20_000);
  });
  await Promise.race([started, timedOut]);
  clearTimeout(timeout);
  const sugarcube = (window as unknown as { SugarCube: SugarCubeObject }).SugarCube;
  if (!sugarcube?.State?.passage) {
    throw new Error(`story ${mystery} did not start: ${errors.join("; ") || "no error reported"}`);
  }
  const document = window.document;
  const view = () => document.querySelector<HTMLElement>("#passages .passage")!;
  const player: Player = {
    window,
    document,
    sugarcube,
    errors,
    passage: () => sugarcube.State.passage,
    view,
    text: () => normalise(view().textContent ?? ""),
    clues: () =>
      Array.from(document.querySelectorAll("#story-caption .what-you-know li"), (li) =>
        normalise(li.textContent ?? ""),
      ),
    errorViews: () =>
      Array.from(document.querySelectorAll("#passages .error-view, #story-caption .error-view"), (e) =>
        normalise(e.textContent ?? ""),
      ),
    go: (passage) => sugarcube.Engine.play(passage),
    fresh(passage) {
      // State.reset empties the history (and the session's copy of it) and the variables. Without
      // it each page would carry the history of every page played before it in this window: the
      // engine copies and serialises that history (up to Config.history.maxStates moments) on every
      // play, a third of the time of the form and route tests, and a "fresh" page would see
      // earlier visits.
      (sugarcube.State as unknown as { reset(): void }).reset();
      (sugarcube.setup as { clues: { init(): void } }).clues.init();
      sugarcube.Engine.play(passage);
    },
    links: () =>
      Array.from(view().querySelectorAll<HTMLElement>("[data-passage]"))
        .filter((el) => el.tagName !== "IMG")
        .map((element) => ({ text: normalise(element.textContent ?? ""), target: element.dataset.passage!, element })),
    click(element) {
      element.dispatchEvent(new window.MouseEvent("click", { bubbles: true, cancelable: true, button: 0 }));
    },
    close: () => window.close(),
  };
  return player;
}

/** What a page showed as it finished loading. */
export interface Opening {
  /** The passage shown first. */
  readonly passage: string;
  /** Console errors and uncaught exceptions while it loaded. */
  readonly errors: readonly string[];
  /** SugarCube's error boxes on the first page. */
  readonly errorViews: readonly string[];
}

/** A story page shared by the test files of a worker (see sharedStory). */
export interface SharedPlayer extends Player {
  readonly opening: Opening;
}

const sharedStories = new Map<string, Promise<SharedPlayer>>();

/**
 * The built story, opened once per test worker and shared by the files that run in it: the
 * jsdom project does not isolate test files (vitest.config.ts), so this module, and the pages
 * it keeps, last as long as the worker. A new page costs far more than playing passages in one
 * (the HTML parse, the engine's boot, and the engine's code warming up again in a new window).
 *
 * A file that uses it starts every check with a new game (Player.fresh) or its own moves, clears
 * `errors` before what it checks, reads what the page showed as it loaded from `opening`, and
 * never closes it. A file that needs a page of its own (a reload, another build) uses openStory.
 */
export function sharedStory(mystery: string): Promise<SharedPlayer> {
  let shared = sharedStories.get(mystery);
  if (!shared) {
    shared = openStory(mystery).then((player) =>
      Object.assign(player, {
        opening: { passage: player.passage(), errors: [...player.errors], errorViews: player.errorViews() },
      }),
    );
    shared.catch(() => sharedStories.delete(mystery)); // the next file tries again, and reports its own failure
    sharedStories.set(mystery, shared);
  }
  return shared;
}
