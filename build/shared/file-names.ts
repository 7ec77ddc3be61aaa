// File names that are not UTF-8 (`caf\xE9.js`, saved by an old Windows tool): tweego reads such a
// file like any other, and Node would turn its name into U+FFFD and then not find it. A name is
// read from its bytes with each byte that is not UTF-8 kept as a lone surrogate, U+DC80–U+DCFF
// (Python's "surrogateescape"), so it stays a string for messages and sorting, and turns back
// into the very bytes for the file system (`fsPath`) and into Go's `\xe9` for tweego's %q (go-text.ts).

import { isUtf8 } from "node:buffer";

/** A byte that is not UTF-8, as read from a name. */
const RAW = /[\uDC80-\uDCFF]/u;

/** Whether `name` holds bytes that are not UTF-8 (lone surrogates U+DC80–U+DCFF). */
export const hasRawBytes = (name: string): boolean => RAW.test(name);

/** The byte a lone surrogate stands for, or undefined for any other character. */
export const rawByte = (ch: string): number | undefined => {
  const code = ch.length === 1 ? ch.charCodeAt(0) : 0;
  return code >= 0xdc80 && code <= 0xdcff ? code - 0xdc00 : undefined;
};

/** How long the UTF-8 sequence a lead byte starts is (1 for a byte that starts none). */
const sequenceLength = (b: number) => (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1);

/** A file name's bytes as a string: UTF-8, and each byte that is not UTF-8 as a lone surrogate. */
export function nameFromBytes(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString("utf8");
  let name = "";
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes[i]!);
    const sequence = bytes.subarray(i, i + n);
    if (bytes[i]! >= 0x80 && (n === 1 || sequence.length < n || !isUtf8(sequence))) {
      name += String.fromCharCode(0xdc00 + bytes[i]!);
      i += 1;
    } else {
      name += sequence.toString("utf8");
      i += n;
    }
  }
  return name;
}

/** A path for the file system: as it is, or, when it holds bytes that are not UTF-8, its bytes. */
export function fsPath(file: string): string | Buffer {
  if (!hasRawBytes(file)) return file;
  return Buffer.concat(
    [...file].map((ch) => {
      const byte = rawByte(ch);
      return byte === undefined ? Buffer.from(ch, "utf8") : Buffer.of(byte);
    }),
  );
}
