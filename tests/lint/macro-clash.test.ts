// A mystery's own macro definitions that meet ours or SugarCube's (macro-clash.ts), SugarCube's
// widget variables ($args) not taken for the story's, a clue list of the story's own that our
// newinfo leaves empty (clue-list.ts), and two mysteries with one IFID (ifids.ts).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { command as lintCommand } from "../../build/commands/lint.js";
import { runInProcess } from "../harness/cli.js";
import type { SourceFile } from "../../build/sources/sources.js";
import { sharedIfidChecks, storyIfid } from "../../build/lint/ifids.js";
import { formatDiagnostic, lintMystery } from "../../build/lint/lint.js";

const file = (p: string, text: string): SourceFile => ({ path: p, content: Buffer.from(text) });
const DATA =
  '{"ifid": "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0", "format": "SugarCube", "format-version": "2.31.1", "start": "Start"}';
const special = file("story/x/special.twee", `:: StoryTitle\nT\n\n:: StoryData\n${DATA}\n`);
/** The findings of the given codes for story/x/a.twee holding `text` (line 1 is its first line), plus more files. */
const lint = (codes: string[], text: string, ...more: SourceFile[]) =>
  lintMystery([special, file("story/x/a.twee", text), ...more])
    .filter((d) => codes.includes(d.code))
    .map(formatDiagnostic);

const START = ':: Start [ending]\n<<newinfo "A clue">>\n';

describe("a definition of a macro the build already has", () => {
  it("<<widget>> of one of ours: an error at its name, with the fix naming ours", () => {
    expect(
      lint(["macro-clash"], `${START}\n:: Widgets [widget]\n<<widget "newinfo">>Clue: <<print $args[0]>><</widget>>\n`),
    ).toEqual([
      'story/x/a.twee:5:10: error: <<widget "newinfo">> defines <<newinfo>>, which our macros already define (macros/): the game would alert "cannot clobber existing macro newinfo" at every load\n' +
        '  fix: remove this definition to use ours, <<newinfo "clue">>; or, if it does something else, rename it and every call to it',
    ]);
  });

  it("Macro.add in a mystery's .js file or script passage, one name or several; SugarCube's own macros too", () => {
    const js = file(
      "story/x/story.js",
      '// mine\nMacro.add(["you-said", "shout"], {\n  handler() {},\n});\nMacro.add(\'print\', { handler() {} });\n',
    );
    expect(lint(["macro-clash"], `${START}\n:: Code [script]\nMacro.add("ask-area", {});\n`, js)).toEqual([
      'story/x/a.twee:5:11: error: Macro.add("ask-area") defines <<ask-area>>, which our macros already define (macros/): the game would alert "cannot clobber existing macro ask-area" at every load\n' +
        '  fix: remove this definition to use ours, <<ask-area "question" "$variable" "passage">>; or, if it does something else, rename it and every call to it',
      'story/x/story.js:2:12: error: Macro.add("you-said") defines <<you-said>>, which our macros already define (macros/): the game would alert "cannot clobber existing macro you-said" at every load\n' +
        '  fix: remove this definition to use ours, <<you-said "label" $answer>>; or, if it does something else, rename it and every call to it',
      'story/x/story.js:5:11: error: Macro.add("print") defines <<print>>, which is SugarCube\'s own macro: the game would alert "cannot clobber existing macro print" at every load\n' +
        "  fix: rename it and every call to it (SugarCube's <<print>> cannot be replaced)",
    ]);
  });

  it("is quiet for a name of the story's own; and a redefined macro's calls are not checked against our spec", () => {
    expect(
      lint(["macro-clash"], `${START}\n:: Widgets [widget]\n<<widget "hint">><<print $args[0]>><</widget>>\n`),
    ).toEqual([]);
    const js = file("story/x/story.js", 'Macro.add("ask", { handler() {} });\n');
    expect(lint(["macro-args", "macro-clash"], ':: Start [ending]\n<<ask "just one">>\n', js)).toEqual([
      expect.stringMatching(/^story\/x\/story\.js:1:11: error: Macro\.add\("ask"\)/),
    ]);
  });
});

describe("SugarCube's own variables", () => {
  it("$args (and _args, setup, settings) in a widget are not unset; $args elsewhere is", () => {
    const widgets =
      ':: Widgets [widget]\n<<widget "hint">><<print $args[0]>> <<print _args[1]>> <<if $args[2]>>!<</if>> <<print setup.x + settings.y>><</widget>>\n';
    expect(lint(["unset-variable"], `:: Start [ending]\n<<hint "a" "b">> <<print $args[0]>>\n\n${widgets}`)).toEqual([
      "story/x/a.twee:2:26: warning: $args is read here, but no <<ask>>, <<ask-area>>, <<set>>, StoryInit or script stores it\n" +
        "  fix: fix the name, or store it first (the variable of an <<ask>>, a <<set>>, or StoryInit)",
    ]);
  });
});

