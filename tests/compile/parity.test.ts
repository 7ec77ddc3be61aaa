// The native compiler against the real tweego 2.1.1: every mystery (play, test and proof builds;
// one moved to SugarCube 2.37.3) and every story of the edge-case corpus (tests/fixtures/parity/)
// must come out byte for byte the same, apart from the intended differences listed, with reasons.
// Without a tweego (tests/harness/tweego.ts) only the corpus's native checks run.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { listMysteries } from "../../build/sources/mystery-files.js";
import { type BuildMode, creator, mysteryTarget } from "../../build/compile/build-inputs.js";
import { type Bundle, bundle } from "../../build/bundle/bundle.js";
import { loadStory } from "../../build/model/story.js";
import { BuildError } from "../../build/shared/errors.js";
import { goQuote, goTrimSpace } from "../../build/twee/go-text.js";
import { root, storiesDir } from "../../build/shared/paths.js";
import { parseTwee } from "../../build/twee/twee.js";
import { compileWithTweego } from "../../build/compile/tweego.js";
import type { Tweego } from "../../build/compile/tweego-find.js";
import { testTweego } from "../harness/tweego.js";
import {
  NEWER_SUGARCUBE,
  newerEngineHead,
  newerSugarcubeDir,
  ON_NEWER,
  scratchOnNewer,
  withTweegoPath,
} from "../harness/sugarcube.js";

const CORPUS = path.join(root, "tests", "fixtures", "parity");
const corpus = readdirSync(CORPUS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const tweego = await testTweego();

type Case = { readonly label: string; readonly dir: string; readonly mode: BuildMode };
const cases: Case[] = [
  ...(await listMysteries()).flatMap((m) =>
    (["play", "test", "proof"] as const).map((mode) => ({
      label: `${m} (${mode})`,
      dir: path.join(storiesDir, m),
      mode,
    })),
  ),
  ...corpus.map((c) => ({ label: `corpus: ${c}`, dir: path.join(CORPUS, c), mode: "play" as const })),
  { label: "corpus: metadata (test)", dir: path.join(CORPUS, "metadata"), mode: "test" },
  { label: "corpus: names-and-tags (proof)", dir: path.join(CORPUS, "names-and-tags"), mode: "proof" },
  ...(tweego && newerSugarcubeDir
    ? [{ label: `${ON_NEWER} on ${NEWER_SUGARCUBE}`, dir: scratchOnNewer().dir, mode: "play" as const }]
    : []),
];

const unescapeAttr = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
const OPENING_TAGS = /<tw-(?:storydata|passagedata)(?: [\w-]+(?:="[^"]*")?)*>/g;
/** The run of <tw-tag> elements, as the native compiler writes them (values HTML-escaped) … */
const TW_TAGS = /(?:<tw-tag name="[^"]*" color="[^"]*"><\/tw-tag>)+/;
/** … and as tweego writes them (values Go-quoted: `\"` inside). */
const GO_STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const GO_TW_TAG = String.raw`<tw-tag name=${GO_STRING} color=${GO_STRING}></tw-tag>`;

/**
 * What tweego does differently on purpose or by a bug of its own, each as the change that turns
 * the native compiler's bytes into tweego's. The native compiler keeps its own behaviour.
 */
const INTENDED: readonly {
  name: string;
  why: string;
  modes?: readonly BuildMode[];
  apply: (html: string, t: Tweego) => string;
}[] = [
  {
    name: "creator",
    why: "creator and creator-version name the compiler that wrote the file",
    apply: (html, t) =>
      html.replace(
        `creator="${creator.name}" creator-version="${creator.version}"`,
        `creator="Tweego" creator-version="${t.version}"`,
      ),
  },
  {
    name: "Go %q on attributes",
    why:
      "a tweego bug: it writes every <tw-storydata> and <tw-passagedata> attribute through Go's %q after HTML-escaping it, " +
      "so a backslash comes out doubled, a tab as \\t and what Go deems unprintable (no-break space, zero-width joiner) as " +
      "\\u escapes, and the names SugarCube and Twine read are not the author's; the native compiler writes them as they are",
    apply: (html) =>
      html.replace(OPENING_TAGS, (tag) =>
        tag.replace(/ ([\w-]+)="([^"]*)"/g, (_, key: string, value: string) => ` ${key}=${goQuote(value)}`),
      ),
  },
  {
    name: "unescaped tag names",
    why:
      "a tweego bug: it writes <tw-tag> names and colours through Go's %q alone, not HTML-escaped, so a tag named " +
      '`a&b` or `q"t` comes out as name="a&b" or name="q\\"t"; the native compiler escapes them',
    apply: (html) =>
      html.replace(TW_TAGS, (run) =>
        run.replace(
          / (name|color)="([^"]*)"/g,
          (_, key: string, value: string) => ` ${key}=${goQuote(unescapeAttr(value))}`,
        ),
      ),
  },
  {
    name: "escaped spaces at a name's ends",
    why:
      "tweego trims a name after unescaping it, so Twine's `:: \\ Name\\ ` (how Export as Twee writes a name that starts " +
      "or ends with a space) loses its spaces and no longer matches the links Twine wrote to it; the native compiler " +
      "reads it as Twine does (the lint warns: tweego-escape)",
    apply: (html) => html.replace(/(<tw-passagedata [^>]*?name=")[ \t]+([^"]*?)[ \t]+"/g, '$1$2"'),
  },
  {
    name: "escaped :: text lines",
    why:
      "tweego does not unescape a text line that Twine's Export as Twee wrote as `\\::` (a passage line starting with " +
      "`::`), so the backslash shows in the game; the native compiler reads it as Twine does (the lint warns: tweego-escape)",
    apply: (html) => html.replace(/(<tw-passagedata [^>]*>[^<]*?\n)(::)/g, "$1\\$2"),
  },
  {
    name: "proofing format named",
    why:
      "in a proof copy tweego names the proofing format (Paperthin) in <tw-storydata>; the native compiler names the " +
      "story's own format, as Twine does, so a proof imported into Twine is still a SugarCube story",
    modes: ["proof"],
    apply: (html) =>
      html.replace(
        / format="SugarCube" format-version="[^"]*" options=/,
        ' format="Paperthin" format-version="1.0.0" options=',
      ),
  },
];

