// esbuild: macros/ → one browser script for the Story JavaScript; styles/ → the Story Stylesheet.
import * as esbuild from "esbuild";
import { BuildError } from "./errors.js";
import { display, macrosEntry, root, stylesEntry } from "./paths.js";

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

/** esbuild's first error, as our error with its file:line:column. */
function toBuildError(error: unknown): never {
  const failure = error as Partial<esbuild.BuildFailure>;
  const first = failure.errors?.[0];
  if (!first) throw error;
  const loc = first.location;
  const more = failure.errors!.length > 1 ? ` (and ${failure.errors!.length - 1} more)` : "";
  throw new BuildError(
    `${first.text}${more}`,
    loc ? { file: display(`${root}/${loc.file}`), line: loc.line, column: loc.column + 1 } : undefined,
    loc?.suggestion ? `write "${loc.suggestion}"` : (first.notes[0]?.text ?? "fix the code at that line"),
  );
}

async function one(options: esbuild.BuildOptions): Promise<string> {
  try {
    const result = await esbuild.build({ ...shared, ...options });
    return result.outputFiles![0]!.text;
  } catch (error) {
    return toBuildError(error);
  }
}

export async function bundle(entries: Partial<BundleEntries> = {}): Promise<Bundle> {
  const { macros = macrosEntry, styles = stylesEntry } = entries;
  const [script, stylesheet] = await Promise.all([
    // An IIFE keeps our names out of the story's global scope; SugarCube's globals stay visible.
    one({ entryPoints: [macros], format: "iife", target: "es2017", platform: "browser" }),
    one({ entryPoints: [styles], loader: { ".css": "css" }, target: "chrome80" }),
  ]);
  return { script: script.trim(), stylesheet: stylesheet.trim() };
}
