// `npm run import -- <file> --new` through Twine 2.11.1's own code (tests/harness/twine-oracle.ts):
// the original "The Case of the 50ms Request" published from Twine comes in as from its Twee; a
// Twine story with widgets and a script of its own comes in, is explained by the lint, and once
// fixed as its fix lines say, plays; a copy of a mystery built here, started in Twine, comes in with
// its own files again.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { lintMystery } from "../../build/lint/lint.js";
import { root } from "../../build/shared/paths.js";
import { readSources } from "../../build/sources/mystery-files.js";
import { macroRoles } from "../../build/story-format/macro-roles.js";
import { parseTwee } from "../../build/twee/twee.js";
import { importNew as importNewMystery } from "../../build/twine/import-new.js";
import { planNewMystery } from "../../build/twine/new-mystery-plan.js";
import { readTwineTwee } from "../../build/twine/twine-read.js";
import { engineStoryPassageNames } from "../harness/passages.js";
import { storyFile } from "../harness/player.js";
import { seedTwee } from "../harness/seed.js";
import { describeWithTwine, sugarcube237 } from "../harness/twine-oracle.js";
import { importNew, NEWEST, play, scratch, visitAll } from "./import-new-scratch.js";
/** A story first written in Twine, with widgets and a script of its own: its newinfo is its own take on ours, its ask is another thing altogether. */
const STUCK_QUEUE = `:: StoryTitle
The Case of the Stuck Queue

:: StoryData
{"ifid": "3F9A0C1E-8B2D-4C6A-9E7F-1D2B3C4D5E6F", "format": "SugarCube", "format-version": "2.36.1", "start": "Start"}

:: Widgets [widget]
<<widget "newinfo">><div class="clue">New clue: <<print $args[0]>></div><</widget>>
<<widget "hint">><p class="hint">Hint: <<print $args[0]>></p><</widget>>

:: Start
<<hint "look at the queue first">>
<<newinfo "The queue holds 500 messages">>
<<ask "the consumer">>
[[Look at the consumer->Consumer]]

:: Consumer [ending]
The consumer was paused. <<ask "the fix">>

:: Story JavaScript [script]
/* The story's own macro: asks twice. */
Macro.add("ask", {
  handler() {
    jQuery(this.output).wiki("<em>Did you check " + this.args[0] + "? Did you really?</em>");
  },
});

:: Story Stylesheet [stylesheet]
.hint { color: rebeccapurple; }
`;

