// The Twee 3 parser and story checks: what they accept, and where their errors point.
import { describe, expect, it } from "vitest";
import { BuildError, formatError } from "../../build/shared/errors.js";
import { assembleStory } from "../../build/model/story.js";
import { parseTwee } from "../../build/twee/twee.js";

const IFID = "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0";
const storyData = (extra = "") =>
  `:: StoryTitle\nA Title\n\n:: StoryData\n{"ifid": "${IFID}", "format": "SugarCube", "format-version": "2.31.1"${extra}}\n`;

function errorOf(fn: () => unknown): BuildError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BuildError) return e;
    throw e;
  }
  throw new Error("expected a BuildError");
}

describe("parseTwee", () => {
  it("reads names, tags, metadata, text and the header line", () => {
    const passages = parseTwee(
      ':: Start\nHello\n\n:: A \\[weird\\] name [tag-a  tag-b] {"position":"100,200","size":"200,100"}\nLine 1\nLine 2\n\n\n',
      "s.twee",
    );
    expect(passages).toEqual([
      { name: "Start", tags: [], metadata: {}, text: "Hello", file: "s.twee", line: 1 },
      {
        name: "A [weird] name",
        tags: ["tag-a", "tag-b"],
        metadata: { position: "100,200", size: "200,100" },
        text: "Line 1\nLine 2",
        file: "s.twee",
        line: 4,
      },
    ]);
  });

  it("accepts CRLF line endings and a byte-order mark", () => {
    expect(parseTwee("\uFEFF:: Start\r\nHi\r\n", "s.twee")[0]).toMatchObject({ name: "Start", text: "Hi" });
  });

  it.each([
    ["::   \ntext", 1, 1, "passage header has no name"],
    [":: Ok\nfine\n:: Broken [tag\n", 3, 11, "tag block is not closed"],
    [':: Meta {"position": 1,}\n', 1, 9, "passage metadata is not valid JSON"],
    [':: Meta {"position":"1,2"\n', 1, 9, "metadata block is not closed"],
    [':: Meta {"position":"here"}\n', 1, 9, 'passage metadata "position" must be a string like "100,200"'],
    [":: Name [tag] junk\n", 1, 15, "unexpected text after the passage header"],
    [":: Bad ] name\n", 1, 8, 'unexpected "]" in passage name'],
    ["text first\n:: Start\n", 1, 1, "text before the first passage header"],
  ])("rejects %j at line %i, column %i", (source, line, column, message) => {
    const error = errorOf(() => parseTwee(source, "story/x/broken.twee"));
    expect(error.message).toContain(message);
    expect(error.location).toEqual({ file: "story/x/broken.twee", line, column });
    expect(error.fix).toBeTruthy();
    expect(formatError(error)).toMatch(new RegExp(`^story/x/broken\\.twee:${line}:${column}: error: `));
  });
});

describe("assembleStory", () => {
  const parse = (source: string) => assembleStory(parseTwee(source, "story/x/a.twee"));

  it("reads StoryTitle and StoryData and keeps the other passages", () => {
    const story = parse(`${storyData(', "tag-colors": {"ending": "green"}')}\n:: Start\nHi`);
    expect(story.name).toBe("A Title");
    expect(story.data).toMatchObject({
      ifid: IFID,
      format: "SugarCube",
      formatVersion: "2.31.1",
      start: "Start",
      tagColors: { ending: "green" },
    });
    expect(story.passages.map((p) => p.name)).toEqual(["Start"]);
  });

  it("names both places of a duplicate passage", () => {
    const error = errorOf(() => parse(`${storyData()}\n:: Start\nA\n\n:: Start\nB`));
    expect(error.message).toBe('duplicate passage name "Start" (first defined at story/x/a.twee:7)');
    expect(error.location).toEqual({ file: "story/x/a.twee", line: 10 });
  });

  it.each([
    [`:: StoryTitle\nT\n\n:: StoryData\n{"ifid": "${IFID}",}\n\n:: Start\n`, "StoryData is not valid JSON", 4],
    [`:: StoryTitle\nT\n\n:: StoryData\n{"format": "SugarCube"}\n\n:: Start\n`, "StoryData has no IFID", 4],
    [`:: StoryTitle\nT\n\n:: StoryData\n{"ifid": "not-an-ifid"}\n\n:: Start\n`, "is not an uppercase UUID v4", 4],
    [`${storyData(', "start": "Begin"')}\n:: Start\n`, 'the start passage "Begin" does not exist', 4],
    [`${storyData(', "tag-colors": ["green"]')}\n:: Start\n`, 'StoryData "tag-colors" must be', 4],
  ])("rejects a bad StoryData: %#", (source, message, line) => {
    const error = errorOf(() => parse(source));
    expect(error.message).toContain(message);
    expect(error.location).toEqual({ file: "story/x/a.twee", line });
  });

  it("suggests a fresh IFID when it is missing", () => {
    const error = errorOf(() => parse(`:: StoryTitle\nT\n\n:: StoryData\n{}\n\n:: Start\n`));
    expect(error.fix).toMatch(/"ifid": "[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}"/);
  });

  it("requires StoryTitle and StoryData", () => {
    expect(errorOf(() => parse(":: StoryData\n{}\n:: Start\n")).message).toBe("the story has no StoryTitle");
    expect(errorOf(() => parse(":: StoryTitle\nT\n:: Start\n")).message).toBe("the story has no StoryData");
  });
});

describe("Twee escaping, as Twine's Export as Twee writes it", () => {
  it.each([
    [":: \\ Client\nhub", " Client"],
    [":: Client\\ \nhub", "Client "],
    [":: \\ \\ two\\ \\  [t]\nx", "  two  "],
    [":: a\\\\b\nx", "a\\b"],
    [":: tail\\\\ \nx", "tail\\"],
    [":: \\[x\\] \\{y\\}\nx", "[x] {y}"],
    [":: plain name   [tag]\nx", "plain name"],
  ])("reads the name in %j as %j", (source, name) => {
    expect(parseTwee(source, "s.twee")[0]!.name).toBe(name);
  });

  it("reads escaped tags, split only at unescaped spaces", () => {
    expect(parseTwee(":: A [a\\]b c\\\\d  e]\nx", "s.twee")[0]!.tags).toEqual(["a]b", "c\\d", "e"]);
  });

  it("reads a text line escaped as \\:: as text starting with ::, and takes one backslash off \\\\::", () => {
    const [p] = parseTwee(
      ":: Hosts\n\\::1 localhost\n127.0.0.1 localhost\n\\\\::not a header\n\\:kept\n:: Next\n",
      "s.twee",
    );
    expect(p!.text).toBe("::1 localhost\n127.0.0.1 localhost\n\\::not a header\n\\:kept");
  });
});
