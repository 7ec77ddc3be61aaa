// The tweego-escape warning: Twee that Twine and the native compiler read one way and tweego 2.1.1
// another (tests/parity.test.ts shows the two builds differ exactly there).
import { describe, expect, it } from "vitest";
import { formatDiagnostic, lintMystery } from "../../build/lint/lint.js";
import type { SourceFile } from "../../build/sources/sources.js";

const file = (p: string, text: string): SourceFile => ({ path: p, content: Buffer.from(text) });
const special = file(
  "story/x/special.twee",
  ':: StoryTitle\nT\n\n:: StoryData\n{"ifid": "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0", "format": "SugarCube", "format-version": "2.31.1"}\n',
);
const warnings = (text: string) =>
  lintMystery([special, file("story/x/a.twee", text)])
    .filter((d) => d.code === "tweego-escape")
    .map((d) => formatDiagnostic(d).split("\n"));

describe("tweego-escape", () => {
  it("warns at each text line written \\:: (Twine's escape), at its line and column", () => {
    const ws = warnings(":: Start [ending]\n\\::1 localhost\nthen\n\\::ffff:127.0.0.1\n");
    expect(ws.map((w) => w[0])).toEqual([
      "story/x/a.twee:2:1: warning: tweego 2.1.1 does not unescape a text line starting with `\\::` (it shows the backslash); the native build shows `::`, as Twine does",
      "story/x/a.twee:4:1: warning: tweego 2.1.1 does not unescape a text line starting with `\\::` (it shows the backslash); the native build shows `::`, as Twine does",
    ]);
    expect(ws[0]!.join("\n")).toContain("fix: reword the line");
  });

  it("warns at a name with an escaped space at either end, suggesting the trimmed name", () => {
    const ws = warnings(":: Start [ending]\nHi\n\n:: \\ Client [ending]\nHub\n");
    expect(ws.map((w) => w[0])).toEqual([
      'story/x/a.twee:4:4: warning: passage name " Client" starts or ends with an escaped space: Twine and the native build keep it, tweego 2.1.1 trims it',
    ]);
    expect(ws[0]!.join("\n")).toContain('fix: rename the passage to "Client" (and its links)');
  });

  it("says nothing of ordinary names and text", () => {
    expect(warnings(":: Start [ending]\na line with :: inside\n  ::indented\n")).toEqual([]);
  });
});
