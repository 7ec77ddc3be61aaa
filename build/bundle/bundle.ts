// build/bundle/: our macros and styles bundled with esbuild (cached by content), and the macro
// specs read from the macros in a sandbox. Imports build/shared/ only.
//
// esbuild: macros/ → one browser script for the Story JavaScript; styles/ → the Story Stylesheet.
import * as esbuild from "esbuild";
import { esbuildError, type ReadRecorder, recording } from "./esbuild-util.js";
import { macrosEntry, root, stylesEntry } from "../shared/paths.js";

export interface BundleEntries {
  readonly macros: string;
  readonly styles: string;
}

export interface Bundle {
  readonly script: string;
  readonly stylesheet: string;
}

/**
 * debug (`--test` builds): readable code with an inline source map, so an error in a macro points
 * at macros/<file>.ts:line in the browser's devtools. Otherwise (the files players get) minified.
 */
export interface BundleOptions {
  readonly debug?: boolean;
}

const shared: esbuild.BuildOptions = {
  bundle: true,
  write: false,
  absWorkingDir: root,
  logLevel: "silent",
  legalComments: "none",
  charset: "utf8",
};

const modeOptions = ({ debug = false }: BundleOptions, outName: string): esbuild.BuildOptions =>
  debug
    ? { sourcemap: "inline", sourcesContent: true, outfile: `${root}/${outName}` } // map paths: macros/<file>.ts
    : { minify: true };

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

/**
 * The Story JavaScript is one script made of every script passage joined, so the lines of our
 * chunk move with the story's own scripts before it. A debug bundle is therefore evaluated as a
 * script of its own (as webpack's eval-source-map does): its lines, its name and its source map
 * are its own wherever the chunk lands. A direct eval keeps SugarCube's scope.
 */
const debugScript = (code: string) => `eval(${JSON.stringify(`${code.trim()}\n//# sourceURL=story-macros.js\n`)});`;

const finish = (script: string, stylesheet: string, { debug = false }: BundleOptions): Bundle => ({
  script: debug ? debugScript(script) : script.trim(),
  stylesheet: stylesheet.trim(),
});

export async function bundle(
  entries: Partial<BundleEntries> = {},
  options: BundleOptions = {},
  record?: ReadRecorder,
): Promise<Bundle> {
  const { macros = macrosEntry, styles = stylesEntry } = entries;
  const plugins = record ? [recording(record)] : [];
  const [script, stylesheet] = await Promise.all([
    one({ ...scriptOptions(macros), ...modeOptions(options, "story-macros.js"), plugins }),
    one({ ...styleOptions(styles), ...modeOptions(options, "story-styles.css"), plugins }),
  ]);
  return finish(script, stylesheet, options);
}

/** Bundles again and again from the same entries, for npm run dev. */
export interface Bundler {
  /** The bundle as the files are now; esbuild re-reads and re-parses only what changed. */
  rebuild(): Promise<Bundle>;
  /** Stops esbuild's contexts; call once, at the end. */
  dispose(): Promise<void>;
}

/** Same options and output as bundle(), but kept in esbuild contexts so a rebuild is incremental. */
export async function createBundler(
  entries: Partial<BundleEntries> = {},
  options: BundleOptions = {},
): Promise<Bundler> {
  const { macros = macrosEntry, styles = stylesEntry } = entries;
  const [script, stylesheet] = await Promise.all([
    esbuild.context({ ...shared, ...scriptOptions(macros), ...modeOptions(options, "story-macros.js") }),
    esbuild.context({ ...shared, ...styleOptions(styles), ...modeOptions(options, "story-styles.css") }),
  ]);
  const text = (ctx: esbuild.BuildContext) =>
    ctx.rebuild().then(
      (result) => result.outputFiles![0]!.text,
      (error: unknown) => toBuildError(error),
    );
  return {
    rebuild: async () => {
      const [js, css] = await Promise.all([text(script), text(stylesheet)]);
      return finish(js, css, options);
    },
    dispose: async () => {
      await Promise.all([script.dispose(), stylesheet.dispose()]);
    },
  };
}
