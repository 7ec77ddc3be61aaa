// Our macros' arguments checked before play, from their specs (build/lint/checks/macro-args.ts):
// each misuse at its file:line:column, values known only at play time let through, and the engine
// test's fixture of misuses.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintMystery } from "../../build/lint/lint.js";
import { root } from "../../build/shared/paths.js";
import { readSources } from "../../build/sources/mystery-files.js";
import { parseTwee } from "../../build/twee/twee.js";
import { errors, lint } from "./small-story.js";

describe("our macros' arguments, from their specs", () => {
  const ASK = 'Usage: <<ask "question" "$variable" "passage">>';
  it.each([
    ["<<newinfo>>", 1, "macro-args", '<<newinfo>>: expected 1 argument, got 0. Usage: <<newinfo "clue">>'],
    [
      "<<newinfo 42>>",
      11,
      "macro-args",
      '<<newinfo>>: argument 1 (clue) must be a non-empty quoted string, got a number. Usage: <<newinfo "clue">>',
    ],
    [
      "<<newinfo clue>>",
      11,
      "macro-args",
      '<<newinfo>>: argument 1 (clue) must be a quoted string, got clue. Usage: <<newinfo "clue">>',
    ],
    [
      '<<ask "Q?" $answer "Client">>',
      12,
      "macro-args",
      `<<ask>>: argument 2 ($variable) must name a story variable in quotes, like "$answer", got $answer. ${ASK}`,
    ],
    [
      '<<ask "Q?" "answer" "Client">>',
      12,
      "macro-args",
      `<<ask>>: argument 2 ($variable) must name a story variable in quotes, like "$answer", got the string "answer". ${ASK}`,
    ],
    [
      '<<ask "Q?" "$answer" Client>>',
      22,
      "macro-args",
      `<<ask>>: argument 3 (passage) must be a quoted passage name, got Client. ${ASK}`,
    ],
    [
      '<<ask "Q?" "$answer" "client">>',
      22,
      "missing-passage",
      `<<ask>>: argument 3 (passage): there is no passage named "client". ${ASK}`,
    ],
    [
      '<<you-said "x" "$answer">>',
      16,
      "macro-args",
      `<<you-said>>: argument 2 (answer) must be the story variable holding the player's answer, unquoted, like $answer, got "$answer". Usage: <<you-said "label" $answer>>`,
    ],
    [
      '<<you-said "x" answer>>',
      16,
      "macro-args",
      `<<you-said>>: argument 2 (answer) must be the story variable holding the player's answer, unquoted, like $answer, got answer. Usage: <<you-said "label" $answer>>`,
    ],
  ])("%s", (text, column, code, message) => {
    const ds = lint(`:: Start\n${text} [[Client]]\n:: Client [ending]\nHi`);
    expect(errors(ds)).toEqual([`story/x/a.twee:2:${column}: error: ${message}`]);
    expect(ds[0]!.code).toBe(code);
    if (code === "missing-passage") expect(ds[0]!.suggestion).toBe("Client");
  });

  it("lets values known only at play time through", () => {
    const text =
      '<<newinfo $clue>> <<ask `"Q" + $n` "$a" $target>> <<ask-area _q "$b" "Client">> <<you-said "x" _t>> <<you-said "y" $o.answer>>';
    expect(lint(`:: Start\n${text}\n:: Client [ending]\nHi`)).toEqual([]);
  });

  it("finds before play every misuse in the engine test's fixture that does not hang on a variable's value", async () => {
    const files = await readSources(path.join(root, "tests", "fixtures", "macro-args"));
    const twee = files.find((f) => f.path.endsWith("story.twee"))!;
    const headers = parseTwee(twee.content.toString("utf8"), twee.path);
    const passageAt = (line: number) => headers.filter((p) => p.line <= line).at(-1)!.name;
    const flagged = lintMystery(files)
      .filter((d) => d.severity === "error")
      .map((d) => passageAt(d.line));
    expect(flagged).toEqual([
      ...["newinfo no args", "newinfo two args", "newinfo number", "newinfo empty", "ask no args", "ask two args"],
      ...[
        "ask unquoted variable",
        "ask bad variable",
        "ask temp variable",
        "ask missing passage",
        "ask-area missing passage",
      ],
      ...["ask-area four args", "you-said one arg", "you-said number label"],
    ]);
  });
});
