// File names that are not UTF-8 (build/shared/file-names.ts): read from their bytes into a string
// and back into the very same bytes, valid UTF-8 read as UTF-8, every other byte kept alone.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fsPath, hasRawBytes, nameFromBytes } from "../../build/shared/file-names.js";
import { goQuote } from "../../build/twee/go-text.js";

describe("a file name's bytes", () => {
  it("come back from the name unchanged, whatever they are", () => {
    const wrong: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const bytes = randomBytes(1 + (i % 12));
      const back = fsPath(nameFromBytes(bytes));
      if (!(Buffer.isBuffer(back) ? back : Buffer.from(back)).equals(bytes)) wrong.push(bytes.toString("hex"));
    }
    expect(wrong).toEqual([]);
  });

  it("are read as UTF-8 where they are, and each other byte alone, as Go's %q escapes it", () => {
    const name = nameFromBytes(
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2d, 0xc3, 0xa9, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80]),
    );
    expect(name).toBe("caf\udce9-é\udcc0\udcaf\udced\udca0\udc80😀");
    expect(hasRawBytes(name)).toBe(true);
    expect(goQuote(name)).toBe('"caf\\xe9-é\\xc0\\xaf\\xed\\xa0\\x80😀"');
    expect(fsPath("café 😀.js")).toBe("café 😀.js");
  });
});
