// The shape ARCHITECTURE.md describes, kept true: build/ is folders by concern, each importing only
// folders below it (commands → features → pipeline → compile → lint → model → sources, installed-formats,
// bundle → story-format → twee → shared), with the lint below the compiler's output, no import
// cycles, no source file much past 300 lines, every lint code written in build/ registered in
// build/lint/codes.ts (and every one registered reported somewhere), passage kinds decided in one
// module and no macro name of ours written in build/.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LINT_CODES } from "../build/lint/codes.js";
import { root } from "../build/shared/paths.js";

/** Each folder of build/ and its layer: a module may import its own folder and lower layers only. */
const LAYERS: Readonly<Record<string, number>> = {
  shared: 0,
  twee: 1,
  "story-format": 2,
  bundle: 3,
  "installed-formats": 3,
  sources: 3,
  model: 4,
  lint: 5,
  compile: 6,
  pipeline: 7,
  twine: 8,
  overview: 9,
  site: 10,
  docs: 10,
  dev: 11,
  bench: 12,
  commands: 13,
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
    expect([...new Set(buildFiles.filter((f) => f.split("/").length > 2).map(folderOf))].sort()).toEqual(
      Object.keys(LAYERS).sort(),
    );
    const architecture = readFileSync(path.join(root, "ARCHITECTURE.md"), "utf8");
    for (const folder of Object.keys(LAYERS))
      expect(architecture, `ARCHITECTURE.md names build/${folder}/`).toContain(`build/${folder}/`);
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
    const fromLint = buildFiles
      .filter((f) => folderOf(f) === "lint")
      .flatMap((f) => importsOf(f).map((t) => [f, t] as const));
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
  const code = [
    ...buildFiles,
    ...filesUnder("macros"),
    ...filesUnder("tests").filter((f) => !f.startsWith("tests/fixtures/")),
  ];
  const long = code
    .map((f) => ({ f, lines: readFileSync(path.join(root, f), "utf8").split("\n").length }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ f, lines }) => `${f}: ${lines} lines`);
  expect(long).toEqual([]);
});

/** The text of the call or expression that starts at `from`: up to its closing bracket, or the `,`/`;` that ends it. */
function balanced(text: string, from: number): string {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === "`") {
      const close = text.indexOf(c, i + 1); // codes and the texts around them hold no escaped quotes that matter here
      i = close === -1 ? text.length : close;
    } else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) {
      if (--depth < 0) return text.slice(from, i);
      if (depth === 0 && "([{".includes(text[from]!)) return text.slice(from, i + 1); // the bracketed text ends where it closes
    } else if (depth === 0 && (c === "," || c === ";")) return text.slice(from, i);
  }
  return text.slice(from);
}

/** Its top-level arguments, from the text of a call's parentheses. */
function argumentsOf(call: string): string[] {
  const inner = call.slice(1, -1);
  const args: string[] = [];
  for (let at = 0; at <= inner.length; ) {
    const arg = balanced(inner, at);
    args.push(arg);
    at += arg.length + 1;
  }
  return args;
}

