// editTwee: in-place edits of a Twee file change what they name and keep everything else.
import { describe, expect, it } from "vitest";
import { editTwee, headerLine, type PassageEdit } from "../build/twee-edit.js";
import { parseTwee } from "../build/twee.js";

const edit = (source: string, edits: Record<string, PassageEdit>) => editTwee(source, "s.twee", new Map(Object.entries(edits)));

describe("editTwee", () => {
  const source = [
    "",
    ":: A [tag]",
    "",
    "  indented first line",
    "last line, trailing spaces   ",
    "",
    "",
    ":: B",
    "b",
    "",
  ].join("\n");

  it("a metadata-only edit changes the header line and keeps the body byte for byte", () => {
    const out = edit(source, { A: { metadata: { position: "100,200" } } });
    expect(out).toBe(source.replace(":: A [tag]", ':: A [tag] {"position":"100,200"}'));
    expect(parseTwee(out, "s.twee")[0]!.metadata).toEqual({ position: "100,200" });
  });

  it("a tags-only edit keeps the body too, and other passages stay as they were", () => {
    expect(edit(source, { B: { tags: ["ending"] } })).toBe(source.replace(":: B", ":: B [ending]"));
  });

  it("a text edit replaces the text and keeps the blank lines after it", () => {
    const out = edit(source, { A: { text: "new" } });
    expect(out).toBe(["", ":: A [tag]", "new", "", "", ":: B", "b", ""].join("\n"));
  });

  it("null removes the passage", () => {
    expect(edit(source, { A: null })).toBe(["", ":: B", "b", ""].join("\n"));
  });

  it("keeps CRLF line endings and a byte-order mark", () => {
    const crlf = "\uFEFF:: A\r\n body \r\n\r\n:: B\r\nb\r\n";
    expect(edit(crlf, { A: { metadata: { position: "1,2", size: "200,100" } } })).toBe(
      '\uFEFF:: A {"position":"1,2","size":"200,100"}\r\n body \r\n\r\n:: B\r\nb\r\n',
    );
  });

  it("an edit for a name the file does not have changes nothing", () => {
    expect(edit(source, { Missing: { metadata: { position: "1,2" } } })).toBe(source);
  });
});

describe("headerLine", () => {
  it("escapes names and tags, and writes position before size", () => {
    expect(headerLine({ name: "A [b] {c}", tags: ["x"], metadata: { size: "200,100", position: "1,2" } })).toBe(
      ':: A \\[b\\] \\{c\\} [x] {"position":"1,2","size":"200,100"}',
    );
  });
});
