// In a `--test` build, Chromium's devtools see the macros as story-macros.js with a source map back
// to macros/<file>.ts: what an author gets when a macro throws (tests/modes.test.ts checks the
// lines the map gives).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { storiesDir } from "../../build/shared/paths.js";
import { launchChromium, waitForPassage } from "./chromium.js";

const out = mkdtempSync(path.join(os.tmpdir(), "debug-build-"));
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

it("devtools load the macros' source map, naming macros/*.ts", async () => {
  const { outFile } = await buildStory(mysteryTarget("50ms-request", storiesDir, out, "test"), "native", "test");
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    const scripts: { url: string; sourceMapURL?: string }[] = [];
    devtools.on("Debugger.scriptParsed", (e) => scripts.push(e));
    await devtools.send("Debugger.enable");
    await page.goto(pathToFileURL(outFile).href, { waitUntil: "load" });
    await waitForPassage(page, 0);
    const macros = scripts.find((s) => s.url === "story-macros.js");
    expect(macros, `scripts seen: ${scripts.map((s) => s.url || "(inline)").join(", ")}`).toBeDefined();
    const [, base64] = /^data:application\/json;base64,(.+)$/.exec(macros!.sourceMapURL ?? "") ?? [];
    expect(base64, "an inline source map").toBeDefined();
    const map = JSON.parse(Buffer.from(base64!, "base64").toString("utf8")) as {
      sources: string[];
      sourcesContent: string[];
    };
    expect(map.sources).toEqual(expect.arrayContaining(["macros/ask.ts", "macros/newinfo.ts", "macros/you-said.ts"]));
    expect(map.sourcesContent[map.sources.indexOf("macros/ask.ts")]).toContain("ask-dont-know");
  } finally {
    await context.close();
  }
});
