// Smaller pictures, the same picture: every SVG of a mystery is optimised by svgo before both
// compilers see it. Inkscape's exports carry each stroke's style in a group of its own; turned
// into presentation attributes, svgo can merge the groups and paths (the 50ms diagrams shrink to
// less than half; BENCHMARKS.md has the pictures' share of the page).
// tests/browser/pictures.browser.test.ts renders each before and after in Chromium. svgo is slow,
// to load and on a big diagram, so results are kept in .cache/svg/ by content (and svgo's version
// and options): a build loads svgo only for a picture it has not seen.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "svgo";
import { BuildError } from "../shared/errors.js";
import { root } from "../shared/paths.js";
import type { SourceFile } from "./sources.js";
import { writeAtomic, keepNewest } from "../shared/output.js";

export const SVGO_OPTIONS = {
  multipass: true,
  // preset-default keeps <title> and the viewBox (svgo 4); style="" → attributes lets it merge.
  plugins: ["preset-default", "convertStyleToAttrs"],
} as const satisfies Config;

export const svgCacheDir = path.join(root, ".cache", "svg");
/** Entries kept: every picture of every mystery, and some history. */
const KEEP = 500;

const sha = (text: string | Buffer) => createHash("sha1").update(text).digest("hex");

let version: Promise<string> | undefined;
/** What decides svgo's output besides the picture: its version and our options. */
const settings = () =>
  (version ??= readFile(path.join(root, "node_modules", "svgo", "package.json"), "utf8").then(
    (text) => `${(JSON.parse(text) as { version: string }).version} ${JSON.stringify(SVGO_OPTIONS)}`,
    () => `unknown ${JSON.stringify(SVGO_OPTIONS)}`,
  ));

let svgo: Promise<typeof import("svgo")> | undefined;

/** svgo's output for one SVG text; throws svgo's error for one it cannot parse. */
export async function optimiseSvg(text: string): Promise<string> {
  svgo ??= import("svgo");
  return (await svgo).optimize(text, SVGO_OPTIONS).data;
}

/** optimiseSvg, or its result from the cache. */
async function cachedOptimise(content: Buffer, shown: string): Promise<Buffer> {
  const file = path.join(svgCacheDir, `${sha(`${await settings()}\n${sha(content)}`)}.svg`);
  const hit = await readFile(file).catch(() => null);
  if (hit) return hit;
  let optimised: Buffer;
  try {
    optimised = Buffer.from(await optimiseSvg(content.toString("utf8")));
  } catch (error) {
    // A picture svgo cannot parse is one a browser cannot show either.
    const e = error as Error & { reason?: string; line?: number; column?: number };
    if (e.name !== "SvgoParserError") throw error;
    throw new BuildError(
      `this picture is not well-formed SVG: ${e.reason ?? e.message}`,
      { file: shown, line: e.line ?? 1, column: e.column },
      "fix the SVG at that line (or export it again from the drawing program)",
    );
  }
  try {
    await writeAtomic(file, optimised);
    await keepNewest(svgCacheDir, KEEP, (n) => n.endsWith(".svg"));
  } catch {
    // A cache that cannot be written costs the next build its time, nothing else.
  }
  return optimised;
}

const isSvg = (file: SourceFile) => /\.svg$/i.test(file.path);

/** The same files, each SVG's content optimised. */
export async function optimiseImages(files: readonly SourceFile[]): Promise<SourceFile[]> {
  return Promise.all(
    files.map(async (f) => (isSvg(f) ? { path: f.path, content: await cachedOptimise(f.content, f.path) } : f)),
  );
}
