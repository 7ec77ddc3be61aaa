// The zip writer (build/shared/zip.ts) against a real, strict reader (yauzl): what goes in comes
// out, with its name, CRC and sizes right; the same files give the same bytes, in any order.
import { describe, expect, it } from "vitest";
import { zip } from "../../build/shared/zip.js";
import { unzip } from "../harness/unzip.js";

const file = (name: string, content: string | Buffer) => ({ name, content: Buffer.from(content) });

describe("zip", () => {
  const files = [
    file("index.html", `<!DOCTYPE html>${"<p>story text</p>\n".repeat(200)}`),
    file("m.preview.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])),
    file("empty.txt", ""),
    file("sub/ünï “name”.txt", "UTF-8 names"),
  ];

  it("holds each file as it was, sorted by name, deflated when that is smaller, read back by yauzl", async () => {
    const entries = await unzip(zip(files));
    expect(entries.map((e) => e.name)).toEqual(["empty.txt", "index.html", "m.preview.png", "sub/ünï “name”.txt"]);
    for (const e of entries) expect(e.content, e.name).toEqual(files.find((f) => f.name === e.name)!.content);
    expect(entries.map((e) => e.method)).toEqual([0, 8, 0, 0]);
    expect(entries.every((e) => e.utf8 && e.mode === 0o100644)).toBe(true);
    expect(
      entries.map((e) => [
        e.date.getFullYear(),
        e.date.getMonth(),
        e.date.getDate(),
        e.date.getHours(),
        e.date.getMinutes(),
      ]),
    ).toEqual(entries.map(() => [1980, 0, 1, 0, 0]));
  });

  it("is the same bytes for the same files, whatever their order", () => {
    const once = zip(files);
    expect(zip([...files].reverse())).toEqual(once);
    expect(zip(files.map((f) => ({ ...f, content: Buffer.from(f.content) })))).toEqual(once);
    expect(
      zip([files[0]!, { ...files[1]!, content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 4]) }, ...files.slice(2)]),
    ).not.toEqual(once);
  });

  it("an empty archive is the end record alone", async () => {
    expect(zip([])).toEqual(Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]));
    expect(await unzip(zip([]))).toEqual([]);
  });

  it("refuses a name that would unpack outside its folder, or a file twice", () => {
    for (const [name, why] of [
      ["/etc/passwd", "it is absolute"],
      ["../up.html", "it has an empty, . or .. part"],
      ["a\\b.html", "it has a backslash"],
      ["dir/", "it names no file"],
    ]) {
      expect(() => zip([file(name!, "x")]), name).toThrow(why);
    }
    expect(() => zip([file("a.html", "1"), file("a.html", "2")])).toThrow('"a.html" is in the zip twice');
  });
});
