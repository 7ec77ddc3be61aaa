// A page's <head> content (compile/head.ts, head-files.ts): where and how it goes in (tweego's
// --head, checked byte for byte against the real tweego in parity.test.ts), the link-preview tags
// and their escaping, the site's address, the preview picture beside the page, and what the
// built mysteries and the index page have.
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { FAVICON_URI, insertHead, pageHead, previewTags } from "../../build/compile/head.js";
import { mysteryFacts, publishPreview, readHeadInputs, siteUrl } from "../../build/compile/head-files.js";
import { readTitle } from "../../build/site/puzzles.js";
import { display, distDir, root, storiesDir } from "../../build/shared/paths.js";
import { buildStory } from "../../build/pipeline/build-story.js";
import { readSources } from "../../build/sources/mystery-files.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { mysteries } from "../harness/mysteries.js";
import { scratchStory } from "../harness/scratch.js";

const CORPUS = path.join(root, "tests", "fixtures", "parity");
const PAGE = "<html><head><title>x</title></head><body>b</body></html>";

/** The head of a page, as a browser reads it. */
const headOf = (html: string) => new JSDOM(html).window.document.head;
const content = (head: HTMLHeadElement, key: string) =>
  head.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content");

describe("insertHead, as tweego's --head", () => {
  it("puts the text, trimmed of Go's whitespace, and a newline in place of the first </head>", () => {
    expect(insertHead(PAGE, "\u00a0\n<meta a>\u0085 ")).toBe(
      "<html><head><title>x</title><meta a>\n</head><body>b</body></html>",
    );
    expect(insertHead(`${PAGE}</head>`, "<m>")).toBe(`${PAGE.replace("</head>", "<m>\n</head>")}</head>`);
    expect(insertHead(PAGE, '<meta content="$& $\' $`">')).toContain('<meta content="$& $\' $`">\n</head>');
  });

  it("leaves a page as it is for an empty text, or a page with no </head>", () => {
    expect(insertHead(PAGE, " \n\t")).toBe(PAGE);
    expect(insertHead("<p>no head</p>", "<meta a>")).toBe("<p>no head</p>");
  });

  it("reads the text as tweego reads a file: CRLF and CR made LF, a BOM dropped", () => {
    expect(pageHead({ title: "T", description: "" }, ["<a>\r\n<b>\r<c>"]).endsWith("<a>\n<b>\n<c>")).toBe(true);
  });
});

describe("the parity corpus's head story (tweego gives the same bytes: parity.test.ts)", () => {
  it("goes just before the template's </head>, as tweego's --head puts it: link previews (escaped), the favicon, the project's head.html, the mystery's", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "head-"));
    const { outFile } = await buildStory({ ...mysteryTarget("head", CORPUS, out), lint: false }, "native");
    const html = readFileSync(outFile, "utf8");
    const end = html.indexOf("</head>\n<body>"); // the template's (the author's text has one too: the lint says no)
    const added = html.slice(html.indexOf("</style>\n<meta") + 9, end);
    const head = new JSDOM(`<!DOCTYPE html><head>${added}</head>`).window.document.head;
    const meta = (key: string) =>
      head.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content");
    const title = 'Quotes " and <angle> & $& in a title';
    const teaser = 'A "teaser" with <b>tags</b> & $\' in it';
    expect([meta("og:title"), meta("og:description"), meta("description")]).toEqual([title, teaser, teaser]);
    expect([meta("og:type"), meta("og:image"), meta("twitter:card")]).toEqual([
      "website",
      "head.preview.png",
      "summary_large_image",
    ]);
    expect(added).toContain(
      `content="${title.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}"`,
    );
    expect(readFileSync(path.join(out, "head.preview.png"))).toEqual(
      readFileSync(path.join(CORPUS, "head", "preview.png")),
    );
    const icon = head.querySelector('link[rel="icon"]')!.getAttribute("href")!;
    expect(decodeURIComponent(icon.replace("data:image/svg+xml,", ""))).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^]*<\/svg>$/,
    );
    // The project's head.html, then the mystery's: BOM, CR and CRLF read as tweego reads a file, Go's whitespace trimmed.
    expect(added.slice(added.indexOf('<meta name="generator"'))).toBe(
      '<meta name="generator" content="parity corpus">\n<meta name="color-scheme" content="dark">\n' +
        '<meta name="author" content="Ünï $& $\' </head> “q”">\n<style>body { --x: 1; }</style>\n<!-- a comment -->\n',
    );
    expect(end, "the template's </head>, after the added text").toBe(html.indexOf("<!-- a comment -->\n</head>") + 19);
  });
});

