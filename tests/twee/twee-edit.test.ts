// editTwee: in-place edits of a Twee file change what they name and keep everything else.
import { describe, expect, it } from "vitest";
import { editTwee, headerLine, type PassageEdit, passageTwee } from "../../build/twee/twee-edit.js";
import { parseTwee } from "../../build/twee/twee.js";

const edit = (source: string, edits: Record<string, PassageEdit>) =>
  editTwee(source, "s.twee", new Map(Object.entries(edits)));

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

describe("Twee escaping round trip", () => {
  const names = [
    " Client",
    "Client ",
    "  two  ",
    "a\\b",
    "tail\\",
    "\\ lead",
    "[x] {y}",
    "a\\[b",
    "\t tab",
    "ünïcödé → name",
    "::colons",
  ];
  const texts = [
    "::1 localhost",
    "a\n::b\n\\::c\n\\\\::d\n\\:e",
    ":: Fake header [tag]",
    "back\\slash \\\\ and [[link]]",
    "\\",
    "x\n::",
  ];

  it.each(names)("the name %j", (name) => {
    const twee = passageTwee({ name, tags: ["a]b", "c\\d"], metadata: {}, text: "x" });
    const [p] = parseTwee(twee, "s.twee");
    expect(p).toMatchObject({ name, tags: ["a]b", "c\\d"], text: "x" });
  });

  it.each(texts)("the text %j, in a new file and as an in-place edit", (text) => {
    const twee = `${passageTwee({ name: "P", tags: [], metadata: {}, text })}:: After\nafter\n`;
    expect(parseTwee(twee, "s.twee").map((p) => [p.name, p.text])).toEqual([
      ["P", text],
      ["After", "after"],
    ]);
    const edited = edit(":: P\nold\n\n:: After\nafter\n", { P: { text } });
    expect(parseTwee(edited, "s.twee").map((p) => [p.name, p.text])).toEqual([
      ["P", text],
      ["After", "after"],
    ]);
  });

  it("a rename rewrites only the header, with the new name escaped", () => {
    const source = ':: Client [hub] {"position":"1,2"}\r\nbody\r\n\r\n:: B\nb\n';
    const out = edit(source, { Client: { name: " Client 2" } });
    expect(out).toBe(':: \\ Client 2 [hub] {"position":"1,2"}\r\nbody\r\n\r\n:: B\nb\n');
  });

  it("keeps each line's own ending in a file of mixed endings", () => {
    const source = ":: A\r\na\n\n:: B\r\nb\r\n";
    expect(edit(source, { B: { text: "new" } })).toBe(":: A\r\na\n\n:: B\r\nnew\r\n");
  });

  it("a lone CR stays inside its line, and a CR before CRLF stays in the line it ends", () => {
    const source = ":: A\r\na\rb\r\r\n  \r\n:: B\r\nb\r\r\n\r\n:: C\nc";
    expect(edit(source, { A: { text: "new" }, B: { metadata: { position: "1,2" } }, C: { text: "c2" } })).toBe(
      ':: A\r\nnew\r\n\r\n:: B {"position":"1,2"}\r\nb\r\r\n\r\n:: C\r\nc2',
    );
  });

  it("edits a passage of a million lines without running out of stack", () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => `line ${i}`).join("\n");
    const out = edit(`:: A\n${big}\n\n:: B\nb\n`, { A: { text: `${big}\nmore` }, B: { tags: ["t"] } });
    expect(out.endsWith("line 999999\nmore\n\n:: B [t]\nb\n")).toBe(true);
  });
});
