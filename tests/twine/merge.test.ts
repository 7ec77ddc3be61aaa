// The three-way merge of an import, case by case (build/twine/merge.ts, code-chunks.ts,
// line-diff.ts): pure functions on stories as Twine holds them, so every case is cheap.
import { describe, expect, it } from "vitest";
import { codeHash, markedScript } from "../../build/compile/build-mark.js";
import { mergeCode, splitByNames } from "../../build/twine/code-chunks.js";
import { lineDiff } from "../../build/twine/line-diff.js";
import { mergeStories, type Side } from "../../build/twine/merge.js";
import type { TwinePassage, TwineStory } from "../../build/twine/twine-read.js";

const passage = (name: string, text = `${name}'s text`, more: Partial<TwinePassage> = {}): TwinePassage => ({
  name,
  text,
  tags: [],
  position: "100,100",
  size: "100,100",
  ...more,
});
const story = (passages: TwinePassage[], more: Partial<TwineStory> = {}): TwineStory => ({
  name: "S",
  ifid: "X",
  format: "SugarCube",
  formatVersion: "2.31.1",
  start: "A",
  tagColors: {},
  zoom: 1,
  from: "html",
  tags: [],
  script: "",
  stylesheet: "",
  passages,
  ...more,
});
const none = () => undefined;
const taking = (side: Side, key?: string) => (k: string) => (key === undefined || k === key ? side : undefined);

