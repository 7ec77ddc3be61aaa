// The pictures players get (optimised by svgo, inlined as whichever data URI is smaller) look the
// same as the author's files: Chromium rasterises each picture both ways, as the built file holds
// it and as the original file (as a base64 data URI, as builds before svgo inlined it), at twice
// its size, and the two images must match within an explicit tolerance.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storiesDir } from "../../build/shared/paths.js";
import { mysteries } from "../harness/mysteries.js";
import { storyFile } from "../harness/player.js";
import { launchChromium } from "./chromium.js";

/**
 * How alike "the same" is. Path data rounded to 3 decimals and paths merged move an anti-aliased
 * edge by a fraction of a pixel: a few edge pixels change a little. A lost or moved stroke, a
 * changed colour or a missing label changes many pixels by a lot.
 */
const TOLERANCE = {
  /** Rendered at this many times the picture's own size. */
  scale: 2,
  /** A pixel counts as different when a channel (RGBA, 0–255) differs by more than this. */
  channel: 64,
  /** At most this share of the pixels may differ. */
  share: 0.002,
} as const;

interface Picture {
  readonly mystery: string;
  readonly name: string;
  readonly file: string;
  /** The data URI in the built file. */
  readonly built: string;
}

/** Every picture file of every mystery, with the data URI the built file holds for it. */
function pictures(): Picture[] {
  return mysteries.flatMap((mystery) => {
    const doc = new JSDOM(readFileSync(storyFile(mystery), "utf8")).window.document;
    const dir = path.join(storiesDir, mystery);
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => /\.svg$/i.test(f));
    return files.map((f) => {
      const name = path.basename(f).split(".")[0]!;
      const el = doc.querySelector(`tw-passagedata[name="${name}"]`);
      return { mystery, name, file: path.join(dir, f), built: el?.textContent ?? "" };
    });
  });
}

interface Comparison {
  readonly sizes: [string, string];
  readonly pixels: number;
  readonly different: number;
  readonly maxDelta: number;
}

/** Loads both images in the page, draws each on a canvas, and compares them pixel by pixel. */
function compare(page: Page, before: string, after: string): Promise<Comparison> {
  return page.evaluate(
    async ({ before, after, scale, channel }) => {
      const load = (src: string) =>
        new Promise<HTMLImageElement>((resolve, reject) => {
          const img = new Image();
          img.onload = () => resolve(img);
          img.onerror = () => reject(new Error(`cannot load ${src.slice(0, 60)}…`));
          img.src = src;
        });
      const [a, b] = [await load(before), await load(after)];
      const width = Math.ceil(a.naturalWidth * scale);
      const height = Math.ceil(a.naturalHeight * scale);
      const pixels = (img: HTMLImageElement) => {
        const canvas = document.createElement("canvas");
        canvas.width = width;
        canvas.height = height;
        const ctx = canvas.getContext("2d")!;
        ctx.drawImage(img, 0, 0, width, height);
        return ctx.getImageData(0, 0, width, height).data;
      };
      const [pa, pb] = [pixels(a), pixels(b)];
      let different = 0;
      let maxDelta = 0;
      for (let i = 0; i < pa.length; i += 4) {
        let delta = 0;
        for (let c = 0; c < 4; c++) delta = Math.max(delta, Math.abs(pa[i + c]! - pb[i + c]!));
        maxDelta = Math.max(maxDelta, delta);
        if (delta > channel) different++;
      }
      const size = (img: HTMLImageElement) => `${img.naturalWidth}×${img.naturalHeight}`;
      return { sizes: [size(a), size(b)] as [string, string], pixels: width * height, different, maxDelta };
    },
    { before, after, scale: TOLERANCE.scale, channel: TOLERANCE.channel },
  );
}

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(() => browser?.close());

const all = pictures();

describe("pictures", () => {
  it("every mystery's SVG files are in its built file, smaller", () => {
    expect(all.length).toBeGreaterThan(0);
    for (const p of all) {
      expect(p.built, `${p.name} in ${p.mystery}.html`).toMatch(/^data:image\/svg\+xml[,;]/);
      expect(p.built.length, p.name).toBeLessThan(Math.ceil(readFileSync(p.file).length * 1.34));
    }
  });

  it.each(all.map((p) => [`${p.mystery}/${p.name}`, p] as const))("%s renders as the original does", async (_, p) => {
    const original = `data:image/svg+xml;base64,${readFileSync(p.file).toString("base64")}`;
    const result = await compare(page, original, p.built);
    expect(result.sizes[1]).toBe(result.sizes[0]);
    expect(result.pixels).toBeGreaterThan(0);
    const share = result.different / result.pixels;
    const what = `${result.different} of ${result.pixels} pixels differ by more than ${TOLERANCE.channel} (max ${result.maxDelta})`;
    expect(share, what).toBeLessThanOrEqual(TOLERANCE.share);
  });

  it("the comparison sees a real change: a picture with one shape gone fails it", async () => {
    const p = all.find((x) => x.name === "win-picture") ?? all[0]!;
    const svg = readFileSync(p.file, "utf8");
    const broken = svg.replace(/<(rect|path|circle|ellipse|polygon|polyline|line)\b[^>]*\/>/, ""); // the first shape
    expect(broken).not.toBe(svg);
    const dataUri = (text: string) => `data:image/svg+xml;base64,${Buffer.from(text).toString("base64")}`;
    const result = await compare(page, dataUri(svg), dataUri(broken));
    expect(result.different / result.pixels).toBeGreaterThan(TOLERANCE.share);
  });
});
