// Passages → a story: reads StoryTitle and StoryData, and rejects what Twine or the engine would
// trip over later (duplicate names, a bad IFID, a missing start passage). Pure.
import { randomUUID } from "node:crypto";
import { BuildError, type Location } from "./errors.js";
import type { Passage } from "./twee.js";

export interface StoryData {
  readonly ifid: string;
  readonly format: string;
  readonly formatVersion: string;
  readonly start: string;
  readonly tagColors: Readonly<Record<string, string>>;
  readonly zoom: number;
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

function at(p: Passage) {
  return { file: p.file, line: p.line };
}

function field<T>(
  obj: Record<string, unknown>,
  key: string,
  check: (v: unknown) => v is T,
  p: Passage,
  want: string,
): T | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (!check(v)) throw new BuildError(`StoryData "${key}" must be ${want}`, at(p), `fix "${key}" in StoryData`);
  return v;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number";
const isColors = (v: unknown): v is Record<string, string> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every(isString);

export function parseStoryData(p: Passage): StoryData {
  let obj: unknown;
  try {
    obj = JSON.parse(p.text);
  } catch (e) {
    throw new BuildError(
      `StoryData is not valid JSON (${(e as Error).message})`,
      at(p),
      'write it as {"ifid": "…", "format": "SugarCube", "format-version": "2.31.1", "start": "Start"}',
    );
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    throw new BuildError("StoryData must be a JSON object", at(p), "wrap it in { }");
  }
  const o = obj as Record<string, unknown>;
  const ifid = field(o, "ifid", isString, p, "a string");
  if (ifid === undefined || !IFID.test(ifid)) {
    throw new BuildError(
      ifid === undefined ? "StoryData has no IFID" : `StoryData "ifid" is not an uppercase UUID v4: ${ifid}`,
      at(p),
      `generate one once and keep it forever, e.g. "ifid": "${randomUUID().toUpperCase()}"`,
    );
  }
  return {
    ifid,
    format: field(o, "format", isString, p, "a string") ?? "SugarCube",
    formatVersion: field(o, "format-version", isString, p, "a version string like \"2.31.1\"") ?? "",
    start: field(o, "start", isString, p, "a passage name") ?? "Start",
    tagColors: field(o, "tag-colors", isColors, p, 'an object like {"ending": "green"}') ?? {},
    zoom: field(o, "zoom", isNumber, p, "a number") ?? 1,
    source: at(p),
  };
}

/** Builds the story and checks it as a whole. */
export function assembleStory(passages: readonly Passage[]): Story {
  const seen = new Map<string, Passage>();
  for (const p of passages) {
    const first = seen.get(p.name);
    if (first) {
      throw new BuildError(
        `duplicate passage name "${p.name}" (first defined at ${first.file}:${first.line})`,
        at(p),
        "rename one of them; passage names must be unique across all files of a mystery",
      );
    }
    seen.set(p.name, p);
  }
  const title = seen.get("StoryTitle");
  const dataPassage = seen.get("StoryData");
  const anywhere = { file: passages[0]?.file ?? "(no files)", line: 1 };
  if (!title || title.text === "") {
    throw new BuildError("the story has no StoryTitle", title ? at(title) : anywhere, "add `:: StoryTitle` with the story's name");
  }
  if (!dataPassage) {
    throw new BuildError("the story has no StoryData", anywhere, "add a `:: StoryData` passage with the story's IFID and format");
  }
  const data = parseStoryData(dataPassage);
  const start = seen.get(data.start);
  if (!start || start.tags.includes("script") || start.tags.includes("stylesheet")) {
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
