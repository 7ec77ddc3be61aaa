// What one mystery's build takes and where it goes: its files as the compilers get them (its own,
// pictures optimised, then our bundled macros, led by the build mark, and styles as generated
// files), who made the page (package.json), and the output file for each build mode.
import { createRequire } from "node:module";
import path from "node:path";
import type { Bundle, BundleEntries, BundleOptions } from "../bundle/bundle.js";
import { cachedBundle } from "../bundle/bundle-cache.js";
import { optimiseImages } from "../sources/images.js";
import type { MacroSpec } from "../../macros/define.js";
import { checkMysteryName } from "../shared/names.js";
import { distDir, root, storiesDir } from "../shared/paths.js";
import { readSources } from "../sources/mystery-files.js";
import type { SourceFile } from "../sources/sources.js";
import { type BuildMark, buildMark, markedScript, type OwnFile, ownFiles } from "./build-mark.js";

/** play: the file to publish; test: SugarCube's debug mode (Twine's "Test"); proof: Paperthin. */
export type BuildMode = "play" | "test" | "proof";

const SUFFIX: Readonly<Record<BuildMode, string>> = { play: "", test: ".test", proof: ".proof" };
/** What to build from where. */
export interface BuildTarget {
  readonly dir: string;
  readonly outFile: string;
  /** Defaults to macros/index.ts and styles/index.css. */
  readonly entries?: Partial<BundleEntries>;
  /** Macros and styles already bundled (npm run dev keeps them between builds); then `entries` is unused. */
  readonly bundle?: Bundle;
  /** Our macros' specs for the lint (bundle/macro-specs.ts); read from the macros folder when not given. */
  readonly specs?: readonly MacroSpec[];
  /** false skips the lint: for tests of the engine's own checks, on stories the lint refuses. */
  readonly lint?: boolean;
}

const pkg = createRequire(import.meta.url)("../../package.json") as {
  name: string;
  version: string;
  homepage?: string;
};
export const creator = { name: pkg.name, version: pkg.version };
/** Where the site is published, if package.json says (head-files.ts's siteUrl). */
export const homepage = pkg.homepage;

/** Generated inputs, named like files so tweego and the native compiler see the same thing. */
export const GENERATED = { script: "story-macros.js", stylesheet: "story-styles.css" } as const;

export function mysteryTarget(
  mystery: string,
  stories = storiesDir,
  out = distDir,
  mode: BuildMode = "play",
): BuildTarget {
  checkMysteryName(mystery);
  return { dir: path.join(stories, mystery), outFile: path.join(out, `${mystery}${SUFFIX[mode]}.html`) };
}

/** What a build published, for `npm run import` to find later (pipeline/build-record.ts keeps it). */
export interface PublishedBuild {
  readonly mark: BuildMark;
  /** The mystery's own files, as read (pictures not optimised), paths inside its folder. */
  readonly own: readonly OwnFile[];
  /** Our macros and styles as embedded (the script without the mark line). */
  readonly script: string;
  readonly stylesheet: string;
}

/**
 * A mystery's files as the compilers get them: its own files in walk order (SVGs optimised,
 * sources/images.ts), then the bundled macros (led by the build mark, build-mark.ts) and styles as
 * generated files (`generated`, for tweego, which reads files from disk), and what the build
 * publishes (`published`).
 */
export async function mysterySources(
  dir: string,
  entries?: Partial<BundleEntries>,
  premade?: Bundle,
  options: BundleOptions = {},
): Promise<{ files: SourceFile[]; generated: SourceFile[]; published: PublishedBuild }> {
  const [sources, code] = await Promise.all([readSources(dir), premade ?? cachedBundle(entries, options)]);
  return withBundle(await optimiseImages(sources), code, ownFiles(sources, path.resolve(dir), root));
}

/**
 * A mystery's own files (read, pictures optimised) with the bundled macros and styles after them;
 * given its files as read (`own`), the macros' chunk starts with the build mark.
 */
export function withBundle(
  sources: SourceFile[],
  code: Bundle,
  own: readonly OwnFile[] = [],
): { files: SourceFile[]; generated: SourceFile[]; published: PublishedBuild } {
  // A debug stylesheet's source map is right only when ours is the whole Story Stylesheet: the
  // mystery's own stylesheets, joined before it, would shift its lines. Wrong lines are worse than none.
  const ownCss = sources.some((f) => f.path.endsWith(".css"));
  const stylesheet = ownCss ? code.stylesheet.replace(/\n\/\*# sourceMappingURL=[^*]*\*\/$/, "") : code.stylesheet;
  const mark = buildMark(own, code.script, stylesheet);
  const generated: SourceFile[] = [
    { path: GENERATED.script, content: Buffer.from(markedScript(mark, code.script)) },
    { path: GENERATED.stylesheet, content: Buffer.from(stylesheet) },
  ];
  return { files: [...sources, ...generated], generated, published: { mark, own, script: code.script, stylesheet } };
}
