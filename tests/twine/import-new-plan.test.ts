// The parts of `npm run import -- <file> --new` that need no engine: the migration off the
// original widgets (migrate-widgets.ts) on small stories, the split into files (group-passages.ts),
// a Twee passage named twice, and the refusals that write nothing (import-new.ts).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { groupPassages } from "../../build/twine/group-passages.js";
import { importNew, type NewImportOptions } from "../../build/twine/import-new.js";
import { migrateWidgets, OUR_CAPTION } from "../../build/twine/migrate-widgets.js";
import { ORIGINAL_WIDGETS } from "../../build/twine/original-widgets.js";
import type { TwinePassage, TwineStory } from "../../build/twine/twine-read.js";
import { planNewMystery } from "../../build/twine/new-mystery-plan.js";
import { templateDir } from "../../build/site/new-mystery.js";
import { parseTwee } from "../../build/twee/twee.js";
import { scratchStory } from "../harness/scratch.js";
import { runInProcess } from "../harness/cli.js";
import { command as importCommand } from "../../build/commands/import.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { OUR_FORMAT } from "../../build/story-format/formats.js";
import { macroRoles } from "../../build/story-format/macro-roles.js";

/** What our macros do, by their specs: the import reads it. */
const roles = macroRoles(ourMacroSpecs());

const passage = (name: string, text: string, tags: string[] = []): TwinePassage => ({
  name,
  tags,
  text,
  position: "",
  size: "100,100",
});
const widget = (name: string, body = ORIGINAL_WIDGETS[name]!) => `<<widget "${name}">>${body}<</widget>>`;
const texts = (ps: readonly TwinePassage[]) => Object.fromEntries(ps.map((p) => [p.name, p.text]));

describe("moving a story off the original widgets", () => {
  it("our StoryCaption is the one a new mystery gets", () => {
    const template = parseTwee(readFileSync(path.join(templateDir, "special.twee"), "utf8"), "special.twee");
    expect(template.find((p) => p.name === "StoryCaption")!.text).toBe(OUR_CAPTION);
  });

  it("keeps the story's other widgets and bytes; drops <<init>> lines and $knowledge's set-up; keeps StoryInit's own lines after ours", () => {
    const original = ["newinfo", "init", "ask", "ask-area", "you-said"].map((n) => widget(n)).join("\n");
    const { passages, done, left } = migrateWidgets([
      passage("Widgets", `${original}\n<<widget "hint">><em><<print $args[0]>></em><</widget>>`, ["widget"]),
      passage("StoryInit", "<<if ndef $knowledge>><<set $knowledge to new Set()>><</if>>\n<<set $tries to 0>>"),
      passage("Start", '<<init>>\nHello.\n<<if $knowledge.has("x")>>known<</if>> ($knowledge.size in text stays)'),
      passage(
        "StoryCaption",
        '<p>Menu</p>\n<div class="k">What you know: <<for _c range $knowledge>>_c <</for>></div>',
      ),
    ]);
    expect(texts(passages)).toEqual({
      Widgets: '<<widget "hint">><em><<print $args[0]>></em><</widget>>',
      StoryInit: "<<run setup.clues.init()>>\n<<set $tries to 0>>",
      Start: 'Hello.\n<<if setup.clues.has("x")>>known<</if>> ($knowledge.size in text stays)',
      StoryCaption: `<p>Menu</p>\n${OUR_CAPTION.split("\n")[0]}`,
    });
    expect(done).toEqual([
      'removed the original widgets "newinfo", "init", "ask", "ask-area", "you-said" from passage "Widgets"',
      "our macros of the same names play the story: <<newinfo>>, <<ask>>, <<ask-area>>, <<you-said>>",
      'removed $knowledge\'s set-up from "StoryInit": our clue list needs none (StoryInit empties it)',
      'removed <<init>> from "Start": our clue list needs none (StoryInit empties it)',
      '"Start": $knowledge.has( → setup.clues.has(',
      'StoryCaption: its own "What you know" list (of $knowledge) is now ours, which <<newinfo>> fills: one list, ours',
      'StoryInit: added <<run setup.clues.init()>> first, so each new game starts with an empty "What you know" list',
    ]);
    expect(left).toEqual([]);
  });

  it("does not guess at a widget that differs: it and the clue list stay the story's own; exact ones of ours still go", () => {
    const input = [
      passage(
        "Widgets",
        [
          widget("newinfo", "<<run $knowledge.add($args[0])>>!"),
          widget("init"),
          widget("ask"),
          `<<widget "you-said" container>>${ORIGINAL_WIDGETS["you-said"]}<</widget>>`,
        ].join(" "),
        ["widget"],
      ),
      passage("Start", "<<init>>Hi"),
    ];
    const { passages, done, left } = migrateWidgets(input);
    expect(texts(passages).Widgets).toBe(
      `${widget("newinfo", "<<run $knowledge.add($args[0])>>!")} ${widget("init")} <<widget "you-said" container>>${ORIGINAL_WIDGETS["you-said"]}<</widget>>`,
    );
    expect(texts(passages).Start).toBe("<<init>>Hi");
    expect(done[0]).toBe('removed the original widgets "ask" from passage "Widgets"');
    expect(left).toEqual([
      "widget \"newinfo\" differs from the original's: kept as the story's own (the lint says what to do with it)",
      "widget \"you-said\" differs from the original's: kept as the story's own (the lint says what to do with it)",
      "the clue list ($knowledge, its set-up, StoryCaption's list of it) stays the story's own, as its newinfo does",
    ]);
  });

  it("recognises the original re-typed with other line breaks", () => {
    const retyped = ORIGINAL_WIDGETS.newinfo!.replace(/> </g, ">\n  <");
    expect(migrateWidgets([passage("W", widget("newinfo", retyped), ["widget"])]).passages.map((p) => p.name)).toEqual([
      "StoryInit",
    ]);
  });
});

