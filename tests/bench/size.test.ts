// The benchmark's size breakdown reads a built file back into its parts; here each part is
// checked against where it came from, so the numbers in BENCHMARKS.md mean what they say.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sizeBreakdown } from "../../build/bench/size.js";
import { bundle } from "../../build/bundle/bundle.js";
import { markLine } from "../../build/compile/build-mark.js";
import { findFormat } from "../../build/installed-formats/format.js";
import { storiesDir } from "../../build/shared/paths.js";
import { mysteries } from "../harness/mysteries.js";
import { storyFile } from "../harness/player.js";

describe.each(mysteries)("size breakdown of %s.html", (mystery) => {
  const html = readFileSync(storyFile(mystery), "utf8");
  const parts = sizeBreakdown(html);

  it("adds up to the file's size", () => {
    const { total, ...rest } = parts;
    expect(Object.values(rest).reduce((a, b) => a + b, 0)).toBe(Buffer.byteLength(html));
    expect(total).toBe(Buffer.byteLength(html));
  });

  it("counts the SugarCube template as the runtime, and passages apart from it", () => {
    const template = Buffer.byteLength(findFormat("SugarCube", "2.31.1", { file: "test", line: 1 }).source);
    expect(parts.runtime).toBeGreaterThanOrEqual(template - 100);
    expect(parts.runtime).toBeLessThan(template + 5_000);
    expect(parts.passages).toBeGreaterThan(10_000);
  });

  it("counts the macro bundle and the stylesheet as built by esbuild", async () => {
    const { script, stylesheet } = await bundle();
    // Each chunk is the bundle plus, when joined with the story's own code, one marker comment;
    // the macros' chunk also starts with the build mark's line (compile/build-mark.ts).
    const mark = Buffer.byteLength(
      `${markLine({ story: "0".repeat(16), script: "0".repeat(12), stylesheet: "0".repeat(12) })}\n`,
    );
    expect(parts.macros - mark - Buffer.byteLength(script)).toBeGreaterThanOrEqual(0);
    expect(parts.macros - mark - Buffer.byteLength(script)).toBeLessThan(100);
    expect(parts.stylesheet - Buffer.byteLength(stylesheet)).toBeGreaterThanOrEqual(0);
    expect(parts.stylesheet - Buffer.byteLength(stylesheet)).toBeLessThan(100);
  });

  it("counts pictures as assets exactly when the mystery has image files", () => {
    const images = readdirSync(path.join(storiesDir, mystery), { recursive: true }).filter((f) =>
      /\.(svg|png|jpe?g|gif|webp)$/i.test(String(f)),
    );
    if (images.length > 0) expect(parts.assets).toBeGreaterThan(0);
    else expect(parts.assets).toBe(0);
  });
});
