// A mystery's files → passages, by file type as tweego loads them: Twee files are parsed,
// .css/.js become stylesheet/script passages named after the file, images become Twine.image
// passages (data URIs, data-uri.ts) named after the file up to its first dot.
import path from "node:path";
import { dataUri } from "./data-uri.js";
import type { BuildError } from "./errors.js";
import { type LocatedPassage, parseTwee, parseTweeTolerant, type Passage } from "./twee.js";

export interface SourceFile {
  /** Shown in messages: relative to the project root. */
  readonly path: string;
  readonly content: Buffer;
}

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  gif: "image/gif",
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  png: "image/png",
  svg: "image/svg+xml",
  tif: "image/tiff",
  tiff: "image/tiff",
  webp: "image/webp",
};

const extension = (file: string) => path.extname(file).slice(1).toLowerCase();

export function isSourceFile(file: string): boolean {
  const ext = extension(file);
  return ext === "tw" || ext === "twee" || ext === "css" || ext === "js" || ext in IMAGE_TYPES;
}

function whole(file: SourceFile, name: string, tags: string[], text: string): Passage {
  return { name, tags, metadata: {}, text, file: file.path, line: 1 };
}

/**
 * Twee files the lint has parsed (a build lints, then compiles the same files): parsed once, not
 * twice, which is most of a big story's build. Keyed by the file's content buffer.
 */
const parsed = new WeakMap<Buffer, { path: string; passages: LocatedPassage[]; problems: BuildError[] }>();

export function filePassages(file: SourceFile): Passage[] {
  const ext = extension(file.path);
  const base = path.basename(file.path);
  if (ext === "tw" || ext === "twee") {
    const known = parsed.get(file.content);
    if (known?.path === file.path && known.problems.length === 0) return known.passages.map(({ nameColumn: _n, textAt: _t, ...p }) => p);
    return parseTwee(file.content.toString("utf8"), file.path);
  }
  if (ext === "css") return [whole(file, base, ["stylesheet"], file.content.toString("utf8"))];
  if (ext === "js") return [whole(file, base, ["script"], file.content.toString("utf8"))];
  const type = IMAGE_TYPES[ext];
  if (type) {
    return [whole(file, base.split(".")[0]!, ["Twine.image"], dataUri(type, file.content))];
  }
  return [];
}

/** filePassages for lint: every header problem collected, and where each passage's text starts. */
export function filePassagesTolerant(file: SourceFile): { passages: LocatedPassage[]; problems: BuildError[] } {
  const ext = extension(file.path);
  if (ext === "tw" || ext === "twee") {
    const result = parseTweeTolerant(file.content.toString("utf8"), file.path);
    parsed.set(file.content, { path: file.path, ...result });
    return result;
  }
  // Whole-file passages keep their text as is, so it starts at the top of the file.
  const passages = filePassages(file).map((p) => ({ ...p, nameColumn: 1, textAt: { line: 1, column: 1 } }));
  return { passages, problems: [] };
}
