// A new mystery in story/<slug>/, copied from template/ with a fresh IFID, ready to build, lint
// and play. The title lands in three kinds of places, each escaped its own way: StoryTitle (Twee
// text the compilers put into an HTML attribute, escaped there), a passage (SugarCube markup:
// every ASCII punctuation mark as a character reference, so `[[`, `<<`, `$x`, `//` show as typed),
// and the index page (HTML-escaped by index-page.ts).
import { randomUUID } from "node:crypto";
import { lstat, readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { listMysteries } from "../sources/mystery-files.js";
import { BuildError, formatError, UsageError, withNote } from "../shared/errors.js";
import { formatAt, foundList, newestFormat, storyFormats } from "../installed-formats/format.js";
import { display, root, shown, storiesDir } from "../shared/paths.js";
import { writeAll } from "../shared/write-all.js";
import { readTitle } from "./puzzles.js";
import { OUR_FORMAT } from "../story-format/formats.js";

export const templateDir = path.join(root, "build", "site", "template");

/** Longest slug made from a title; cut at a word boundary. (File names allow 255 bytes; a URL should stay readable.) */
export const MAX_SLUG = 40;

/** Latin letters that Unicode does not decompose into a letter and accents. */
const LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  ø: "o",
  œ: "oe",
  đ: "d",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
  ħ: "h",
  ŧ: "t",
  ŋ: "ng",
  ſ: "s",
};

