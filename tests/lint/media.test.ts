// The lint's media checks (build/lint/checks/media.ts, encoding.ts), each at its file:line:column,
// on small stories whose media files are a few bytes each, as the build reads them.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSources } from "../../build/sources/mystery-files.js";
import { type Diagnostic, formatDiagnostic, lintMystery } from "../../build/lint/lint.js";
import { root } from "../../build/shared/paths.js";
import type { SourceFile } from "../../build/sources/sources.js";

const DATA = '{"ifid": "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0", "format": "SugarCube", "format-version": "2.31.1"}';
const file = (p: string, content: string | Buffer): SourceFile => ({ path: p, content: Buffer.from(content) });
const MEDIA = [
  file("story/x/special.twee", `:: StoryTitle\nT\n\n:: StoryData\n${DATA}\n`),
  file("story/x/images/pic.svg", "<svg/>"),
  file("story/x/audio/boom.mp3", "ID3"),
  file("story/x/video/clip.webm", "webm"),
  file("story/x/video/subs.en.vtt", "WEBVTT\n"),
];
/** The `file:line:col: severity: message` of each media finding, with a text in story/x/a.twee. */
const lint = (text: string, ...more: SourceFile[]) =>
  lintMystery([...MEDIA, file("story/x/a.twee", `:: Start [ending]\n${text}\n`), ...more])
    .filter((d) => d.code.startsWith("media") || d.code === "missing-passage" || d.code === "not-utf8")
    .map((d: Diagnostic) => formatDiagnostic(d).split("\n")[0]);

describe("media references", () => {
  it("accept each element with the kind of passage it plays", () => {
    const ok = [
      '<img data-passage="pic" alt="x"> [img[pic]]',
      '<audio data-passage="boom"></audio> <audio><source data-passage="boom"></audio>',
      '<video data-passage="clip"><track data-passage="subs"></video> <video><source data-passage="clip"></video>',
      '<<cacheaudio "theme" "boom" "https://example.com/theme.mp3" "mp3|data:audio/mpeg;base64,AA">>',
    ];
    expect(lint(ok.join("\n"))).toEqual([]);
  });

  it("report a passage of the wrong kind, with the right kind to use", () => {
    expect(lint('<audio data-passage="pic"></audio>')).toEqual([
      'story/x/a.twee:2:8: error: <audio> names "pic" (Twine.image); SugarCube shows only a Twine.audio passage there',
    ]);
    expect(lint('<img data-passage="boom" alt="">\n[img[clip]]')).toEqual([
      'story/x/a.twee:2:6: error: <img> names "boom" (Twine.audio); SugarCube shows only a Twine.image passage there',
      'story/x/a.twee:3:1: error: [img[…]] names "clip" (Twine.video); SugarCube shows only a Twine.image passage there',
    ]);
    expect(lint('<video><source data-passage="boom"><track data-passage="clip"></video>')).toEqual([
      'story/x/a.twee:2:16: error: <video> names "boom" (Twine.audio); SugarCube shows only a Twine.video passage there',
      'story/x/a.twee:2:43: error: <track> names "clip" (Twine.video); SugarCube shows only a Twine.vtt passage there',
    ]);
    const story = file("story/x/a.twee", ':: Start [ending]\n<audio data-passage="clip"></audio>\n');
    const [d] = lintMystery([...MEDIA, file("story/x/audio/clips.ogg", "OggS"), story]).filter(
      (x) => x.code === "media-type",
    );
    expect(d).toMatchObject({
      suggestion: "clips",
      fix: expect.stringContaining("a Twine.audio passage: a sound (.mp3, .ogg"),
    });
  });

  it("check <<cacheaudio>> sources: a passage must be a sound, anything else is fetched at play time", () => {
    expect(lint('<<cacheaudio "theme" "pic" "bom.mp3">>')).toEqual([
      'story/x/a.twee:2:22: error: <<cacheaudio>> names "pic" (Twine.image); SugarCube shows only a Twine.audio passage there',
      'story/x/a.twee:2:28: warning: <<cacheaudio>> source "bom.mp3" is not a passage: it would be fetched at play time',
    ]);
  });

  it("check a stylesheet's [img[…]], which SugarCube turns into the picture's data URI", () => {
    const css = file(
      "story/x/look.css",
      "body {\n  background: [img[pic]];\n  border-image: [img[boom]];\n  cursor: [img[nothing]];\n}\n",
    );
    expect(lint("Hi", css)).toEqual([
      'story/x/look.css:3:22: error: a stylesheet\'s [img[…]] names "boom" (Twine.audio); SugarCube shows only a Twine.image passage there',
      'story/x/look.css:4:16: error: image "nothing" is not a passage',
    ]);
  });

  it("warn about a text file that is not UTF-8, at its first bad line", () => {
    const latin = file("story/x/b.twee", Buffer.from(":: B [ending]\nfine\ncaf\xe9\n", "latin1"));
    expect(lint("[[B]]", latin)).toEqual([
      "story/x/b.twee:3:1: warning: b.twee is not valid UTF-8, so it is read as Windows-1252 (as tweego reads it)",
    ]);
  });

  it("find nothing wrong in the parity corpus's story of every media type", async () => {
    const files = await readSources(path.join(root, "tests", "fixtures", "parity", "media"));
    expect(lintMystery(files).filter((d) => d.severity === "error")).toEqual([]);
  });
});
