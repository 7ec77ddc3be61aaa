// Reads stories the way Twine 2 imports them: <tw-storydata>/<tw-passagedata> from a published
// file or a library archive (twine-2-htmloutput-spec, twine-2-archive-spec), or a Twee 3 export.
import { JSDOM } from "jsdom";
import { BuildError } from "../shared/errors.js";
import { unescapeHtml } from "../shared/escapes.js";
import { parseTwee, type Passage } from "../twee/twee.js";
import type { StoryData } from "../model/story.js";
import {
  isCode,
  isScript,
  isStoryMetadata,
  isStylesheet,
  STORY_DATA,
  STORY_TITLE,
} from "../story-format/passage-kinds.js";

export interface TwinePassage {
  readonly name: string;
  readonly tags: readonly string[];
  readonly position: string;
  readonly size: string;
  readonly text: string;
}

/** A story as Twine holds it: StoryData's settings (`start` is "" when the start node names no
 *  passage) and what Twine keeps besides. */
export interface TwineStory
  extends Pick<StoryData, "ifid" | "format" | "formatVersion" | "start" | "tagColors" | "zoom"> {
  readonly name: string;
  /** Read from HTML (published, archive) or from a Twee export. */
  readonly from: "html" | "twee";
  /** Twine's library tags of the story (Twee has no place for them). */
  readonly tags: readonly string[];
  readonly script: string;
  readonly stylesheet: string;
  readonly passages: readonly TwinePassage[];
}

const lineAt = (text: string, index: number) => text.slice(0, index).split("\n").length;

/**
 * Refuses story data that is cut off (an interrupted download or copy): every <tw-storydata> and
 * <tw-passagedata> must end. An HTML parser would quietly close them, and the cut-off passage, or
 * every passage after the cut, would come back changed or removed.
 */
function checkComplete(html: string, file: string): void {
  const tags = /<(\/?)(tw-storydata|tw-passagedata)\b/gi;
  const open: { name: string; at: number }[] = [];
  for (const m of html.matchAll(tags)) {
    const name = m[2]!.toLowerCase();
    if (!m[1]) open.push({ name, at: m.index });
    else if (open.at(-1)?.name === name) open.pop();
  }
  const cut = open.find((o) => o.name === "tw-storydata") ?? open[0];
  if (cut) {
    const what = cut.name === "tw-storydata" ? "its story data (<tw-storydata>)" : "a passage (<tw-passagedata>)";
    throw new BuildError(
      `this file is cut off: ${what} starts here and never ends, so passages would be lost`,
      { file, line: lineAt(html, cut.at) },
      "download, publish or archive the story from Twine again, and import the complete file",
    );
  }
}

/** Passages this long or longer are lifted; the DOM reads the shorter ones (which is as fast). */
const BIG = 512;

/**
 * Takes the text of passages out of the HTML before the DOM parser sees it (it reads a 50 MB
 * passage in tens of seconds, and a story's pictures were most of an import's time), where the
 * text decodes exactly as the parser would decode it: no
 * tags, no carriage returns or NULs, and only the five escapes Twine's publish writes. Any other
 * passage stays for the parser. Returns the HTML with those bodies emptied and marked.
 */
