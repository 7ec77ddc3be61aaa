// esbuild: macros/ → one browser script for the Story JavaScript; styles/ → the Story Stylesheet.
import path from "node:path";
import * as esbuild from "esbuild";
import { BuildError } from "./errors.js";
import { macrosEntry, root, shown, stylesEntry } from "./paths.js";

export interface BundleEntries {
  readonly macros: string;
  readonly styles: string;
}

export interface Bundle {
  readonly script: string;
  readonly stylesheet: string;
}

const shared: esbuild.BuildOptions = {
  bundle: true,
  write: false,
  absWorkingDir: root,
  logLevel: "silent",
  legalComments: "none",
  charset: "utf8",
};

/** esbuild's first error, as our error with its file:line:column; anything else as it is. */
export function esbuildError(error: unknown, workingDir = root): unknown {
  const failure = error as Partial<esbuild.BuildFailure>;
  const first = failure.errors?.[0];
  if (!first) return error;
  const loc = first.location;
  const more = failure.errors!.length > 1 ? ` (and ${failure.errors!.length - 1} more)` : "";
  return new BuildError(
    `${first.text}${more}`,
    loc ? { file: shown(path.resolve(workingDir, loc.file)), line: loc.line, column: loc.column + 1 } : undefined,
    loc?.suggestion ? `write "${loc.suggestion}"` : (first.notes[0]?.text ?? "fix the code at that line"),
  );
}

const toBuildError = (error: unknown): never => {
  throw esbuildError(error);
};

async function one(options: esbuild.BuildOptions): Promise<string> {
  try {
    const result = await esbuild.build({ ...shared, ...options });
    return result.outputFiles![0]!.text;
  } catch (error) {
    return toBuildError(error);
  }
}

// An IIFE keeps our names out of the story's global scope; SugarCube's globals stay visible.
const scriptOptions = (macros: string): esbuild.BuildOptions => ({
  entryPoints: [macros],
  format: "iife",
  target: "es2017",
  platform: "browser",
});
const styleOptions = (styles: string): esbuild.BuildOptions => ({
  entryPoints: [styles],
  loader: { ".css": "css" },
  target: "chrome80",
});

const finish = (script: string, stylesheet: string): Bundle => ({ script: script.trim(), stylesheet: stylesheet.trim() });

export async function bundle(entries: Partial<BundleEntries> = {}): Promise<Bundle> {
  const { macros = macrosEntry, styles = stylesEntry } = entries;
  const [script, stylesheet] = await Promise.all([one(scriptOptions(macros)), one(styleOptions(styles))]);
  return finish(script, stylesheet);
}

/** Bundles again and again from the same entries, for npm run dev. */
export interface Bundler {
  /** The bundle as the files are now; esbuild re-reads and re-parses only what changed. */
  rebuild(): Promise<Bundle>;
  /** Stops esbuild's contexts; call once, at the end. */
  dispose(): Promise<void>;
}

/** Same options and output as bundle(), but kept in esbuild contexts so a rebuild is incremental. */
export async function createBundler(entries: Partial<BundleEntries> = {}): Promise<Bundler> {
  const { macros = macrosEntry, styles = stylesEntry } = entries;
  const [script, stylesheet] = await Promise.all([
    esbuild.context({ ...shared, ...scriptOptions(macros) }),
    esbuild.context({ ...shared, ...styleOptions(styles) }),
  ]);
  const text = (ctx: esbuild.BuildContext) =>
    ctx.rebuild().then(
      (result) => result.outputFiles![0]!.text,
      (error: unknown) => toBuildError(error),
    );
  return {
    rebuild: async () => {
      const [js, css] = await Promise.all([text(script), text(stylesheet)]);
      return finish(js, css);
    },
    dispose: async () => {
      await Promise.all([script.dispose(), stylesheet.dispose()]);
    },
  };
}
