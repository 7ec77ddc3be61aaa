// `npm run build -- --test` (Twine's "Test": SugarCube's debug mode) and `npm run proof`
// (a Paperthin proofing copy), built from the same story and formats folder as the real file.
import { mkdtempSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { root, storiesDir } from "../../build/shared/paths.js";
import { openStory, type Player, storyFile } from "../harness/player.js";

const out = mkdtempSync(path.join(os.tmpdir(), "modes-"));

const SCRIPT = /(<script role="script" id="twine-user-script"[^>]*>)([^]*?)(<\/script>)/;
const STYLE = /(<style role="stylesheet" id="twine-user-stylesheet"[^>]*>)([^]*?)(<\/style>)/;
/** The file with its Story JavaScript and Stylesheet emptied. */
const withoutCode = (html: string) => html.replace(SCRIPT, "$1$3").replace(STYLE, "$1$3");
const storyCode = (html: string) => ({ script: SCRIPT.exec(html)![2]!, stylesheet: STYLE.exec(html)![2]! });
/** The source map at the end of a script or stylesheet, as devtools reads it. */
function inlineMap(code: string): SourceMap {
  const base64 = /[#@] sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*(?:\*\/)?\s*$/.exec(
    code,
  )?.[1];
  expect(base64, "an inline source map at the end").toBeDefined();
  return new SourceMap(JSON.parse(Buffer.from(base64!, "base64").toString("utf8")));
}

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

  it("is otherwise the same file as the published one, but for readable macros and styles", async () => {
    const play = await buildStory(mysteryTarget("50ms-request", storiesDir, out), "native");
    const published = readFileSync(play.outFile, "utf8");
    const html = readFileSync(path.join(out, "50ms-request.test.html"), "utf8");
    expect(withoutCode(html.replace('options="debug"', 'options=""'))).toBe(withoutCode(published));
    const [testScript, playScript] = [storyCode(html).script, storyCode(published).script];
    expect(playScript).not.toContain("sourceMappingURL");
    expect(playScript.length).toBeLessThan(testScript.length / 4); // minified, no map
  });

  it("maps the macros back to macros/<file>.ts:line for the browser's devtools", () => {
    // The chunk evaluates the bundle as a script of its own, named story-macros.js, with its own map.
    const { script } = storyCode(readFileSync(path.join(out, "50ms-request.test.html"), "utf8"));
    const chunk = script.slice(script.lastIndexOf("eval("));
    const code = JSON.parse(/^eval\(("(?:\\.|[^"\\])*")\);$/.exec(chunk)![1]!) as string;
    expect(code).toMatch(/\n\/\/# sourceURL=story-macros\.js\n$/);
    const map = inlineMap(code.replace(/\/\/# sourceURL=.*\n$/, ""));
    expect(map.payload.sources).toEqual(
      expect.arrayContaining(["macros/ask.ts", "macros/newinfo.ts", "macros/index.ts"]),
    );
    // The "I don't know" button's class, found in the generated code, is where it is in macros/ask.ts.
    const source = readFileSync(path.join(root, "macros", "ask.ts"), "utf8").split("\n");
    const needle = 'class: "ask-dont-know"';
    const generated = code.split("\n");
    const line = generated.findIndex((l) => l.includes(needle));
    const entry = map.findEntry(line, generated[line]!.indexOf(needle)) as {
      originalSource: string;
      originalLine: number;
    };
    expect(entry.originalSource).toBe("macros/ask.ts");
    expect(source[entry.originalLine]).toContain(needle);
  });

  it("maps the stylesheet back to styles/*.css", () => {
    const { stylesheet } = storyCode(readFileSync(path.join(out, "50ms-request.test.html"), "utf8"));
    expect(inlineMap(stylesheet).payload.sources).toEqual(
      expect.arrayContaining(["styles/layout.css", "styles/macros.css"]),
    );
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
