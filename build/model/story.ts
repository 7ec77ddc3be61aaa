// build/model/: the story model, a mystery's passages as one story. Imports build/sources/ and below.
//
// Passages → a story: reads StoryTitle and StoryData, and rejects what Twine or the engine would
// trip over later (duplicate names, a bad IFID, a missing start passage, script text the HTML
// would cut short); loadStory does it from a mystery's files. Pure.
import { randomUUID } from "node:crypto";
import { BuildError, type Location } from "../shared/errors.js";
import { goJsonField, goTrimSpace } from "../twee/go-text.js";
import type { Passage } from "../twee/twee.js";
import { isCode, isScript, isStylesheet } from "../story-format/passage-kinds.js";
import { filePassages, type SourceFile } from "../sources/sources.js";

export interface StoryData {
  readonly ifid: string;
  readonly format: string;
  readonly formatVersion: string;
  readonly start: string;
  readonly tagColors: Readonly<Record<string, string>>;
  readonly zoom: number;
  /** Twine's story options, e.g. "debug" (Test mode). */
  readonly options: readonly string[];
  /** Where StoryData is, for later messages about it. */
  readonly source: Location;
}

export interface Story {
  readonly name: string;
  /** Where StoryTitle is. */
  readonly titleSource: Location;
  readonly data: StoryData;
  /** Every passage but StoryTitle and StoryData, in source order. */
  readonly passages: readonly Passage[];
}

const IFID = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

/** A StoryData problem, naming the key it is about (when there is one) so lint can point at it. */
export class StoryDataError extends BuildError {
  constructor(
    message: string,
    location: Location,
    fix: string,
    readonly key?: string,
  ) {
    super(message, location, fix);
  }
}

function at(p: Passage) {
  return { file: p.file, line: p.line };
}

type Report = (problem: StoryDataError) => void;

