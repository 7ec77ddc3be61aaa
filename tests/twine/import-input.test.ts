// The file given to `npm run import` (build/twine/import-input.ts): a folder, a file over the cap
// and what cannot be a Twine file are the user's errors named with the file (not an internal error
// with a stack, nor gigabytes of memory first), and an HTML file is read keeping only its story
// data: the same stories, at the same line numbers, from a page of any size around them.
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { command as importCommand } from "../../build/commands/import.js";
import { IMPORT_CAP, readImportInput, StoryDataFilter } from "../../build/twine/import-input.js";
import { readTwineHtml } from "../../build/twine/twine-read.js";
import type { BuildError } from "../../build/shared/errors.js";
import { runInProcess } from "../harness/cli.js";
import { storyFile } from "../harness/player.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "import-input-"));
const GIVE = "  fix: give a story published or archived by Twine 2 (.html), or its Twee export (.twee)\n";

async function refused(file: string, args: string[] = []) {
  const r = await runInProcess(importCommand, [file, ...args]);
  expect(r.code).toBe(1);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  return r.stderr;
}

describe("what npm run import refuses before reading it", () => {
  it("a folder", async () => {
    expect(await refused(dir)).toBe(
      `error: ${dir} cannot be imported: it is a folder, not a file\n` +
        "  fix: name the file itself: a story published or archived by Twine 2 (.html), or its Twee export (.twee)\n",
    );
  });

  it("a file over the cap, named in the message (a sparse file: nothing is read)", async () => {
    const big = path.join(dir, "huge.html");
    writeFileSync(big, "<html>");
    truncateSync(big, 600 * 1024 * 1024);
    expect(IMPORT_CAP).toBe(256 * 1024 * 1024);
    expect(await refused(big)).toMatch(
      /^error: .*huge\.html cannot be imported: it is 600 MiB, and import reads files of up to 256 MiB\n/,
    );
  });

  it.each([
    [
      "junk.html",
      Buffer.concat([Buffer.from("\0"), randomBytes(1 << 20)]),
      "it is not text (it has NUL bytes near its start)",
    ],
    [
      "notes.html",
      Buffer.from("Dear diary,\n<p>not a page</p>\n"),
      'an HTML file starts with a tag ("<"), and this one starts with "Dear diary,\\n<p>not a"',
    ],
    [
      "notes.twee",
      Buffer.from("Some notes\n:: Start\n"),
      'a Twee file starts with a passage header ("::"), and this one starts with "Some notes\\n:: Start\\n"',
    ],
    ["empty.html", Buffer.alloc(0), "it is empty"],
  ])("%s: what cannot be a Twine file, by its first bytes", async (name, content, why) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    expect(await refused(file)).toBe(`error: ${file} cannot be imported: ${why}, so it is no Twine file\n${GIVE}`);
  });
});

describe("an HTML file's story data, read in chunks", () => {
  const published = readFileSync(storyFile("50ms-request"), "utf8");
  const filtered = (text: string, size: number) => {
    const filter = new StoryDataFilter();
    for (let at = 0; at < text.length; at += size) filter.push(text.slice(at, at + size));
    return filter.end();
  };

  it("keeps the story data and the newlines of the rest: memory as the story, not the page around it", async () => {
    const junk = "<p>An unrelated page, padded out.</p>\n".repeat(30_000); // ~1 MB each side
    const file = path.join(dir, "padded.html");
    writeFileSync(file, junk + published + junk);
    const start = published.indexOf("<tw-storydata");
    const end = published.indexOf("</tw-storydata>") + "</tw-storydata>".length;
    const newlines = (text: string) => text.replace(/[^\n]/g, "");
    expect(await readImportInput(file, false)).toBe(
      newlines(junk + published.slice(0, start)) + published.slice(start, end) + newlines(published.slice(end) + junk),
    );
  });

  it("finds every token wherever a chunk ends, and the end of a script that quotes the closing tag", () => {
    const page =
      "<!DOCTYPE html>\n<html><head><title>T</title><script>var x = 1;</script></head>\n<body>\n" +
      '<tw-storydata name="T" startnode="1" hidden><style role="stylesheet" type="text/twine-css">a::after { content: "</tw-storydata>"; }</style>' +
      '<script role="script" type="text/twine-javascript">window.quoted = "</tw-storydata>"; /* <TW-STORYDATA> */</SCRIPT >' +
      '<tw-passagedata pid="1" name="Start">Hi &lt;/tw-storydata&gt;</tw-passagedata></tw-storydata >\n<p>after</p>\n' +
      '<TW-STORYDATA name="Second"><tw-passagedata pid="1" name="A">Two</tw-passagedata></TW-STORYDATA>\n</body></html>\n';
    const data = [
      page.indexOf("<tw-storydata"),
      page.indexOf("</tw-storydata >") + 16,
      page.lastIndexOf("<TW-STORYDATA"),
      page.lastIndexOf("</TW-STORYDATA>") + 15,
    ];
    const whole = filtered(page, page.length);
    expect(whole).toBe(`\n\n\n${page.slice(data[0], data[1])}\n\n${page.slice(data[2], data[3])}\n\n`);
    for (let size = 1; size <= 40; size++) expect(filtered(page, size), `chunks of ${size}`).toBe(whole);
    expect(readTwineHtml(whole, "page.html").map((s) => [s.name, s.script, s.passages.map((p) => p.text)])).toEqual([
      ["T", 'window.quoted = "</tw-storydata>"; /* <TW-STORYDATA> */', ["Hi </tw-storydata>"]],
      ["Second", "", ["Two"]],
    ]);
  });

  it("keeps a story data element that never ends, so a cut-off file is refused at its own line", () => {
    const cut = published.slice(0, published.indexOf("<tw-passagedata") + 500);
    const error = (text: string) => {
      try {
        readTwineHtml(text, "cut.html");
      } catch (e) {
        return e as BuildError;
      }
      return undefined;
    };
    const direct = error(cut);
    expect(direct?.message).toMatch(/this file is cut off/);
    expect(error(filtered(cut, 1000))).toEqual(direct);
  });
});
