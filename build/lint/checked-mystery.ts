// A mystery read once for every check: its passages (parsed tolerantly, so one bad header does
// not hide the rest), what each passage's text links to and calls, and where things are in files.
import type { BuildError } from "../shared/errors.js";
import type { Scan } from "../story-format/reading.js";
import { filePassagesTolerant, type SourceFile } from "../sources/sources.js";
import { type FoundFormat, installedVersions } from "../installed-formats/format.js";
import { parseStoryDataTolerant } from "../model/story.js";
import { isFormat, profileFor } from "../story-format/formats.js";
import type { StoryFormatProfile } from "../story-format/profile.js";
import { macroRoles, type MacroRoles } from "../story-format/macro-roles.js";
import { STORY_DATA } from "../story-format/passage-kinds.js";
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
  /** What the format renders as markup (not code, media, StoryTitle or StoryData), with its links and macros (ours too). */
  readonly scans: ReadonlyMap<LocatedPassage, Scan>;
  readonly specs: readonly MacroSpec[];
  /** What our macros do, by their specs. */
  readonly roles: MacroRoles;
  /** The story format StoryData names, as the tools read it (ours when it names one they do not know). */
  readonly profile: StoryFormatProfile;
  /** The story formats found where tweego finds them (installed-formats/format.ts). */
  readonly formats: readonly FoundFormat[];
  /** The format's version whose macros the checks know: the one StoryData names (the newest found if it names none). */
  readonly engine: string;
}

/** The format StoryData names and the version whose facts apply; with none named, the newest found, as the build takes. */
function formatOf(
  byName: ReadonlyMap<string, LocatedPassage>,
  formats: readonly FoundFormat[],
): { profile: StoryFormatProfile; engine: string } {
  const p = byName.get(STORY_DATA);
  const data = p ? parseStoryDataTolerant(p).data : null;
  const profile = profileFor(data?.format);
  if (data && !isFormat(data.format, profile)) return { profile, engine: profile.baseVersion }; // the story-format check says so
  return { profile, engine: profile.engineVersion(data?.formatVersion, installedVersions(profile.name, formats)) };
}

export function readMystery(
  files: readonly SourceFile[],
  specs: readonly MacroSpec[],
  formats: readonly FoundFormat[],
): Mystery {
  const passages: LocatedPassage[] = [];
  const problems: BuildError[] = [];
  for (const file of files) {
    const read = filePassagesTolerant(file);
    passages.push(...read.passages);
    problems.push(...read.problems);
  }
  const byName = new Map<string, LocatedPassage>();
  for (const p of passages) if (!byName.has(p.name)) byName.set(p.name, p);
  const { profile, engine } = formatOf(byName, formats);
  const roles = macroRoles(specs);
  const scans = new Map(passages.filter(profile.kinds.isMarkup).map((p) => [p, profile.scan(p.text, roles)] as const));
  return { passages, problems, byName, scans, specs, roles, profile, formats, engine };
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

/** Names in the format's story, for did-you-mean. */
export const storyNames = (m: Mystery) => [...m.byName.values()].filter(m.profile.kinds.inStory).map((p) => p.name);
