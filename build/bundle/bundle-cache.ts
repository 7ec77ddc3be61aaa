// Outputs of esbuild reused from .cache/bundles/ while none of the files they were made from has
// changed (compared by content), so `npm run build` or `npm run lint` need not load and start
// esbuild at all (its start-up is a large part of a small build): the macros and styles bundle,
// and the macro specs' bundle (macro-specs.ts). The inputs are the files esbuild read (recorded
// as it read them), esbuild's package.json and the module that sets its options, so a reused
// output is always the one esbuild would make now.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Bundle, BundleEntries, BundleOptions } from "./bundle.js";
import type { ReadRecorder } from "./esbuild-util.js";
import { root } from "../shared/paths.js";
import { writeAtomic, keepNewest } from "../shared/output.js";

export const bundleCacheDir = path.join(root, ".cache", "bundles");
/** Entries kept: one per entry files and mode in use; tests make a few with their own entries. */
const KEEP = 20;
/** What else decides an output, besides the files esbuild reads: esbuild's version, and `options` (the module that sets them). */
const always = (options: string) => [
  path.join(root, "build", options),
  path.join(root, "node_modules", "esbuild", "package.json"),
];

const sha = (text: string | Buffer) => createHash("sha1").update(text).digest("hex");

/** The entry format: entries of another (older: inputs by absolute path) are made again. */
const FORMAT = 2;

interface Entry<T> {
  readonly format: typeof FORMAT;
  /** File (project-relative when inside the project, so a copied project checks its own files) → sha1 of its content. */
  readonly inputs: Record<string, string>;
  readonly output: T;
}

/** How an input is named in an entry: relative to the project when inside it. A copy of the
 *  project, .cache/ and all, then checks (and bundles) its own files, not the original's. */
function inputName(file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative.split(path.sep).join("/");
}

async function unchanged(inputs: Record<string, string>): Promise<boolean> {
  const same = await Promise.all(
    Object.entries(inputs).map(([file, hash]) =>
      readFile(path.resolve(root, file)).then(
        (text) => sha(text) === hash,
        () => false,
      ),
    ),
  );
  return same.every(Boolean);
}

async function readEntry<T>(file: string): Promise<Entry<T> | null> {
  try {
    const entry = JSON.parse(await readFile(file, "utf8")) as Entry<T>;
    return entry.format === FORMAT ? entry : null;
  } catch {
    return null;
  }
}

/**
 * `make(record)`, or its output from the cache file `name`.json while every input is unchanged.
 * `make` must report each file it reads to `record`; `options` names the module (under build/)
 * whose code sets esbuild's options. Plain JSON values only.
 */
export async function cachedBuild<T>(
  name: string,
  options: string,
  make: (record: ReadRecorder) => Promise<T>,
): Promise<T> {
  const file = path.join(bundleCacheDir, `${name}.json`);
  const hit = await readEntry<T>(file);
  if (hit && (await unchanged(hit.inputs))) return hit.output;

  const inputs: Record<string, string> = {};
  for (const f of always(options)) inputs[inputName(f)] = sha(await readFile(f));
  const output = await make((f, text) => (inputs[inputName(f)] = sha(text)));
  try {
    await writeAtomic(file, JSON.stringify({ format: FORMAT, inputs, output } satisfies Entry<T>));
    await keepNewest(bundleCacheDir, KEEP, (n) => n.endsWith(".json"));
  } catch {
    // A cache that cannot be written (a read-only checkout) only costs the next build its time.
  }
  return output;
}

/** Where the bundle of these entries and options is kept. */
export const cacheFile = (entries: Partial<BundleEntries>, options: BundleOptions) =>
  path.join(bundleCacheDir, `${cacheName(entries, options)}.json`);
const cacheName = (entries: Partial<BundleEntries>, options: BundleOptions) =>
  sha(JSON.stringify([entries.macros, entries.styles, Boolean(options.debug)]));

/** bundle(entries, options), or the same bundle from the cache. */
export const cachedBundle = (entries: Partial<BundleEntries> = {}, options: BundleOptions = {}): Promise<Bundle> =>
  cachedBuild(cacheName(entries, options), "bundle/bundle.ts", async (record) =>
    (await import("./bundle.js")).bundle(entries, options, record),
  );