describe("mergeStories", () => {
  const base = story([passage("A"), passage("B"), passage("C")]);

  it("takes what changed only in Twine, keeps what changed only on disk, and what both changed alike", () => {
    const twine = story([passage("A", "A in Twine"), passage("B"), passage("C", "C both", { position: "5,5" })]);
    const disk = story([passage("A"), passage("B", "B on disk"), passage("C", "C both")]);
    const m = mergeStories(base, twine, disk, { resolve: none });
    expect([...m.changes]).toEqual([
      ["A", { text: "A in Twine" }],
      ["C", { position: "5,5" }],
    ]);
    expect([m.conflicts, m.unchanged]).toEqual([[], 1]);
  });

  it("a property changed on both sides is a conflict, with both values, until one side is taken", () => {
    const twine = story([passage("A", "A in Twine", { tags: ["t"] }), passage("B"), passage("C")]);
    const disk = story([passage("A", "A on disk"), passage("B"), passage("C")]);
    expect(mergeStories(base, twine, disk, { resolve: none }).conflicts).toEqual([
      { key: "A", what: "text, changed in Twine and on disk", twine: "A in Twine", disk: "A on disk" },
    ]);
    expect([...mergeStories(base, twine, disk, { resolve: taking("twine", "A") }).changes]).toEqual([
      ["A", { text: "A in Twine", tags: ["t"] }],
    ]);
    expect([...mergeStories(base, twine, disk, { resolve: taking("disk") }).changes]).toEqual([["A", { tags: ["t"] }]]);
  });

  it("deleted in Twine: listed, pruned with --prune; changed on disk since, a conflict for --prune", () => {
    const twine = story([passage("A"), passage("B")]);
    expect(mergeStories(base, twine, base, { resolve: none }).kept).toEqual([{ name: "C", changedOnDisk: false }]);
    expect([...mergeStories(base, twine, base, { prune: true, resolve: none }).changes]).toEqual([["C", null]]);
    const disk = story([passage("A"), passage("B"), passage("C", "C on disk")]);
    expect(mergeStories(base, twine, disk, { prune: true, resolve: none }).conflicts).toEqual([
      { key: "C", what: "deleted in Twine, changed on disk since the build", twine: "(deleted)", disk: "C on disk" },
    ]);
  });

  it("a passage added on disk after the build is never pruned; one added in Twine comes in", () => {
    const twine = story([...base.passages, passage("New in Twine")]);
    const disk = story([...base.passages, passage("New on disk")]);
    const m = mergeStories(base, twine, disk, { prune: true, resolve: none });
    expect([m.changes.size, m.added.map((p) => p.name), m.kept, m.conflicts]).toEqual([0, ["New in Twine"], [], []]);
  });

  it("changed in Twine and deleted on disk is a conflict; deleted on disk and untouched in Twine stays deleted", () => {
    const disk = story([passage("A"), passage("B")]);
    expect(mergeStories(base, base, disk, { resolve: none })).toMatchObject({ added: [], conflicts: [] });
    const twine = story([passage("A"), passage("B"), passage("C", "C in Twine")]);
    expect(mergeStories(base, twine, disk, { resolve: none }).conflicts).toEqual([
      {
        key: "C",
        what: "changed in Twine, deleted or renamed on disk",
        twine: "C in Twine",
        disk: "(no such passage)",
      },
    ]);
  });

  it("a rename in Twine renames in place, merged with the disk's edits, links read as Twine rewrote them", () => {
    const withLink = story([passage("A", "[[Go->C]]"), passage("B"), passage("C")]);
    const twine = story([passage("A", "[[Go->See]]"), passage("B"), passage("See", "C's text")]);
    const disk = story([passage("A", "[[Go->C]]"), passage("B"), passage("C", "C's text", { tags: ["t"] })]);
    const m = mergeStories(withLink, twine, disk, { resolve: none });
    expect([[...m.renames], [...m.changes], m.conflicts]).toEqual([[["C", "See"]], [["C", { name: "See" }]], []]);
  });

  it("without a base, every difference is a conflict unless the author says which side wins", () => {
    const twine = story([passage("A", "A in Twine"), passage("B"), passage("D")]);
    const m = mergeStories(undefined, twine, base, { prune: true, resolve: none });
    expect(m.conflicts.map((c) => [c.key, c.what])).toEqual([
      ["A", "text, which differs, and the base is unknown"],
      ["C", "on disk only: deleted in Twine, or added on disk? The base is unknown"],
      ["D", "in Twine only: added in Twine, or deleted on disk? The base is unknown"],
    ]);
    const all = mergeStories(undefined, twine, base, { prune: true, resolve: taking("twine") });
    expect([[...all.changes], all.added.map((p) => p.name)]).toEqual([
      [
        ["A", { text: "A in Twine" }],
        ["C", null],
      ],
      ["D"],
    ]);
    // A rename without a base: Twine's name or the disk's, as the author says.
    const renamed = story([passage("A"), passage("B"), passage("See", "C's text")]);
    expect(mergeStories(undefined, renamed, base, { resolve: none }).conflicts.map((c) => c.key)).toEqual(["See"]);
    expect([...mergeStories(undefined, renamed, base, { resolve: taking("disk") }).changes]).toEqual([]);
    expect([...mergeStories(undefined, renamed, base, { resolve: taking("twine", "See") }).changes]).toEqual([
      ["C", { name: "See" }],
    ]);
  });

  it("a position the files do not hold is the build's default (it moves as passages are added): only Twine's can have been chosen", () => {
    const moved = story([passage("A", "A's text", { position: "9,9" }), passage("B"), passage("C")]);
    const shifted = story([passage("A", "A's text", { position: "7,7" }), passage("B"), passage("C")]);
    const stored = (name: string) => name !== "A";
    expect([...mergeStories(undefined, moved, shifted, { resolve: none, stored }).changes]).toEqual([
      ["A", { position: "9,9" }],
    ]);
    expect([...mergeStories(base, base, shifted, { resolve: none, stored }).changes]).toEqual([]);
    expect(mergeStories(base, moved, shifted, { resolve: none, stored }).conflicts).toEqual([]);
  });

  it("the story's name, start, tag colours and zoom merge the same way", () => {
    const twine = story([...base.passages], { name: "T", zoom: 0.5, start: "B" });
    const disk = story([...base.passages], { name: "D", tagColors: { x: "red" } });
    const m = mergeStories(base, twine, disk, { resolve: none });
    expect([m.story, m.conflicts.map((c) => c.key)]).toEqual([{ start: "B", zoom: 0.5 }, ["StoryTitle"]]);
  });
});

