// Atomic output: write beside the target, then rename over it, so a reader (or a failed build)
// never sees half a file and the last good build stays until a new one is complete.
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export async function writeAtomic(file: string, content: string | Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = tempBeside(file);
  try {
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A temp path beside `file` (for tools such as tweego that write their own output, too). */
export const tempBeside = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);

/** Deletes all but the `keep` newest files of `dir` whose names `accept` takes (a cache folder's old entries). */
export async function keepNewest(dir: string, keep: number, accept: (name: string) => boolean = () => true): Promise<void> {
  const names = (await readdir(dir)).filter(accept);
  if (names.length <= keep) return;
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(dir, n))).mtimeMs })));
  dated.sort((a, b) => b.t - a.t);
  await Promise.all(dated.slice(keep).map(({ n }) => rm(path.join(dir, n), { force: true })));
}
