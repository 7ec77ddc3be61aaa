// A mystery's files → passages, by file type exactly as tweego 2.1 loads them (storyload.go):
// Twee files are parsed; .css/.js become stylesheet/script passages named after the file; fonts
// become stylesheet passages holding an @font-face rule; pictures, sounds, videos and text
// tracks become Twine.image/audio/video/vtt passages named after the file up to its first dot
// (base64 data URIs; pictures the smaller of base64 and percent-encoding, data-uri.ts). Text files are read as tweego reads them (go-text.ts's readText).
import { isUtf8 } from "node:buffer";
import path from "node:path";
import { BuildError } from "../shared/errors.js";
import { hasRawBytes } from "../shared/file-names.js";
import { goQuote, readText } from "../twee/go-text.js";
import { dataUri } from "./data-uri.js";
import { type LocatedPassage, parseTwee, parseTweeTolerant, type Passage } from "../twee/twee.js";
import { MEDIA_TAGS } from "../story-format/passage-kinds.js";

export interface SourceFile {
  /** Shown in messages: relative to the project root. */
  readonly path: string;
  readonly content: Buffer;
}

const media = (tag: string, types: Record<string, string>) =>
  Object.fromEntries(Object.entries(types).map(([ext, type]) => [ext, { tag, type }]));

/** Media passages by extension: the tag SugarCube looks for and the data URI's media type (tweego's util.go). */
export const MEDIA_TYPES: Readonly<Record<string, { readonly tag: string; readonly type: string }>> = {
  ...media("Twine.image", {
    ...{ gif: "image/gif", jpeg: "image/jpeg", jpg: "image/jpeg", png: "image/png", svg: "image/svg+xml" },
    ...{ tif: "image/tiff", tiff: "image/tiff", webp: "image/webp" },
  }),
  ...media("Twine.audio", {
    ...{ aac: "audio/aac", flac: "audio/flac", m4a: "audio/mp4", mp3: "audio/mpeg", oga: "audio/ogg" },
    ...{ ogg: "audio/ogg", opus: "audio/ogg", wav: "audio/wav", wave: "audio/wav", weba: "audio/webm" },
  }),
  ...media("Twine.video", { mp4: "video/mp4", ogv: "video/ogg", webm: "video/webm" }),
  ...media("Twine.vtt", { vtt: "text/vtt" }),
};

/** Fonts: the @font-face format() hint of each. */
const FONT_FORMATS: Readonly<Record<string, string>> = {
  otf: "opentype",
  ttf: "truetype",
  woff: "woff",
  woff2: "woff2",
};

/** Files tweego would read that the build refuses, with why and what to do instead. */
const REFUSED: Readonly<Record<string, string>> = {
  html: "tweego would read this file's passages into the story; move it out of the mystery's folder, or bring a Twine file's edits in with `npm run import`",
  htm: "tweego would read this file's passages into the story; move it out of the mystery's folder, or bring a Twine file's edits in with `npm run import`",
  tw2: "Twee 2 files are read differently by tweego; convert it to Twee 3 and name it .twee",
  twee2: "Twee 2 files are read differently by tweego; convert it to Twee 3 and name it .twee",
};

/**
 * A file's extension as tweego reads it (Go's filepath.Ext, lower-cased): from the last dot of its
 * name, so a file named just `.twee`, `.js` or `.css` is one of those (Node's extname says none).
 */
export const extension = (file: string) => {
  const base = path.basename(file);
  const dot = base.lastIndexOf(".");
  return dot === -1 ? "" : base.slice(dot + 1).toLowerCase();
};

/** A file the build reads (or refuses): what tweego would load from a mystery's folder. */
export function isSourceFile(file: string): boolean {
  const ext = extension(file);
  return ["tw", "twee", "css", "js"].includes(ext) || ext in MEDIA_TYPES || ext in FONT_FORMATS || ext in REFUSED;
}

/** Whether a Twee, CSS or JavaScript file is not valid UTF-8 (tweego, and so the build, then reads it as Windows-1252). */
export const isWindows1252 = (file: SourceFile): boolean => isText(file) && !isUtf8(file.content);

/** A Twee file (.tw or .twee, any case), as the build decides. */
export const isTweeFile = (file: string): boolean => ["tw", "twee"].includes(extension(file));

/**
 * A Twee file's text for a tool that edits it in place (layout, import, lint --fix), or null when
 * its bytes are not UTF-8: the build reads such a file as Windows-1252, and writing it back as
 * UTF-8 would garble every accented letter. Those tools refuse it with NOT_UTF8_FIX.
 */