/** "The Case of the Vanishing DNS Record" → "vanishing-dns-record"; "Ünïcødé Caché" → "unicode-cache". Empty when nothing Latin is left. */
export function mysterySlug(title: string): string {
  const ascii = title
    .replace(/^\s*the case of (the )?/i, "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[ßæøœđðþłıħŧŋſ]/g, (c) => LETTERS[c]!)
    .replace(/['’]/g, "")
    .replace(/&/g, " and ");
  let slug = "";
  for (const word of ascii.split(/[^a-z0-9]+/).filter(Boolean)) {
    const longer = slug ? `${slug}-${word}` : word;
    if (longer.length > MAX_SLUG) return slug || word.slice(0, MAX_SLUG);
    slug = longer;
  }
  return slug;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why `slug` (from --slug) cannot name a mystery's folder, or undefined. */
export function slugProblem(slug: string): string | undefined {
  if (!SLUG.test(slug))
    return `--slug must be lower-case ASCII letters and digits with single hyphens between words, like "stale-cache", got "${slug}"`;
  if (slug.length > 64) return `--slug is ${slug.length} characters long; keep it to 64 or fewer`;
  return undefined;
}

/** Line breaks and other control characters: a title or teaser is one line of text. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

function checkLine(what: string, text: string): void {
  const bad = CONTROL.exec(text);
  if (bad) {
    const name =
      bad[0] === "\n" || bad[0] === "\r" || bad[0] === "\u2028"
        ? "a line break"
        : `a control character (U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`;
    throw new UsageError(`the ${what} contains ${name}; it must be one line of text`);
  }
}

/** Text for SugarCube markup: ASCII punctuation as character references, so it shows exactly as typed. */
export const markupText = (text: string) => text.replace(/[!-/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`);

export interface NewMystery {
  readonly slug: string;
  readonly dir: string;
  readonly ifid: string;
  /** The SugarCube version its StoryData names. */
  readonly sugarcube: string;
}

export interface NewOptions {
  readonly stories?: string;
  readonly teaser?: string;
  /** The folder name; made from the title when not given. */
  readonly slug?: string;
  /** The SugarCube 2 version its StoryData names (it must be found where the build finds formats); the newest found when not given. */
  readonly sugarcube?: string;
}

/** The SugarCube a new mystery names (our macros' format): `version` if it is a SugarCube 2 that is found, else (none given) the newest found. */
function chooseSugarcube(version: string | undefined): string {
  const { name, major } = OUR_FORMAT;
  const formats = storyFormats();
  const newest = newestFormat(name, major, { file: display(templateDir), line: 1 }, formats).version;
  if (version === undefined) return newest;
  if (!new RegExp(`^${major}\\.\\d+\\.\\d+$`).test(version)) {
    throw new UsageError(
      `--sugarcube must be a ${name} ${major} version like ${newest} (our macros are ${name} ${major} macros), got "${version}"`,
    );
  }
  if (!formatAt(formats, name, version)) {
    throw new BuildError(
      `${name} ${version} is not installed; found: ${foundList(formats, name)}`,
      undefined,
      `put its folder in a folder on TWEEGO_PATH (README: "Moving a mystery to another SugarCube"), or use one found: --sugarcube ${newest}`,
    );
  }
  return version;
}

export async function newMystery(title: string, options: NewOptions = {}): Promise<NewMystery> {
  const stories = options.stories ?? storiesDir;
  checkLine("title", title);
  if (options.teaser !== undefined) checkLine("teaser", options.teaser);
  const clean = title.trim();
  if (!clean) throw new UsageError("the title is empty");
  if (clean.startsWith("::"))
    throw new UsageError('the title starts with "::", which Twee reads as a passage header; start it with a word');
  if (options.slug !== undefined) {
    const problem = slugProblem(options.slug);
    if (problem) throw new UsageError(problem);
  }
  const sugarcube = chooseSugarcube(options.sugarcube);
  const slug = options.slug ?? mysterySlug(clean);
  if (!slug) {
    throw new BuildError(
      `"${clean}" has no Latin letters or digits to make a folder name from`,
      undefined,
      `choose the folder name yourself: npm run new -- "${clean}" --slug my-mystery (lower-case ASCII, hyphens between words)`,
    );
  }
  const existing = await listMysteries(stories).catch(() => [] as string[]);
  // Anything at that name (a folder that is no mystery, a file, a link) is the author's: never written into.
  if (existing.includes(slug) || (await lstat(path.join(stories, slug)).catch(() => null))) {
    throw new BuildError(
      `${shown(path.join(stories, slug))}/ already exists`,
      undefined,
      "pick another title (or --slug), or edit that mystery",
    );
  }
  for (const m of existing) {
    // Another mystery that cannot be read (a draft with a mistake) is said, and does not stop this one.
    const other = await readTitle(path.join(stories, m)).catch((error: unknown) => {
      console.error(
        formatError(withNote(error, `mystery "${m}" was read to check that the new title is not taken`), "warning"),
      );
      return undefined;
    });
    if (other?.toLowerCase() === clean.toLowerCase()) {
      throw new BuildError(`mystery ${m} already has the title "${other}"`, undefined, "pick another title");
    }
  }
  const dir = path.join(stories, slug);
  const ifid = randomUUID().toUpperCase();
  const values: Record<string, string> = {
    "{{TITLE}}": clean,
    "{{TITLE_MARKUP}}": markupText(clean),
    "{{IFID}}": ifid,
    "{{SLUG}}": slug,
    "{{SUGARCUBE_VERSION}}": sugarcube,
    "{{TEASER}}": options.teaser?.trim() || `A new debugging mystery: ${clean}.`,
  };
  const files = new Map<string, string | Buffer>();
  for (const entry of await readdir(templateDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const from = path.join(entry.parentPath, entry.name);
    const content = await readFile(from);
    // One pass over the template: a title that contains "{{IFID}}" stays as typed.
    const filled = /\.(twee|js|txt)$/.test(entry.name)
      ? content.toString("utf8").replace(/\{\{[A-Z_]+\}\}/g, (m) => values[m] ?? m)
      : content;
    files.set(path.join(dir, path.relative(templateDir, from)), filled);
  }
  await writeAll(files); // every file or none: a failure leaves no half-made mystery
  return { slug, dir, ifid, sugarcube };
}
