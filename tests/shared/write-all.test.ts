// writeAll: several files written as one change, all or none, whatever fails.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { rename } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeAll } from "../../build/shared/write-all.js";

/** A folder with a.txt and b.txt, and what is in it, recursively: path → content. */
function folder() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "write-all-"));
  writeFileSync(path.join(dir, "a.txt"), "old a");
  writeFileSync(path.join(dir, "b.txt"), "old b");
  const list = (d = dir): Record<string, string> =>
    Object.fromEntries(
      readdirSync(d, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(d, e.name);
        return e.isDirectory()
          ? Object.entries(list(full)).concat([[`${path.relative(dir, full)}/`, ""]])
          : [[path.relative(dir, full), readFileSync(full, "utf8")]];
      }),
    );
  return { dir, list, at: (name: string) => path.join(dir, name) };
}

describe("writeAll", () => {
  it("replaces, creates (in new folders) and deletes, leaving no temp or backup file", async () => {
    const f = folder();
    await writeAll(
      new Map<string, string | Buffer | null>([
        [f.at("a.txt"), "new a"],
        [f.at("images/c.svg"), Buffer.from("<svg/>")],
        [f.at("b.txt"), null],
      ]),
    );
    expect(f.list()).toEqual({ "a.txt": "new a", "images/": "", "images/c.svg": "<svg/>" });
  });

  it("changes nothing when a file cannot be written", async () => {
    const f = folder();
    const before = f.list();
    const error = await writeAll(
      new Map([
        [f.at("a.txt"), "new a"],
        [f.at("b.txt/inside"), "x"],
      ]),
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(f.list()).toEqual(before);
  });

  it.each([1, 2, 3, 4])("puts everything back when the commit fails at rename %i of 4", async (failAt) => {
    const f = folder();
    const before = f.list();
    let calls = 0;
    const flaky: typeof rename = (from, to) =>
      ++calls === failAt ? Promise.reject(new Error("disk gone")) : rename(from, to);
    const changes = new Map<string, string | null>([
      [f.at("a.txt"), "new a"],
      [f.at("new/d.txt"), "d"],
      [f.at("b.txt"), null],
    ]);
    await expect(writeAll(changes, flaky)).rejects.toThrow("disk gone");
    expect(f.list()).toEqual(before);
  });
});
