// Is a picture passage's data a whole, decodable picture? Twine keeps pictures as data URIs in
// Twine.image passages (base64, or percent-encoded as our build writes small SVGs); an interrupted download or a bad edit leaves one cut off, and writing
// it back would replace a good file with a broken one. Pure.
import { JSDOM } from "jsdom";

/** The picture types a mystery keeps as files, by MIME type: the file extension. */
export const IMAGE_EXT: Readonly<Record<string, string>> = {
  "image/svg+xml": "svg",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/tiff": "tif",
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PNG_START = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]); // IEND

/** Why the bytes are not a whole picture of that type, or undefined when they are. */
function incomplete(type: string, bytes: Buffer): string | undefined {
  const starts = (b: Buffer | string) => bytes.subarray(0, b.length).equals(Buffer.from(b));
  const ends = (b: Buffer | string) =>
    bytes.length >= b.length && bytes.subarray(bytes.length - b.length).equals(Buffer.from(b));
  switch (type) {
    case "image/png":
      return starts(PNG_START) && ends(PNG_END)
        ? undefined
        : "the PNG data is cut off or damaged (no PNG header or no IEND chunk at the end)";
    case "image/jpeg":
      return starts(Buffer.from([0xff, 0xd8])) && ends(Buffer.from([0xff, 0xd9]))
        ? undefined
        : "the JPEG data is cut off or damaged (no start or end marker)";
    case "image/gif":
      return starts("GIF8") && bytes.at(-1) === 0x3b
        ? undefined
        : "the GIF data is cut off or damaged (no header or trailer)";
    case "image/webp":
      return starts("RIFF") &&
        bytes.length >= 12 &&
        bytes.readUInt32LE(4) + 8 === bytes.length &&
        bytes.subarray(8, 12).toString() === "WEBP"
        ? undefined
        : "the WebP data is cut off or damaged (its RIFF size does not match)";
    case "image/tiff": // its end is not marked: only the header can be checked
      return starts("II*\0") || starts("MM\0*") ? undefined : "the TIFF data is damaged (no TIFF header)";
    case "image/svg+xml": {
      const text = new TextDecoder("utf-8", { fatal: true });
      try {
        const doc = new JSDOM(text.decode(bytes), { contentType: "image/svg+xml" }).window.document;
        return doc.documentElement.localName === "svg" ? undefined : "the SVG data has no <svg> element";
      } catch (e) {
        const where = (e as Error).message
          .split("\n")[0]!
          .replace(/^about:blank:(\d+):(\d+): /, "line $1, column $2: ");
        return `the SVG data is not well-formed XML (${where}): cut off or damaged`;
      }
    }
    default:
      return `"${type}" is not a picture type a mystery keeps (${Object.keys(IMAGE_EXT).join(", ")})`;
  }
}

/** A picture passage's text → its type and bytes, or why it is not a whole, decodable picture. */
export function readPicture(text: string): { type: string; ext: string; bytes: Buffer } | { problem: string } {
  // RFC 2397: base64, or (as the build writes SVGs when that is smaller, sources/data-uri.ts) percent-encoded.
  const m = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/s.exec(text.trim());
  if (!m) return { problem: "it is not a data URI (data:<type>;base64,… or data:<type>,…)" };
  const [, type, params, data] = m as unknown as [string, string, string, string];
  let bytes: Buffer;
  if (params.split(";").includes("base64")) {
    if (!BASE64.test(data) || data.length % 4 !== 0)
      return {
        problem:
          "its base64 data is damaged or cut off (characters outside base64, or a length that is not a multiple of 4)",
      };
    bytes = Buffer.from(data, "base64");
  } else {
    try {
      bytes = Buffer.from(decodeURIComponent(data), "utf8");
    } catch {
      return {
        problem: "its percent-encoded data is damaged or cut off (a % not followed by two hex digits, or not UTF-8)",
      };
    }
  }
  const problem = incomplete(type, bytes);
  return problem ? { problem } : { type, ext: IMAGE_EXT[type]!, bytes };
}
