// Each macro's argument errors, as the engine shows them to an author: a SugarCube error box that
// names the macro, what is wrong, and the correct usage. The fixture story is built like a mystery.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { macros } from "../../macros/all.js";
import { registration } from "../../macros/define.js";
import { openStory, type Player } from "../harness/player.js";

const USAGE = {
  newinfo: '<<newinfo "clue">>',
  ask: '<<ask "question" "$variable" "passage">>',
  "ask-area": '<<ask-area "question" "$variable" "passage">>',
  "you-said": '<<you-said "label" $answer>>',
} as const;

const CASES: readonly [passage: string, macro: keyof typeof USAGE, problem: string][] = [
  ["newinfo no args", "newinfo", "expected 1 argument, got 0"],
  ["newinfo two args", "newinfo", "expected 1 argument, got 2"],
  ["newinfo number", "newinfo", "argument 1 (clue) must be a non-empty quoted string, got a number"],
  ["newinfo empty", "newinfo", 'argument 1 (clue) must be a non-empty quoted string, got the string ""'],
  ["ask no args", "ask", "expected 3 arguments, got 0"],
  ["ask two args", "ask", "expected 3 arguments, got 2"],
  [
    "ask unquoted variable",
    "ask",
    'argument 2 ($variable) must name a story variable in quotes, like "$answer", got the string "x"',
  ],
  [
    "ask bad variable",
    "ask",
    'argument 2 ($variable) must name a story variable in quotes, like "$answer", got the string "answer"',
  ],
  [
    "ask temp variable",
    "ask",
    'argument 2 ($variable) must name a story variable in quotes, like "$answer", got the string "_answer"',
  ],
  ["ask missing passage", "ask", 'argument 3 (passage): there is no passage named "Nowhere"'],
  ["ask-area missing passage", "ask-area", 'argument 3 (passage): there is no passage named "Nowhere"'],
  ["ask-area four args", "ask-area", "expected 3 arguments, got 4"],
  ["you-said one arg", "you-said", "expected 2 arguments, got 1"],
  [
    "you-said number answer",
    "you-said",
    "argument 2 (answer) must be a story variable holding the player's answer, got a number",
  ],
  ["you-said number label", "you-said", "argument 1 (label) must be a non-empty quoted string, got a number"],
];

describe("macro argument errors", () => {
  let player: Player;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "macro-args-"));
    const outFile = path.join(dir, "macro-args.html");
    // The lint refuses every one of these before play (tests/lint.test.ts); here the engine's own
    // checks are tested, for stories edited in Twine, which never runs our lint.
    await buildStory(
      { dir: path.join(import.meta.dirname, "..", "fixtures", "macro-args"), outFile, lint: false },
      "native",
    );
    player = await openStory("macro-args", { html: readFileSync(outFile, "utf8") });
  });
  afterAll(() => player?.close());

  it.each(CASES)("%s", (passage, macro, problem) => {
    player.fresh(passage);
    const shown = player.errorViews();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain(`<<${macro}>>: ${problem}. Usage: ${USAGE[macro]}`);
    // Nothing else of the macro is drawn, and nothing is recorded.
    expect(player.view().querySelector("form, .newinfo, .you-said")).toBeNull();
    expect(player.sugarcube.setup.clues.list()).toEqual([]);
  });

  it("accepts correct calls, including an answer that was never given", () => {
    player.fresh("Good calls");
    expect(player.errorViews()).toEqual([]);
    expect(player.view().querySelectorAll("form.ask")).toHaveLength(2);
    expect(player.view().querySelector(".newinfo")?.textContent).toContain('"A clue"');
    expect(player.view().querySelector(".you-said")).toBeNull();
    expect(player.errors).toEqual([]);
  });

  it("registers each macro as its spec says: a container with SugarCube's `tags`, which then needs its closing tag", () => {
    const { Macro, Wikifier } = player.sugarcube;
    for (const { spec } of macros) expect("tags" in Macro.get(spec.name)!, spec.name).toBe(spec.container);
    // A spec that says container, registered the same way: SugarCube pairs it with its closing tag.
    const spec = { ...macros[0]!.spec, container: true };
    for (const [name, container] of [
      ["spec-container", true],
      ["spec-single", false],
    ] as const) {
      Macro.add(name, { ...registration({ ...spec, container }), handler() {} });
      const out = player.document.createElement("div");
      new Wikifier(out, `<<${name}>>inside<</${name}>>`);
      expect(out.querySelector(".error-view, .error") !== null, name).toBe(!container);
      Macro.delete(name);
    }
  });
});
