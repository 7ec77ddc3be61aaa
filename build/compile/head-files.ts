// What a page's <head> is made from, on disk (head.ts makes it): the project's head.html (in the
// stories folder) and the mystery's own, its teaser (the link preview's description), its preview
// picture (copied beside the built page, for og:image), and the site's address (package.json's
// "homepage", for absolute og:image and og:url links, which most sites' previews need).
import { lstat, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { BuildError } from "../shared/errors.js";
import { display } from "../shared/paths.js";
import { linkProblem } from "../shared/walk.js";
import { writeAtomic } from "../shared/output.js";
import { readText } from "../twee/go-text.js";
import { type PageFacts, pageHead, previewName } from "./head.js";
import { HEAD_FILE, PREVIEW_FILES } from "../sources/mystery-files.js";
import { homepage } from "./build-inputs.js";
import type { SourceFile } from "../sources/sources.js";

/** One line that makes a player curious: the index page shows it, and a link preview. */
export const TEASER_FILE = "teaser.txt";
/** A teaser file's text → the teaser: its first non-blank line, trimmed. */
export const teaserLine = (text: string): string => text.trim().split("\n")[0]!.trim();

export interface HeadInputs {
  /** The head.html files there are: the project's, then the mystery's (bytes, for the lint). */
  readonly files: readonly SourceFile[];
  /** Their text, as tweego reads a file. */
  readonly texts: readonly string[];
  readonly teaser: string;
  /** The preview picture's name in the mystery's folder (PREVIEW_FILES), if it has one. */
  readonly preview?: string;
}

/** A file's bytes, or null when there is none; a symbolic link out of the project is an error. */
async function readOwn(file: string, project: string): Promise<Buffer | null> {
  const info = await lstat(file).catch(() => null);
  if (!info) return null;
  const link = info.isSymbolicLink() ? await linkProblem(file, project) : undefined;
  if (link)
    throw new BuildError(
      `${path.basename(file)} is a symbolic link, not followed: ${link.why}`,
      { file: display(file), line: 1 },
      "put the file itself there",
    );
  return readFile(file).catch(() => null);
}

/** The head.html files of `heads` that exist, with their text; `project` bounds symbolic links. */
async function readHeads(heads: readonly string[], project: string): Promise<Pick<HeadInputs, "files" | "texts">> {
  const contents = await Promise.all(heads.map((f) => readOwn(f, project)));
  const files = heads.flatMap((f, i) => (contents[i] ? [{ path: display(f), content: contents[i] }] : []));
  return { files, texts: files.map((f) => readText(f.content).text) };
}

/** The project's own head.html, in its stories folder: every page's, the index page's too. */
export const readProjectHead = (stories: string): Promise<Pick<HeadInputs, "files" | "texts">> =>
  readHeads([path.join(stories, HEAD_FILE)], path.dirname(path.resolve(stories)));

/** The head inputs of the mystery in `dir` (under its project's stories folder). */
export async function readHeadInputs(dir: string): Promise<HeadInputs> {
  const stories = path.dirname(path.resolve(dir));
  const project = path.dirname(stories);
  const [heads, teaser, previews] = await Promise.all([
    readHeads([path.join(stories, HEAD_FILE), path.join(dir, HEAD_FILE)], project),
    readOwn(path.join(dir, TEASER_FILE), project),
    Promise.all(
      PREVIEW_FILES.map(async (name) =>
        (await lstat(path.join(dir, name)).catch(() => null))?.isFile() ? name : null,
      ),
    ),
  ]);
  return {
    ...heads,
    teaser: teaser ? teaserLine(readText(teaser).text) : "",
    preview: previews.find((p) => p !== null) ?? undefined,
  };
}

/** The site's address with a closing slash, from package.json's "homepage"; undefined when it has none. */
export function siteUrl(address = homepage): string | undefined {
  if (!address) return undefined;
  const url = URL.canParse(address) ? new URL(address) : null;
  if (url?.protocol !== "https:" && url?.protocol !== "http:") {
    throw new BuildError(
      `package.json's "homepage" is not an http(s) address: ${address}`,
      { file: "package.json", line: 1 },
      'write the address the site is published at, like "https://you.github.io/mysteries/", or remove it',
    );
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** What a link to the mystery's page shows: its title, teaser and preview picture (absolute when the site's address is known). */
export function mysteryFacts(mystery: string, title: string, inputs: HeadInputs, site = siteUrl()): PageFacts {
  const at = (name: string) => (site ? new URL(encodeURIComponent(name), site).href : encodeURIComponent(name));
  return {
    title,
    description: inputs.teaser,
    ...(inputs.preview ? { image: at(previewName(mystery, inputs.preview)) } : {}),
    ...(site ? { url: at(`${mystery}.html`) } : {}),
  };
}

/** The mystery's whole head text (head.ts's pageHead): for tweego's --head and the native compiler alike. */
export const mysteryHead = (mystery: string, title: string, inputs: HeadInputs): string =>
  pageHead(mysteryFacts(mystery, title, inputs), inputs.texts);

/**
 * Puts the mystery's preview picture beside its built page in `out`, as `<mystery>.preview.png`
 * (the name its og:image gives), and removes a copy it no longer has.
 */
export async function publishPreview(dir: string, inputs: HeadInputs, out: string): Promise<void> {
  const mystery = path.basename(dir);
  await Promise.all(
    PREVIEW_FILES.map((name) => {
      const copy = path.join(out, previewName(mystery, name));
      return name === inputs.preview
        ? readFile(path.join(dir, name)).then((bytes) => writeAtomic(copy, bytes))
        : rm(copy, { force: true });
    }),
  );
}
