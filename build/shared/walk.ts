// Folder walks and symbolic links. A walk goes down real folders only, as tweego does (Go's
// filepath.Walk does not follow a linked folder), so a link such as `up -> ..` or `root -> /`
// can never loop or wander off. A linked file is read when its real path is inside the project;
// a link out of it (or one that is broken) is left out. Every link left out is said once per
// process, as a warning naming it.
import { lstat, readdir, readlink, realpath } from "node:fs/promises";
import path from "node:path";
import { fsPath, nameFromBytes } from "./file-names.js";
import { isInside, shown } from "./paths.js";

const warned = new Set<string>();

/** Prints a warning about `link` the first time only (npm run dev walks the same folders again and again). */
export function warnLink(link: string, why: string): void {
  if (warned.has(link)) return;
  warned.add(link);
  console.error(
    `${shown(link)}: warning: symbolic link not followed: ${why}\n  fix: replace the link with the file or folder itself`,
  );
}

/** Why a link is not followed (and whether it is a folder), or undefined when it may be: a file whose real path is inside `within`. */
export async function linkProblem(link: string, within: string): Promise<{ why: string; folder: boolean } | undefined> {
  const target = await readlink(fsPath(link), "buffer").then(nameFromBytes, () => "?");
  const real = await realpath(fsPath(link), "buffer").then(nameFromBytes, () => null);
  if (real === null) return { why: `it points to ${target}, which does not exist (or loops)`, folder: false };
  const inside = isInside(within, real);
  if ((await lstat(fsPath(real))).isDirectory()) {
    const up = real === path.dirname(link) || isInside(real, link);
    const where = `a folder${up ? " above it" : ""}${inside ? "" : `${up ? "," : ""} outside the project`}`;
    return {
      why: `it points to ${where} (${target}); the build reads real folders only, as tweego does`,
      folder: true,
    };
  }
  return inside ? undefined : { why: `it points outside the project (${target})`, folder: false };
}

/**
 * Every file below `dir` that `accept` takes, in tweego's order (names sorted by their UTF-8 bytes, as Go sorts them; depth first).
 * Links: see the top; `within` is the project's folder.
 */
export async function walkFiles(dir: string, accept: (name: string) => boolean, within: string): Promise<string[]> {
  // Names as bytes: sorted as Go sorts them, and a name that is not UTF-8 kept as it is (file-names.ts).
  const entries = (await readdir(fsPath(dir), { withFileTypes: true, encoding: "buffer" })).sort((a, b) =>
    Buffer.compare(a.name, b.name),
  );
  const files: string[] = [];
  for (const e of entries) {
    const name = nameFromBytes(e.name);
    const full = path.join(dir, name);
    if (e.isDirectory()) files.push(...(await walkFiles(full, accept, within)));
    else if (e.isSymbolicLink()) {
      const problem = await linkProblem(full, within);
      if (!problem) {
        if (accept(name)) files.push(full);
      } else if (problem.folder || accept(name)) warnLink(full, problem.why);
    } else if (accept(name)) files.push(full);
  }
  return files;
}
