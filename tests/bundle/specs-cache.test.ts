// The macro specs read by a build are kept (shared/result-cache.ts, .cache/specs/) while the
// specs' bundle and our code are the same: an edit to a macro's spec is read at once, and code run
// from its TypeScript sources never uses the cache.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadMacroSpecs, specsCacheName } from "../../build/bundle/macro-specs.js";
import { resultCacheDir, setCommandsKey } from "../../build/shared/result-cache.js";
import { root } from "../../build/shared/paths.js";

const macros = path.join(mkdtempSync(path.join(os.tmpdir(), "specs-cache-")), "macros");
cpSync(path.join(root, "macros"), macros, { recursive: true });
const entry = path.join(macros, "index.ts");
const entryFile = path.join(resultCacheDir("specs"), `${specsCacheName(entry)}.json`);
const SENTINEL = [{ name: "from-the-cache", description: "", params: [], container: false, example: "" }];

function poison(): void {
  const { key } = JSON.parse(readFileSync(entryFile, "utf8")) as { key: string };
  writeFileSync(entryFile, JSON.stringify({ key, result: SENTINEL }));
}

describe("the macro specs' cache", () => {
  beforeEach(() => setCommandsKey("code-1"));
  afterEach(() => setCommandsKey(null));
  afterAll(() => {
    rmSync(path.dirname(macros), { recursive: true, force: true });
    rmSync(entryFile, { force: true });
  });

  it("is read back while the bundle and our code are the same, and missed when either changes", async () => {
    const specs = await loadMacroSpecs(entry);
    expect(specs.map((s) => s.name)).toContain("newinfo");
    poison();
    expect(await loadMacroSpecs(entry)).toEqual(SENTINEL);

    setCommandsKey("code-2");
    expect(await loadMacroSpecs(entry)).toEqual(specs);
    poison();

    const file = path.join(macros, "newinfo.ts");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace('"The clue, as one short sentence."', '"The clue, in one short sentence."'),
    );
    const edited = await loadMacroSpecs(entry);
    expect(edited.find((s) => s.name === "newinfo")!.params[0]!.description).toBe("The clue, in one short sentence.");
  });

  it("is not used when the code runs from its sources (no key)", async () => {
    rmSync(entryFile, { force: true });
    setCommandsKey(null);
    expect((await loadMacroSpecs(entry)).map((s) => s.name)).toContain("newinfo");
    expect(existsSync(entryFile)).toBe(false);
  });
});
