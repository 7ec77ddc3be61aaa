// Our macros' specs, read from the macros folder as it is now (not imported once with the
// tools): esbuild bundles <macros>/all.ts for Node and it runs in a fresh VM context. So a
// TypeScript syntax error or a throw while the macros load is an author's error at
// `macros/x.ts:line:col` (mapped back through the source map), never a crash of the command, and
// npm run dev can read them again after every change to macros/ (its lint then equals npm run lint's).
// esbuild is loaded only when the specs' bundle is not in the cache (bundle-cache.ts).
import { createHash } from "node:crypto";
import { createRequire, SourceMap } from "node:module";
import path from "node:path";
import type * as esbuild from "esbuild";
import type { MacroSpec } from "../../macros/define.js";
import { cachedBuild } from "./bundle-cache.js";
import {
  DEFAULT_LIMITS,
  runSandboxed,
  runSandboxedSync,
  type SandboxLimits,
  type SandboxResult,
} from "./spec-sandbox.js";
import { esbuildError, recording } from "./esbuild-util.js";
import { BuildError } from "../shared/errors.js";
import { macrosEntry, shown } from "../shared/paths.js";
import { cachedResult } from "../shared/result-cache.js";

/** The module that lists every macro, beside the browser entry (macros/index.ts). */
export const specsModule = (entry = macrosEntry) => path.join(path.dirname(entry), "all.ts");

const GLOBAL = "__macroSpecs";
const OUT = "macro-specs.js";

const options = (entry: string) =>
  ({
    entryPoints: [specsModule(entry)],
    bundle: true,
    write: false,
    format: "iife",
    globalName: GLOBAL,
    platform: "neutral",
    target: "es2022",
    sourcemap: "external",
    // Beside the sources, so the map's paths are relative to the macros folder.
    outfile: path.join(path.dirname(entry), OUT),
    absWorkingDir: path.dirname(entry),
    logLevel: "silent",
  }) satisfies esbuild.BuildOptions;

/** Where in the TypeScript a stack's first frame in the bundle points, if it does. */
function origin(
  stack: string,
  map: SourceMap,
  dir: string,
): { file: string; line: number; column: number } | undefined {
  const m = new RegExp(`${OUT.replace(".", "\\.")}:(\\d+):(\\d+)`).exec(stack);
  return m ? mapped(map, Number(m[1]) - 1, Number(m[2]) - 1, dir) : undefined;
}

/** The bundled specs module and its source map. */
interface SpecsBundle {
  readonly js: string;
  readonly map: string;
}

const outputs = (result: esbuild.BuildResult): SpecsBundle => ({
  js: result.outputFiles!.find((f) => f.path.endsWith(".js"))!.text,
  map: result.outputFiles!.find((f) => f.path.endsWith(".map"))!.text,
});

const FIX_THROW =
  "the macro files run before any passage (and without SugarCube when the tools read their specs): keep work out of the top level, in the handlers";
const FIX_LIMIT =
  "a macro file's top level must finish: start repeated or waiting work (a loop, a Promise chain, a timer) in a handler or a SugarCube event, not when the file loads";

/** Where a position in the bundle (0-based) is in the TypeScript, if the map says. */
function mapped(
  map: SourceMap,
  line: number,
  column: number,
  dir: string,
): { file: string; line: number; column: number } | undefined {
  const entry = map.findEntry(line, column) as Partial<{
    originalSource: string;
    originalLine: number;
    originalColumn: number;
  }>;
  if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
  return {
    file: shown(path.resolve(dir, entry.originalSource)),
    line: entry.originalLine + 1,
    column: (entry.originalColumn ?? 0) + 1,
  };
}

