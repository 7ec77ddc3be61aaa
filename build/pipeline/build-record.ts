// What each build published, kept so `npm run import` can find what Twine was given (the base of
// a three-way merge) by the build mark in Twine's copy (compile/build-mark.ts). Kept in the
// project's cache, `.cache/twine-builds/` beside the stories folder: each of the mystery's files
// once by its content (so a rebuild after one edit adds that one file), a small list per build
// naming them, and our macros' and styles' text by hash. A build whose files are committed can
// also be found again in git, on any clone (twine/base-git.ts). Losing this cache loses nothing
// of the author's: an import without a base only asks which side wins.
import { readdir, readFile, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { type BuildMark, codeHash, type OwnFile, sha256 } from "../compile/build-mark.js";
import type { PublishedBuild } from "../compile/build-inputs.js";
import { keepNewest, writeAtomic } from "../shared/output.js";

/** The builds kept: a long dev session's worth, per project. */
const KEEP_BUILDS = 400;
const KEEP_CODE = 40;

/** The record folder of the project whose stories folder holds `dir` (a mystery's folder). */
export const buildsDir = (dir: string): string =>
  path.join(path.dirname(path.dirname(path.resolve(dir))), ".cache", "twine-builds");

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

async function keep(file: string, content: string | Buffer): Promise<void> {
  if (await exists(file)) {
    const now = new Date();
    await utimes(file, now, now); // recently used: pruned last
  } else await writeAtomic(file, content);
}

/** Keeps what a build published. Never fails the build: a record that cannot be written is only not there. */
export async function saveBuild(dir: string, published: PublishedBuild): Promise<void> {
  const store = buildsDir(dir);
  try {
    const list = published.own.map((f) => [f.path, sha256(f.content)] as const);
    await Promise.all(published.own.map((f, i) => keep(path.join(store, "files", list[i]![1]), f.content)));
    await keep(path.join(store, "code", codeHash(published.script)), published.script);
    await keep(path.join(store, "code", codeHash(published.stylesheet)), published.stylesheet);
    await keep(
      path.join(store, `${published.mark.story}.json`),
      `${JSON.stringify({ mystery: path.basename(dir), files: list })}\n`,
    );
    await prune(store);
  } catch {
    // The next build tries again; an import without it asks which side wins.
  }
}

/** Old builds go, and then the files no kept build names. */
async function prune(store: string): Promise<void> {
  await keepNewest(path.join(store, "code"), KEEP_CODE);
  const lists = (await readdir(store)).filter((n) => n.endsWith(".json"));
  if (lists.length <= KEEP_BUILDS) return;
  await keepNewest(store, KEEP_BUILDS, (n) => n.endsWith(".json"));
  const named = new Set<string>();
  for (const n of (await readdir(store)).filter((n) => n.endsWith(".json"))) {
    const list = await readFile(path.join(store, n), "utf8").then(
      (t) => (JSON.parse(t) as { files: [string, string][] }).files,
      () => [],
    );
    for (const [, sha] of list) named.add(sha);
  }
  const files = path.join(store, "files");
  await Promise.all(
    (await readdir(files)).filter((n) => !named.has(n)).map((n) => rm(path.join(files, n), { force: true })),
  );
}

/** A build's own files, as it read them, when this project's cache still has them all. */
export async function recordedFiles(dir: string, mark: BuildMark): Promise<OwnFile[] | undefined> {
  const store = buildsDir(dir);
  try {
    const { files } = JSON.parse(await readFile(path.join(store, `${mark.story}.json`), "utf8")) as {
      files: [string, string][];
    };
    return await Promise.all(
      files.map(async ([file, sha]) => ({ path: file, content: await readFile(path.join(store, "files", sha)) })),
    );
  } catch {
    return undefined;
  }
}

/** Code text (our macros or styles) a build embedded, by its hash in the mark, when still kept. */
export const recordedCode = (dir: string, hash: string): Promise<string | undefined> =>
  readFile(path.join(buildsDir(dir), "code", hash), "utf8").then(
    (t) => (codeHash(t) === hash ? t.trim() : undefined),
    () => undefined,
  );
