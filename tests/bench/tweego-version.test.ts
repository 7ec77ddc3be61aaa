// The benchmark's tweego column says which tweego it is: its version, as the binary answers, in
// each table's heading and in BENCHMARKS.md.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { tweegoName } from "../../build/bench/tweego.js";
import { root } from "../../build/shared/paths.js";
import { itWithTweego, testTweego } from "../harness/tweego.js";

const tweego = await testTweego();

it("BENCHMARKS.md names the tweego version of every tweego column", () => {
  const text = readFileSync(path.join(root, "BENCHMARKS.md"), "utf8");
  const headings = text.split("\n").filter((l) => l.startsWith("| ") && / tweego[ ,]/.test(l) && !l.includes("---"));
  const columns = headings.flatMap((l) => l.split(" | ").filter((c) => /^tweego\b/.test(c) && !/ grew$/.test(c)));
  expect(columns.length).toBeGreaterThanOrEqual(3);
  for (const c of columns) expect(c).toMatch(/^tweego \d+\.\d+\.\d+, /);
});

itWithTweego(
  tweego,
  (tweego) => `names the real tweego by the version it answers (${tweego.version})`,
  async (tweego) => {
    expect(await tweegoName(tweego.binary)).toBe(`tweego ${tweego.version}`);
  },
);
