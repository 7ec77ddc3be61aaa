// What tweego 2.1's source does with each edge of the parity corpus (tests/fixtures/parity/,
// parity-cases.ts), checked on the native compiler alone, so these run without a tweego too;
// parity.test.ts holds the native compiler to the real binary byte for byte (and has the headers
// both refuse).
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { type Bundle, bundle } from "../../build/bundle/bundle.js";
import { type BuildMode, mysteryTarget } from "../../build/compile/build-inputs.js";
import { loadStory } from "../../build/model/story.js";
import { buildStory } from "../../build/pipeline/build-story.js";
import { goTrimSpace } from "../../build/twee/go-text.js";
import { CORPUS, corpus, REFUSED_STORY } from "./parity-cases.js";

/** The story data of a built file, as a browser reads it. */
function storyData(html: string) {
  const start = html.indexOf("<tw-storydata");
  const doc = new JSDOM(html.slice(start, html.indexOf("</tw-storydata>", start) + 15)).window.document;
  const data = doc.querySelector("tw-storydata")!;
  const passage = (name: string) =>
    [...doc.querySelectorAll("tw-passagedata")].find((p) => p.getAttribute("name") === name);
  return {
    attr: (name: string) => data.getAttribute(name),
    names: [...doc.querySelectorAll("tw-passagedata")].map((p) => p.getAttribute("name")),
    passage,
    text: (name: string) => passage(name)?.textContent,
    script: doc.querySelector("#twine-user-script")!.textContent!,
    stylesheet: doc.querySelector("#twine-user-stylesheet")!.textContent!,
  };
}