describe("the split into files", () => {
  const page = (name: string, ...to: string[]) => passage(name, to.map((t) => `[[${t}]]`).join("\n"));
  it("by branch of the first hub; special, widgets and unlinked passages apart", () => {
    const ps = [
      passage("StoryInit", ""),
      passage("W", "", ["widget"]),
      page("Start", "Hub"),
      page("Hub", "Left", "Right", "Tiny"),
      page("Left", "L2"),
      page("L2", "L3"),
      page("L3", "Hub"),
      page("Right", "R2", "R3"),
      page("R2"),
      page("R3"),
      page("Tiny"),
      page("Lost"),
    ];
    const { groups, rule } = groupPassages(ps, "Start", OUR_FORMAT, roles);
    expect(groups.map((g) => [g.file, g.passages.map((p) => p.name)])).toEqual([
      ["special.twee", ["StoryInit"]],
      ["widgets.twee", ["W"]],
      ["start.twee", ["Start", "Hub", "Tiny"]],
      ["left.twee", ["Left", "L2", "L3"]],
      ["right.twee", ["Right", "R2", "R3"]],
      ["unlinked.twee", ["Lost"]],
    ]);
    expect(rule).toContain('by branch of the story\'s first hub, "Hub"');
  });

  it("one file when no passage branches into two parts of 3 or more", () => {
    expect(
      groupPassages([page("Start", "A", "B"), page("A"), page("B")], "Start", OUR_FORMAT, roles).groups.map(
        (g) => g.file,
      ),
    ).toEqual(["story.twee"]);
  });
});

/** A temp stories folder and an input file beside it; importNew's options for it. */
function scratch(
  input: string,
  text: string,
  stories = path.join(mkdtempSync(path.join(os.tmpdir(), "new-")), "story"),
) {
  mkdirSync(stories, { recursive: true });
  const file = path.join(path.dirname(stories), input);
  writeFileSync(file, text);
  const options: NewImportOptions = { nameFromTitle: () => "from-title", stories };
  return { file, stories, options };
}
const DATA = (ifid: string, format = "SugarCube") =>
  `:: StoryData\n{"ifid": "${ifid}", "format": "${format}", "format-version": "2.36.1", "start": "Start"}\n\n`;
