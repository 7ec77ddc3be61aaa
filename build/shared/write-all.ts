// Writes several files as one change: all of them or none. Every new content is written to a temp
// file beside its target first; only when all are on disk does each target move aside (a backup)
// and its temp take its place. If anything fails, what was done is undone: backups go back, new
// files go away. Renames within one folder never run out of space, so undoing does not either.
// Paths go to the file system through fsPath, so a file whose name is not UTF-8 is itself rewritten.
import { mkdir, rename as fsRename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fsPath } from "./file-names.js";
import { tempBeside } from "./output.js";

/** path → new content; null deletes the file. */
export type FileChanges = ReadonlyMap<string, string | Buffer | null>;

interface Staged {
  readonly file: string;
  readonly existed: boolean;
  temp?: string;
  backup?: string;
  placed?: boolean;
}

const exists = (file: string) => stat(fsPath(file)).then(() => true, () => false);
const backupBeside = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.bak`);

/** `rename` is a parameter so a test can make the commit fail halfway. */
export async function writeAll(changes: FileChanges, rename: typeof fsRename = fsRename): Promise<void> {
  const staged: Staged[] = [];
  const madeDirs: string[] = [];
  const cleanUp = async () => {
    for (const s of staged) if (s.temp) await rm(fsPath(s.temp), { force: true });
    for (const dir of madeDirs.reverse()) await rmdir(dir).catch(() => undefined); // only if still empty
  };
  try {
    for (const [file, content] of changes) {
      const s: Staged = { file, existed: await exists(file) };
      staged.push(s);
      if (content === null) continue;
      const made = await mkdir(fsPath(path.dirname(file)), { recursive: true });
      if (made) madeDirs.push(made);
      s.temp = tempBeside(file);
      await writeFile(fsPath(s.temp), content);
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const done: Staged[] = [];
  try {
    for (const s of staged) {
      done.push(s);
      if (s.existed) {
        const backup = backupBeside(s.file);
        await rename(fsPath(s.file), fsPath(backup));
        s.backup = backup;
      }
      if (s.temp) {
        await rename(fsPath(s.temp), fsPath(s.file));
        s.temp = undefined;
        s.placed = true;
      }
    }
  } catch (error) {
    for (const s of done.reverse()) {
      if (s.placed) await rm(fsPath(s.file), { force: true });
      if (s.backup) await fsRename(fsPath(s.backup), fsPath(s.file));
    }
    await cleanUp();
    throw error;
  }
  for (const s of staged) if (s.backup) await rm(fsPath(s.backup), { force: true });
}
