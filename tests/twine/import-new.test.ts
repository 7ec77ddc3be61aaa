// `npm run import -- <file> --new`: the original "The Case of the 50ms Request" (Julia Evans'
// story, tests/seed/), written as the Twee its author kept, widget passage and StoryCaption as
// published, comes in as a new mystery on our macros and plays; a copy whose newinfo widget
// differs is not guessed at (the lint names the clash). With Twine 2.11.1's own code: the same
// story published from Twine comes in as from its Twee, and a Twine story with widgets and a script
// of its own comes in, is explained by the lint, and once fixed as its fix lines say, plays.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { newestFormat } from "../../build/installed-formats/format.js";
import { beforeAll, describe, expect, it } from "vitest";
import { command as importCommand } from "../../build/commands/import.js";
import { readSources } from "../../build/sources/mystery-files.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { formatDiagnostic, lintMystery } from "../../build/lint/lint.js";
import { buildStory } from "../../build/pipeline/build-story.js";
import { root } from "../../build/shared/paths.js";
import { parseTwee } from "../../build/twee/twee.js";
import { type Ran, runInProcess } from "../harness/cli.js";
import { engineStoryPassageNames } from "../harness/passages.js";
import { goOn } from "../harness/play.js";
import { openStory, type Player, storyFile } from "../harness/player.js";
import { usualClues, usualRoutes } from "../harness/routes.js";
import { SEED_PASSAGES, SEED_WIDGETS, seedLines, seedTwee } from "../harness/seed.js";
import { describeWithTwine, sugarcube237 } from "../harness/twine-oracle.js";
import { importNew as importNewMystery } from "../../build/twine/import-new.js";
import { planNewMystery } from "../../build/twine/new-mystery-plan.js";
import { readTwineTwee } from "../../build/twine/twine-read.js";
import { macroRoles } from "../../build/story-format/macro-roles.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";

/** A temp project's stories folder, and the input file written beside it. */
function scratch(input: string, text: string): { stories: string; out: string; file: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), "import-new-"));
  mkdirSync(path.join(base, "story"));
  writeFileSync(path.join(base, input), text);
  return { stories: path.join(base, "story"), out: path.join(base, "dist"), file: path.join(base, input) };
}

const importNew = (file: string, name: string, stories: string, ...more: string[]) =>
  runInProcess(importCommand, [file, "--new", name, "--stories", stories, ...more]);

/** Builds a mystery of a scratch stories folder natively and opens it in jsdom. */
async function play(mystery: string, stories: string, out: string): Promise<Player> {
  const { outFile } = await buildStory(mysteryTarget(mystery, stories, out), "native");
  return openStory(mystery, { html: readFileSync(outFile, "utf8") });
}