describe("a clue list of the story's own that our newinfo leaves empty", () => {
  const caption =
    ":: StoryCaption\n<div><strong>What you know:</strong> <<if $knowledge.size eq 0>>nothing yet!<<else>><ol><<for _i, _n range $knowledge>><li>_n</li><</for>></ol><</if>></div>\n";
  const init = ":: StoryInit\n<<set $knowledge = new Set()>>\n";

  it("is an error where it is shown, with the fix", () => {
    expect(lint(["stale-clue-list"], `${START}\n${caption}\n${init}`)).toEqual([
      "story/x/a.twee:5:43: error: $knowledge is shown here as a list, but nothing adds to it: the clues <<newinfo>> finds go to our clue list ($clues, setup.clues), so this one stays empty\n" +
        "  fix: show ours instead: <<for _clue range setup.clues.list()>><li>_clue</li><</for>>, as a new mystery's StoryCaption does " +
        '(<div class="what-you-know">…</div>), and remove $knowledge and its set-up; `npm run import -- <file> --new NAME` does this for a story written with the original widgets',
    ]);
  });

  it("is quiet when something fills it, when newinfo is the story's own, or when nothing records a clue", () => {
    const filled = ':: Widgets [widget]\n<<widget "remember">><<run $knowledge.add($args[0])>><</widget>>\n';
    expect(lint(["stale-clue-list"], `${START}\n${caption}\n${init}\n${filled}`)).toEqual([]);
    const own = ':: Widgets [widget]\n<<widget "newinfo">><<run $knowledge.add($args[0])>><</widget>>\n';
    expect(lint(["stale-clue-list"], `${START}\n${caption}\n${init}\n${own}`)).toEqual([]);
    expect(lint(["stale-clue-list"], `:: Start [ending]\nNo clues here.\n\n${caption}\n${init}`)).toEqual([]);
    // An answer is no list: stored by <<ask>>, read for its length.
    const answer =
      ':: Start [ending]\n<<newinfo "A clue">><<ask "Q?" "$why" "Start">><<if $why.length gt 0>>You said why.<</if>>\n';
    expect(lint(["stale-clue-list"], `${answer}\n:: StoryInit\n<<set $seen to [], $why to "">>\n`)).toEqual([]);
  });
});

describe("two mysteries with one IFID", () => {
  it("is an error at each one's StoryData, naming the other", () => {
    const at = (m: string) => ({
      mystery: m,
      ...storyIfid([file(`story/${m}/special.twee`, `:: StoryTitle\nT\n\n:: StoryData\n${DATA}\n`)])!,
    });
    const found = sharedIfidChecks([
      at("a"),
      at("b"),
      { mystery: "c", ifid: "0A1B2C3D-0000-4000-8000-000000000000", where: { file: "c", line: 1, column: 1 } },
    ]);
    expect(found.map((f) => [f.mystery, formatDiagnostic(f.diagnostic)])).toEqual([
      [
        "a",
        expect.stringMatching(
          /^story\/a\/special\.twee:5:2: error: mystery "b" \(story\/b\/special\.twee:5:2\) has this IFID too, 9F53470D-0918-466D-9AA0-8B5E6A3C8EB0: Twine keeps one story per IFID/,
        ),
      ],
      [
        "b",
        expect.stringMatching(
          /^story\/b\/special\.twee:5:2: error: mystery "a" \(story\/a\/special\.twee:5:2\) has this IFID too/,
        ),
      ],
    ]);
  });

  it("npm run lint refuses it, comparing the mystery it checks with every other one", async () => {
    const stories = path.join(mkdtempSync(path.join(os.tmpdir(), "ifids-")), "story");
    for (const m of ["a", "b"]) {
      mkdirSync(path.join(stories, m), { recursive: true });
      writeFileSync(
        path.join(stories, m, "story.twee"),
        `:: StoryTitle\n${m}\n\n:: StoryData\n${DATA}\n\n:: Start [ending]\nHello.\n`,
      );
    }
    const ran = await runInProcess(lintCommand, ["a", "--stories", stories]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toMatch(
      /\/a\/story\.twee:5:2: error: mystery "b" \(\S+\/b\/story\.twee:5:2\) has this IFID too, 9F53470D-0918-466D-9AA0-8B5E6A3C8EB0/,
    );
    expect(ran.stdout).toContain("1 error, 0 warnings in 1 mystery");
  });
});
