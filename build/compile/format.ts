// Story formats from the pinned `twine-story-formats` package (extwee@2.0.6's story-formats/),
// the same folder tweego gets through TWEEGO_PATH (and is pinned to with -f, tweego.ts), so both
// compilers embed the same engine: exactly the version StoryData names.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { BuildError, type Location } from "../shared/errors.js";
import { display } from "../shared/paths.js";

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

function load(file: string): StoryFormat {
  let format = cache.get(file);
  if (!format) {
    format = parseFormatFile(readFileSync(file, "utf8"), file);
    cache.set(file, format);
  }
  return format;
}

/** The installed versions of `name`, oldest first. Folders are named `name-version`, as in the formats package. */
export function installedVersions(name: string, dir = formatsDir): string[] {
  const prefix = `${name.toLowerCase()}-`;
  return readdirSync(dir)
    .filter((d) => d.startsWith(prefix))
    .map((d) => d.slice(prefix.length))
    .sort(compareVersions);
}

/** The format in its folder, checked to be what its folder name says. */
function formatIn(dir: string, name: string, version: string, where: Location): StoryFormat {
  const format = load(path.join(dir, `${name.toLowerCase()}-${version}`, "format.js"));
  if (format.name.toLowerCase() !== name.toLowerCase() || format.version !== version) {
    throw new BuildError(`${format.file} is ${format.name} ${format.version}, not ${name} ${version} as its folder says`, where, "reinstall: npm ci");
  }
  return format;
}

/**
 * Exactly the version of `name` that StoryData names, so every compiler embeds the same engine;
 * with no version named, the newest installed (tweego's rule). A clear error names what is
 * installed when that version is not.
 */
export function findFormat(name: string, version: string, where: Location, dir = formatsDir): StoryFormat {
  const installed = installedVersions(name, dir);
  const wanted = version || installed.at(-1);
  if (!wanted || !installed.includes(wanted)) {
    const sameMajor = installed.filter((v) => v.split(".")[0] === (version.split(".")[0] || "2"));
    const what = installed.length > 0 ? `${name} ${installed.join(", ")}` : `no ${name}`;
    throw new BuildError(
      `StoryData asks for ${name} ${version || "(any version)"}, which is not installed; installed: ${what} (in ${display(dir)})`,
      where,
      sameMajor.length > 0
        ? `set "format-version" to "${sameMajor.at(-1)}"`
        : `set "format" and "format-version" in StoryData to one of: ${readdirSync(dir).join(", ")}`,
    );
  }
  return formatIn(dir, name, wanted, where);
}

/** The newest installed version of `name` with this major version: the proofing format, a new mystery's SugarCube. */
export function newestFormat(name: string, major: string, where: Location, dir = formatsDir): StoryFormat {
  const version = installedVersions(name, dir).filter((v) => v.split(".")[0] === major).at(-1);
  if (!version) {
    throw new BuildError(`story format ${name} ${major} is not installed in ${display(dir)}`, where, "reinstall: npm ci");
  }
  return formatIn(dir, name, version, where);
}
