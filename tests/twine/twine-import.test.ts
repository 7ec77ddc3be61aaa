// What the built file gives Twine's story map beyond what Twine's own import checks (that is in
// twine-roundtrip.test.ts, with Twine's code): no two boxes on top of each other, tag colours only
// for tags in use, and the macros and styles where Twine keeps the Story JavaScript and Stylesheet.
// Read with build/twine/twine-read.ts, the reader `npm run import` uses.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { boxOf, crowds } from "../../build/twine/layout.js";
import { readTwineHtml } from "../../build/twine/twine-read.js";
import { mysteries } from "../harness/mysteries.js";
import { storyFile } from "../harness/player.js";

describe.each(mysteries)("dist/%s.html on Twine's story map", (mystery) => {
  const [story, ...others] = readTwineHtml(readFileSync(storyFile(mystery), "utf8"), `${mystery}.html`);

  it("is one story", () => {
    expect(others).toEqual([]);
  });

  it("has no two boxes on top of each other", () => {
    const boxes = story!.passages.map((p) => ({ name: p.name, box: boxOf(p)! }));
    for (const { name, box } of boxes) expect(box, `${name} has a position and size`).toBeDefined();
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(crowds(a.box, b.box), `${a.name} overlaps ${b.name}`).toBe(false);
    }
  });

  it("has tag colours only for the tags it uses, the macros as Story JavaScript and the styles as Story Stylesheet", () => {
    const used = new Set(story!.passages.flatMap((p) => p.tags));
    for (const tag of Object.keys(story!.tagColors)) expect(used.has(tag), `colour for unused tag ${tag}`).toBe(true);
    expect(story!.script).toContain("Macro.add(");
    expect(story!.stylesheet).toContain(".newinfo");
  });
});
