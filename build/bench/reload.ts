// Save → new text visible in a browser, through `npm run dev`'s live reload: chromium shows a
// passage from the dev server; the benchmark writes a new line into that passage's Twee file and
// times until the reloaded page shows it. Uses Debian's chromium (or $CHROMIUM_PATH) through
// playwright-core; without one, says so and measures nothing.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Summary, summarize } from "./summary.js";
import { CHROMIUM_ARGS, chromiumBinary } from "../shared/chromium.js";
import { sleep, startBenchDev } from "./dev.js";

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
  const dev = await startBenchDev(project, mystery);
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    await page.goto(`${dev.url}${encodeURIComponent(mystery)}.html`, { waitUntil: "load" });
    await page.waitForFunction(() => document.querySelector("#passages .passage") !== null, undefined, {
      timeout: 30_000,
    });
    const shownPassage = await page.evaluate(
      () => (window as unknown as { SugarCube: { State: { passage: string } } }).SugarCube.State.passage,
    );
    const { file, after } = await passagePlace(path.join(project, "story", mystery), shownPassage);
    const original = await readFile(file, "utf8");
    // The page says what it shows; during a reload there is no page to read, so that counts as "not yet".
    const shows = (marker: string) =>
      page
        .evaluate((m) => (document.querySelector("#passages .passage")?.textContent ?? "").includes(m), marker)
        .catch(() => false);
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
          if (performance.now() - since > 30_000)
            throw new Error(`the page did not show "${marker}" within 30 s of the save`);
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
