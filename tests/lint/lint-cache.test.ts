// The lint's cache (lint/lint-cache.ts): a build reuses last time's diagnostics only while the
// files (names and bytes), the macro specs and our code (the compiled commands' key) are the
// same; any of them changed, it checks again; from the TypeScript sources it never caches.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { storyFormats } from "../../build/installed-formats/format.js";
import type { SourceFile } from "../../build/sources/sources.js";
import { cachedLint, lintCacheDir } from "../../build/lint/lint-cache.js";
import { lintMystery } from "../../build/lint/lint.js";
import { setCommandsKey } from "../../build/shared/result-cache.js";

const name = `lint-probe-${process.pid}-${Date.now()}`;
const entryFile = path.join(lintCacheDir, `${name}.json`);
const twee = (target: string) =>
  `:: StoryTitle\nProbe\n\n:: StoryData\n{"ifid": "D674C58C-DEFA-4F70-B7A2-27742230C0FC", "format": "SugarCube", "format-version": "2.37.3", "start": "Start"}\n\n:: Start\nGo [[${target}]].\n\n:: Found\nHere.\n`;
const file = (text: string, where = "story/probe/story.twee"): SourceFile => ({
  path: where,
  content: Buffer.from(text),
});
const SENTINEL = {
  file: "x",
  line: 1,
  column: 1,
  severity: "warning",
  code: "from-the-cache",
  message: "from the cache",
};

/** Puts a made-up diagnostic in the cache under the key it holds now: read back only while the key matches. */
function poison(): void {
  const { key } = JSON.parse(readFileSync(entryFile, "utf8")) as { key: string };
  writeFileSync(entryFile, JSON.stringify({ key, result: [SENTINEL] }));
}

describe("the lint's cache", () => {
  const specs = ourMacroSpecs();
  beforeEach(() => setCommandsKey("code-1"));
  afterEach(() => setCommandsKey(null));
  afterAll(() => rmSync(entryFile, { force: true }));

  it("gives the lint's diagnostics, and reads them back while nothing changed", async () => {
    const files = [file(twee("Fount"))];
    const real = lintMystery(files, specs);
    expect(
      real.some((d) => d.severity === "error"),
      "the probe has a broken link",
    ).toBe(true);
    expect(await cachedLint(name, files, specs)).toEqual(real);
    expect(await cachedLint(name, files, specs)).toEqual(real);
    poison();
    expect(await cachedLint(name, files, specs)).toEqual([SENTINEL]);
  });

  it("checks again when a file's bytes change, even to the same length", async () => {
    await cachedLint(name, [file(twee("Fount"))], specs);
    poison();
    const fixed = [file(twee("Found"))];
    expect(await cachedLint(name, fixed, specs)).toEqual(lintMystery(fixed, specs));
    expect(lintMystery(fixed, specs), "the link is no longer broken").not.toEqual(
      lintMystery([file(twee("Fount"))], specs),
    );
  });

  it("checks again when a file is renamed or one is added", async () => {
    const files = [file(twee("Fount"))];
    await cachedLint(name, files, specs);
    poison();
    const renamed = [file(twee("Fount"), "story/probe/renamed.twee")];
    expect(await cachedLint(name, renamed, specs)).toEqual(lintMystery(renamed, specs));
    poison();
    const more = [...renamed, file(":: Fount\nThe other one.\n", "story/probe/more.twee")];
    expect(await cachedLint(name, more, specs)).toEqual(lintMystery(more, specs));
  });

  it("checks again when the macro specs change", async () => {
    const files = [file(twee("Fount"))];
    await cachedLint(name, files, specs);
    poison();
    const changed = specs.slice(1);
    expect(await cachedLint(name, files, changed)).toEqual(lintMystery(files, changed));
  });

  it("checks again when other story formats are found (another SugarCube on TWEEGO_PATH)", async () => {
    const files = [file(twee("Fount"))];
    const formats = storyFormats();
    await cachedLint(name, files, specs, [], formats);
    poison();
    const fewer = formats.slice(1);
    expect(await cachedLint(name, files, specs, [], fewer)).toEqual(lintMystery(files, specs, [], fewer));
  });

  it("checks again when our code changes (another compiled commands' key)", async () => {
    const files = [file(twee("Fount"))];
    await cachedLint(name, files, specs);
    poison();
    setCommandsKey("code-2");
    expect(await cachedLint(name, files, specs)).toEqual(lintMystery(files, specs));
  });

  it("is not used when the code runs from its sources (no key)", async () => {
    rmSync(entryFile, { force: true });
    setCommandsKey(null);
    const files = [file(twee("Fount"))];
    expect(await cachedLint(name, files, specs)).toEqual(lintMystery(files, specs));
    expect(existsSync(entryFile)).toBe(false);
  });
});