/** A string literal shaped like a code: not one compared with (`e.key === "ifid" ? …`) nor an index (`Options["code"]`). */
const CODE_LITERAL = /(?<![=!]=\s*|\[)"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)"/g;

/**
 * The lint codes a file reports, as written: the string literals of a diagnostic's code argument
 * (shared/diagnostic.ts's error(where, code, …) and warning(…)), of a `code:` property, and of what a
 * function declared to return a code returns.
 */
function codesWritten(source: string): string[] {
  const text = source.replace(/CodeFor<"\w+">/g, "CodeFor"); // the type of a code, not one
  const found: string[] = [];
  const literals = (expression: string) => [...expression.matchAll(CODE_LITERAL)].map((m) => m[1]!);
  for (const m of text.matchAll(/(?<![\w.])(?:error|warning)(?:\s*\))?\s*(?=\()/g))
    found.push(...literals(argumentsOf(balanced(text, m.index + m[0].length))[1] ?? ""));
  for (const m of text.matchAll(/\bcode:\s*/g)) found.push(...literals(balanced(text, m.index + m[0].length)));
  for (const m of text.matchAll(/\):\s*(?:LintCode|CodeFor)\s*(?=\{)/g)) {
    const body = balanced(text, m.index + m[0].length);
    for (const r of body.matchAll(/\breturn\b/g)) found.push(...literals(balanced(body, r.index + r[0].length)));
  }
  return found;
}

describe("lint codes (build/lint/codes.ts, the one list)", () => {
  const registered = Object.keys(LINT_CODES);
  const written = new Map(
    buildFiles
      .filter((f) => f !== "build/lint/codes.ts")
      .map((f) => [f, codesWritten(readFileSync(path.join(root, f), "utf8"))] as const),
  );

  it("every code a file of build/ reports is in the registry", () => {
    const unknown = [...written].flatMap(([f, codes]) =>
      codes.filter((c) => !registered.includes(c)).map((c) => `${f}: "${c}"`),
    );
    expect(unknown).toEqual([]);
  });

  it("every code in the registry is reported somewhere", () => {
    const used = new Set([...written.values()].flat());
    expect(registered.filter((c) => !used.has(c))).toEqual([]);
  });

  it("finds the codes as they are written: a call's argument, a ternary, a code: property, a function's return", () => {
    const text = [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text to search, with a template literal in it
      'found.push(error(locate(p, f(a, b)), "x-one", `a ${"y"}`, { fix: "z" }));',
      'warning(at, remote ? "x-two" : "x-three", "message")',
      'console.error("not-a-code", "nor-this")',
      '({ file, severity: "warning", code: "x-four", message: "m" })',
      'function which(e: E): CodeFor<"error"> {\n  if (e.key === "ifid") return "x-five";\n  return e.key !== "not-this" ? "x-six" : "x-seven";\n}',
      'const report = (where: Where, code: CodeFor<"warning">, message: string) => make("warning", where, code, message);',
      'let code: BuildAllOptions["code"];',
    ].join("\n");
    expect(codesWritten(text).sort()).toEqual(["x-five", "x-four", "x-one", "x-seven", "x-six", "x-three", "x-two"]);
  });
});

/** Project paths of build/'s own code, each line with its number, comments included. */
const lines = (file: string) =>
  readFileSync(path.join(root, file), "utf8")
    .split("\n")
    .map((text, i) => ({ text, at: `${file}:${i + 1}` }));
const quoted = (word: string) => `["'\`]${word.replace(/[.]/g, "\\.")}["'\`]`;

describe("one source for each fact", () => {
  it("decides passage kinds in build/story-format/passage-kinds.ts only: no tag or special-name test elsewhere", async () => {
    const kinds = await import("../build/story-format/passage-kinds.js");
    const { OUR_FORMAT } = await import("../build/story-format/formats.js");
    const f = OUR_FORMAT.passages;
    const tags = [
      ...Object.values(kinds.MEDIA_TAGS),
      "script",
      "stylesheet",
      "Twine.private",
      "ending",
      f.widgetTag,
      ...f.ignoredTags,
    ];
    const names = [kinds.STORY_TITLE, kinds.STORY_DATA, "StorySettings", "StoryIncludes", ...f.special];
    // A tag tested on a passage's tags (hasTag, tags.includes, a tag variable compared), or a name compared or looked for in a list.
    const tagTest = (t: string) =>
      new RegExp(
        `hasTag\\w*\\([^)]*${quoted(t)}|tags\\??\\.(?:includes|indexOf)\\(\\s*${quoted(t)}|\\b(?:t|tag)\\s*[!=]==?\\s*${quoted(t)}|${quoted(t)}(?:\\s*,\\s*["'\`][^"'\`]*["'\`])*\\s*\\]\\s*\\.(?:includes|some)\\(`,
      );
    const nameTest = (n: string) =>
      new RegExp(
        `[!=]==?\\s*${quoted(n)}|${quoted(n)}\\s*[!=]==?|(?:includes|has)\\(\\s*${quoted(n)}|${quoted(n)}(?:\\s*,\\s*["'\`][^"'\`]*["'\`])*\\s*\\]\\s*\\.(?:includes|some)\\(`,
      );
    const tests = [...tags.map(tagTest), ...names.map(nameTest)];
    const found = buildFiles
      .filter((file) => file !== "build/story-format/passage-kinds.ts")
      .flatMap(lines)
      .filter(({ text }) => tests.some((re) => re.test(text)))
      .map(({ at, text }) => `${at}: ${text.trim()}`);
    expect(found).toEqual([]);
  });
});

/**
 * Files of build/ that may write one of our macros' names, and why: none else does, not even in a
 * comment (what a macro does is in its spec: build/story-format/macro-roles.ts reads it).
 */
const MACRO_NAMES_ALLOWED: Readonly<Record<string, string>> = {
  // The widgets "The Case of the 50ms Request" was published with, under their author's names: data
  // about that story (which import --new recognises), not our macros, though ours took the names.
  "build/twine/original-widgets.ts": "the original story's widgets",
};

it("names none of our macros (macros/) in build/: every reader takes what a macro does from its spec", async () => {
  const { macros } = await import("../macros/all.js");
  const names = macros.map((m) => m.spec.name);
  expect(names.length).toBeGreaterThan(0);
  const named = (text: string) =>
    names.filter((n) => new RegExp(`(?<![\\w$-])${n.replace(/[-]/g, "\\-")}(?![\\w$-])`).test(text));
  const found = buildFiles
    .filter((file) => !Object.hasOwn(MACRO_NAMES_ALLOWED, file))
    .flatMap(lines)
    .flatMap(({ at, text }) => named(text).map((n) => `${at} names ${n}: ${text.trim()}`));
  expect(found).toEqual([]);
});

it("keeps each story format's folder behind its profile: only build/story-format/ imports build/story-format/<format>/", () => {
  const formatFolder = /^build\/story-format\/[^/]+\//;
  const through = buildFiles
    .filter((f) => !f.startsWith("build/story-format/"))
    .flatMap((f) =>
      importsOf(f)
        .filter((t) => formatFolder.test(t))
        .map((t) => `${f} → ${t}`),
    );
  expect(through).toEqual([]);
});
