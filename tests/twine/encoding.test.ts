// A Twee file that is not UTF-8 (the build reads it as Windows-1252, as tweego does) is never
// written back as UTF-8 by the tools that edit Twee in place: layout and import refuse it, naming
// the file and the fix, and change nothing; `lint --fix` leaves it alone. And a Twee file is one
// whatever the case of its extension, for the index page too.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { describe, expect, it } from "vitest";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { fixTwineLinks } from "../../build/lint/fix-twine-links.js";
import { buildStory } from "../../build/pipeline/build-story.js";
import { readPuzzle } from "../../build/site/puzzles.js";
import { importFile } from "../../build/twine/import-run.js";
import { layoutMystery } from "../../build/twine/layout-mystery.js";
import { scratchStory, snapshot } from "../harness/scratch.js";

const STORY_DATA =
  ':: StoryData\n{"ifid":"D674C58C-DEFA-4F70-B7A2-27742230C0FC","format":"SugarCube","format-version":"2.31.1","start":"Start"}\n\n';

/** A mystery folder holding `files` (name → bytes). */
function mystery(files: Record<string, Buffer>): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "encoding-")), "story", "m");
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
  return dir;
}

const latin1 = (text: string) => Buffer.from(text, "latin1");

describe("a Twee file in Windows-1252", () => {
  it("npm run layout refuses to write positions into it, naming the file and the fix, and changes nothing", async () => {
    const dir = mystery({
      "story.twee": latin1(
        `:: StoryTitle\nCafé\n\n${STORY_DATA}:: Start\nCafé au lait [[Next]]\n\n:: Next\nThe end.\n`,
      ),
    });
    const before = snapshot(dir);
    await expect(layoutMystery(dir)).rejects.toThrow(/story\.twee is not UTF-8/);
    await expect(layoutMystery(dir)).rejects.toMatchObject({ fix: expect.stringMatching(/save it as UTF-8/) });
    expect(snapshot(dir)).toEqual(before);
  });

  it("npm run lint -- --fix leaves it as it is", () => {
    const files = [
      { path: "story/m/story.twee", content: latin1(`${STORY_DATA}:: Start\nCafé [[Go -> Next]]\n\n:: Next\nx\n`) },
    ];
    const { fixes, contents } = fixTwineLinks(files);
    expect(fixes).toEqual([]);
    expect(contents.size).toBe(0);
  });

  it("npm run import refuses Twine's edits to it, naming the file and the fix, and changes nothing", async () => {
    const s = scratchStory("50ms-request");
    const file = path.join(s.dir, "start-and-hubs.twee");
    writeFileSync(file, latin1(readFileSync(file, "utf8").replace(":: Client {", ":: Café\nCafé\n\n:: Client {")));
    const { outFile } = await buildStory(mysteryTarget("50ms-request", s.stories, s.out), "native");
    const dom = new JSDOM(readFileSync(outFile, "utf8"));
    dom.window.document.querySelector('tw-passagedata[name="Client"]')!.textContent += "\nEdited in Twine.";
    const edited = path.join(s.out, "from-twine.html");
    writeFileSync(edited, dom.serialize());
    const before = snapshot(s.dir);
    await expect(importFile(edited, { stories: s.stories })).rejects.toThrow(
      /start-and-hubs\.twee is not UTF-8.*save it as UTF-8/s,
    );
    expect(snapshot(s.dir)).toEqual(before);
  });
});

it("the index page reads a Twee file whose extension is in capitals, as the build does", async () => {
  const dir = mystery({
    "Story.TWEE": Buffer.from(`:: StoryTitle\nUpper Title\n\n${STORY_DATA}:: Start\nHello.\n`),
    "teaser.txt": Buffer.from("A teaser.\n"),
  });
  expect((await readPuzzle(dir, ourMacroSpecs())).title).toBe("Upper Title");
});
