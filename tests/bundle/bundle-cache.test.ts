// A cold build reuses the last macros and styles bundle only while every file it was made from is
// unchanged: the reused bundle is always the one esbuild makes now.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundle } from "../../build/bundle/bundle.js";
import { cacheFile, cachedBundle } from "../../build/bundle/bundle-cache.js";
import { root } from "../../build/shared/paths.js";
import { runProcess } from "../harness/cli.js";
import { scratchProject } from "../harness/scratch.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "bundle-cache-"));
for (const part of ["macros", "styles"]) cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
const entries = { macros: path.join(dir, "macros", "index.ts"), styles: path.join(dir, "styles", "index.css") };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The cache file's mtime: it changes exactly when esbuild ran and the entry was written again. */
const written = (debug: boolean) => statSync(cacheFile(entries, { debug })).mtimeMs;

describe("the bundle cache", () => {
  it.each([false, true])("gives what esbuild gives (debug: %s), and reuses it while nothing changed", async (debug) => {
    const first = await cachedBundle(entries, { debug });
    expect(first).toEqual(await bundle(entries, { debug }));
    const stamp = written(debug);
    expect(await cachedBundle(entries, { debug })).toEqual(first);
    expect(written(debug)).toBe(stamp);
  });

  it("bundles again after an edit to any file the bundle was made from", async () => {
    const before = await cachedBundle(entries);
    const clue = path.join(dir, "macros", "newinfo.ts"); // imported by index.ts through all.ts
    writeFileSync(clue, readFileSync(clue, "utf8").replace("you've found new information!!", "a brand new clue!!"));
    const after = await cachedBundle(entries);
    expect(after.script).toContain("a brand new clue!!");
    expect(after).toEqual(await bundle(entries));
    expect(after.stylesheet).toBe(before.stylesheet);

    const css = path.join(dir, "styles", "macros.css"); // @imported by index.css
    writeFileSync(css, `${readFileSync(css, "utf8")}\n.bundle-cache-test{color:red}\n`);
    expect((await cachedBundle(entries)).stylesheet).toContain(".bundle-cache-test{color:red}");
  });

  it("minifies play builds", async () => {
    const [play, debug] = [await cachedBundle(entries), await cachedBundle(entries, { debug: true })];
    expect(play.script.length).toBeLessThan(debug.script.length / 4);
    expect(play.stylesheet.length).toBeLessThan(debug.stylesheet.length);
    expect(play.script).not.toContain("\n  ");
  });
});

describe("a copy of the project, .cache/ and all", () => {
  it("builds with its own macros, not the bundle made from the original's", async () => {
    // The original's cache entry for the default macros and styles, as a copy of the folder would
    // carry it (read again if another test's prune took it in between).
    let entry: string | undefined;
    for (let i = 0; i < 3 && entry === undefined; i++) {
      await cachedBundle();
      try {
        entry = readFileSync(cacheFile({}, {}), "utf8");
      } catch {}
    }
    const copy = scratchProject("pool-that-ran-dry");
    try {
      const copiedEntry = path.join(copy, path.relative(root, cacheFile({}, {})));
      mkdirSync(path.dirname(copiedEntry), { recursive: true });
      writeFileSync(copiedEntry, entry!);
      const clue = path.join(copy, "macros", "newinfo.ts");
      writeFileSync(
        clue,
        readFileSync(clue, "utf8").replace("you've found new information!!", "the copy's own clue box!!"),
      );
      const r = await runProcess("build/commands/build.ts", ["pool-that-ran-dry", "--compiler", "native"], {
        cwd: copy,
      });
      expect(r.code, r.stderr).toBe(0);
      const html = readFileSync(path.join(copy, "dist", "pool-that-ran-dry.html"), "utf8");
      expect(html.includes("the copy's own clue box!!"), "the copy's edited macro is in its build").toBe(true);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