function liftBigPassages(html: string): { html: string; bodies: string[] } {
  const bodies: string[] = [];
  const passage = /(<tw-passagedata\b(?:[^>"']|"[^"]*"|'[^']*')*)>([^<]*)(<\/tw-passagedata>)/gi;
  const lifted = html.replace(passage, (whole, open: string, body: string, close: string) => {
    if (body.length < BIG || /[\r\0]/.test(body)) return whole;
    const text = unescapeHtml(body);
    if (text === null) return whole;
    bodies.push(text);
    return `${open} data-lifted-body="${bodies.length - 1}">${close}`;
  });
  return { html: lifted, bodies };
}

/** Every <tw-storydata> in an HTML document: one for a published story, any number in an archive. */
export function readTwineHtml(html: string, file: string): TwineStory[] {
  checkComplete(html, file);
  const lifted = liftBigPassages(html);
  // Only the story data is parsed, inside a <template>: the story format's engine around it (SugarCube:
  // 400 KB of script) need not be read, and a stylesheet in a template is not built (jsdom's CSS
  // parsing is slow, and nothing here needs the styles).
  const from = lifted.html.search(/<tw-storydata\b/i);
  const to = lifted.html.toLowerCase().lastIndexOf("</tw-storydata>");
  const data = from === -1 ? "" : lifted.html.slice(from, to === -1 ? undefined : to + "</tw-storydata>".length);
  const doc = new JSDOM(`<template>${data}</template>`).window.document.querySelector("template")!.content;
  const stories = Array.from(doc.querySelectorAll("tw-storydata"), (el): TwineStory => {
    const attr = (name: string) => el.getAttribute(name) ?? "";
    const passages = Array.from(el.querySelectorAll("tw-passagedata"), (p) => ({
      pid: p.getAttribute("pid") ?? "",
      name: p.getAttribute("name") ?? "",
      tags: (p.getAttribute("tags") ?? "").split(/\s+/).filter(Boolean),
      position: p.getAttribute("position") ?? "",
      size: p.getAttribute("size") ?? "100,100",
      text: p.hasAttribute("data-lifted-body")
        ? lifted.bodies[Number(p.getAttribute("data-lifted-body"))]!
        : (p.textContent ?? ""),
    }));
    const tagColors: Record<string, string> = {};
    for (const t of el.querySelectorAll("tw-tag"))
      tagColors[t.getAttribute("name") ?? ""] = t.getAttribute("color") ?? "";
    return {
      name: attr("name"),
      ifid: attr("ifid").toUpperCase(),
      format: attr("format"),
      formatVersion: attr("format-version"),
      start: passages.find((p) => p.pid === attr("startnode"))?.name ?? "",
      tagColors,
      zoom: Number.parseFloat(attr("zoom")) || 1,
      from: "html",
      tags: attr("tags").split(/\s+/).filter(Boolean),
      script: Array.from(el.querySelectorAll('script[type="text/twine-javascript"]'), (s) => s.textContent ?? "").join(
        "\n",
      ),
      stylesheet: Array.from(el.querySelectorAll('style[type="text/twine-css"]'), (s) => s.textContent ?? "").join(
        "\n",
      ),
      passages: passages.map(({ pid: _pid, ...rest }) => rest),
    };
  });
  if (stories.length === 0) {
    throw new BuildError(
      "no Twine 2 story data (<tw-storydata>) in this file",
      { file, line: 1 },
      "give a file published or archived by Twine 2, or a .twee export",
    );
  }
  return stories;
}

/** A Twee 3 export (Twine 2.6+ "Export as Twee"). */
export function readTwineTwee(source: string, file: string): TwineStory {
  const passages = parseTwee(source, file);
  const byName = new Map(passages.map((p) => [p.name, p]));
  const dataPassage = byName.get(STORY_DATA);
  let data: Record<string, unknown> = {};
  if (dataPassage) {
    try {
      data = JSON.parse(dataPassage.text) as Record<string, unknown>;
    } catch (e) {
      throw new BuildError(
        `StoryData is not valid JSON (${(e as Error).message})`,
        { file, line: dataPassage.line },
        "fix the JSON",
      );
    }
  }
  const str = (v: unknown, d = "") => (typeof v === "string" ? v : d);
  const code = (is: (p: Passage) => boolean) =>
    passages
      .filter(is)
      .map((p) => p.text)
      .join("\n");
  return {
    name: byName.get(STORY_TITLE)?.text ?? "",
    ifid: str(data.ifid).toUpperCase(),
    format: str(data.format),
    formatVersion: str(data["format-version"]),
    start: str(data.start, "Start"),
    tagColors:
      typeof data["tag-colors"] === "object" && data["tag-colors"]
        ? (data["tag-colors"] as Record<string, string>)
        : {},
    zoom: typeof data.zoom === "number" ? data.zoom : 1,
    from: "twee",
    tags: [],
    script: code(isScript),
    stylesheet: code(isStylesheet),
    passages: passages
      .filter((p) => !isStoryMetadata(p) && !isCode(p))
      .map((p) => ({
        name: p.name,
        tags: p.tags,
        position: p.metadata.position ?? "",
        size: p.metadata.size ?? "100,100",
        text: p.text,
      })),
  };
}