/** tweego bugs handled by comparing both files in one order: tweego writes tag colours and StoryData's options from Go
 *  maps, in random order (builds differ); the native compiler sorts the tags, keeps StoryData's order of options. */
const inOneOrder = (html: string) =>
  html
    .replace(new RegExp(`(?:${GO_TW_TAG})+`), (run) => run.match(new RegExp(GO_TW_TAG, "g"))!.sort().join(""))
    .replace(
      /(<tw-storydata [^>]*? options=")([^"]*)"/,
      (_, before: string, list: string) => `${before}${list.split(" ").sort().join(" ")}"`,
    );

/** Where two files first differ, with some context; null when they are the same. */
function firstDifference(a: string, b: string): { at: number; native: string; tweego: string } | null {
  if (a === b) return null;
  let i = 0;
  while (a[i] === b[i]) i++;
  return { at: i, native: a.slice(Math.max(0, i - 60), i + 100), tweego: b.slice(Math.max(0, i - 60), i + 100) };
}

/** Headers tweego's lexer refuses (internal/tweelexer): the native compiler refuses each too. */
const REFUSED_HEADERS: readonly (readonly [string, string])[] = [
  [":: A [t{ag]", "a { in a tag block"],
  [":: A [t[ag]", "a [ in a tag block"],
  [":: A [tag] junk", "text after the tags"],
  [':: A {"position":"1,1"} [tag]', "tags after the metadata"],
  [":: A [tag]\u00a0", "a no-break space after the tags (only spaces and tabs may follow)"],
  [":: A [tag", "an unclosed tag block"],
  [':: A {"position":"1,1"', "an unclosed metadata block"],
  [":: ]A", "a ] in the name"],
  [":: A}", "a } in the name"],
  [":: \t", "no name"],
];
const REFUSED_STORY = (header: string) =>
  `:: StoryTitle\nRefused\n\n:: StoryData\n{"ifid": "6E1E2C5B-5D1A-4C43-9E0E-3C3C1F8C2A0F"}\n\n:: Start\nHi\n\n${header}\nText\n`;

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