const IFID = "0C4D9F2A-6B1E-4A7D-8C3F-5E2A1B9D7C6E";
const small = (ifid = IFID, format?: string) =>
  `:: StoryTitle\nSmall\n\n${DATA(ifid, format)}:: Start [ending]\nHello.\n`;

describe("--new refuses, writing nothing", () => {
  it("a folder that exists, an IFID another mystery has, a story format other than SugarCube", async () => {
    const s = scratchStory("pool-that-ran-dry");
    const ifid = /"ifid": "([^"]+)"/.exec(readFileSync(path.join(s.dir, "special.twee"), "utf8"))![1]!;
    const a = scratch("a.twee", small(), s.stories);
    await expect(importNew(a.file, { ...a.options, name: "pool-that-ran-dry" })).rejects.toThrow(
      /story\/pool-that-ran-dry already exists, so --new writes nothing/,
    );
    const b = scratch("b.twee", small(ifid), s.stories);
    await expect(importNew(b.file, b.options)).rejects.toThrow(
      new RegExp(`mystery "pool-that-ran-dry" already has this story's IFID, ${ifid}`),
    );
    const c = scratch("c.twee", small(IFID, "Harlowe"), s.stories);
    await expect(importNew(c.file, c.options)).rejects.toThrow(
      '"Small" is a Harlowe 2.36.1 story: these mysteries are SugarCube 2 stories',
    );
    expect(readdirSync(s.stories)).toEqual(["pool-that-ran-dry"]);
  });
});

describe("a Twee file with a passage named twice", () => {
  it("keeps the last, as tweego does, with a warning naming both places", async () => {
    const twice = `${small()}\n:: StoryCaption\nFirst caption\n\n:: StoryCaption\nSecond caption\n`;
    const s = scratch("twice.twee", twice);
    const r = await importNew(s.file, { ...s.options, dryRun: true });
    expect(r.duplicates).toEqual([
      expect.stringMatching(
        /^passage "StoryCaption" is defined 2 times, at \S*twice\.twee:10 and \S*twice\.twee:13: the last one is kept, as tweego keeps it$/,
      ),
    ]);
    expect(String(r.plan.files.get("special.twee"))).toContain(":: StoryCaption\nSecond caption\n");
    expect(String(r.plan.files.get("special.twee"))).not.toContain("First caption");
    expect(readdirSync(s.stories), "a dry run").toEqual([]);
  });
});

