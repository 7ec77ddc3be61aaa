// Driving a built story in a real browser: Debian's chromium (never Playwright's own downloaded
// browsers) through playwright-core, headless, with no network. The page is opened as a file://
// URL; every request it makes is recorded, and any that would leave the file is blocked.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_CANDIDATES, chromiumBinary } from "../../build/shared/chromium.js";
import { root } from "../../build/shared/paths.js";
import { storyFile } from "../harness/player.js";

const HOW_TO_GET_ONE =
  "The browser test needs a chromium: install Debian's (`apt-get install chromium`, as root) or set " +
  "CHROMIUM_PATH to a chromium/chrome binary. Playwright's own browser downloads are not used.";

/** The chromium binary to drive (shared/chromium.ts). Throws, saying how to get one, when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  let found: string | undefined;
  try {
    found = chromiumBinary(env);
  } catch (error) {
    throw new Error(`${(error as Error).message}. ${HOW_TO_GET_ONE}`);
  }
  if (found) return found;
  throw new Error(
    `no chromium found ($CHROMIUM_PATH is unset; looked in ${CHROMIUM_CANDIDATES.join(", ")}). ${HOW_TO_GET_ONE}`,
  );
}

/** Starts headless chromium. Throws with the binary's path and the way out if it will not start. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  try {
    return await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS], timeout: 60_000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`could not start ${executablePath}: ${message}\n${HOW_TO_GET_ONE}`);
  }
}

/**
 * One chromium for a test file: started before its tests, closed after them. What it returns gives
 * the browser, or throws why it did not start, so every test that needs it fails with that message.
 */
export function browserPerFile(): () => Browser {
  let browser: Browser | undefined;
  let launchError: unknown;
  beforeAll(async () => {
    try {
      browser = await launchChromium();
    } catch (error) {
      launchError = error;
    }
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser) return browser;
    throw launchError instanceof Error ? launchError : new Error(`chromium did not start: ${String(launchError)}`);
  };
}

/** URL schemes the story may load: itself, and the data: URIs of its inlined images. */
const ALLOWED_SCHEMES: ReadonlySet<string> = new Set(["file:", "data:"]);
const allowed = (url: string): boolean => {
  try {
    return ALLOWED_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
};

/** What a page did: every request, and, in the order they happened, the things a
 *  self-contained, error-free story never does. */
export class PageWatch {
  /** Every request the page made (data: URIs shortened), in order. */
  readonly requests: string[] = [];
  /** Requests to anything but file: and data: URLs: blocked, never sent. */
  readonly blocked: string[] = [];
  /** Requests leaving the file, console errors, page errors and dialogs, one line each. */
  readonly problems: string[] = [];
  private reported = 0;

  /** The requests that were not to file: or data: URLs. */
  leaving(): string[] {
    return this.requests.filter((url) => !allowed(url));
  }

  /** The problems that appeared since the last call. */
  fresh(): string[] {
    const since = this.problems.slice(this.reported);
    this.reported = this.problems.length;
    return since;
  }
}

const shortUrl = (url: string) => (url.startsWith("data:") ? `${url.slice(0, 40)}…` : url);

/** Records what a page (and any page or worker of its context) does, and blocks requests that
 *  would leave the file. */
export async function watch(context: BrowserContext, page: Page): Promise<PageWatch> {
  const w = new PageWatch();
  await context.route(
    () => true,
    async (route) => {
      const url = route.request().url();
      if (allowed(url)) return route.continue();
      w.blocked.push(shortUrl(url));
      return route.abort("blockedbyclient");
    },
  );
  context.on("request", (request) => {
    const url = shortUrl(request.url());
    w.requests.push(url);
    if (!allowed(url)) w.problems.push(`request leaving the file: ${url}`);
  });
  page.on("websocket", (socket) => void w.problems.push(`request leaving the file: websocket ${socket.url()}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location();
    w.problems.push(
      `console error: ${message.text()}${where.url ? ` (at ${shortUrl(where.url)}:${where.lineNumber})` : ""}`,
    );
  });
  page.on("pageerror", (error) => void w.problems.push(`page error: ${error.stack ?? error.message}`));
  page.on("crash", () => void w.problems.push("page error: the page crashed"));
  page.on("dialog", (dialog) => {
    w.problems.push(`dialog: ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  return w;
}

/** A story open in its own browser context (so its own, empty, sessionStorage). */
export interface StoryPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly watch: PageWatch;
  close(): Promise<void>;
}

export const VIEWPORT = { width: 1280, height: 800 } as const;
/** The sizes every passage is checked at: a phone and a desktop window (screenshots are taken at
 *  these), the narrowest phone a story must fit, and a 1280×800 desktop zoomed to 200%. */
export const SIZES = {
  phone: { width: 390, height: 844 },
  desktop: VIEWPORT,
  "small phone": { width: 320, height: 568 },
  zoomed: { width: 640, height: 400 },
} as const;
/** At most SugarCube's 768 px breakpoint, where the sidebar is the compact bar (macros/sidebar.ts). */
export const isNarrow = (size: Size): boolean => SIZES[size].width <= 768;
export type Size = keyof typeof SIZES;

/** Where the browser tests save screenshots for a reviewer to look at: outside dist/ (which is
 *  what gets published) and git-ignored. The one place this folder is named. */
export const SCREENSHOTS_DIR = path.join(root, "test-results", "screenshots");

/**
 * How much faster than real time the story pages play CSS animations and transitions (Chrome
 * DevTools' Animation.setPlaybackRate). SugarCube fades every passage in over 400 ms, and
 * waitForPassage waits for the fade to end: at real speed that wait is most of each step of a
 * route. Faster, every fade still runs to its end before a step is read, clicked or
 * photographed; timers (SugarCube's own delays) are not affected.
 */
export const ANIMATION_SPEED = 10;

/** Opens dist/<mystery>.html as a file:// URL and waits until SugarCube shows the start passage,
 *  faded in. Animations play ANIMATION_SPEED times faster than real time. Options: the window's
 *  size (VIEWPORT by default), a player who prefers reduced motion (no fades at all), another
 *  file of the same story (the story played on another SugarCube), and the system's colour
 *  scheme (light, Playwright's default, unless asked). */
export async function openStoryPage(
  browser: Browser,
  mystery: string,
  options: {
    viewport?: { width: number; height: number };
    reducedMotion?: boolean;
    file?: string;
    colorScheme?: "light" | "dark";
  } = {},
): Promise<StoryPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? VIEWPORT,
    deviceScaleFactor: 1,
    serviceWorkers: "block",
    reducedMotion: options.reducedMotion ? "reduce" : "no-preference",
    colorScheme: options.colorScheme ?? "light",
  });
  const page = await context.newPage();
  const w = await watch(context, page);
  const close = () => context.close().catch(() => {});
  try {
    await page.addInitScript(restoreCarriedStorage, CARRIED);
    // Set before the page loads; it holds for the page's documents from then on.
    const devtools = await context.newCDPSession(page);
    await devtools.send("Animation.setPlaybackRate", { playbackRate: ANIMATION_SPEED });
    await page.goto(pathToFileURL(options.file ?? storyFile(mystery)).href, { waitUntil: "load" });
    await waitForPassage(page, 0);
  } catch (error) {
    await close();
    throw new Error(
      `${mystery} did not start in chromium: ${error instanceof Error ? error.message : String(error)}` +
        (w.problems.length ? `\n${w.problems.join("\n")}` : ""),
    );
  }
  return { context, page, watch: w, close };
}