/** Pages played as fresh visits: the errors, error boxes and alerts of each (none expected). */
function visitAll(player: Player, pages: readonly string[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  for (const name of pages) {
    player.errors.length = 0;
    player.fresh(name);
    const seen = [...player.errors, ...player.errorViews()];
    if (player.passage() !== name) seen.push(`showed "${player.passage()}"`);
    if (seen.length > 0) problems[name] = seen;
  }
  return problems;
}

const MYSTERY = "50ms-request";
const ROUTE = usualRoutes[MYSTERY]!;
/** The SugarCube --new pins a story to: the newest found here (2.37.3 where TWEEGO_PATH has it, as in CI). */
const NEWEST = newestFormat("SugarCube", "2", { file: "tests", line: 1 }).version;
const CLUES = usualClues[MYSTERY]!;

describe("the original, written with its widgets, brought in with --new", () => {
  let s: ReturnType<typeof scratch>;
  let ran: Ran;
  let player: Player;
  let dir: string;
  let firstClue: string | undefined;
  beforeAll(async () => {
    s = scratch("original.twee", seedTwee());
    ran = await importNew(s.file, "original", s.stories);
    dir = path.join(s.stories, "original");
    player = await play("original", s.stories, s.out);
  });

  it("moves it onto our macros, says so, and lints clean apart from the warnings it lists", async () => {
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    const report = ran.stdout;
    expect(report).toContain(`format: SugarCube 2.30.0 → ${NEWEST}, the SugarCube installed here`);
    expect(report).toContain(
      `removed passage "${SEED_WIDGETS.name}": the original widgets "newinfo", "init", "ask", "ask-area", "you-said"`,
    );
    expect(report).toContain('StoryCaption: its own "What you know" list (of $knowledge) is now ours');
    expect(report).toContain('removed <<init>> from "Start"');
    expect(report).toMatch(/lint: 0 errors, \d+ warnings?/);
    expect(report.match(/: \[\[[^\]]* -> [^\]]*\]\] → \[\[/g)?.length, "the Twine-link fixes listed").toBe(31);
    const diagnostics = lintMystery(await readSources(dir));
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    for (const d of diagnostics)
      expect(report, "each warning is in the report").toContain(formatDiagnostic(d).split("\n")[0]);

    // Every other byte of every passage is the seed's, but for what the report says changed.
    const written = (await readSources(dir))
      .filter((f) => f.path.endsWith(".twee"))
      .flatMap((f) => parseTwee(f.content.toString(), f.path));
    expect(written.map((p) => p.file.split("/").pop()).filter((f, i, all) => all.indexOf(f) === i)).toEqual([
      "client.twee",
      "diagnosis.twee",
      "server.twee",
      "special.twee",
      "start.twee",
    ]);
    const byName = new Map(written.map((p) => [p.name, p] as const));
    for (const [line, name] of Object.entries(SEED_PASSAGES)) {
      const seed = seedLines[Number(line) - 1]!.replace(/\[\[([^\]]*?) -> ([^\]]*)\]\]/g, "[[$1->$2]]");
      const want = name === "Start" ? seed.replace("<<init>> ", "") : seed;
      if (name !== "StoryCaption") expect(byName.get(name)?.text, name).toBe(want);
    }
    expect(byName.get("StoryCaption")!.text).toMatch(
      /^<div class="what-you-know">.*<\/div> <div style="margin-top: 4em"> <a href="index.html"><< Back to all puzzles<\/a> <\/div>$/,
    );
    expect(byName.has(SEED_WIDGETS.name)).toBe(false);
    expect(JSON.parse(byName.get("StoryData")!.text)).toMatchObject({
      "format-version": NEWEST,
      ifid: "6C1F6E9A-2D34-4B7E-9A51-0E5C3D2B7F48",
    });
  });

  it('plays the usual route with no error or alert: the first clue shows under one "What you know", ours; all 6 are collected', () => {
    // The walk needs no Back: one moment of history, so no step copies and stores the whole route
    // so far (most of a step's time in jsdom otherwise).
    player.sugarcube.Config.history.maxStates = 1;
    player.fresh("Start");
    for (const step of ROUTE) {
      const from = player.passage();
      player.errors.length = 0;
      expect(goOn(player, step), `"${from}" has a link or form to "${step}"`).not.toBe("none");
      expect(player.passage(), `"${from}" → "${step}"`).toBe(step);
      expect([...player.errors, ...player.errorViews()], `"${from}" → "${step}": errors, error boxes, alerts`).toEqual(
        [],
      );
      if (player.clues().length === 1 && !firstClue) {
        firstClue = step;
        expect(player.clues(), "the first clue, in the sidebar").toEqual(CLUES.slice(0, 1));
        const shown = ["#ui-bar", "#passages"]
          .map((id) => player.document.querySelector(id)?.textContent ?? "")
          .join(" ");
        expect(shown.match(/What you know(?: \(\d+ of \d+\))?:/g), 'one "What you know" list').toHaveLength(1);
        expect(player.document.querySelectorAll("#story-caption .what-you-know li"), "ours lists it").toHaveLength(1);
      }
    }
    expect(firstClue, "a clue on the way").toBeDefined();
    expect(player.clues()).toEqual(CLUES);
  });

  it("plays every other passage with no error and no alert", () => {
    const pages = engineStoryPassageNames(player);
    expect(pages).toHaveLength(Object.keys(SEED_PASSAGES).length - 1); // all but StoryCaption
    expect(
      visitAll(
        player,
        pages.filter((p) => p !== "Start" && !ROUTE.includes(p)),
      ),
    ).toEqual({});
  });
});

describe("a copy whose newinfo widget differs from the original's", () => {
  it("is not guessed at: the lint names the clash at file:line:col, with the fix", async () => {
    // Its newinfo also counts the clues: a different body, so the story's own.
    const s = scratch(
      "variant.twee",
      seedTwee({
        widgets: (w) =>
          w.replace("<<run $knowledge.add($args[0])>>", "<<run $knowledge.add($args[0])>><<set $found += 1>>"),
      }),
    );
    const ran = await importNew(s.file, "variant", s.stories, "--dry-run");
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain("widget \"newinfo\" differs from the original's: kept as the story's own");
    expect(ran.stdout).toContain(
      'removed the original widgets "ask", "ask-area", "you-said" from passage "StoryWidgets"',
    );
    const clash =
      /(\S+\/widgets\.twee):(\d+):(\d+): error: <<widget "newinfo">> defines <<newinfo>>, which our macros already define \(macros\/\): the game would alert "cannot clobber existing macro newinfo" at every load\n\s+fix: remove this definition to use ours, <<newinfo "clue">>; or, if it does something else, rename it and every call to it/;
    expect(ran.stdout).toMatch(clash);
    expect(ran.stdout).toContain("lint: 1 error");
    expect(ran.stdout).toContain("next: fix the error above as each fix line says");
    await expect(readSources(path.join(s.stories, "variant")), "a dry run writes nothing").rejects.toThrow(
      /no mystery named "variant"/,
    );
  });
});

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
