// Atomic output: write beside the target, then rename over it, so a reader (or a failed build)
// never sees half a file and the last good build stays until a new one is complete. Every output
// of one file goes through here (writeAtomic, or writeVia for one a tool writes); several files
// as one change through write-all.ts.
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Makes `dir` and the folders above it that are missing, one at a time from the nearest one there.
 * Not Node's recursive mkdir: where a folder cannot be made inside an existing one (under /proc)
 * that one retries for ever; this one fails with the path that could not be made.
 */
export async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const found = await stat(at).catch((e: NodeJS.ErrnoException) =>
      e.code === "ENOENT" || e.code === "ENOTDIR" ? null : Promise.reject(e),
    );
    if (found?.isDirectory()) break;
    if (found)
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), {
        code: "ENOTDIR",
        syscall: "mkdir",
        path: at,
      });
    missing.push(at);
    if (path.dirname(at) === at) break;
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== "EEXIST" || !(await stat(folder)).isDirectory()) throw e; // EEXIST: made by another process meanwhile
    });
  }
}

export async function writeAtomic(file: string, content: string | Buffer): Promise<void> {
  await makeFolder(path.dirname(file));
  const temp = tempBeside(file);
  try {
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Writes `file` through a temp file beside it that `fill` writes (a tool that writes its own output,
 * such as tweego, or a whole build that must be checked before it replaces the last): renamed over
 * `file` when `fill` resolves true, removed when it resolves false or throws. Whether `file` was
 * replaced. `kind` ends the temp file's name.
 */
export async function writeVia(file: string, fill: (temp: string) => Promise<boolean>, kind = "tmp"): Promise<boolean> {
  await makeFolder(path.dirname(file));
  const temp = tempBeside(file, kind);
  try {
    if (!(await fill(temp))) return false;
    await rename(temp, file);
    return true;
  } finally {
    await rm(temp, { force: true });
  }
}

/** A hidden temp path beside `file`, ending in `kind`. */
export const tempBeside = (file: string, kind = "tmp") =>
  path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${kind}`);

/** Deletes all but the `keep` newest files of `dir` whose names `accept` takes (a cache folder's old entries). */
export async function keepNewest(
  dir: string,
  keep: number,
  accept: (name: string) => boolean = () => true,
): Promise<void> {
  const names = (await readdir(dir)).filter(accept);
  if (names.length <= keep) return;
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(dir, n))).mtimeMs })));
  dated.sort((a, b) => b.t - a.t);
  await Promise.all(dated.slice(keep).map(({ n }) => rm(path.join(dir, n), { force: true })));
}
