// Save → new text visible in a browser, through `npm run dev`'s live reload: chromium shows a
// passage from the dev server; the benchmark writes a new line into that passage's Twee file and
// times until the reloaded page shows it. Uses Debian's chromium (or $CHROMIUM_PATH) through
// playwright-core; without one, says so and measures nothing.
import { accessSync, constants } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { OUR_ENV } from "./run.js";
import { type Summary, summarize } from "./stats.js";
import { startDev } from "../dev/dev-process.js";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** $CHROMIUM_PATH, else the first of CANDIDATES that can run; undefined when there is none. */
export function chromiumBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const runs = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  return [env.CHROMIUM_PATH, ...CANDIDATES].find((f): f is string => Boolean(f) && runs(f!));
}

/** The Twee file holding passage `name`, and the index of the line after its header. */
async function passagePlace(dir: string, name: string): Promise<{ file: string; after: number }> {
  for (const base of (await readdir(dir)).filter((f) => f.endsWith(".twee")).sort()) {
    const file = path.join(dir, base);
    const lines = (await readFile(file, "utf8")).split("\n");
    const at = lines.findIndex((l) => l === `:: ${name}` || l.startsWith(`:: ${name} `));
    if (at >= 0) return { file, after: at + 1 };
  }
  throw new Error(`no passage "${name}" in ${dir}`);
}

/**
 * Times `runs` saves of `mystery`'s start passage, each with a new line, from the write to the
 * reloaded page in chromium showing that line. Undefined (and why) when there is no chromium.
 */
export async function reloadTimes(project: string, mystery: string, runs: number): Promise<Summary | string> {
  const executablePath = chromiumBinary();
  if (!executablePath) return "no chromium ($CHROMIUM_PATH, /usr/bin/chromium): not measured";
  const { chromium } = await import("playwright-core");
  const dev = await startDev(["--port", "0", "--no-open", mystery], { cwd: project, env: OUR_ENV, timeout: 30_000 });
  if (!dev.url) throw new Error(`npm run dev exited before serving:\n${dev.stdout()}${dev.stderr()}`);
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const page = await browser.newPage();
    await page.goto(`${dev.url}${encodeURIComponent(mystery)}.html`, { waitUntil: "load" });
    await page.waitForFunction(() => document.querySelector("#passages .passage") !== null, undefined, { timeout: 30_000 });
    const shownPassage = await page.evaluate(() => (window as unknown as { SugarCube: { State: { passage: string } } }).SugarCube.State.passage);
    const { file, after } = await passagePlace(path.join(project, "story", mystery), shownPassage);
    const original = await readFile(file, "utf8");
    // The page says what it shows; during a reload there is no page to ask, so that counts as "not yet".
    const shows = (marker: string) =>
      page.evaluate((m) => (document.querySelector("#passages .passage")?.textContent ?? "").includes(m), marker).catch(() => false);
    const samples: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const marker = `Reloaded ${Math.random().toString(36).slice(2, 10)}`;
        await sleep(300); // the previous reload done, so each save is measured alone
        const lines = original.split("\n");
        lines.splice(after, 0, marker);
        const since = performance.now();
        await writeFile(file, lines.join("\n"));
        while (!(await shows(marker))) {
          if (performance.now() - since > 30_000) throw new Error(`the page did not show "${marker}" within 30 s of the save`);
          await sleep(5);
        }
        samples.push(performance.now() - since);
      }
    } finally {
      await writeFile(file, original);
    }
    return summarize(samples);
  } finally {
    await browser.close();
    dev.signal("SIGINT");
    await dev.exited;
  }
}
