// Pictures: svgo's optimisation (cached by content), and the data URI each picture is inlined as.
// That the optimised pictures look the same is checked in Chromium (tests/browser/pictures.browser.test.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataUri, percentEncode } from "../../build/sources/data-uri.js";
import { BuildError } from "../../build/shared/errors.js";
import { optimiseImages, optimiseSvg } from "../../build/sources/images.js";
import { storiesDir } from "../../build/shared/paths.js";
import { filePassages } from "../../build/sources/sources.js";

const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`;

describe("data URIs", () => {
  it("percent-encodes SVG text where a URL or HTML would misread it, and it decodes back", () => {
    const text = svg(`<title>"50% faster" & #1 — it's 'ok' \\ <ok></title>\n\t<path d="M0 0h10"/>`);
    const encoded = percentEncode(text);
    expect(encoded).not.toMatch(/["'<>&#\n\t—]/u);
    expect(encoded).not.toMatch(/%(?![0-9A-F]{2})/);
    expect(decodeURIComponent(encoded)).toBe(text);
    expect(encoded).toContain("0 0 10 10"); // spaces stay
  });

  it("takes the smaller of percent-encoded text and base64 for SVG; base64 for everything else", () => {
    const small = Buffer.from(svg('<path d="M0 0h10v10H0z"/>'));
    expect(dataUri("image/svg+xml", small)).toBe(`data:image/svg+xml,${percentEncode(small.toString())}`);
    // All markup and no text: each < > " costs three bytes as %XX, more than base64's 4/3.
    const markup = Buffer.from(`<svg>${'<g a="" b="">'.repeat(50)}${"</g>".repeat(50)}</svg>`);
    expect(dataUri("image/svg+xml", markup)).toBe(`data:image/svg+xml;base64,${markup.toString("base64")}`);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    expect(dataUri("image/png", png)).toBe("data:image/png;base64,iVBORw==");
    const notUtf8 = Buffer.from([0x3c, 0x73, 0x76, 0x67, 0xff, 0x3e]);
    expect(dataUri("image/svg+xml", notUtf8)).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it("is what an image file's Twine.image passage holds", () => {
    const file = { path: "story/x/images/dot.v2.svg", content: Buffer.from(svg("<circle r='5'/>")) };
    expect(filePassages(file)).toEqual([
      expect.objectContaining({ name: "dot", tags: ["Twine.image"], text: dataUri("image/svg+xml", file.content) }),
    ]);
  });
});

describe("svgo", () => {
  const picture = path.join(storiesDir, "50ms-request", "images", "nagle-waiting.svg");

  it("keeps the title and the viewBox, and makes an Inkscape diagram much smaller", async () => {
    const original = readFileSync(picture, "utf8");
    const optimised = await optimiseSvg(original);
    expect(optimised).toContain("<title>");
    expect(optimised).toMatch(/viewBox="0 0 263\.449 130\.135"/);
    expect(optimised.length).toBeLessThan(original.length / 2);
  });

  it("optimises only SVG files, the same way every time (from the cache the second time)", async () => {
    const files = [
      { path: "story/x/images/a.svg", content: readFileSync(picture) },
      { path: "story/x/start.twee", content: Buffer.from(":: Start\nHi\n") },
      { path: "story/x/images/b.png", content: Buffer.from([1, 2, 3]) },
    ];
    const once = await optimiseImages(files);
    expect(once[1]).toBe(files[1]);
    expect(once[2]).toBe(files[2]);
    expect(once[0]!.path).toBe("story/x/images/a.svg");
    expect(once[0]!.content.toString()).toBe(await optimiseSvg(readFileSync(picture, "utf8")));
    expect((await optimiseImages(files))[0]!.content.equals(once[0]!.content)).toBe(true);
  });

  it("refuses a picture that is not well-formed SVG, naming its file and line", async () => {
    const broken = {
      path: "story/x/images/broken.svg",
      content: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n</svg>\n`),
    };
    const error = await optimiseImages([broken]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).location).toMatchObject({ file: "story/x/images/broken.svg", line: 3 });
    expect((error as BuildError).message).toMatch(/not well-formed SVG/);
  });
});
