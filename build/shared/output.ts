// Atomic output: write beside the target, then rename over it, so a reader (or a failed build)
// never sees half a file and the last good build stays until a new one is complete.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
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