/** The start of window.name that carries a tab's storage to a later document (carryStorage). */
const CARRIED = "tests:storage-carried:";

/** Before the page's own scripts: the entries carryStorage carried, put back where the tab lost
 *  them, in the document they were carried to (a document on the way leaves them). */
function restoreCarriedStorage(prefix: string): void {
  if (!window.name.startsWith(prefix)) return;
  type Carried = { to: string; session: [string, string][]; local: [string, string][] };
  const { to, session, local } = JSON.parse(window.name.slice(prefix.length)) as Carried;
  if (!location.href.endsWith(to)) return;
  window.name = "";
  for (const [area, entries] of [
    [sessionStorage, session],
    [localStorage, local],
  ] as const)
    for (const [key, value] of entries) if (area.getItem(key) !== value) area.setItem(key, value);
}

/**
 * Carries the tab's sessionStorage and localStorage, as the page last saw them, to the next
 * document whose address ends with `to`, as a player's browser keeps them. On a loaded machine,
 * Chromium has been seen to start the next document of a tab without what the page before had
 * written (after a reload: SugarCube's state gone, the story back at its start; after the index
 * page: the progress record and the state gone), in CI's cold runs only; we did not find why. What
 * the page itself had written is put back before the next one's scripts run, so the test checks
 * our writing and reading of it, not Chromium's keeping.
 */
export async function carryStorage(page: Page, to: string): Promise<void> {
  await page.evaluate(
    ([prefix, to]) => {
      const carried = { to, session: Object.entries(sessionStorage), local: Object.entries(localStorage) };
      window.name = prefix + JSON.stringify(carried);
    },
    [CARRIED, to] as const,
  );
}

/** Reloads the page as a player's reload does, the tab's sessionStorage as the page last saw it. */
export async function reloadTab(page: Page): Promise<void> {
  await carryStorage(page, page.url());
  await page.reload();
}

/**
 * Waits until the engine has played a passage after history moment `turnsBefore` (State.turns),
 * the loading screen is gone, and the shown passage has faded in: one passage element, no
 * `passage-in` class, opacity 1, no CSS transition running.
 */
export async function waitForPassage(page: Page, turnsBefore: number, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (before) => {
      const sc = (window as unknown as { SugarCube?: { State?: { turns: number; passage: string } } }).SugarCube;
      if (!sc?.State || sc.State.turns <= before || !sc.State.passage) return false;
      if (document.documentElement.hasAttribute("data-init")) return false;
      const shown = document.querySelectorAll("#passages .passage");
      if (shown.length !== 1) return false;
      const el = shown[0] as HTMLElement;
      if (el.classList.contains("passage-in") || getComputedStyle(el).opacity !== "1") return false;
      return document
        .getAnimations()
        .every(
          (a) => !(typeof CSSTransition !== "undefined" && a instanceof CSSTransition) || a.playState !== "running",
        );
    },
    turnsBefore,
    { timeout, polling: 25 },
  );
}

/** Width, height and size of a PNG file's bytes; throws if they are not a PNG. */
export function pngInfo(bytes: Buffer): { width: number; height: number; size: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(signature) || bytes.toString("latin1", 12, 16) !== "IHDR") {
    throw new Error("not a PNG file");
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), size: bytes.length };
}
