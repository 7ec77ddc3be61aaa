// Writes several files as one change: all of them or none. Every new content is written to a temp
// file beside its target first; only when all are on disk does each target move aside (a backup)
// and its temp take its place. If anything fails, what was done is undone: backups go back, new
// files go away. Renames within one folder never run out of space, so undoing does not either.
// Paths go to the file system through fsPath, so a file whose name is not UTF-8 is itself rewritten.
// What can be seen before writing is checked first, in a dry run too (writeProblems): a folder
// where a file should go, a file where a folder should be, a name too long for the file system.
import { lstat, mkdir, rename as fsRename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { BuildError } from "./errors.js";
import { fsPath } from "./file-names.js";
import { tempBeside } from "./output.js";
import { shown } from "./paths.js";

/** path → new content; null deletes the file. */
export type FileChanges = ReadonlyMap<string, string | Buffer | null>;

interface Staged {
  readonly file: string;
  readonly existed: boolean;
  temp?: string;
  backup?: string;
  placed?: boolean;
}

const exists = (file: string) =>
  stat(fsPath(file)).then(
    () => true,
    () => false,
  );
const backupBeside = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.bak`);

/** Longest file name (bytes) the common file systems take (ext4, APFS, NTFS in UTF-16 units). */
const NAME_MAX = 255;

/** What would stop the writes, found before any is made: each names the path and the fix. */
export async function writeProblems(changes: FileChanges): Promise<string[]> {
  const problems: string[] = [];
  const kind = async (p: string) => (await lstat(p).catch(() => null)) ?? undefined;
  for (const [file, content] of changes) {
    const long = path
      .resolve(file)
      .split(path.sep)
      .find((part) => Buffer.byteLength(part) > NAME_MAX);
    if (long !== undefined) {
      problems.push(
        `${shown(file)}: its name is ${Buffer.byteLength(long)} bytes long, more than the file system takes (${NAME_MAX}); use a shorter name`,
      );
      continue;
    }
    const here = await kind(file);
    if (here?.isDirectory()) {
      problems.push(
        `${shown(file)} is a folder, where the ${content === null ? "file to delete" : "file to write"} should be: move the folder away`,
      );
      continue;
    }
    for (let dir = path.dirname(path.resolve(file)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const up = await kind(dir);
      if (!up) continue;
      if (!up.isDirectory() && !(up.isSymbolicLink() && (await stat(dir).catch(() => null))?.isDirectory())) {
        problems.push(`${shown(dir)} is a file, where the folder for ${shown(file)} should be: move the file away`);
      }
      break;
    }
  }
  return problems;
}

/** `rename` is a parameter so a test can make the commit fail halfway. */
export async function writeAll(changes: FileChanges, rename: typeof fsRename = fsRename): Promise<void> {
  const problems = await writeProblems(changes);
  if (problems.length > 0)
    throw new BuildError(`nothing was written: ${problems.join("; ")}`, undefined, "clear the way, then run it again");
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
  // The change is made: a backup that cannot be removed is left, not an error.
  for (const s of staged)
    if (s.backup) await rm(fsPath(s.backup), { force: true, recursive: true }).catch(() => undefined);
}