describe("link previews", () => {
  const title = 'Quote " and <angle> & co';
  const facts = { title, description: 'A "teaser" <b>' };

  it("escape the title and teaser, so a browser reads them back exactly", () => {
    const head = headOf(`<head>${previewTags(facts).join("\n")}</head>`);
    expect([content(head, "og:title"), content(head, "og:description"), content(head, "description")]).toEqual([
      title,
      facts.description,
      facts.description,
    ]);
    expect([content(head, "og:type"), content(head, "twitter:card")]).toEqual(["website", "summary"]);
    expect(head.querySelectorAll("meta")).toHaveLength(5);
    expect(previewTags(facts).join("")).not.toMatch(/content="[^"]*[<>][^"]*"/);
  });

  it("show a large card with the picture, a favicon drawn inline, and no description without a teaser", () => {
    const tags = previewTags({ title: "T", description: "", image: "m.preview.png" });
    const head = headOf(`<head>${tags.join("")}</head>`);
    expect([content(head, "og:image"), content(head, "twitter:card"), content(head, "description")]).toEqual([
      "m.preview.png",
      "summary_large_image",
      undefined,
    ]);
    expect(head.querySelector('link[rel="icon"]')!.getAttribute("href")).toBe(FAVICON_URI);
    expect(decodeURIComponent(FAVICON_URI)).toMatch(/^data:image\/svg\+xml,<svg [^]*<\/svg>$/);
  });

  it("leave out a tag the author's head.html has already (its title, description or icon wins)", () => {
    const own =
      '<meta property="og:title" content="Mine">\n<META NAME=description content=x>\n<link rel="shortcut icon" href="data:,">';
    const tags = previewTags(facts, own).join("\n");
    expect(tags).not.toMatch(/og:title|name="description"|rel="icon"/);
    expect(tags).toContain('property="og:description"');
  });

  it("link absolutely when package.json's homepage gives the site's address", () => {
    expect(siteUrl("https://me.example/mysteries")).toBe("https://me.example/mysteries/");
    expect(siteUrl(undefined)).toBeUndefined();
    expect(() => siteUrl("ftp://me.example/")).toThrow(/homepage.*not an http\(s\) address/);
    const inputs = { files: [], texts: [], teaser: "t", preview: "preview.jpg" };
    expect(mysteryFacts("stale-cache", "T", inputs, "https://me.example/m/")).toEqual({
      title: "T",
      description: "t",
      image: "https://me.example/m/stale-cache.preview.jpg",
      url: "https://me.example/m/stale-cache.html",
    });
    expect(mysteryFacts("stale-cache", "T", { ...inputs, preview: undefined }, undefined)).toEqual({
      title: "T",
      description: "t",
    });
  });
});

describe("a mystery's head files", () => {
  it("are not story: head.html and preview.png at its top are not read as passages (in a subfolder a picture still is)", async () => {
    const { dir, out } = scratchStory("pool-that-ran-dry");
    writeFileSync(path.join(dir, "head.html"), '<meta name="x" content="y">\r\n');
    writeFileSync(path.join(dir, "preview.png"), "not really a png");
    writeFileSync(path.join(dir, "preview.jpg"), "second choice");
    const sources = (await readSources(dir)).map((f) => path.basename(f.path));
    expect(sources).not.toContain("head.html");
    expect(sources).not.toContain("preview.png");
    const inputs = await readHeadInputs(dir);
    expect([inputs.files.map((f) => f.path), inputs.texts, inputs.preview]).toEqual([
      [display(path.join(dir, "head.html"))],
      ['<meta name="x" content="y">\n'],
      "preview.png",
    ]);
    expect(inputs.teaser).toBe(readFileSync(path.join(dir, "teaser.txt"), "utf8").split("\n")[0]);

    await publishPreview(dir, inputs, out);
    expect(readFileSync(path.join(out, "pool-that-ran-dry.preview.png"), "utf8")).toBe("not really a png");
    writeFileSync(path.join(out, "pool-that-ran-dry.preview.jpg"), "a stale copy");
    await publishPreview(dir, { ...inputs, preview: undefined }, out);
    expect(["png", "jpg"].map((e) => existsSync(path.join(out, `pool-that-ran-dry.preview.${e}`)))).toEqual([
      false,
      false,
    ]);
  });

  it("a symbolic link out of the project is refused, naming it", async () => {
    const { dir } = scratchStory("pool-that-ran-dry");
    const outside = path.join(mkdtempSync(path.join(os.tmpdir(), "outside-")), "head.html");
    writeFileSync(outside, "<meta>");
    symlinkSync(outside, path.join(dir, "head.html"));
    await expect(readHeadInputs(dir)).rejects.toThrow(
      /head\.html is a symbolic link, not followed: it points outside the project/,
    );
  });
});

describe("the built pages", () => {
  it.each(mysteries)("%s has its link preview and favicon in its <head>", async (m) => {
    const html = readFileSync(path.join(distDir, `${m}.html`), "utf8");
    const end = html.indexOf("</head>");
    // What went in: after the template's last stylesheet, up to its </head> (jsdom on 600 KB is slow).
    const head = headOf(`<head>${html.slice(html.lastIndexOf("</style>", end) + 8, end)}</head>`);
    const [title, { teaser }] = await Promise.all([
      readTitle(path.join(storiesDir, m)),
      readHeadInputs(path.join(storiesDir, m)),
    ]);
    expect(teaser).not.toBe("");
    expect([content(head, "og:title"), content(head, "og:description"), content(head, "description")]).toEqual([
      title,
      teaser,
      teaser,
    ]);
    expect(head.querySelector('link[rel="icon"]')?.getAttribute("href")).toBe(FAVICON_URI);
    expect(html.indexOf(`<title>${title}</title>`), "SugarCube's own title, before them").toBeLessThan(end);
  });

  it("the index page has its link preview and favicon in its <head>", () => {
    const head = headOf(readFileSync(path.join(distDir, "index.html"), "utf8").split("<body>")[0]!);
    expect(content(head, "og:title")).toBe("Debugging mysteries: all puzzles");
    expect(content(head, "og:description")).toMatch(/^Investigate a real-looking bug/);
    expect(head.querySelector('link[rel="icon"]')?.getAttribute("href")).toBe(FAVICON_URI);
  });
});