/** The sandbox's answer → the specs, or a BuildError at the macro file that threw or would not finish. */
function specsFrom(result: SandboxResult, mapText: string, entry: string, limits: SandboxLimits): MacroSpec[] {
  const listFile = shown(specsModule(entry));
  const dir = path.dirname(entry);
  if (!result.ok && "thrown" in result) {
    const { message, stack } = result.thrown;
    const where = stack !== undefined ? origin(stack, new SourceMap(JSON.parse(mapText)), dir) : undefined;
    throw new BuildError(
      `the macros throw while loading: ${message}`,
      where ?? { file: listFile, line: 1, column: 1 },
      FIX_THROW,
    );
  }
  if (!result.ok) {
    const { running } = result;
    const where = running && mapped(new SourceMap(JSON.parse(mapText)), running.line, running.column, dir);
    const what = running && where ? ` (${running.name ? `\`${running.name}\`` : "this line"} was running here)` : "";
    const limit =
      result.limit === "time" ? `within ${limits.timeMs / 1000} s` : `within ${limits.memoryMb} MB of memory`;
    throw new BuildError(
      `the macros never finish loading: stopped, not done ${limit}${what}`,
      where || { file: listFile, line: 1, column: 1 },
      FIX_LIMIT,
    );
  }
  const list = (result.json === undefined ? undefined : (JSON.parse(result.json) as { macros?: unknown }))?.macros;
  const specs = Array.isArray(list) ? list.map((m: { spec?: MacroSpec }) => m?.spec) : undefined;
  if (!specs || specs.some((s) => typeof s?.name !== "string" || !Array.isArray(s.params))) {
    throw new BuildError(
      "macros/all.ts does not export `macros`, a list of macro definitions each with a spec",
      { file: listFile, line: 1, column: 1 },
      "export const macros = [ … ], each made with its spec (see macros/define.ts)",
    );
  }
  return specs as MacroSpec[];
}

/** Runs the bundled specs module in the sandbox (spec-sandbox.ts): its `macros` list's specs, or a BuildError. */
const evaluate = async ({ js, map }: SpecsBundle, entry: string, limits = DEFAULT_LIMITS): Promise<MacroSpec[]> =>
  specsFrom(await runSandboxed(js, OUT, GLOBAL, limits), map, entry, limits);

const evaluateSync = ({ js, map }: SpecsBundle, entry: string, limits = DEFAULT_LIMITS): MacroSpec[] =>
  specsFrom(runSandboxedSync(js, OUT, GLOBAL, limits), map, entry, limits);

/** The specs of the macros whose browser entry is `entry` (default macros/index.ts). */
/** The name of the specs' bundle (bundle-cache.ts) and of the specs themselves (result-cache.ts) in the cache. */
export const specsCacheName = (entry = macrosEntry) => `specs-${createHash("sha1").update(entry).digest("hex")}`;

export async function loadMacroSpecs(entry = macrosEntry, limits = DEFAULT_LIMITS): Promise<MacroSpec[]> {
  const name = specsCacheName(entry);
  const bundle = await cachedBuild(name, "bundle/macro-specs.ts", async (record) => {
    const esbuild = await import("esbuild");
    try {
      return outputs(await esbuild.build({ ...options(entry), plugins: [recording(record)] }));
    } catch (error) {
      throw esbuildError(error, path.dirname(entry));
    }
  });
  // The specs are plain data computed from the bundle alone: kept (shared/result-cache.ts) while
  // the bundle and our code are the same. A bundle that throws is never kept: it throws again.
  return cachedResult(
    "specs",
    name,
    { files: [{ path: OUT, content: Buffer.from(bundle.js) }], data: shown(entry) },
    () => evaluate(bundle, entry, limits),
  );
}

/** loadMacroSpecs without waiting (for the lint's default: tests and other pure callers). */
export function loadMacroSpecsSync(entry = macrosEntry, limits = DEFAULT_LIMITS): MacroSpec[] {
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  let result: esbuild.BuildResult;
  try {
    result = esbuild.buildSync(options(entry));
  } catch (error) {
    throw esbuildError(error, path.dirname(entry));
  }
  return evaluateSync(outputs(result), entry, limits);
}

let cached: readonly MacroSpec[] | undefined;
/**
 * The specs in macros/, read once per process: the default of the pure functions that take specs
 * (lint, docs, editor config). Commands load them themselves, so a broken macro is their error.
 */
export const ourMacroSpecs = (): readonly MacroSpec[] => (cached ??= loadMacroSpecsSync());

/** Reads the specs again and again, incrementally (npm run dev). */
export interface SpecLoader {
  load(): Promise<MacroSpec[]>;
  dispose(): Promise<void>;
}

export async function createSpecLoader(entry = macrosEntry, limits = DEFAULT_LIMITS): Promise<SpecLoader> {
  const esbuild = await import("esbuild");
  const context = await esbuild.context(options(entry));
  return {
    load: async () => {
      let result: esbuild.BuildResult;
      try {
        result = await context.rebuild();
      } catch (error) {
        throw esbuildError(error, path.dirname(entry));
      }
      return evaluate(outputs(result), entry, limits);
    },
    dispose: () => context.dispose(),
  };
}