// What tweego 2.1's source does with each edge (storyload.go, storyout.go, io.go, util.go), checked
// on the native compiler alone, so these run without a tweego too; the tests further down hold
// the native compiler to the real binary byte for byte.
describe("the native compiler on the parity corpus, as tweego's source reads it", () => {
  const out = mkdtempSync(path.join(os.tmpdir(), "parity-native-"));
  let macros: Bundle;
  const build = async (story: string, mode: BuildMode = "play") => {
    macros ??= await bundle();
    const target = { ...mysteryTarget(story, CORPUS, out, mode), bundle: macros, lint: false };
    return storyData(readFileSync((await buildStory(target, "native", mode)).outFile, "utf8"));
  };

  it.each(REFUSED_HEADERS)("refuses %j (%s), as tweego does", (header) => {
    expect(() => parseTwee(REFUSED_STORY(header), "refused.twee")).toThrow(BuildError);
  });

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

if (tweego) {
  describe(`the native compiler and tweego ${tweego.version} give the same bytes`, () => {
    const built = new Map<string, { native: string; tweego: string }>();
    let macros: Bundle;

    beforeAll(() =>
      withTweegoPath(newerSugarcubeDir, async () => {
        // 2.37.3 on TWEEGO_PATH, where an author puts it
        macros = await bundle();
        const out = mkdtempSync(path.join(os.tmpdir(), "parity-"));
        for (const [i, c] of cases.entries()) {
          const target = (compiler: string) => ({
            ...mysteryTarget(path.basename(c.dir), path.dirname(c.dir), path.join(out, `${i}-${compiler}`), c.mode),
            bundle: macros,
            lint: false, // the corpus is about the compilers, not about how a mystery should be written
          });
          const native = await buildStory(target("native"), { tweego: null }, c.mode);
          const real = await buildStory(target("tweego"), { tweego }, c.mode);
          built.set(c.label, {
            native: readFileSync(native.outFile, "utf8"),
            tweego: readFileSync(real.outFile, "utf8"),
          });
        }
      }),
    );

    const expected = (c: Case, html: string, skip?: string) =>
      inOneOrder(
        INTENDED.filter((d) => d.name !== skip && (!d.modes || d.modes.includes(c.mode))).reduce(
          (h, d) => d.apply(h, tweego),
          html,
        ),
      );

    it.each(cases)("$label", (c) => {
      const { native, tweego: real } = built.get(c.label)!;
      expect(
        firstDifference(expected(c, native), inOneOrder(real)),
        "native (with the intended differences) vs tweego",
      ).toBeNull();
    });

    it.each(INTENDED)("intended difference, still real: $name", (d) => {
      // Each one is needed somewhere: without it, some case would not match.
      const needed = cases.filter((c) => {
        const { native, tweego: real } = built.get(c.label)!;
        return expected(c, native, d.name) !== inOneOrder(real);
      });
      expect(
        needed.map((c) => c.label),
        d.why,
      ).not.toEqual([]);
    });

    it.each(REFUSED_HEADERS)("tweego refuses %j (%s) too", async (header) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "parity-refused-"));
      writeFileSync(path.join(dir, "refused.twee"), REFUSED_STORY(header));
      const error = await compileWithTweego(tweego, [dir], path.join(dir, "out.html"), { dir, passages: [] }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BuildError);
      expect((error as BuildError).message).toMatch(/Malformed twee source/);
    });

    it("tag colours and StoryData's options: the same from both, from the native compiler sorted and in StoryData's order", () => {
      const { native, tweego: real } = built.get("corpus: metadata")!;
      const names = (html: string) => [...html.matchAll(/<tw-tag name="([^"]*)"/g)].map((m) => m[1]);
      const options = (html: string) => /<tw-storydata [^>]*? options="([^"]*)"/.exec(html)![1]!.split(" ");
      expect([names(native), options(native)]).toEqual([
        ["clue", "ending", "hub", "unused"],
        ["uncommon", "debug", "alpha"],
      ]);
      expect([names(real).sort(), options(real).sort()]).toEqual([names(native), ["alpha", "debug", "uncommon"]]);
    });

    it("both embed the SugarCube StoryData names: 2.31.1, though tweego has 2.37.3 beside it (and on TWEEGO_PATH), or 2.37.3", () => {
      for (const c of cases.filter((c) => c.mode !== "proof")) {
        for (const html of Object.values(built.get(c.label)!)) {
          if (c.label.endsWith(` on ${NEWER_SUGARCUBE}`) && html.startsWith(newerEngineHead())) continue;
          expect(html, c.label).toContain('format="SugarCube" format-version="2.31.1"');
          expect(html, c.label).toMatch(/title:"SugarCube",major:2,minor:31,patch:1\b/);
          expect(html, c.label).not.toContain('content="2.37.3"');
        }
      }
    });
  });
}
