// Reading a zip the way a real unzipper does, to check ours (build/shared/zip.ts): yauzl, a
// strict, well-used reader (names, sizes and CRCs checked), never a reader of our own; and a
// mystery's zip and the site's unpacked, for the browser test to play.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import yauzl from "yauzl";
import { distDir } from "../../build/shared/paths.js";
import { isPublished, packageMystery, packageSite } from "../../build/site/package.js";

export interface Unzipped {
  readonly name: string;
  readonly content: Buffer;
  readonly method: number;
  readonly mode: number;
  readonly date: Date;
  readonly utf8: boolean;
}

/** Every entry of the archive in `bytes`, in the archive's order, with its content. */
export function unzip(bytes: Buffer): Promise<Unzipped[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, strictFileNames: true, validateEntrySizes: true },
      (error, archive) => {
        if (error) return reject(error);
        const entries: Unzipped[] = [];
        archive.on("error", reject);
        archive.on("end", () => resolve(entries));
        archive.on("entry", (entry: yauzl.Entry) => {
          archive.openReadStream(entry, (err, stream) => {
            if (err) return reject(err);
            const chunks: Buffer[] = [];
            stream.on("data", (c: Buffer) => chunks.push(c));
            stream.on("error", reject);
            stream.on("end", () => {
              entries.push({
                name: entry.fileName,
                content: Buffer.concat(chunks),
                method: entry.compressionMethod,
                mode: entry.externalFileAttributes >>> 16,
                date: entry.getLastModDate(),
                utf8: (entry.generalPurposeBitFlag & 0x800) !== 0,
              });
              archive.readEntry();
            });
          });
        });
        archive.readEntry();
      },
    );
  });
}

/** Unpacks the zip `file` into a new temporary folder, with yauzl; returns the folder. */
async function unpack(file: string): Promise<string> {
  const folder = mkdtempSync(path.join(os.tmpdir(), "unpacked-"));
  for (const entry of await unzip(readFileSync(file))) {
    mkdirSync(path.dirname(path.join(folder, entry.name)), { recursive: true });
    writeFileSync(path.join(folder, entry.name), entry.content);
  }
  return folder;
}

/** A temporary copy of the published files of dist/ for which `keep` holds, for npm run package's own code to zip. */
function distCopy(keep: (name: string) => boolean): string {
  const out = mkdtempSync(path.join(os.tmpdir(), "package-"));
  for (const name of readdirSync(distDir).filter((n) => isPublished(n) && keep(n)))
    copyFileSync(path.join(distDir, name), path.join(out, name));
  return out;
}

/**
 * The mystery's page as a player of its zip gets it: dist/<mystery>.html (and its preview) copied
 * to a temporary folder, packaged there by npm run package's own code (site/package.ts), and the
 * zip unpacked into another temporary folder, with yauzl. Returns the unpacked index.html.
 */
export async function unpackedZip(mystery: string): Promise<string> {
  const out = distCopy((n) => n === `${mystery}.html` || n.startsWith(`${mystery}.preview.`));
  return path.join(await unpack((await packageMystery(out, mystery)).file), "index.html");
}

let site: Promise<string> | undefined;
/** The whole site as a player of site.zip gets it (the index and every mystery), unpacked once; returns its folder. */
export function unpackedSite(): Promise<string> {
  site ??= (async () => unpack((await packageSite(distCopy(() => true))).file))();
  return site;
}
