// npm run package: the built site as zips. An HTML game on itch.io is a zip with an index.html:
// <out>/<mystery>.zip holds the mystery's page as index.html and its preview picture (the name its
// og:image gives); <out>/site.zip holds every published file of <out> (the index page, each
// mystery's page and preview), for itch.io or any host that takes an archive. The zips are made
// from what is in <out> (npm run build first) and are the same bytes for the same files
// (shared/zip.ts).
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { BuildError } from "../shared/errors.js";
import { writeAtomic } from "../shared/output.js";
import { shown } from "../shared/paths.js";
import { zip, type ZipEntry } from "../shared/zip.js";
import { previewName } from "../compile/head.js";
import { PREVIEW_FILES } from "../sources/mystery-files.js";

export const SITE_ZIP = "site.zip";

/** A mystery's built page in `out`. */
const pageOf = (out: string, mystery: string) => path.join(out, `${mystery}.html`);

const isFile = async (file: string) => (await stat(file).catch(() => null))?.isFile() ?? false;

/** Whether the mystery has a built page in `out` to package. */
export const isBuilt = (out: string, mystery: string): Promise<boolean> => isFile(pageOf(out, mystery));

/** What the site publishes from `out`: its files, not hidden ones (a build's temp files), zips, or the --test and proof copies. */
export const isPublished = (name: string): boolean =>
  !name.startsWith(".") && !/\.(zip|test\.html|proof\.html)$/i.test(name);

export interface Packaged {
  readonly file: string;
  /** The names in it, sorted. */
  readonly entries: readonly string[];
  readonly bytes: number;
}

async function write(file: string, entries: ZipEntry[]): Promise<Packaged> {
  const bytes = zip(entries);
  await writeAtomic(file, bytes);
  return { file, entries: entries.map((e) => e.name).sort(), bytes: bytes.length };
}

/** Writes <out>/<mystery>.zip: its page as index.html, and its preview picture. */
export async function packageMystery(out: string, mystery: string): Promise<Packaged> {
  const page = pageOf(out, mystery);
  const html = await readFile(page).catch(() => {
    throw new BuildError(
      `${shown(page)} is not built, so there is nothing to package`,
      undefined,
      `run npm run build -- ${mystery} first`,
    );
  });
  const previews = PREVIEW_FILES.map((f) => previewName(mystery, f));
  const found = await Promise.all(previews.map(async (name) => ((await isFile(path.join(out, name))) ? name : null)));
  const pictures = await Promise.all(
    found
      .filter((n): n is string => n !== null)
      .map(async (name) => ({ name, content: await readFile(path.join(out, name)) })),
  );
  return write(path.join(out, `${mystery}.zip`), [{ name: "index.html", content: html }, ...pictures]);
}

/** Writes <out>/site.zip: every published file at the top of `out` (index.html among them). */
export async function packageSite(out: string): Promise<Packaged> {
  if (!(await isFile(path.join(out, "index.html")))) {
    throw new BuildError(
      `${shown(path.join(out, "index.html"))} is not built, so there is no site to package`,
      undefined,
      "run npm run build first",
    );
  }
  const entries = await readdir(out, { withFileTypes: true });
  const names = entries.filter((e) => e.isFile() && isPublished(e.name)).map((e) => e.name);
  return write(
    path.join(out, SITE_ZIP),
    await Promise.all(names.map(async (name) => ({ name, content: await readFile(path.join(out, name)) }))),
  );
}
