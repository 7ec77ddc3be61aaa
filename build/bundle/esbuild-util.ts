// What bundle.ts and macro-specs.ts share around esbuild without loading it (types only here, so
// a command that reuses a cached bundle never starts esbuild): its errors as ours, and a plugin
// that records every file esbuild reads, for the caches (bundle-cache.ts).
import { readFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import path from "node:path";
import type * as esbuild from "esbuild";
import { BuildError } from "../shared/errors.js";
import { root, shown } from "../shared/paths.js";

/** Called with each file esbuild reads and its text: what an output was made from (bundle-cache.ts). */
export type ReadRecorder = (file: string, text: string) => void;

/**
 * The fix for an import of a package that is not installed. esbuild's own note ("mark the path as
 * external") would leave the import in the story, where a player's browser cannot load it.
 */
export function missingPackageFix(message: string): string | undefined {
  const spec = /^Could not resolve "([^"]+)"$/.exec(message)?.[1];
  if (!spec || spec.startsWith(".") || spec.startsWith("/")) return undefined;
  const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
  if (isBuiltin(spec))
    return `"${name}" is built into Node, and a macro runs in the player's browser: use a browser API instead`;
  return `install the package: npm install --save-dev ${name} (esbuild bundles it into the story)`;
}

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
    missingPackageFix(first.text) ??
      (loc?.suggestion ? `write "${loc.suggestion}"` : (first.notes[0]?.text ?? "fix the code at that line")),
  );
}

/** Reads every file through `record`, so the caller knows exactly what the output was made from. */
export const recording = (record: ReadRecorder): esbuild.Plugin => ({
  name: "record-reads",
  setup(build) {
    build.onLoad({ filter: /.*/, namespace: "file" }, async (args) => {
      const text = await readFile(args.path, "utf8");
      record(args.path, text);
      return { contents: text, loader: "default" };
    });
  },
});
