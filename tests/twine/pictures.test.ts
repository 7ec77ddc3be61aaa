// readPicture: a picture passage's data is whole and decodable, or the import says why not.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { storiesDir } from "../../build/shared/paths.js";
import { readPicture } from "../../build/twine/pictures.js";

const uri = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString("base64")}`;
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);
const WEBP = Buffer.concat([
  Buffer.from("RIFF"),
  Buffer.from([12, 0, 0, 0]),
  Buffer.from("WEBPVP8 "),
  Buffer.from([0, 0, 0, 0]),
]);
const SVG = readFileSync(path.join(storiesDir, "50ms-request", "images", "win-picture.svg"));

describe("readPicture", () => {
  it.each([
    ["image/png", PNG, "png"],
    ["image/gif", GIF, "gif"],
    ["image/jpeg", JPEG, "jpg"],
    ["image/webp", WEBP, "webp"],
    ["image/svg+xml", SVG, "svg"],
  ])("takes a whole %s", (type, bytes, ext) => {
    expect(readPicture(uri(type, bytes))).toEqual({ type, ext, bytes });
  });

  it("takes a percent-encoded SVG, as the build writes one when that is smaller (sources/data-uri.ts)", () => {
    const text = SVG.toString("utf8");
    expect(readPicture(`data:image/svg+xml,${encodeURIComponent(text)}`)).toEqual({
      type: "image/svg+xml",
      ext: "svg",
      bytes: SVG,
    });
  });

  it.each([
    ["image/png", PNG, /PNG data is cut off/],
    ["image/gif", GIF, /GIF data is cut off/],
    ["image/jpeg", JPEG, /JPEG data is cut off/],
    ["image/webp", WEBP, /WebP data is cut off/],
    ["image/svg+xml", SVG, /SVG data is not well-formed XML \(line \d+, column \d+: .*\): cut off/],
  ])("refuses a %s cut short, even at a whole base64 quantum", (type, bytes, message) => {
    const cut = bytes.subarray(0, bytes.length - 3);
    expect(readPicture(uri(type, cut))).toEqual({ problem: expect.stringMatching(message) });
  });

  it.each([
    ["data:image/png;base64,iVBORw0KGgo", /length that is not a multiple of 4/],
    ["data:image/png;base64,iVBO Rw0K", /characters outside base64/],
    ["https://example.org/a.png", /not a data URI/],
    ["data:image/svg+xml,%3Csvg%ZZ", /percent-encoded data is damaged/],
    [
      "data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22%3E%3Cpath d=%22M0",
      /SVG data is not well-formed XML .*: cut off/,
    ],
    [uri("image/bmp", PNG), /"image\/bmp" is not a picture type a mystery keeps/],
    [uri("image/tiff", PNG), /TIFF data is damaged/],
  ])("refuses %s", (text, message) => {
    expect(readPicture(text)).toEqual({ problem: expect.stringMatching(message) });
  });
});
