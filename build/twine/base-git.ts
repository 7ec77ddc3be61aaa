// A build's files found again in git: when this project's cache does not have them (a fresh
// clone, a co-author's build), the commits that changed the mystery's folder are read, newest
// first, until one holds exactly the files the build mark hashes (compile/build-mark.ts). A build
// made from committed files is found on any clone; one made from uncommitted edits only in the
// cache of the machine that made it.
import { execFile, spawn } from "node:child_process";
import { realpath } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { type OwnFile, storyHash } from "../compile/build-mark.js";
import { isSourceFile } from "../sources/sources.js";

const run = promisify(execFile);
/** How far back to look: the commits that changed the mystery. */
const MAX_COMMITS = 200;

const git = async (cwd: string, args: string[]): Promise<string> =>
  (await run("git", ["-C", cwd, ...args], { encoding: "utf8", maxBuffer: 64 << 20 })).stdout;

/** Blobs by id, read with one `git cat-file --batch` per call. */
function readBlobs(cwd: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-C", cwd, "cat-file", "--batch"], { stdio: ["pipe", "pipe", "ignore"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", () => {
      const out = Buffer.concat(chunks);
      const blobs = new Map<string, Buffer>();
      for (let at = 0; at < out.length; ) {
        const eol = out.indexOf(10, at);
        const [id, type, size] = out.subarray(at, eol).toString("utf8").split(" ");
        if (type !== "blob") break;
        blobs.set(id!, out.subarray(eol + 1, eol + 1 + Number(size)));
        at = eol + 1 + Number(size) + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(ids.map((id) => `${id}\n`).join(""));
  });
}

/**
 * The mystery's files at the newest commit whose files hash to `story`, or undefined (no git, not
 * committed, or not in the last MAX_COMMITS commits that changed the folder).
 */
export async function committedFiles(
  dir: string,
  story: string,
): Promise<{ files: OwnFile[]; commit: string } | undefined> {
  let top: string;
  let folder: string;
  try {
    const real = await realpath(dir);
    top = (await git(real, ["rev-parse", "--show-toplevel"])).trim();
    folder = path.relative(top, real).split(path.sep).join("/");
    const commits = (await git(top, ["log", "--format=%H", `-n${MAX_COMMITS}`, "--", folder]))
      .split("\n")
      .filter(Boolean);
    const known = new Map<string, Buffer>();
    for (const commit of commits) {
      const entries = (await git(top, ["ls-tree", "-r", "-z", "--full-tree", commit, "--", folder]))
        .split("\0")
        .filter(Boolean)
        .map((line) => {
          const [meta, file] = line.split("\t") as [string, string];
          const [mode, type, id] = meta.split(" ") as [string, string, string];
          return { mode, type, id, path: path.posix.relative(folder, file) };
        })
        .filter((e) => e.type === "blob" && e.mode !== "120000" && isSourceFile(e.path));
      const missing = entries.map((e) => e.id).filter((id) => !known.has(id));
      if (missing.length > 0) for (const [id, blob] of await readBlobs(top, missing)) known.set(id, blob);
      if (entries.some((e) => !known.has(e.id))) continue;
      const files = entries.map((e) => ({ path: e.path, content: known.get(e.id)! }));
      if (storyHash(files) === story) return { files, commit };
    }
  } catch {
    // Not a git work tree, or git is not installed: no base from git.
  }
  return undefined;
}
