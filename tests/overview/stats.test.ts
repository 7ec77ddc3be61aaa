// `npm run stats`: words of story text without markup, questions, clues, endings, the shortest
// route to each ending, the clues collectable before each, unreachable clues; on small stories
// with known answers, and on the real mysteries (their routes are real routes), via the command.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSources } from "../../build/sources/mystery-files.js";
import { loadStory } from "../../build/model/story.js";
import { passageLinks } from "../../build/story-format/sugarcube/scan.js";
import { MOVE_KINDS } from "../../build/story-format/reading.js";
import { macroRoles } from "../../build/story-format/macro-roles.js";
import { storyGraph } from "../../build/overview/map-graph.js";
import { storiesDir } from "../../build/shared/paths.js";
import type { SourceFile } from "../../build/sources/sources.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { formatStats, type MysteryStats, mysteryStats } from "../../build/overview/mystery-stats.js";
import { command as stats } from "../../build/commands/stats.js";
import { passageWords } from "../../build/story-format/sugarcube/words.js";
import { storyProseWords } from "../../build/overview/reading-time.js";
import { parseTwee } from "../../build/twee/twee.js";
import { runInProcess, runProcess } from "../harness/cli.js";
import { mysteries } from "../harness/mysteries.js";

const file = (p: string, text: string): SourceFile => ({ path: p, content: Buffer.from(text) });
const DATA = '{"ifid": "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0", "start": "Start"}';
const statsOf = (body: string) =>
  mysteryStats(
    "x",
    storyGraph(
      loadStory([file("story/x/a.twee", `:: StoryTitle\nT\n\n:: StoryData\n${DATA}\n\n${body}`)]),
      ourMacroSpecs(),
    ),
  );

describe("words of story text", () => {
  it.each([
    ["plain prose", "The server is slow today.", 5, 0],
    ["HTML tags and entities", '<p class="x">Two <strong>words</strong>&nbsp;here</p>', 3, 0],
    ["a link counts its text, not its target", "[[Go back -> Client]] [[Client<-Return home]] [[Plain]] [[a|B]]", 6, 0],
    [
      "macros are left out, our macros' text arguments are read",
      '<<set $x to 1>><<if $x is 1>>yes<</if>><<newinfo "It was DNS">>',
      4,
      0,
    ],
    ["an ask reads its question, not its variable or target", '<<ask "What would you run?" "$cmd" "Next">>', 4, 0],
    ["you-said reads its label, not the answer's variable", '<<you-said "You said:" $cmd>>', 2, 0],
    [
      "naked variables and comments are left out",
      "Hello $name /* not shown */ <!-- nor this --> /% nor %/ world",
      2,
      0,
    ],
    [
      "code listings count, and are counted apart",
      '<pre>"""$ curl -v http://x\n< HTTP/1.1 200 OK"""</pre> Then it ended.',
      9,
      6,
    ],
    ["<<link>> reads its text", '<<link "Try again" "Start">><</link>>', 2, 0],
    ["script bodies are not text", "<<script>>var a = 1; var b = 2;<</script>>Done.", 1, 0],
  ])("%s", (_, text, words, listing) => {
    expect(passageWords(text, macroRoles(ourMacroSpecs()))).toEqual({ words, listingWords: listing });
  });
});

it("gives the index page's playing time: from its pages only, not StoryInit or the caption", () => {
  const many = (n: number) => Array.from({ length: n }, () => "word").join(" ");
  const s = statsOf(`:: Start [ending]\n${many(300)}\n\n:: StoryCaption\n${many(3000)}\n`);
  expect(s.words - s.listingWords).toBe(3300);
  expect(s.playMinutes).toBe(5); // 300 words of pages; the caption's 3,000 would make it 20
});

it("counts only what a player can reach, the index page too, and says what it left out", () => {
  const many = (n: number) => Array.from({ length: n }, () => "word").join(" ");
  const body = `:: Start\n${many(300)} [[Next]]\n\n:: Next [ending]\nThe end.\n\n:: Draft\n${many(30_000)}\n\n:: StorySettings\nundo:off`;
  const s = statsOf(body);
  expect([s.words, s.playMinutes]).toEqual([303, 5]); // the draft's 30,000 words would make it 200 minutes
  expect([s.unreachable, s.unreachableWords]).toEqual([["Draft"], 30_000]);
  expect(formatStats(s)).toContain(
    "\n  left out    1 passage no link from the start reaches (30,000 words, not counted above): Draft\n",
  );
  const passages = parseTwee(`:: StoryData\n${DATA}\n\n${body}`, "story/x/a.twee");
  expect(storyProseWords(passages, ourMacroSpecs())).toBe(303);
});

