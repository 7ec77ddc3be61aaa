// Story formats from the pinned `twine-story-formats` package (extwee@2.0.6's story-formats/),
// the same folder tweego gets through TWEEGO_PATH, so both compilers embed the same engine.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { BuildError, type Location } from "./errors.js";

export interface StoryFormat {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  /** The HTML template with {{STORY_NAME}} and {{STORY_DATA}}. */
  readonly source: string;
  readonly file: string;
}

export const formatsDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve("twine-story-formats/package.json")),
  "story-formats",
);

/** `window.storyFormat({...});` → its JSON object. */
export function parseFormatFile(text: string, file: string): StoryFormat {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  try {
    const json = JSON.parse(text.slice(open + 1, close)) as Record<string, unknown>;
    if (typeof json.name !== "string" || typeof json.version !== "string" || typeof json.source !== "string") {
      throw new Error("missing name, version or source");
    }
    return {
      name: json.name,
      version: json.version,
      license: typeof json.license === "string" ? json.license : undefined,
      source: json.source,
      file,
    };
  } catch (e) {
    throw new BuildError(`cannot read story format ${file}: ${(e as Error).message}`);
  }
}

const versionParts = (v: string) => v.split(".").map((n) => Number.parseInt(n, 10) || 0);

function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

const cache = new Map<string, StoryFormat>();

/**
 * The newest installed version of `name` with the requested major version (tweego's rule).
 * Folders are named `name-version`, as in the formats package.
 */
export function findFormat(name: string, wanted: string, where: Location, dir = formatsDir): StoryFormat {
  const major = wanted.split(".")[0] || "2";
  const prefix = `${name.toLowerCase()}-`;
  const candidates = readdirSync(dir)
    .filter((d) => d.startsWith(prefix) && d.slice(prefix.length).split(".")[0] === major)
    .map((d) => d.slice(prefix.length))
    .sort(compareVersions);
  const version = candidates.at(-1);
  if (!version) {
    throw new BuildError(
      `story format ${name} ${wanted || major} is not installed in ${dir}`,
      where,
      `set "format" and "format-version" in StoryData to one of: ${readdirSync(dir).join(", ")}`,
    );
  }
  if (wanted && compareVersions(version, wanted) < 0) {
    throw new BuildError(
      `StoryData asks for ${name} ${wanted}, but the newest installed is ${version}`,
      where,
      `set "format-version" to "${version}"`,
    );
  }
  const file = path.join(dir, `${prefix}${version}`, "format.js");
  let format = cache.get(file);
  if (!format) {
    format = parseFormatFile(readFileSync(file, "utf8"), file);
    cache.set(file, format);
  }
  return format;
}