describe("the native compiler on the parity corpus, as tweego's source reads it", () => {
  const out = mkdtempSync(path.join(os.tmpdir(), "parity-native-"));
  let macros: Bundle;
  const build = async (story: string, mode: BuildMode = "play") => {
    macros ??= await bundle();
    const target = { ...mysteryTarget(story, CORPUS, out, mode), bundle: macros, lint: false };
    return storyData(readFileSync((await buildStory(target, "native", mode)).outFile, "utf8"));
  };

  it("refuses a StoryTitle with {{STORY_DATA}} in it, which tweego would fill with the story data", () => {
    const twee = REFUSED_STORY(":: B").replace("Refused", "A {{STORY_DATA}} title");
    expect(() => loadStory([{ path: "story/x/a.twee", content: Buffer.from(twee) }])).toThrow(
      "StoryTitle contains {{STORY_DATA}}, which the story format fills in",
    );
  });

  it("has a story for each kind of edge", () => {
    expect(corpus).toEqual([
      ...[
        "code",
        "head",
        "media",
        "metadata",
        "names-and-tags",
        "plain",
        "settings-empty",
        "settings-kept",
        "settings-obsolete",
      ],
      ...["text-and-whitespace", "zoom-float32", "zoom-zero"],
    ]);
  });

  it("reads CRLF, CR, a BOM and Windows-1252 as tweego does, and trims Go's whitespace", async () => {
    const s = await build("text-and-whitespace");
    expect(s.text("CRLF")).toBe("Windows line endings.\nSecond line.");
    expect(s.text("CR")).toBe("Old Mac line endings.\nSecond line.");
    expect(s.names).toContain("BOM");
    expect(s.text("BOM and CRLF")).toBe("Both.");
    expect(s.text("Windows-1252")).toBe(
      "\u00e9t\u00e9 \u20ac \u2026 \u201cquoted\u201d \ufffd\ufffd\ufffd\ufffd\ufffd unassigned",
    );
    expect([s.text("Empty"), s.text("Blank")]).toEqual(["", ""]);
    expect(s.text("Padded")).toBe("Leading and trailing blank lines and spaces are trimmed.");
    expect(s.text("Go space")).toBe("Go trims U+0085 and U+00A0, not U+FEFF\ufeff");
    expect(s.attr("name")).toBe("{{STORY_NAME}} is not replaced twice");
  });

  it("trims exactly Go's unicode.IsSpace characters (every UTF-16 code unit)", () => {
    const goSpace = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      const want = goSpace.test(ch) ? "a b" : `${ch}${ch}a b${ch}`;
      if (goTrimSpace(`${ch}${ch}a b${ch}`) !== want) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
    expect([goTrimSpace(""), goTrimSpace(" \n\t "), goTrimSpace("x")]).toEqual(["", "", "x"]);
  });

  it("joins scripts and stylesheets with a comment each, adding a newline only where one is missing", async () => {
    const s = await build("code");
    expect(s.script).toContain(
      'window.a = 1;\n/* twine-user-script #2: "b-newline.js" */\nwindow.b = 2;\n/* twine-user-script #3: "c-empty.js" */\n/* twine-user-script #4',
    );
    expect(s.script).toContain(
      '/* twine-user-script #4: "d-bom-crlf.js" */\nwindow.d = 4;\nwindow.d2 = 5;\n/* twine-user-script #5: "naïve “name”.js" */',
    );
    expect(s.script).toContain('"Back\\\\slash\\u00a0script" */\nwindow.backslash');
    expect(s.script).toContain('window.both = "a script, not a stylesheet"');
    expect(s.stylesheet).toContain(
      '.f { color: green; }\n/* twine-user-stylesheet #3: "g-empty.css" */\n/* twine-user-stylesheet #4: "Twee style" */',
    );
    expect(s.names).not.toContain("Private");
  });

  it("leaves out a StorySettings passage with no setting tweego keeps", async () => {
    expect((await build("settings-empty")).names).toEqual(["Start"]);
    expect((await build("settings-obsolete")).names).toEqual(["StoryIncludes", "Start"]);
    expect((await build("settings-kept")).text("StorySettings")).toBe("jquery:on\nundo: off");
  });

  it("writes zoom as a float32, keeps 1 for 0, reads StoryData keys in any case, and keeps StoryData's options", async () => {
    expect((await build("zoom-float32")).attr("zoom")).toBe("0.3");
    const zero = await build("zoom-zero");
    expect([zero.attr("zoom"), zero.attr("startnode"), zero.names]).toEqual(["1", "1", ["Begin"]]);
    const meta = await build("metadata");
    expect([meta.attr("zoom"), meta.attr("options")]).toEqual(["0.6", "uncommon debug alpha"]);
    expect((await build("metadata", "test")).attr("options")).toBe("uncommon debug alpha");
  });

  it("places passages without a position on tweego's grid, and reads metadata keys in any case", async () => {
    const s = await build("metadata");
    const at = (name: string) => [s.passage(name)?.getAttribute("position"), s.passage(name)?.getAttribute("size")];
    expect(at("P01")).toEqual(["100,100", "100,100"]);
    expect(at("P03")).toEqual(["30,60", "200,100"]);
    expect(at("P10")).toEqual(["1225,100", "100,100"]);
    expect(at("P11")).toEqual(["100,225", "100,100"]);
    expect(at("Capital key")).toEqual(["5,5", "300,300"]);
    expect(at("Size only")).toEqual(["725,225", "100,200"]);
    expect(s.names).not.toContain("Private note");
  });

  it("makes media passages of every type tweego knows, and fonts @font-face stylesheets", async () => {
    const s = await build("media");
    const media = (name: string) => [
      s.passage(name)?.getAttribute("tags"),
      s
        .text(name)
        ?.replace(/;base64,.*/s, "")
        .replace(/,.*/s, ""),
    ];
    expect(media("pic-tif")).toEqual(["Twine.image", "data:image/tiff"]);
    expect(media("PIC-UPPER")).toEqual(["Twine.image", "data:image/png"]);
    expect(media("pic-dots")).toEqual(["Twine.image", "data:image/svg+xml"]);
    expect(media("sound-m4a")).toEqual(["Twine.audio", "data:audio/mp4"]);
    expect(media("sound-opus")).toEqual(["Twine.audio", "data:audio/ogg"]);
    expect(media("sound-wave")).toEqual(["Twine.audio", "data:audio/wav"]);
    expect(media("sound-weba")).toEqual(["Twine.audio", "data:audio/webm"]);
    expect(media("clip-ogv")).toEqual(["Twine.video", "data:video/ogg"]);
    expect(media("subs")).toEqual(["Twine.vtt", "data:text/vtt"]);
    expect(s.names.filter((n) => /^(pic|PIC|sound|clip|subs)/.test(n!))).toHaveLength(24);
    expect(s.stylesheet).toContain(
      '/* twine-user-stylesheet #1: "Fira.Code.woff2" */\n@font-face {\n\tfont-family: "Fira";\n\tsrc: url("data:font/woff2;base64,d09GMndvZmYy") format("woff2");\n}\n',
    );
    expect(s.stylesheet).toContain(
      'font-family: "Ünï “Font”";\n\tsrc: url("data:font/ttf;base64,AAEAAHVuaWNvZGU=") format("truetype");',
    );
    expect(s.stylesheet).toContain('format("opentype")');
  });
});