describeWithTwine("through Twine 2.11.1's own code", (twine) => {
  it("the original published from Twine (which moves it to SugarCube 2.37.3) comes in as from its Twee", async () => {
    const source = seedTwee();
    const [story] = twine().libraryImport("original.twee", source).stories;
    const s = scratch("original.html", twine().publish(story!, sugarcube237));
    const fromHtml = await importNewMystery(s.file, {
      name: "original",
      nameFromTitle: () => "",
      stories: s.stories,
      dryRun: true,
    });
    const fromTwee = planNewMystery({
      story: readTwineTwee(source, "original.twee"),
      name: "original",
      sugarcube: NEWEST,
      freshIfid: "",
      roles: macroRoles(ourMacroSpecs()),
    });
    expect(fromHtml.plan.report.storyData).toContain(
      NEWEST === "2.37.3"
        ? "format: SugarCube 2.37.3, the one installed here"
        : `format: SugarCube 2.37.3 → ${NEWEST}, the SugarCube installed here (the build embeds exactly the version StoryData names)`,
    );
    expect(fromHtml.plan.report.migrated).toEqual(fromTwee.report.migrated);
    const passages = (files: ReadonlyMap<string, string | Buffer>, positions: boolean) =>
      [...files]
        .filter(([f]) => f.endsWith(".twee"))
        .map(([f, text]) => [
          f,
          parseTwee(String(text), f).map((p) => [p.name, p.tags, p.text, positions && p.metadata.position]),
        ]);
    expect(passages(fromHtml.plan.files, false)).toEqual(passages(fromTwee.files, false));
    const positions = new Map(story!.passages.map((p) => [p.name, `${p.left},${p.top}`]));
    for (const [, ps] of passages(fromHtml.plan.files, true) as [string, [string, string[], string, string][]][]) {
      for (const [name, , , position] of ps)
        if (positions.has(name)) expect(position, `${name}: the position Twine gave it`).toBe(positions.get(name));
    }
    expect(fromHtml.linkFixes.length).toBe(31);
  });

  it("a Twine story with widgets and a script of its own becomes a mystery the lint explains, and, fixed as its fix lines say, plays", async () => {
    const [story] = twine().libraryImport("stuck.twee", STUCK_QUEUE).stories;
    const s = scratch("stuck.html", twine().publish(story!, sugarcube237));
    const ran = await importNew(s.file, "stuck-queue", s.stories);
    const dir = path.join(s.stories, "stuck-queue");
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain(
      "story-javascript.js: its Story JavaScript, built into this mystery only (before our macros)",
    );
    expect(ran.stdout).toContain(
      "story-stylesheet.css: its Story Stylesheet, built into this mystery only (before our styles)",
    );
    expect(readFileSync(path.join(dir, "story.twee"), "utf8"), "tags and Twine's positions kept").toMatch(
      /^:: Consumer \[ending\] \{"position":"\d+,\d+"\}$/m,
    );
    expect(ran.stdout).toContain(
      'added our StoryCaption: the "What you know" list our <<newinfo>> fills, and "Back to all puzzles"',
    );
    expect(ran.stdout).toContain("lint: 2 errors, 0 warnings"); // and no "$args is read here" warning
    const errors = [...ran.stdout.matchAll(/(\S+):(\d+):(\d+): error: (.*)\n\s+fix: (.*)/g)].map(
      ([, file, line, column, message, fix]) => ({
        at: readFileSync(path.resolve(root, file!), "utf8")
          .split("\n")
          [Number(line) - 1]!.slice(Number(column) - 1),
        message,
        fix,
      }),
    );
    expect(errors).toEqual([
      {
        at: expect.stringMatching(/^"ask", \{/),
        message:
          'Macro.add("ask") defines <<ask>>, which our macros already define (macros/): the game would alert "cannot clobber existing macro ask" at every load',
        fix: 'remove this definition to use ours, <<ask "question" "$variable" "passage">>; or, if it does something else, rename it and every call to it',
      },
      {
        at: expect.stringMatching(/^"newinfo">><div class="clue">/),
        message:
          '<<widget "newinfo">> defines <<newinfo>>, which our macros already define (macros/): the game would alert "cannot clobber existing macro newinfo" at every load',
        fix: 'remove this definition to use ours, <<newinfo "clue">>; or, if it does something else, rename it and every call to it',
      },
    ]);

    // As the fix lines say: its newinfo goes (ours records the clue); its ask, something else, is renamed with its calls.
    const edit = (file: string, change: (text: string) => string) =>
      writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), "utf8")));
    edit("widgets.twee", (t) => t.replace(/<<widget "newinfo">>.*?<<\/widget>>\n/, ""));
    edit("story-javascript.js", (t) => t.replace('Macro.add("ask"', 'Macro.add("ask-twice"'));
    edit("story.twee", (t) => t.replaceAll("<<ask ", "<<ask-twice "));
    expect(lintMystery(await readSources(dir)).filter((d) => d.severity === "error")).toEqual([]);
    const player = await play("stuck-queue", s.stories, s.out);
    try {
      expect([...player.errors, ...player.errorViews()], "opening").toEqual([]);
      expect(visitAll(player, engineStoryPassageNames(player))).toEqual({});
      player.fresh("Start");
      expect(player.document.getElementById("style-story")?.textContent, "its stylesheet").toContain(
        ".hint { color: rebeccapurple; }",
      );
      expect(player.text()).toContain("Hint: look at the queue first");
      expect(player.text()).toContain("Did you check the consumer? Did you really?");
      expect(player.view().querySelector(".newinfo")?.textContent, "our newinfo's box").toContain(
        'Adding "The queue holds 500 messages"',
      );
      expect(player.clues(), "listed in the StoryCaption --new added").toEqual(["The queue holds 500 messages"]);
    } finally {
      player.close();
    }
  });
});

describeWithTwine("a copy of a mystery built here, started in Twine", (twine) => {
  it("comes in with its own files again, not our macros as built then (no clash, no alert)", async () => {
    const [story] = twine().libraryImport("pool.html", readFileSync(storyFile("pool-that-ran-dry"), "utf8")).stories;
    const copy = { ...story!, ifid: "8E2F4A6C-1B3D-4E5F-8A7B-9C0D1E2F3A4B", name: "The Case of the Lake That Ran Dry" };
    const s = scratch("library.html", twine().archive([copy])); // a library archive: the story data alone
    const r = await importNewMystery(s.file, {
      name: "lake-that-ran-dry",
      nameFromTitle: () => "",
      stories: s.stories,
      dryRun: true,
    });
    const files = [...r.plan.files.keys()];
    expect(files.filter((f) => /\.(js|css)$/.test(f))).toEqual(["config.js"]);
    expect(String(r.plan.files.get("config.js"))).toMatch(
      /^\/\/ This mystery's SugarCube settings[^]*\nConfig\.saves\.id = "lake-that-ran-dry";\n$/,
    );
    expect(r.plan.report.migrated).toEqual([
      "left out story-macros.js, our macros as that story was built with them: the build adds the current ones",
      "left out story-styles.css, our styles as that story was built with them: the build adds the current ones",
    ]);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
