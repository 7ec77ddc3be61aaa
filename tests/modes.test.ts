// `npm run build -- --test` (Twine's "Test": SugarCube's debug mode) and `npm run proof`
// (a Paperthin proofing copy), built from the same story and formats folder as the real file.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStory, mysteryTarget } from "../build/build.js";
import { storiesDir } from "../build/paths.js";
import { openStory, type Player, storyFile } from "./harness/player.js";

const out = mkdtempSync(path.join(os.tmpdir(), "modes-"));

describe("the test build", () => {
  let player: Player;
  beforeAll(async () => {
    const result = await buildStory(mysteryTarget("50ms-request", storiesDir, out, "test"), "native", "test");
    expect(result.outFile).toBe(path.join(out, "50ms-request.test.html"));
    player = await openStory("50ms-request", { html: readFileSync(result.outFile, "utf8") });
  });
  afterAll(() => player?.close());

  it("turns on SugarCube's debug mode, and only that", () => {
    const html = readFileSync(path.join(out, "50ms-request.test.html"), "utf8");
    expect(html).toMatch(/<tw-storydata [^>]*options="debug"/);
    expect(player.sugarcube.Config.debug).toBe(true);
    expect(player.document.querySelector("#debug-bar")).not.toBeNull();
  });

  it("is otherwise the same file as the published one", async () => {
    const play = await buildStory(mysteryTarget("50ms-request", storiesDir, out), "native");
    const html = readFileSync(path.join(out, "50ms-request.test.html"), "utf8");
    expect(html.replace('options="debug"', 'options=""')).toBe(readFileSync(play.outFile, "utf8"));
  });

  it("plays: the start passage renders without errors", () => {
    expect(player.passage()).toBe("Start");
    expect(player.errorViews()).toEqual([]);
    expect(player.errors).toEqual([]);
  });

  it("leaves the published file in debug mode off", () => {
    expect(readFileSync(storyFile("50ms-request"), "utf8")).toMatch(/<tw-storydata [^>]*options=""/);
  });
});

describe("the proofing copy", () => {
  let doc: Document;
  beforeAll(async () => {
    const result = await buildStory(mysteryTarget("50ms-request", storiesDir, out, "proof"), "native", "proof");
    expect(result.format).toBe("Paperthin 1.0.0");
    doc = new JSDOM(readFileSync(result.outFile, "utf8")).window.document;
  });

  it("uses the Paperthin template around the same story data", () => {
    expect(doc.querySelector("h1")?.textContent?.trim()).toBe("The Case of the 50ms Request");
    expect(doc.querySelector("style")?.textContent).toContain("tw-passagedata:before");
    const data = doc.querySelector("tw-storydata")!;
    expect(data.getAttribute("format")).toBe("SugarCube");
    expect(data.getAttribute("format-version")).toBe("2.31.1");
    expect(doc.querySelector("script#script-sugarcube, #store-area")).toBeNull(); // no engine
  });

  it("shows every passage's source text for reading", () => {
    const names = Array.from(doc.querySelectorAll("tw-passagedata"), (p) => p.getAttribute("name"));
    expect(names).toContain("Start");
    expect(names).toContain("Epilogue");
    const nagle = doc.querySelector('tw-passagedata[name="nagle"]')!.textContent!;
    expect(nagle).toContain('<<you-said "You said the reason the server is slow to send the ACK is: " $nagle>>');
  });
});
