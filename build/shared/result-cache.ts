// Results our code computes from a mystery's files, kept in .cache/<kind>/<name>.json so a build
// need not compute them again while nothing that decides them changed: the index page's facts of
// each mystery (site/puzzle-cache.ts) and the lint's diagnostics (lint/lint-cache.ts).
// The key is everything that decides a result: the files' names and bytes, the other data the
// computation reads (macro specs), and the code that computes it, as the compiled commands' key
// (a hash of every source file compiled into them, which build/launch.js sets before it starts a
// command). Without a key (code run from its TypeScript sources: tests, tsx) nothing is cached.
// One entry per name: a miss replaces it.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeAtomic } from "./output.js";
import { root } from "./paths.js";

const KEY = Symbol.for("twine-mysteries.commands-key");

/** Which code is running: the compiled commands' key (build/launch.js sets it), or null. */
export const commandsKey = (): string | null =>
  ((globalThis as Record<symbol, unknown>)[KEY] as string | undefined) ?? null;

/** Sets (or, with null, clears) the key: launch.js sets it the same way, through Symbol.for. */
export function setCommandsKey(key: string | null): void {
  (globalThis as Record<symbol, unknown>)[KEY] = key ?? undefined;
}

export const resultCacheDir = (kind: string) => path.join(root, ".cache", kind);

/** The entry format: another is computed again. */
const FORMAT = 1;

export interface CachedInputs {
  /** The files the result is computed from, in the order it reads them. */
  readonly files: readonly { readonly path: string; readonly content: Buffer }[];
  /** Whatever else it reads (plain JSON data). */
  readonly data: unknown;
}

function cacheKey(kind: string, code: string, { files, data }: CachedInputs): string {
  const hash = createHash("sha1").update(
    JSON.stringify([FORMAT, kind, code, data, files.map((f) => [f.path, f.content.length])]),
  );
  for (const f of files) hash.update(f.content);
  return hash.digest("hex");
}

/** `make()`, or what it returned before for the same inputs and code. `T` must be plain JSON data. */
export async function cachedResult<T>(
  kind: string,
  name: string,
  inputs: CachedInputs,
  make: () => T | Promise<T>,
): Promise<T> {
  const code = commandsKey();
  if (!code) return make();
  const key = cacheKey(kind, code, inputs);
  const file = path.join(resultCacheDir(kind), `${name}.json`);
  const hit = await readFile(file, "utf8").then(
    (text) => JSON.parse(text) as { key: string; result: T },
    () => null,
  );
  if (hit?.key === key) return hit.result;
  const result = await make();
  // A cache that cannot be written (a read-only project…) only costs the next build this work again.
  await writeAtomic(file, `${JSON.stringify({ key, result })}\n`).catch(() => undefined);
  return result;
}
