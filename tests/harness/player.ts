// Loads a built story file in jsdom with the real SugarCube engine and plays it like a person:
// reads what is on screen, clicks links, types into forms. No network: jsdom loads no
// subresources by default, and the story file is self-contained.
import { readFileSync } from "node:fs";
import path from "node:path";
import { JSDOM, VirtualConsole } from "jsdom";
import type { SugarCubeObject } from "twine-sugarcube";
import { distDir } from "../../build/paths.js";

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
  /** Clears story variables and clues, and goes to `passage`: a fresh branch in one page. */
  fresh(passage: string): void;
  /** The passage links shown, with their targets. */
  links(): { text: string; target: string; element: HTMLElement }[];
  click(element: Element): void;
  close(): void;
}

const normalise = (s: string) => s.replace(/\s+/g, " ").trim();

export function storyFile(mystery: string): string {
  return path.join(distDir, `${mystery}.html`);
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
  const timeout = setTimeout(() => errors.push("timeout: the story did not start within 20 s"), 20_000);
  await Promise.race([started, new Promise((r) => setTimeout(r, 20_000))]);
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
      Array.from(document.querySelectorAll("#story-caption .what-you-know li"), (li) => normalise(li.textContent ?? "")),
    errorViews: () =>
      Array.from(document.querySelectorAll("#passages .error-view, #story-caption .error-view"), (e) =>
        normalise(e.textContent ?? ""),
      ),
    go: (passage) => sugarcube.Engine.play(passage),
    fresh(passage) {
      const vars = sugarcube.State.variables as Record<string, unknown>;
      for (const key of Object.keys(vars)) delete vars[key];
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
