// The shape ARCHITECTURE.md describes, kept true: build/ is folders by concern, each importing only
// folders below it (commands → features → pipeline → compile → lint → model → sources, formats,
// bundle → twee → shared), with the lint below the compiler's output, no import cycles, and no
// source file much past 300 lines.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../build/shared/paths.js";

/** Each folder of build/ and its layer: a module may import its own folder and lower layers only. */
const LAYERS: Readonly<Record<string, number>> = {
  shared: 0,
  twee: 1,
  bundle: 2,
  formats: 2,
  sources: 2,
  model: 3,
  lint: 4,
  compile: 5,
  pipeline: 6,
  twine: 7,
  overview: 8,
  site: 9,
  docs: 9,
  dev: 10,
  bench: 11,
  commands: 12,
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

  it("keeps the lint below the compiler's output: nothing in lint/ imports compile/", () => {
    expect(LAYERS.lint).toBeLessThan(LAYERS.compile!);
    const fromLint = buildFiles.filter((f) => folderOf(f) === "lint").flatMap((f) => importsOf(f).map((t) => [f, t] as const));
    expect(fromLint.filter(([, t]) => folderOf(t) === "compile").map(([f, t]) => `${f} → ${t}`)).toEqual([]);
    expect(fromLint.length).toBeGreaterThan(0);
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