export const editableText = (file: SourceFile): string | null =>
  isUtf8(file.content) ? file.content.toString("utf8") : null;
export const NOT_UTF8_FIX = "save it as UTF-8 (the lint's not-utf8 warning names such files), then run this again";

const isText = (file: SourceFile) => ["tw", "twee", "css", "js"].includes(extension(file.path));

function whole(file: SourceFile, name: string, tags: string[], text: string): Passage {
  return { name, tags, metadata: {}, text, file: file.path, line: 1 };
}

/** tweego's loadFont: a stylesheet passage named after the file, family = the name up to its first dot. */
function fontFace(file: SourceFile, base: string, ext: string): string {
  return (
    `@font-face {\n\tfont-family: ${goQuote(base.split(".")[0]!)};\n` +
    `\tsrc: url("data:font/${ext};base64,${file.content.toString("base64")}") format(${goQuote(FONT_FORMATS[ext]!)});\n}`
  );
}

/**
 * Twee files parsed (a build lints, compiles, and reads the same files for its index page):
 * parsed once, not three times, which is most of a big story's build. The last parse of each
 * path, used while the file's content is the same, byte for byte. (twee.ts keeps the last clean
 * parse of a text too, for callers that hold text, not bytes, such as editTwee; this one also
 * saves decoding the bytes again, which a big story notices.)
 */
const parsed = new Map<string, { content: Buffer; passages: LocatedPassage[]; problems: BuildError[] }>();
const parsedAs = (file: SourceFile) => {
  const known = parsed.get(file.path);
  return known && (known.content === file.content || known.content.equals(file.content)) ? known : undefined;
};

export function filePassages(file: SourceFile): Passage[] {
  const ext = extension(file.path);
  const base = path.basename(file.path);
  if (ext in REFUSED)
    throw new BuildError(`the build does not read .${ext} files`, { file: file.path, line: 1 }, REFUSED[ext]);
  if (ext === "tw" || ext === "twee") {
    const known = parsedAs(file);
    if (known && known.problems.length === 0) {
      return known.passages.map(({ nameColumn: _n, textAt: _t, escapedLines: _e, ...p }) => p);
    }
    return parseTwee(readText(file.content).text, file.path);
  }
  if (ext === "css") return [whole(file, base, ["stylesheet"], readText(file.content).text)];
  if (ext === "js") return [whole(file, base, ["script"], readText(file.content).text)];
  if (ext in FONT_FORMATS) return [whole(file, base, ["stylesheet"], fontFace(file, base, ext))];
  const media = MEDIA_TYPES[ext];
  if (media && hasRawBytes(base)) {
    // tweego would write the byte into the page, where no passage's text can name it.
    throw new BuildError(
      `the name of ${base} is not UTF-8, so no passage can name this ${media.tag.slice(6)} file`,
      { file: file.path, line: 1 },
      "rename the file (its name in UTF-8)",
    );
  }
  if (media && base.split(".")[0] === "") {
    // tweego names a media passage after the file up to its first dot: here, no name at all.
    throw new BuildError(
      `${base} would be a passage with no name (a media passage is named after its file up to the first dot)`,
      { file: file.path, line: 1 },
      `give the file a name, like picture${base}`,
    );
  }
  if (media?.tag === MEDIA_TAGS.picture)
    return [whole(file, base.split(".")[0]!, [media.tag], dataUri(media.type, file.content))];
  if (media)
    return [
      whole(file, base.split(".")[0]!, [media.tag], `data:${media.type};base64,${file.content.toString("base64")}`),
    ];
  return [];
}

/** filePassages for lint: every header problem collected, and where each passage's text starts. */
export function filePassagesTolerant(file: SourceFile): { passages: LocatedPassage[]; problems: BuildError[] } {
  const ext = extension(file.path);
  if (ext === "tw" || ext === "twee") {
    const known = parsedAs(file);
    if (known) return { passages: known.passages, problems: known.problems };
    const result = parseTweeTolerant(readText(file.content).text, file.path);
    parsed.set(file.path, { content: file.content, ...result });
    return result;
  }
  try {
    // Whole-file passages keep their text as is, so it starts at the top of the file.
    const passages = filePassages(file).map((p) => ({
      ...p,
      nameColumn: 1,
      textAt: { line: 1, column: 1 },
      escapedLines: [],
    }));
    return { passages, problems: [] };
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    return { passages: [], problems: [e] };
  }
}
