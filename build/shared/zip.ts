// A zip archive that is the same bytes every time for the same files: entries sorted by their
// names' bytes, every date the format's first (1980-01-01 00:00), no extra fields or comments,
// UTF-8 names, each file deflated by zlib (deflateRawSync, level 9) or stored when that is no
// smaller. The layout is PKWARE's APPNOTE.TXT: a local header and the data of each file, then
// the central directory and its end record; no ZIP64 (a file or archive must stay under 4 GiB,
// and at most 65,535 files). Pure.
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntry {
  /** Its path in the archive: forward slashes, relative, no `..`. */
  readonly name: string;
  readonly content: Buffer;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** 2.0: deflate; the upper byte of "made by" says Unix, so the mode below is read. */
const VERSION = 20;
const MADE_BY = (3 << 8) | VERSION;
/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_NAMES = 0x0800;
/** 1980-01-01 in MS-DOS date form (year − 1980, month, day); 00:00:00 is 0. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** A regular file, rw-r--r--. */
const UNIX_FILE = 0o100644;
const MAX32 = 0xffffffff;

/** Why a name cannot be an entry's, or null. */
function nameProblem(name: string): string | null {
  if (name === "" || name.endsWith("/")) return "it names no file";
  if (name.startsWith("/") || /^[a-z]:/i.test(name)) return "it is absolute";
  if (name.includes("\\")) return "it has a backslash (zip paths use /)";
  if (name.split("/").some((part) => part === "" || part === "." || part === ".."))
    return "it has an empty, . or .. part";
  return null;
}

/** The archive of `entries` (in any order: they are sorted). */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const sorted = entries
    .map((e) => ({ ...e, bytes: Buffer.from(e.name, "utf8") }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  if (sorted.length > 0xffff) throw new Error(`a zip holds at most 65,535 files without ZIP64; got ${sorted.length}`);
  sorted.forEach((e, i) => {
    const problem = nameProblem(e.name);
    if (problem) throw new Error(`cannot put "${e.name}" in a zip: ${problem}`);
    if (i > 0 && e.bytes.equals(sorted[i - 1]!.bytes)) throw new Error(`"${e.name}" is in the zip twice`);
  });

  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of sorted) {
    const deflated = deflateRawSync(e.content, { level: 9 });
    const [method, data] = deflated.length < e.content.length ? [8, deflated] : [0, e.content];
    if (e.content.length >= MAX32 || offset >= MAX32)
      throw new Error(`"${e.name}" does not fit in a zip without ZIP64 (4 GiB)`);
    const crc = crc32(e.content) >>> 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.content.length, 22);
    local.writeUInt16LE(e.bytes.length, 26);
    local.writeUInt16LE(0, 28); // no extra field

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL, 0);
    header.writeUInt16LE(MADE_BY, 4);
    local.copy(header, 6, 4, 26); // version needed … uncompressed size: as in the local header
    header.writeUInt16LE(e.bytes.length, 28);
    // extra field, comment, disk number, internal attributes: 0 (30–37)
    header.writeUInt32LE((UNIX_FILE << 16) >>> 0, 38);
    header.writeUInt32LE(offset, 42);

    parts.push(local, e.bytes, data);
    central.push(header, e.bytes);
    offset += local.length + e.bytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  if (offset + directory.length >= MAX32) throw new Error("the zip does not fit without ZIP64 (4 GiB)");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  // this disk and the directory's: 0 (4–7)
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  // no comment (20)
  return Buffer.concat([...parts, directory, end]);
}
