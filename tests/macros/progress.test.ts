// The pure parts of what the story keeps for the player: the clue count and the once-per-
// playthrough boxes (clues.ts), the progress record (progress.ts), the next mystery (way-on.ts)
// and the sidebar's remembered state (sidebar.ts). The browser tests play them for real.
import { describe, expect, it } from "vitest";
import { clueStore, countClues, type ShownRecord } from "../../macros/clues.js";
import { nextRecord } from "../../macros/progress.js";
import { knowHeading, stowedIn } from "../../macros/sidebar.js";
import { catalogueKey, progressKey, sessionKey } from "../../macros/storage.js";
import { nextMystery } from "../../macros/way-on.js";

describe("the clue store", () => {
  it("counts the different clues the passages' <<newinfo>> calls give, in any quotes", () => {
    const sources = [
      '<<newinfo "A">> <<newinfo "B \\"quoted\\"">>',
      "<<newinfo 'A'>><<newinfo `C`>>",
      '<<newinfo _computed>> <<ask "q" "$x" "p">>',
    ];
    expect(countClues(sources)).toBe(3);
    expect(countClues([])).toBe(0);
  });

  it("shows a clue's box once per playthrough: not after a replay of the same moment, again in a new game", () => {
    const vars: { clues?: string[]; playthrough?: string } = {};
    let kept: unknown;
    const shown: ShownRecord = { read: () => kept, write: (v) => void (kept = v) };
    const store = clueStore(() => vars, 6, shown);
    store.init();
    expect(store.total).toBe(6);
    expect([store.add("A"), store.firstShowing("A")]).toEqual([true, true]);
    // Back, Forward or a reload replay the moment from its start, before the clue was added:
    vars.clues = [];
    expect([store.add("A"), store.firstShowing("A")]).toEqual([true, false]);
    // A reload: a new store over the kept record and the restored variables.
    const reloaded = clueStore(() => vars, 6, shown);
    expect(reloaded.firstShowing("A")).toBe(false);
    expect(reloaded.firstShowing("B")).toBe(true);
    store.init(); // a new game
    expect(vars.playthrough).not.toBe((kept as { run: string }).run);
    expect(store.firstShowing("A")).toBe(true);
  });
});

describe("the progress record", () => {
  it("keeps the clues now, of how many, and solved once an ending was reached", () => {
    expect(nextRecord(undefined, 2, 6, false)).toEqual({ found: 2, of: 6, solved: false });
    const solved = nextRecord({ found: 5, of: 6, solved: false }, 6, 6, true);
    expect(solved).toEqual({ found: 6, of: 6, solved: true });
    expect(nextRecord(solved, 0, 6, false), "playing again").toEqual({ found: 0, of: 6, solved: true });
    expect(nextRecord("garbage", 1, 6, false).solved).toBe(false);
  });

  it("names its keys per mystery (IFID in capitals) and per folder, all under one prefix", () => {
    expect(progressKey("9f53470d-0918")).toBe("debugging-mysteries:progress:9F53470D-0918");
    expect(sessionKey("ab", "bar")).toBe("debugging-mysteries:bar:AB");
    expect(catalogueKey("file:///site/")).toBe("debugging-mysteries:catalogue:file:///site/");
  });
});

describe("the way on", () => {
  const list = [
    { ifid: "A", title: "First", href: "first.html" },
    { ifid: "B", title: "Second", href: "second.html" },
    { ifid: "C", title: "Evil", href: "javascript:alert(1)" },
  ];
  it("offers the next mystery of the index's list, only a page beside the story, and none after the last", () => {
    expect(nextMystery(list, "a")).toEqual(list[1]);
    expect(nextMystery(list, "B"), "the next one's address is not a page beside the story").toBeUndefined();
    expect(nextMystery(list, "Z"), "a story the list does not have").toBeUndefined();
    expect(nextMystery(null, "A")).toBeUndefined();
    expect(nextMystery([{ ifid: 1 }, ...list], "A")).toEqual(list[1]);
  });
});

describe("the sidebar", () => {
  it("starts folded on a narrow screen and open on a wide one, unless the player left it otherwise", () => {
    expect([stowedIn(undefined, "narrow"), stowedIn(undefined, "wide")]).toEqual([true, false]);
    expect([stowedIn({ narrow: false }, "narrow"), stowedIn({ narrow: false }, "wide")]).toEqual([false, false]);
    expect(stowedIn({ wide: true }, "wide")).toBe(true);
    expect(stowedIn("junk", "narrow")).toBe(true);
  });
  it("says how many clues of how many", () => {
    expect(knowHeading(3, 6)).toBe("What you know (3 of 6)");
    expect(knowHeading(0, 0)).toBe("What you know");
  });
});
