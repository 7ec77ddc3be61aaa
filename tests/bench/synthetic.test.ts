// The benchmark's synthetic story (N copies of a real mystery, chained) is a real story: it lints
// clean, builds, and every passage gets a place on the map that crowds no other, so its timings
// measure the work an author's story of that size would cost.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyName, type SyntheticStory, writeSyntheticStory } from "../../build/bench/synthetic.js";
import { buildStory } from "../../build/pipeline/build-story.js";
import { readSources } from "../../build/sources/mystery-files.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { loadStory } from "../../build/model/story.js";
import { mapPassages } from "../../build/twine/layout-mystery.js";
import { boxOf, crowds, layoutStory, sizeOf } from "../../build/twine/layout.js";
import { lintMystery } from "../../build/lint/lint.js";
import { storiesDir } from "../../build/shared/paths.js";
import { OUR_FORMAT } from "../../build/story-format/formats.js";
import { macroRoles } from "../../build/story-format/macro-roles.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";

const base = mkdtempSync(path.join(os.tmpdir(), "synthetic-"));
const stories = path.join(base, "story");
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("a synthetic story, 20 × 50ms-request", () => {
  let synthetic: SyntheticStory;
  beforeAll(async () => {
    synthetic = await writeSyntheticStory(path.join(storiesDir, "50ms-request"), stories, "synthetic", 20);
  });

  it("lints clean: every link of every copy leads within it, every copy is reached", async () => {
    expect(lintMystery(await readSources(synthetic.dir))).toEqual([]);
  });

  it("builds, with 20 times the passages", async () => {
    const model = await buildStory(mysteryTarget("50ms-request", storiesDir, path.join(base, "model")), "native");
    const result = await buildStory(mysteryTarget("synthetic", stories, path.join(base, "dist")), "native");
    // Special passages (StoryInit, StoryCaption, StoryAuthor…) are written once, not per copy.
    const specials = loadStory(await readSources(path.join(storiesDir, "50ms-request"))).passages.filter((p) =>
      /^Story[A-Z]/.test(p.name),
    ).length;
    expect(result.passages - specials).toBe(20 * (model.passages - specials));
    expect(synthetic.passages).toBe(result.passages - specials);
  });

  it("lays out every passage, each box clear of every other (the gap kept), the same every time", async () => {
    const story = loadStory(await readSources(synthetic.dir));
    const shown = mapPassages(story.passages, OUR_FORMAT, macroRoles(ourMacroSpecs())).map((s) => s.map);
    const positions = layoutStory(shown, story.data.start);
    // Pictures keep tweego's default places (they have no Twee header to hold one); the rest are placed.
    expect(positions.size).toBe(shown.filter((p) => !p.position).length);
    expect(positions.get(copyName("Start", 19))).toBeDefined();
    const boxes = shown.map((p) => boxOf({ position: positions.get(p.name) ?? p.position, size: p.size })!);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (crowds(boxes[i]!, boxes[j]!, 25)) expect.fail(`${shown[i]!.name} and ${shown[j]!.name} crowd each other`);
      }
    }
    expect(sizeOf(shown[0]!)).toEqual({ w: 100, h: 100 });
    expect(layoutStory(shown, story.data.start)).toEqual(positions);
  });
});