describe("the command line", () => {
  it("names the mystery after the story's title by default; --new takes no --mystery or --prune, and a NAME needs --new", async () => {
    const s = scratch("small.twee", small());
    const ran = await runInProcess(importCommand, [s.file, "--new", "--dry-run", "--stories", s.stories]);
    expect(ran.code).toBe(0);
    expect(ran.stdout.split("\n")[0]).toMatch(
      /^would import \(dry run: nothing written\) "Small" as a new mystery: \S+\/story\/small\/$/,
    );
    expect(await runInProcess(importCommand, [s.file, "--new", "x", "--mystery", "y"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("error: --new makes a new mystery: it takes no --mystery or --prune"),
    });
    expect(await runInProcess(importCommand, [s.file, "x"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('error: unexpected argument "x" (a NAME goes with --new)'),
    });
    expect(readdirSync(s.stories)).toEqual([]);
  });
});

describe("the plan", () => {
  const story = (passages: TwinePassage[], more: Partial<TwineStory> = {}): TwineStory => ({
    name: "Pictures",
    ifid: IFID,
    format: "SugarCube",
    formatVersion: "2.37.3",
    start: "Start",
    tagColors: { ending: "green" },
    zoom: 1,
    from: "html",
    tags: ["drafts"],
    script: "",
    stylesheet: "",
    passages,
    ...more,
  });
  const SVG = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>').toString("base64")}`;

  it("writes pictures as files (a damaged one stays a passage), keeps tags, positions and sizes, and says what it left", () => {
    const plan = planNewMystery({
      story: story([
        {
          name: "Start",
          tags: ["ending"],
          position: "100,200",
          size: "200,100",
          text: '<img data-passage="dot" alt="a dot">',
        },
        { name: "dot", tags: ["Twine.image"], position: "300,200", size: "100,100", text: SVG },
        {
          name: "cut",
          tags: ["Twine.image"],
          position: "",
          size: "100,100",
          text: "data:image/png;base64,iVBORw0KGgo",
        },
      ]),
      name: "pictures",
      sugarcube: "2.31.1",
      freshIfid: "unused",
      roles,
    });
    expect([...plan.files.keys()]).toEqual([
      "images/dot.svg",
      "special.twee",
      "story.twee",
      "media.twee",
      "config.js",
      "teaser.txt",
    ]);
    expect(String(plan.files.get("story.twee"))).toBe(
      ':: Start [ending] {"position":"100,200","size":"200,100"}\n<img data-passage="dot" alt="a dot">\n\n',
    );
    expect(String(plan.files.get("special.twee"))).toContain(
      '"format-version": "2.31.1",\n  "start": "Start",\n  "tag-colors": {\n    "ending": "green"\n  }\n}',
    );
    expect(plan.report.left).toEqual([
      'picture "cut" stays a passage in media.twee: its base64 data is damaged or cut off (characters outside base64, or a length that is not a multiple of 4)',
      "teaser.txt is a placeholder: write the line that makes a player curious",
      "passages without a place on Twine's map: `npm run layout -- pictures` places them",
      "Twine's library tags (drafts) have no place in Twee: not kept",
    ]);
    expect(plan.report.storyData).toEqual([
      `IFID ${IFID}: kept`,
      "format: SugarCube 2.37.3 → 2.31.1, the SugarCube installed here (the build embeds exactly the version StoryData names)",
    ]);
  });

  it("gives a story without a valid IFID a new one, and one without its start passage another start", () => {
    const plan = planNewMystery({
      story: story([passage("Begin", "Hi")], { ifid: "not-a-uuid", start: "" }),
      name: "p",
      sugarcube: "2.31.1",
      freshIfid: "F0000000-0000-4000-8000-000000000000",
      roles,
    });
    expect(plan.report.storyData).toEqual([
      'IFID: "not-a-uuid" is not a UUID, so a new one, F0000000-0000-4000-8000-000000000000',
      "format: SugarCube 2.37.3 → 2.31.1, the SugarCube installed here (the build embeds exactly the version StoryData names)",
      'start: none named, so "Begin"',
    ]);
  });

  it("gives a story with no StoryCaption ours, and says when its own caption lists no clues", () => {
    const plan = (caption?: string) =>
      planNewMystery({
        story: story([passage("Start", "Hi"), ...(caption ? [passage("StoryCaption", caption)] : [])]),
        name: "p",
        sugarcube: "2.31.1",
        freshIfid: "",
        roles,
      });
    expect(plan().report.migrated).toEqual([
      'added our StoryCaption: the "What you know" list our <<newinfo>> fills, and "Back to all puzzles"',
    ]);
    expect(String(plan().files.get("special.twee"))).toContain(`:: StoryCaption\n${OUR_CAPTION}\n`);
    expect(plan("<p>Menu</p>").report.left[0]).toMatch(
      /^StoryCaption shows no list of the clues our <<newinfo>> records: add ours, <div class="what-you-know">/,
    );
    expect(plan(OUR_CAPTION).report.left[0]).toBe(
      "teaser.txt is a placeholder: write the line that makes a player curious",
    );
  });
});
