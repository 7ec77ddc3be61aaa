// A mystery read once for every check: its passages (parsed tolerantly, so one bad header does
// not hide the rest), what each passage's text links to and calls, and where things are in files.
import type { BuildError } from "../shared/errors.js";
import { type Scan, scanPassage } from "../story-format/sugarcube/links.js";
import { filePassagesTolerant, type SourceFile } from "../compile/sources.js";
import { type FoundFormat, installedVersions } from "../compile/format.js";
import { parseStoryDataTolerant } from "../compile/story.js";
import { BASE_VERSION } from "../story-format/sugarcube/macros.js";
import type { LocatedPassage } from "../twee/twee.js";
import type { MacroSpec } from "../../macros/define.js";
import type { Where } from "../shared/diagnostic.js";

export type { Scan };

export interface Mystery {
  /** Every passage, in file order (duplicates included). */
  readonly passages: readonly LocatedPassage[];
  /** Malformed headers, text before the first header. */
  readonly problems: readonly BuildError[];
  /** The first passage of each name. */
  readonly byName: ReadonlyMap<string, LocatedPassage>;
  /** What SugarCube renders as markup (not code, media, StoryTitle or StoryData), with its links and macros. */
  readonly scans: ReadonlyMap<LocatedPassage, Scan>;
  readonly specs: readonly MacroSpec[];
  /** The story formats found where tweego finds them (compile/format.ts). */
  readonly formats: readonly FoundFormat[];
  /** The SugarCube 2 version whose macros the checks know: the one StoryData names (the newest found if it names none). */
  readonly engine: string;
}

const CODE_TAGS = ["script", "stylesheet"];
const MEDIA_TAGS = ["Twine.image", "Twine.audio", "Twine.video", "Twine.vtt"];
/** Tags whose passages SugarCube 2.31 keeps out of its Story (Story.has is false for them). */
const NOT_IN_STORY = [...CODE_TAGS, "widget", "Twine.private", "annotation"];

export const hasTag = (p: LocatedPassage, ...tags: string[]) => p.tags.some((t) => tags.includes(t));
export const isCode = (p: LocatedPassage) => hasTag(p, ...CODE_TAGS);
export const isMedia = (p: LocatedPassage) => hasTag(p, ...MEDIA_TAGS);

/** A name a link, <<goto>> or <<include>> can go to. StoryTitle and StoryData become story data, not passages. */
export const inStory = (p: LocatedPassage | undefined): p is LocatedPassage =>
  p !== undefined && !hasTag(p, ...NOT_IN_STORY) && p.name !== "StoryTitle" && p.name !== "StoryData";

const isMarkup = (p: LocatedPassage) =>
  !isCode(p) && !isMedia(p) && !hasTag(p, "Twine.private", "annotation") && p.name !== "StoryTitle" && p.name !== "StoryData";

/** The SugarCube 2 version StoryData names; with none named, the newest found, as the build takes. */
function engineVersion(byName: ReadonlyMap<string, LocatedPassage>, formats: readonly FoundFormat[]): string {
  const p = byName.get("StoryData");
  const data = p ? parseStoryDataTolerant(p).data : null;
  if (data && data.format.toLowerCase() !== "sugarcube") return BASE_VERSION; // the story-format check says so
  if (data?.formatVersion.startsWith("2.")) return data.formatVersion;
  return installedVersions("SugarCube", formats).filter((v) => v.startsWith("2.")).at(-1) ?? BASE_VERSION;
}

export function readMystery(files: readonly SourceFile[], specs: readonly MacroSpec[], formats: readonly FoundFormat[]): Mystery {
  const passages: LocatedPassage[] = [];
  const problems: BuildError[] = [];
  for (const file of files) {
    const read = filePassagesTolerant(file);
    passages.push(...read.passages);
    problems.push(...read.problems);
  }
  const byName = new Map<string, LocatedPassage>();
  for (const p of passages) if (!byName.has(p.name)) byName.set(p.name, p);
  const scans = new Map(passages.filter(isMarkup).map((p) => [p, scanPassage(p.text)] as const));
  return { passages, problems, byName, scans, specs, formats, engine: engineVersion(byName, formats) };
}

/** Where `offset` into a passage's (trimmed, unescaped) text is in its file (0-based line of the text, 1-based column). */
export function textPosition(p: LocatedPassage, offset: number): { textLine: number; line: number; column: number } {
  const before = p.text.slice(0, offset);
  const newline = before.lastIndexOf("\n");
  let textLine = 0;
  for (let i = before.indexOf("\n"); i !== -1; i = before.indexOf("\n", i + 1)) textLine++;
  const escaped = p.escapedLines.includes(textLine) ? 1 : 0; // the "\" before "::" in the file
  const column = newline === -1 ? p.textAt.column + offset : offset - newline;
  return { textLine, line: p.textAt.line + textLine, column: column + escaped };
}

/** Where `offset` into a passage's text is in its file. */
export function locate(p: LocatedPassage, offset: number): Where {
  const { line, column } = textPosition(p, offset);
  return { file: p.file, line, column };
}

/** A passage's name in its header. */
export const header = (p: LocatedPassage): Where => ({ file: p.file, line: p.line, column: p.nameColumn });

/** Names in SugarCube's Story, for did-you-mean. */
export const storyNames = (m: Mystery) => [...m.byName.values()].filter(inStory).map((p) => p.name);