describe("mergeCode", () => {
  const bundle = '(()=>{Macro.add("x",{})})();';
  const ours = { name: "story-macros.js", hash: codeHash(bundle), base: bundle, current: bundle };
  const parts = [
    { name: "config.js", file: "story/m/config.js", text: 'Config.saves.id = "m";\n' },
    { name: "story-macros.js", file: "story-macros.js", text: "" },
  ];
  const script = (
    config: string,
    macros = markedScript({ story: "0".repeat(16), script: ours.hash, stylesheet: "0".repeat(12) }, bundle),
  ) => `/* twine-user-script #1: "config.js" */\n${config}/* twine-user-script #2: "story-macros.js" */\n${macros}`;

  it("splits Twine's code into the parts the build joined, and not when their comments are gone", () => {
    expect(splitByNames(script("a\n", "b"), "script", ["config.js", "story-macros.js"])).toEqual(["a\n", "b"]);
    expect(splitByNames("a\nb", "script", ["config.js", "story-macros.js"])).toBeUndefined();
  });

  it("a part from a file of the mystery goes back to it; changed on disk too, it is a conflict", () => {
    const edited = script('Config.saves.id = "m";\nConfig.debug = true;\n');
    expect(mergeCode("script", edited, parts, parts, ours, none)).toEqual({
      writes: [{ file: "story/m/config.js", name: "config.js", text: 'Config.saves.id = "m";\nConfig.debug = true;' }],
      conflicts: [],
    });
    const disk = [{ ...parts[0]!, text: 'Config.saves.id = "other";\n' }, parts[1]!];
    expect(mergeCode("script", edited, parts, disk, ours, none).conflicts.map((c) => c.what)).toEqual([
      "Story JavaScript's part from story/m/config.js: changed in Twine and on disk",
    ]);
  });

  it("our bundle: untouched by its hash; code added after it goes on; an edit inside it is set aside as the changed lines", () => {
    expect(mergeCode("script", script(parts[0]!.text), parts, parts, ours, none)).toEqual({
      writes: [],
      conflicts: [],
    });
    const marked = (code: string) =>
      script(
        parts[0]!.text,
        markedScript({ story: "0".repeat(16), script: ours.hash, stylesheet: "0".repeat(12) }, code),
      );
    expect(mergeCode("script", marked(`${bundle}\nConfig.x = 1;`), parts, parts, ours, none).appended).toBe(
      "Config.x = 1;",
    );
    // Only the hash known (no copy of the build's bundle): where it ends is found by the hash.
    expect(
      mergeCode(
        "script",
        marked(`${bundle}\nConfig.x = 1;`),
        parts,
        parts,
        { ...ours, base: undefined, current: "changed since" },
        none,
      ).appended,
    ).toBe("Config.x = 1;");
    expect(mergeCode("script", marked(bundle.replace('"x"', '"y"')), parts, parts, ours, none).setAside).toEqual({
      diff: `--- story-macros.js (the build)\n+++ story-macros.js (Twine)\n@@ -1,1 +1,1 @@\n-${bundle}\n+${bundle.replace('"x"', '"y"')}\n`,
      whole: false,
    });
    // Code typed just before the mark line (it ran before our macros) goes to the end of config.js too.
    expect(
      mergeCode(
        "script",
        script(
          parts[0]!.text,
          `window.early = 1;\n${markedScript({ story: "0".repeat(16), script: ours.hash, stylesheet: "0".repeat(12) }, bundle)}`,
        ),
        parts,
        parts,
        ours,
        none,
      ).appended,
    ).toBe("window.early = 1;");
  });
});

describe("lineDiff", () => {
  it("gives the changed lines with two lines of context, near changes in one hunk", () => {
    const before = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].join("\n");
    const after = ["a", "b", "C", "d", "e", "f", "g", "h", "i", "j", "k"].join("\n");
    expect(lineDiff(before, after, "x (the build)", "x (Twine)")).toBe(
      "--- x (the build)\n+++ x (Twine)\n@@ -1,5 +1,5 @@\n a\n b\n-c\n+C\n d\n e\n@@ -9,2 +9,3 @@\n i\n j\n+k\n",
    );
  });
});
