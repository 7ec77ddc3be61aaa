// `npm run import -- <file> --new`: the original "The Case of the 50ms Request" (Julia Evans'
// story, tests/seed/), written as the Twee its author kept, widget passage and StoryCaption as
// published, comes in as a new mystery on our macros and plays; a copy whose newinfo widget
// differs is not guessed at (the lint names the clash). With Twine 2.11.1's own code: the same
// story published from Twine comes in as from its Twee, and a Twine story with widgets and a script
// of its own comes in, is explained by the lint, and once fixed as its fix lines say, plays
// (import-new-twine.test.ts).
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readSources } from "../../build/sources/mystery-files.js";
import { formatDiagnostic, lintMystery } from "../../build/lint/lint.js";
import { parseTwee } from "../../build/twee/twee.js";
import type { Ran } from "../harness/cli.js";
import { engineStoryPassageNames } from "../harness/passages.js";
import { goOn } from "../harness/play.js";
import type { Player } from "../harness/player.js";
import { usualClues, usualRoutes } from "../harness/routes.js";
import { SEED_PASSAGES, SEED_WIDGETS, seedLines, seedTwee } from "../harness/seed.js";
import { importNew, NEWEST, play, scratch, visitAll } from "./import-new-scratch.js";

const MYSTERY = "50ms-request";
const ROUTE = usualRoutes[MYSTERY]!;
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