function field<T>(
  obj: Record<string, unknown>,
  key: string,
  check: (v: unknown) => v is T,
  p: Passage,
  want: string,
  report: Report,
): T | undefined {
  // Keys are read as tweego (Go's encoding/json) reads them: case-insensitively, null as absent.
  const v = goJsonField(obj, key);
  if (v === undefined) return undefined;
  if (!check(v)) {
    report(new StoryDataError(`StoryData "${key}" must be ${want}`, at(p), `fix "${key}" in StoryData`, key));
    return undefined;
  }
  return v;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number";
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isColors = (v: unknown): v is Record<string, string> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every(isString);

/** Reads StoryData, reporting each problem and going on with the default; null when it is not a JSON object. */
function readStoryData(p: Passage, report: Report): StoryData | null {
  let obj: unknown;
  try {
    obj = JSON.parse(p.text);
  } catch (e) {
    report(
      new StoryDataError(
        `StoryData is not valid JSON (${(e as Error).message})`,
        at(p),
        'write it as {"ifid": "…", "format": "SugarCube", "format-version": "2.31.1", "start": "Start"}',
      ),
    );
    return null;
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    report(new StoryDataError("StoryData must be a JSON object", at(p), "wrap it in { }"));
    return null;
  }
  const o = obj as Record<string, unknown>;
  const ifid = field(o, "ifid", isString, p, "a string", report);
  if (ifid !== undefined && IFID.test(ifid.toUpperCase()) && !IFID.test(ifid)) {
    // Twine and the Treaty of Babel want IFIDs in uppercase; the same UUID in uppercase keeps its identity.
    report(
      new StoryDataError(
        `StoryData "ifid" must be uppercase: ${ifid}`,
        at(p),
        `write it as "ifid": "${ifid.toUpperCase()}"`,
        "ifid",
      ),
    );
  } else if (ifid === undefined || !IFID.test(ifid)) {
    report(
      new StoryDataError(
        ifid === undefined ? "StoryData has no IFID" : `StoryData "ifid" is not an uppercase UUID v4: ${ifid}`,
        at(p),
        `generate one once and keep it forever, e.g. "ifid": "${randomUUID().toUpperCase()}"`,
        ifid === undefined ? undefined : "ifid",
      ),
    );
  }
  return {
    ifid: ifid ?? "",
    format: field(o, "format", isString, p, "a string", report) ?? "SugarCube",
    formatVersion: field(o, "format-version", isString, p, 'a version string like "2.31.1"', report) ?? "",
    start: field(o, "start", isString, p, "a passage name", report) ?? "Start",
    tagColors: field(o, "tag-colors", isColors, p, 'an object like {"ending": "green"}', report) ?? {},
    // tweego keeps its default for 0.
    zoom: field(o, "zoom", isNumber, p, "a number", report) || 1,
    options: field(o, "options", isStrings, p, 'a list of option names, like ["debug"]', report) ?? [],
    source: at(p),
  };
}

export function parseStoryData(p: Passage): StoryData {
  const thrower: Report = (problem) => {
    throw problem;
  };
  return readStoryData(p, thrower)!;
}

/** Like parseStoryData, but collects every problem; `data` has defaults where a field was wrong. */
export function parseStoryDataTolerant(p: Passage): { data: StoryData | null; problems: StoryDataError[] } {
  const problems: StoryDataError[] = [];
  return { data: readStoryData(p, (problem) => problems.push(problem)), problems };
}

/** Every passage whose name an earlier one already has, with that first one; in source order. */
export function duplicatePassages<P extends Passage>(passages: readonly P[]): { first: P; again: P }[] {
  const seen = new Map<string, P>();
  const found: { first: P; again: P }[] = [];
  for (const p of passages) {
    const first = seen.get(p.name);
    if (first) found.push({ first, again: p });
    else seen.set(p.name, p);
  }
  return found;
}

export const duplicateError = (first: Passage, again: Passage) =>
  new BuildError(
    `duplicate passage name "${again.name}" (first defined at ${first.file}:${first.line})`,
    at(again),
    "rename one of them; passage names must be unique across all files of a mystery",
  );

/** Whether SugarCube can start at `p`: script and stylesheet passages are not passages to it. */
export const canStartAt = (p: Passage | undefined): p is Passage => p !== undefined && !isCode(p);

/** Builds the story and checks it as a whole. */
export function assembleStory(passages: readonly Passage[]): Story {
  const [duplicate] = duplicatePassages(passages);
  if (duplicate) throw duplicateError(duplicate.first, duplicate.again);
  const seen = new Map(passages.map((p) => [p.name, p] as const));
  const title = seen.get("StoryTitle");
  const dataPassage = seen.get("StoryData");
  const anywhere = { file: passages[0]?.file ?? "(no files)", line: 1 };
  if (!title || title.text === "") {
    throw new BuildError(
      "the story has no StoryTitle",
      title ? at(title) : anywhere,
      "add `:: StoryTitle` with the story's name",
    );
  }
  if (!dataPassage) {
    throw new BuildError(
      "the story has no StoryData",
      anywhere,
      "add a `:: StoryData` passage with the story's IFID and format",
    );
  }
  if (title.text.includes("{{STORY_DATA}}")) {
    // tweego would put the story data into the page's <title> (it fills {{STORY_NAME}} in first).
    throw new BuildError(
      "StoryTitle contains {{STORY_DATA}}, which the story format fills in",
      at(title),
      "reword the title",
    );
  }
  const data = parseStoryData(dataPassage);
  if (!canStartAt(seen.get(data.start))) {
    throw new BuildError(
      `the start passage "${data.start}" does not exist`,
      at(dataPassage),
      `add a passage named "${data.start}" or set "start" in StoryData to an existing passage`,
    );
  }
  return {
    name: title.text,
    titleSource: at(title),
    data,
    passages: passages.filter((p) => p !== title && p !== dataPassage),
  };
}

/**
 * Whether a StorySettings passage (Twine 1's story settings) holds a setting tweego keeps: a
 * `key: value` line other than the obsolete ifid and zoom. tweego leaves it out of the story otherwise.
 */
export function hasStorySettings(text: string): boolean {
  return text.split("\n").some((line) => {
    const colon = line.indexOf(":");
    return colon !== -1 && !["ifid", "zoom"].includes(goTrimSpace(line.slice(0, colon)).toLowerCase());
  });
}

/** Script and style text is embedded raw, so it must not close its own element. */
export function checkEmbeddable(p: Passage): void {
  const closer = isScript(p) ? "</script" : isStylesheet(p) ? "</style" : null;
  if (closer && p.text.toLowerCase().includes(closer)) {
    throw new BuildError(
      `${isScript(p) ? "script" : "stylesheet"} contains "${closer}", which would end it early in the HTML`,
      { file: p.file, line: p.text.slice(0, p.text.toLowerCase().indexOf(closer)).split("\n").length },
      `write it as "${closer.replace("/", "\\/")}" inside strings`,
    );
  }
}

export function loadStory(files: readonly SourceFile[]): Story {
  const passages = files.flatMap(filePassages);
  passages.forEach(checkEmbeddable);
  return assembleStory(passages);
}
