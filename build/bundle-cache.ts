// The macros and styles bundle of a cold build, reused from .cache/bundles/ when none of the files
// it was made from has changed (compared by content), so `npm run build` need not load and start
// esbuild at all (~50 ms of a ~150 ms build). The inputs are the files esbuild read (recorded as
// it read them), esbuild's package.json and bundle.ts itself (its options), so a reused bundle is
// always the one esbuild would make now.
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Bundle, BundleEntries, BundleOptions } from "./bundle.js";
import { root } from "./paths.js";

export const bundleCacheDir = path.join(root, ".cache", "bundles");
/** Entries kept: one per entry files and mode in use; tests make a few with their own entries. */
const KEEP = 20;
/** What else decides the output, besides the files esbuild reads. */
const ALWAYS = [path.join(root, "build", "bundle.ts"), path.join(root, "node_modules", "esbuild", "package.json")];

const sha = (text: string | Buffer) => createHash("sha1").update(text).digest("hex");

interface Entry {
  /** Absolute path → sha1 of its content. */
  readonly inputs: Record<string, string>;
  readonly bundle: Bundle;
}

async function unchanged(inputs: Record<string, string>): Promise<boolean> {
  const same = await Promise.all(
    Object.entries(inputs).map(([file, hash]) =>
      readFile(file).then(
        (text) => sha(text) === hash,
        () => false,
      ),
    ),
  );
  return same.every(Boolean);
}

async function readEntry(file: string): Promise<Entry | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as Entry;
  } catch {
    return null;
  }
}

/** Keeps the newest entries. */
async function prune(): Promise<void> {
  const names = (await readdir(bundleCacheDir)).filter((n) => n.endsWith(".json"));
  if (names.length <= KEEP) return;
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(bundleCacheDir, n))).mtimeMs })));
  dated.sort((a, b) => b.t - a.t);
  await Promise.all(dated.slice(KEEP).map(({ n }) => rm(path.join(bundleCacheDir, n), { force: true })));
}

/** Where the bundle of these entries and options is kept. */
export const cacheFile = (entries: Partial<BundleEntries>, options: BundleOptions) =>
  path.join(bundleCacheDir, `${sha(JSON.stringify([entries.macros, entries.styles, Boolean(options.debug)]))}.json`);

/** bundle(entries, options), or the same bundle from the cache. */
export async function cachedBundle(entries: Partial<BundleEntries> = {}, options: BundleOptions = {}): Promise<Bundle> {
  const file = cacheFile(entries, options);
  const hit = await readEntry(file);
  if (hit && (await unchanged(hit.inputs))) return hit.bundle;

  const { bundle } = await import("./bundle.js");
  const inputs: Record<string, string> = {};
  for (const f of ALWAYS) inputs[f] = sha(await readFile(f).catch(() => ""));
  const made = await bundle(entries, options, (f, text) => (inputs[f] = sha(text)));
  try {
    await mkdir(bundleCacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ inputs, bundle: made } satisfies Entry));
    await rename(temp, file);
    await prune();
  } catch {
    // A cache that cannot be written (a read-only checkout) only costs the next build its time.
  }
  return made;
}
