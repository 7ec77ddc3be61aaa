// The lint follows the SugarCube a mystery's StoryData names: that version must be found where the
// build finds story formats (the message names what was found where, and how to get the one
// named), and the macros it knows are that release's (story-format/sugarcube/macros.ts), checked against the
// real format.js of the pinned 2.31.1 and of 2.37.3 (harness/sugarcube.ts).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type FoundFormat, formatsDir } from "../../build/installed-formats/format.js";
import { scanFormats } from "../../build/installed-formats/format-search.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import type { SourceFile } from "../../build/sources/sources.js";
import { type Diagnostic, formatDiagnostic, lintMystery } from "../../build/lint/lint.js";
import {
  BASE_VERSION,
  CHILD_TAGS,
  engineMacros,
  NEWER_MACROS,
  REMOVED_MACROS,
} from "../../build/story-format/sugarcube/macros.js";
import { display } from "../../build/shared/paths.js";
import { NEWER_SUGARCUBE, newerSugarcubeDir } from "../harness/sugarcube.js";

const DATA = '{"ifid": "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0", "format": "SugarCube", "format-version": "2.31.1"}';
const file = (p: string, text: string): SourceFile => ({ path: p, content: Buffer.from(text) });
/** StoryTitle on line 1 and StoryData on line 4 (its JSON from line 5) of story/x/special.twee. */
const special = (data = DATA) => file("story/x/special.twee", `:: StoryTitle\nT\n\n:: StoryData\n${data}\n`);
const VARIABLE_CODES = new Set(["unset-variable", "unused-answer"]);
const first = (d: Diagnostic) => formatDiagnostic(d).split("\n")[0];
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === "error").map(first);

/** SugarCube 2.31.1 from the pinned package, and 2.37.3 in a TWEEGO_PATH folder: the formats found, as the lint is given them. */
const PINNED: FoundFormat = {
  id: "sugarcube-2.31.1",
  name: "SugarCube",
  version: "2.31.1",
  file: path.join(formatsDir, "sugarcube-2.31.1", "format.js"),
};
const ON_PATH: FoundFormat = {
  id: "sugarcube-2",
  name: "SugarCube",
  version: "2.37.3",
  file: "/opt/storyformats/sugarcube-2/format.js",
};
/** A story on SugarCube `version`, linted with `formats` found: all but the variable checks. */
const lintOn = (version: string, formats: readonly FoundFormat[], text: string) =>
  lintMystery(
    [special(DATA.replace("2.31.1", version)), file("story/x/a.twee", text)],
    ourMacroSpecs(),
    [],
    formats,
  ).filter((d) => !VARIABLE_CODES.has(d.code));

describe("the SugarCube StoryData names", () => {
  it("requires the SugarCube StoryData names to be found, naming what was found where and how to get it", () => {
    const ds = lintOn("2.37.3", [PINNED], ":: Start [ending]\nHi");
    expect(ds.map(first)).toEqual([
      `story/x/special.twee:5:73: error: StoryData asks for SugarCube 2.37.3, which is not installed; found: SugarCube 2.31.1 (${display(path.dirname(PINNED.file))})`,
    ]);
    expect(ds[0]!.code).toBe("story-format");
    expect(ds[0]!.fix).toMatch(
      /^put SugarCube 2\.37\.3's folder \(.*\) in a folder on TWEEGO_PATH, or set "format-version" to "2\.31\.1"$/,
    );
    expect(lintOn("2.37.3", [PINNED, ON_PATH], ":: Start [ending]\nHi"), "2.37.3 found on TWEEGO_PATH").toEqual([]);
    expect(lintOn("2.31.1", [PINNED, ON_PATH], ":: Start [ending]\nHi"), "2.31.1 still there").toEqual([]);
    expect(lintOn("2.31.1", [ON_PATH], ":: Start [ending]\nHi").map((d) => d.fix)).toEqual([
      expect.stringMatching(/set "format-version" to "2\.37\.3"$/),
    ]);
  });

  it("requires SugarCube 2, suggesting the newest found", () => {
    const harlowe = lintMystery(
      [
        special(DATA.replace('"SugarCube", "format-version": "2.31.1"', '"Harlowe", "format-version": "3.1.0"')),
        file("story/x/a.twee", ":: Start [ending]\nHi"),
      ],
      ourMacroSpecs(),
      [],
      [PINNED, ON_PATH],
    ).filter((d) => d.code === "story-format");
    expect(harlowe.map((d) => [d.message, d.fix])).toEqual([
      [
        "StoryData asks for Harlowe 3.1.0; these mysteries are built with SugarCube 2 (our macros are SugarCube macros)",
        'set "format": "SugarCube" and "format-version": "2.37.3"',
      ],
    ]);
  });

  it("names the SugarCube release that added a newer macro", () => {
    const ds = lintOn("2.31.1", [PINNED, ON_PATH], ":: Start [ending]\nHi <<type 40ms>>there<</type>>");
    expect(errors(ds)).toEqual([
      "story/x/a.twee:2:4: error: macro <<type>> was added in SugarCube 2.32.0; this mystery's StoryData names SugarCube 2.31.1",
    ]);
    expect(ds[0]!.code).toBe("newer-macro");
    expect(ds[0]!.fix).toContain("or move the mystery to SugarCube 2.32.0 or later");
  });

  it("follows the SugarCube StoryData names: 2.37.3's own macros are allowed, those it removed are named with their replacement", () => {
    const text =
      ':: Start [ending]\n<<type 40ms>>typed<</type>> <<do>>x<</do>> <<redo>> <<silent>>y<</silent>> <<numberbox "$n" 1>> <<done>>z<</done>>';
    expect(lintOn("2.37.3", [PINNED, ON_PATH], `${text}\n<<if true>>ok<</if>>`)).toEqual([]);
    expect(lintOn("2.31.1", [PINNED, ON_PATH], text).map((d) => d.code)).toEqual(Array(6).fill("newer-macro"));
    const removed = lintOn(
      "2.37.3",
      [PINNED, ON_PATH],
      ':: Start [ending]\n<<click "Go">><</click>> <<display "Start">>',
    );
    expect(errors(removed)).toEqual([
      "story/x/a.twee:2:1: error: macro <<click>> was removed in SugarCube 2.37.0; this mystery's StoryData names SugarCube 2.37.3",
      "story/x/a.twee:2:26: error: macro <<display>> was removed in SugarCube 2.37.0; this mystery's StoryData names SugarCube 2.37.3",
    ]);
    expect(removed.map((d) => [d.code, d.fix])).toEqual([
      ["removed-macro", "use <<link>> instead"],
      ["removed-macro", "use <<include>> instead"],
    ]);
    expect(
      lintOn("2.31.1", [PINNED, ON_PATH], ':: Start [ending]\n<<click "Go">><</click>> <<display "Start">>'),
    ).toEqual([]);
  });
});

