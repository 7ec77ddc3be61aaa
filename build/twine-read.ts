// Reads stories the way Twine 2 imports them: <tw-storydata>/<tw-passagedata> from a published
// file or a library archive (twine-2-htmloutput-spec, twine-2-archive-spec), or a Twee 3 export.
import { JSDOM } from "jsdom";
import { BuildError } from "./errors.js";
import { parseTwee } from "./twee.js";

export interface TwinePassage {
  readonly name: string;
  readonly tags: readonly string[];
  readonly position: string;
  readonly size: string;
  readonly text: string;
}

export interface TwineStory {
  readonly name: string;
  readonly ifid: string;
  readonly format: string;
  readonly formatVersion: string;
  /** The start passage's name ("" when the start node names no passage). */
  readonly start: string;
  readonly tagColors: Readonly<Record<string, string>>;
  readonly zoom: number;
  readonly script: string;
  readonly stylesheet: string;
  readonly passages: readonly TwinePassage[];
}

/** Every <tw-storydata> in an HTML document: one for a published story, any number in an archive. */
export function readTwineHtml(html: string, file: string): TwineStory[] {
  const doc = new JSDOM(html).window.document;
  const stories = Array.from(doc.querySelectorAll("tw-storydata"), (el): TwineStory => {
    const attr = (name: string) => el.getAttribute(name) ?? "";
    const passages = Array.from(el.querySelectorAll("tw-passagedata"), (p) => ({
      pid: p.getAttribute("pid") ?? "",
      name: p.getAttribute("name") ?? "",
      tags: (p.getAttribute("tags") ?? "").split(/\s+/).filter(Boolean),
      position: p.getAttribute("position") ?? "",
      size: p.getAttribute("size") ?? "100,100",
      text: p.textContent ?? "",
    }));
    const tagColors: Record<string, string> = {};
    for (const t of el.querySelectorAll("tw-tag")) tagColors[t.getAttribute("name") ?? ""] = t.getAttribute("color") ?? "";
    return {
      name: attr("name"),
      ifid: attr("ifid").toUpperCase(),
      format: attr("format"),
      formatVersion: attr("format-version"),
      start: passages.find((p) => p.pid === attr("startnode"))?.name ?? "",
      tagColors,
      zoom: Number.parseFloat(attr("zoom")) || 1,
      script: Array.from(el.querySelectorAll('script[type="text/twine-javascript"]'), (s) => s.textContent ?? "").join("\n"),
      stylesheet: Array.from(el.querySelectorAll('style[type="text/twine-css"]'), (s) => s.textContent ?? "").join("\n"),
      passages: passages.map(({ pid: _pid, ...rest }) => rest),
    };
  });
  if (stories.length === 0) {
    throw new BuildError("no Twine 2 story data (<tw-storydata>) in this file", { file, line: 1 }, "give a file published or archived by Twine 2, or a .twee export");
  }
  return stories;
}

/** A Twee 3 export (Twine 2.6+ "Export as Twee"). */
export function readTwineTwee(source: string, file: string): TwineStory {
  const passages = parseTwee(source, file);
  const byName = new Map(passages.map((p) => [p.name, p]));
  const dataPassage = byName.get("StoryData");
  let data: Record<string, unknown> = {};
  if (dataPassage) {
    try {
      data = JSON.parse(dataPassage.text) as Record<string, unknown>;
    } catch (e) {
      throw new BuildError(`StoryData is not valid JSON (${(e as Error).message})`, { file, line: dataPassage.line }, "fix the JSON");
    }
  }
  const str = (v: unknown, d = "") => (typeof v === "string" ? v : d);
  const code = (tag: string) => passages.filter((p) => p.tags.includes(tag)).map((p) => p.text).join("\n");
  return {
    name: byName.get("StoryTitle")?.text ?? "",
    ifid: str(data.ifid).toUpperCase(),
    format: str(data.format),
    formatVersion: str(data["format-version"]),
    start: str(data.start, "Start"),
    tagColors: (typeof data["tag-colors"] === "object" && data["tag-colors"]) ? (data["tag-colors"] as Record<string, string>) : {},
    zoom: typeof data.zoom === "number" ? data.zoom : 1,
    script: code("script"),
    stylesheet: code("stylesheet"),
    passages: passages
      .filter((p) => !["StoryTitle", "StoryData"].includes(p.name) && !p.tags.some((t) => t === "script" || t === "stylesheet"))
      .map((p) => ({ name: p.name, tags: p.tags, position: p.metadata.position ?? "", size: p.metadata.size ?? "100,100", text: p.text })),
  };
}
