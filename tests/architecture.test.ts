// The shape ARCHITECTURE.md describes, kept true: build/ is folders by concern, each importing only
// folders below it (commands → features → pipeline → lint → compile → story-format → twee → shared), no import
// cycles, and no source file much past 300 lines.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../build/shared/paths.js";

/** Each folder of build/ and its layer: a module may import its own folder and lower layers only. */
const LAYERS: Readonly<Record<string, number>> = {
  shared: 0,
  twee: 1,
  "story-format": 2,
  compile: 3,
  lint: 4,
  pipeline: 5,
  twine: 6,
  overview: 7,
  site: 8,
  docs: 8,
  dev: 9,
  bench: 10,
  commands: 11,
};

const filesUnder = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));

const buildFiles = filesUnder("build").filter((f) => !f.startsWith("build/site/template/"));
const folderOf = (file: string) => file.split("/")[1]!;

/** The build/ modules a file imports (static, dynamic and type imports), as project paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]!);
  return specs
    .map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.js$/, ".ts"))
    .filter((t) => t.startsWith("build/"));
}

describe("build/", () => {
  it("has only the folders of ARCHITECTURE.md, plus launch.js at its top", () => {
    const top = buildFiles.filter((f) => f.split("/").length === 2);
    expect(top).toEqual(["build/launch.js"]);
    expect([...new Set(buildFiles.filter((f) => f.split("/").length > 2).map(folderOf))].sort()).toEqual(Object.keys(LAYERS).sort());
    const architecture = readFileSync(path.join(root, "ARCHITECTURE.md"), "utf8");
    for (const folder of Object.keys(LAYERS)) expect(architecture, `ARCHITECTURE.md names build/${folder}/`).toContain(`build/${folder}/`);
  });

  it("imports only its own folder or a lower layer", () => {
    const upward: string[] = [];
    for (const file of buildFiles.filter((f) => f !== "build/launch.js")) {
      for (const target of importsOf(file)) {
        if (target === "build/launch.js") continue;
        const [from, to] = [folderOf(file), folderOf(target)];
        if (from !== to && !(LAYERS[to]! < LAYERS[from]!)) upward.push(`${file} → ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("has no import cycles", () => {
    const graph = new Map(buildFiles.map((f) => [f, importsOf(f).filter((t) => t !== f)]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

/** "About 300 lines": a file may run a little past 300, not far. */
const MAX_LINES = 330;

it(`keeps every source and test file under about 300 lines (at most ${MAX_LINES})`, () => {
  const code = [...buildFiles, ...filesUnder("macros"), ...filesUnder("tests").filter((f) => !f.startsWith("tests/fixtures/"))];
  const long = code
    .map((f) => ({ f, lines: readFileSync(path.join(root, f), "utf8").split("\n").length }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ f, lines }) => `${f}: ${lines} lines`);
  expect(long).toEqual([]);
});