describe("routes, clues and endings", () => {
  // Start → Hub → (A: clue a → Win [ending]) | (B: clue b → Lost [ending]) | (Trap: clue t, no way
  // on); Island (clue i) is reached by nothing; Hub also has a short cut to Win.
  const stats = statsOf(
    [
      ':: Start\n<<ask "Where to?" "$where" "Hub">>',
      ":: Hub\n[[A]] [[B]] [[Trap]] [[Win]]",
      ':: A\n<<newinfo "clue a">>\n[[Win]]',
      ':: B\n<<newinfo "clue b">><<ask-area "Why?" "$why" "Lost">>',
      ':: Trap\n<<newinfo "clue t">>',
      ':: Island\n<<newinfo "clue i">>\n[[Win]]',
      ":: Win [ending]\nYou win. [[Start]]",
      ":: Lost [ending]\nYou lose.",
    ].join("\n\n"),
  );

  it("counts passages, questions, clues and endings", () => {
    expect(stats).toMatchObject({ mystery: "x", passages: 8, questions: 2, clues: 4, endings: 2 });
  });

  it("finds the shortest route to each ending, and the shortest of all", () => {
    expect(stats.endingRoutes.map((r) => [r.ending, r.passages, r.route])).toEqual([
      ["Win", 3, ["Start", "Hub", "Win"]],
      ["Lost", 4, ["Start", "Hub", "B", "Lost"]],
    ]);
    expect(stats.shortestRoute).toBe(3);
    // The short cut to Win finds no clue; the way to Lost finds B's.
    expect(stats.endingRoutes.map((r) => r.routeClues)).toEqual([[], ["clue b"]]);
  });

  it("lists the clues a player can collect before each ending, and those no route reaches", () => {
    expect(stats.endingRoutes.map((r) => [r.ending, r.clues])).toEqual([
      ["Win", ["clue a"]],
      ["Lost", ["clue b"]],
    ]);
    // Trap's clue can be found, but no ending comes after it; Island's cannot be found at all.
    expect(stats.unreachableClues).toEqual(["clue t", "clue i"]);
  });

  it("names the SugarCube StoryData names, which the build embeds", () => {
    const on = (data: string) =>
      formatStats(
        mysteryStats(
          "x",
          storyGraph(
            loadStory([file("story/x/a.twee", `:: StoryTitle\nT\n\n:: StoryData\n${data}\n\n:: Start [ending]\nHi.`)]),
            ourMacroSpecs(),
          ),
        ),
      );
    expect(on(DATA.replace("}", ', "format": "SugarCube", "format-version": "2.37.3"}'))).toContain(
      "\n  engine      SugarCube 2.37.3\n",
    );
    expect(on(DATA)).toContain("\n  engine      SugarCube (no version in StoryData: the newest found)\n");
  });

  it("says when an ending cannot be reached", () => {
    const s = statsOf(":: Start\nNo way on.\n\n:: End [ending]\nBye.");
    expect(s.shortestRoute).toBeNull();
    expect(s.endingRoutes).toEqual([{ ending: "End", passages: null, route: null, routeClues: [], clues: [] }]);
    expect(formatStats(s)).toContain('no route from the start reaches the ending "End"');
  });
});

describe("npm run stats", () => {
  /** In this process; the second test runs the real process. */
  const run = async (...args: string[]) => {
    const r = await runInProcess(stats, args);
    expect(r.code, r.stderr).toBe(0);
    return r;
  };

  it("--json: one object per mystery, each route a real route to an ending", async () => {
    const all = JSON.parse((await run("--json")).stdout) as MysteryStats[];
    expect(all.map((s) => s.mystery)).toEqual(mysteries);
    for (const s of all) {
      for (const key of ["passages", "words", "clues", "endings", "shortestRoute"] as const)
        expect(typeof s[key], key).toBe("number");
      const story = loadStory(await readSources(path.join(storiesDir, s.mystery)));
      const byName = new Map(story.passages.map((p) => [p.name, p]));
      const clueTexts = new Set(
        story.passages.flatMap((p) => [...p.text.matchAll(/<<newinfo "([^"]*)">>/g)].map((m) => m[1])),
      );
      expect(s.clues).toBe(clueTexts.size);
      expect(s.unreachableClues).toEqual([]);
      for (const r of s.endingRoutes) {
        const route = r.route!;
        expect(route[0]).toBe(story.data.start);
        expect(byName.get(route.at(-1)!)!.tags).toContain("ending");
        for (let i = 1; i < route.length; i++) {
          const moves = passageLinks(byName.get(route[i - 1]!)!.text, macroRoles(ourMacroSpecs()))
            .filter((l) => MOVE_KINDS.has(l.kind))
            .map((l) => l.target);
          expect(moves, `${route[i - 1]} → ${route[i]}`).toContain(route[i]);
        }
        expect(new Set(r.clues)).toEqual(clueTexts);
        const found = route.flatMap((n) =>
          [...byName.get(n)!.text.matchAll(/<<newinfo "([^"]*)">>/g)].map((m) => m[1]),
        );
        expect(r.routeClues).toEqual([...new Set(found)]);
      }
      expect(s.shortestRoute).toBe(Math.min(...s.endingRoutes.map((r) => r.passages!)));
    }
  });

  it("prints a block per mystery, or only the named one (a real process)", async () => {
    const { code, stdout, stderr } = await runProcess("build/commands/stats.ts", ["pool-that-ran-dry"]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(
      /^The Case of the Pool That Ran Dry \(pool-that-ran-dry\)\n {2}engine {6}SugarCube 2\.31\.1\n {2}passages {4}\d+\n {2}words {7}[\d,]+, [\d,]+ of them in code listings\n/,
    );
    expect(stdout).toContain("shortest route to Epilogue:");
    expect(stdout).not.toContain("50ms");
  });
});
