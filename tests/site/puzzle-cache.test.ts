// The index page's cache of what it reads from each mystery's story (site/puzzle-cache.ts): used
// while nothing that decides it changed, and missed when anything does: a Twee file's bytes, its
// name, a file more, the macro specs, or our code (the compiled commands' key); never used when
// the code runs from its TypeScript sources.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { setCommandsKey } from "../../build/shared/result-cache.js";
import { puzzleCacheDir } from "../../build/site/puzzle-cache.js";
import { readPuzzle } from "../../build/site/puzzles.js";

const slug = `cache-probe-${process.pid}-${Date.now()}`;
const stories = mkdtempSync(path.join(os.tmpdir(), "puzzle-cache-"));
const dir = path.join(stories, slug);
const entryFile = path.join(puzzleCacheDir, `${slug}.json`);
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

function writeMystery(startWords: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "teaser.txt"), "A probe of the cache.\n");
  writeFileSync(
    path.join(dir, "story.twee"),
    // Start links to More (made by a test below): a passage counts when a player can reach it.
    `:: StoryTitle\nThe Probe\n\n:: StoryAuthor\nA. Tester\n\n:: Start\n${words(startWords)} [[More]]\n`,
  );
}

/** Puts a made-up entry in the cache under the key it holds now: read back only while the key matches. */
function poison(): void {
  const entry = JSON.parse(readFileSync(entryFile, "utf8")) as { key: string };
  writeFileSync(
    entryFile,
    JSON.stringify({ key: entry.key, result: { title: "FROM THE CACHE", credit: "", minutes: 999 } }),
  );
}

describe("the index page's cache of each mystery's title, byline and minutes", () => {
  beforeEach(() => {
    writeMystery(100);
    setCommandsKey("code-1");
  });
  afterEach(() => setCommandsKey(null));
  afterAll(() => {
    rmSync(stories, { recursive: true, force: true });
    rmSync(entryFile, { force: true });
  });

  it("is read back while nothing changed", async () => {
    const first = await readPuzzle(dir, ourMacroSpecs());
    expect(first).toMatchObject({ title: "The Probe", credit: "A. Tester", minutes: 5 });
    poison();
    expect(await readPuzzle(dir, ourMacroSpecs())).toMatchObject({ title: "FROM THE CACHE", minutes: 999 });
  });

  it("is missed when a Twee file's bytes change, even to the same length", async () => {
    writeMystery(3000);
    expect(await readPuzzle(dir, ourMacroSpecs())).toMatchObject({ minutes: 20 });
    poison();
    const file = path.join(dir, "story.twee");
    const text = readFileSync(file, "utf8");
    const start = text.indexOf("word0");
    // The same bytes but one: the 3,000 words become one long word.
    writeFileSync(file, text.slice(0, start) + text.slice(start).replaceAll(" ", "_"));
    expect(readFileSync(file).length).toBe(Buffer.byteLength(text));
    expect(await readPuzzle(dir, ourMacroSpecs())).toMatchObject({ title: "The Probe", minutes: 5 });
  });

  it("is missed when a Twee file is renamed or one is added", async () => {
    await readPuzzle(dir, ourMacroSpecs());
    poison();
    renameSync(path.join(dir, "story.twee"), path.join(dir, "renamed.twee"));
    expect(await readPuzzle(dir, ourMacroSpecs())).toMatchObject({ title: "The Probe", minutes: 5 });
    poison();
    writeFileSync(path.join(dir, "more.tw"), `:: More\n${words(3000)}\n`);
    expect(await readPuzzle(dir, ourMacroSpecs())).toMatchObject({ title: "The Probe", minutes: 20 });
  });

  it("is missed when the macro specs change", async () => {
    const specs = ourMacroSpecs();
    await readPuzzle(dir, specs);
    poison();
    const changed = specs.map((s, i) => (i === 0 ? { ...s, description: `${s.description} (edited)` } : s));
    expect(await readPuzzle(dir, changed)).toMatchObject({ title: "The Probe", minutes: 5 });
  });

  it("is missed when our code changes (another compiled commands' key)", async () => {
    await readPuzzle(dir, ourMacroSpecs());
    poison();
    setCommandsKey("code-2");
    expect(await readPuzzle(dir, ourMacroSpecs())).toMatchObject({ title: "The Probe", minutes: 5 });
  });

  it("is not used when the code runs from its sources (no key)", async () => {
    rmSync(entryFile, { force: true });
    setCommandsKey(null);
    expect(await readPuzzle(dir, ourMacroSpecs())).toMatchObject({ title: "The Probe", minutes: 5 });
    expect(existsSync(entryFile)).toBe(false);
  });
});
