// `npm run new -- "The Case of the …" [--teaser "…"]`: starts a mystery in story/<slug>/ from
// build/new-mystery/ with a fresh IFID, ready to build, lint and play.
import { randomUUID } from "node:crypto";
import { cp, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { listMysteries } from "./build.js";
import { BuildError } from "./errors.js";
import { runMain } from "./main.js";
import { newestFormat } from "./format.js";
import { display, root, storiesDir } from "./paths.js";
import { readTitle } from "./puzzles.js";

export const templateDir = path.join(root, "build", "new-mystery");

/** "The Case of the Vanishing DNS Record" → "vanishing-dns-record". */
export function mysterySlug(title: string): string {
  return title
    .replace(/^\s*the case of (the )?/i, "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export interface NewMystery {
  readonly slug: string;
  readonly dir: string;
  readonly ifid: string;
}

export async function newMystery(title: string, options: { stories?: string; teaser?: string } = {}): Promise<NewMystery> {
  const stories = options.stories ?? storiesDir;
  const clean = title.trim();
  const slug = mysterySlug(clean);
  if (!slug) throw new BuildError(`"${title}" gives no folder name`, undefined, 'use a title with letters or digits, like "The Case of the Lost Packet"');
  const existing = await listMysteries(stories).catch(() => [] as string[]);
  if (existing.includes(slug)) {
    throw new BuildError(`story/${slug}/ already exists`, undefined, "pick another title, or edit that mystery");
  }
  for (const m of existing) {
    const other = await readTitle(path.join(stories, m));
    if (other.toLowerCase() === clean.toLowerCase()) {
      throw new BuildError(`mystery ${m} already has the title "${other}"`, undefined, "pick another title");
    }
  }
  const dir = path.join(stories, slug);
  const ifid = randomUUID().toUpperCase();
  const values: Record<string, string> = {
    "{{TITLE}}": clean,
    "{{IFID}}": ifid,
    "{{SLUG}}": slug,
    "{{SUGARCUBE_VERSION}}": newestFormat("SugarCube", "2", { file: display(templateDir), line: 1 }).version,
    "{{TEASER}}": options.teaser?.trim() || `A new debugging mystery: ${clean}.`,
  };
  await cp(templateDir, dir, { recursive: true, errorOnExist: true, force: false });
  for (const file of await readdir(dir, { recursive: true })) {
    const full = path.join(dir, file);
    if (!/\.(twee|js|txt)$/.test(file)) continue;
    const text = await readFile(full, "utf8");
    await writeFile(full, text.replace(/\{\{[A-Z_]+\}\}/g, (m) => values[m] ?? m));
  }
  return { slug, dir, ifid };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { teaser: { type: "string" } } });
  if (positionals.length !== 1) {
    console.error('usage: npm run new -- "The Case of the …" [--teaser "one line for the index page"]');
    return 2;
  }
  const made = await newMystery(positionals[0]!, { teaser: values.teaser });
  console.log(`made ${display(made.dir)}/ (IFID ${made.ifid})`);
  for (const f of (await readdir(made.dir, { recursive: true })).sort()) console.log(`  ${f}`);
  console.log(`next: npm run build -- ${made.slug}, then open dist/${made.slug}.html; npm test plays it too`);
  return 0;
}

runMain(import.meta.url, main);