/** The macros a SugarCube format.js defines with Macro.add: names, containers (with `tags`, or an alias of one) and child tags. */
function definedMacros(formatJs: string): { names: string[]; containers: string[]; children: string[] } {
  const wrapper = readFileSync(formatJs, "utf8");
  const source = (JSON.parse(wrapper.slice(wrapper.indexOf("(") + 1, wrapper.lastIndexOf(")"))) as { source: string })
    .source;
  const names = new Set<string>();
  const containers = new Set<string>();
  const children = new Set<string>();
  const aliases: [string[], string][] = [];
  for (const m of source.matchAll(/Macro\.add\((\[[^\]]*\]|"[^"]*")\s*,\s*(?=(\{[^]{0,400}|"[^"]*"))/g)) {
    const added = JSON.parse(m[1]!.startsWith("[") ? m[1]! : `[${m[1]}]`) as string[];
    for (const n of added) names.add(n);
    const tags = /^\{(?:[^{}]|\{[^{}]*\})*?\btags:(null|\[[^\]]*\])/.exec(m[2]!)?.[1];
    if (m[2]!.startsWith('"')) aliases.push([added, JSON.parse(m[2]!) as string]); // Macro.add("click", "link")
    if (tags !== undefined) for (const n of added) containers.add(n);
    if (tags?.startsWith("[")) for (const t of JSON.parse(tags) as string[]) children.add(t);
  }
  for (const [added, of] of aliases) if (containers.has(of)) for (const n of added) containers.add(n);
  return { names: [...names].sort(), containers: [...containers].sort(), children: [...children].sort() };
}

describe("SugarCube's own macros", () => {
  const known = (version: string) => {
    const engine = engineMacros(version);
    return {
      names: [...engine.all].sort(),
      containers: [...engine.containers].sort(),
      children: [...CHILD_TAGS.keys()].sort(),
    };
  };

  it(`are exactly what the pinned SugarCube ${BASE_VERSION}'s format.js defines`, () => {
    const engines = readdirSync(formatsDir).filter((d) => /^sugarcube-2\./.test(d));
    expect(engines).toEqual([`sugarcube-${BASE_VERSION}`]);
    expect(definedMacros(path.join(formatsDir, engines[0]!, "format.js"))).toEqual(known(BASE_VERSION));
  });

  it.skipIf(!newerSugarcubeDir)(
    `are exactly what SugarCube ${NEWER_SUGARCUBE}'s format.js defines, by the releases that added and removed them`,
    () => {
      const found = scanFormats([newerSugarcubeDir!]).find(
        (f) => f.name === "SugarCube" && f.version === NEWER_SUGARCUBE,
      )!;
      expect(definedMacros(found.file)).toEqual(known(NEWER_SUGARCUBE));
      for (const [name, { added }] of NEWER_MACROS)
        expect(engineMacros(added).all.has(name), `<<${name}>> in ${added}`).toBe(true);
      for (const [name, { removed }] of REMOVED_MACROS)
        expect(engineMacros(removed).all.has(name), `<<${name}>> in ${removed}`).toBe(false);
    },
  );
});
