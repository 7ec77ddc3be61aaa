// A story + a story format → Twine 2 HTML (twine-specs, twine-2-htmloutput-spec), laid out the
// way tweego 2.1 writes it (storyout.go, passageout.go), so both compilers give the same bytes.
// Where tweego is wrong, this is right: attribute values are HTML-escaped only (tweego also
// applies Go's %q, so a backslash or tab in a name comes out doubled or as "\t", and tag names
// are not escaped at all), and tag colours are sorted (tweego's order is random). Pure.
import type { StoryFormat } from "../installed-formats/format.js";
import { goFloat32, goQuote } from "../twee/go-text.js";
import { hasStorySettings, type Story } from "../model/story.js";
import type { Passage } from "../twee/twee.js";
import { escapeAttr, escapeHtml } from "../shared/escapes.js";
import { isCode, isPrivate, isScript, isStylesheet, isStorySettings } from "../story-format/passage-kinds.js";

export interface Creator {
  readonly name: string;
  readonly version: string;
}

/** How the file is published: `debug` is Twine's "Test" (SugarCube's debug mode). */
export interface PublishOptions {
  readonly debug?: boolean;
}

/**
 * Several script (or stylesheet) passages are joined with a comment naming each, as tweego does:
 * a newline goes before a comment only when the text so far does not already end in one.
 */
function joinCode(kind: "script" | "stylesheet", passages: Passage[]): string {
  if (passages.length === 1) return passages[0]!.text;
  let code = "";
  passages.forEach((p, i) => {
    if (i > 0 && !code.endsWith("\n")) code += "\n";
    code += codeMarker(kind, i + 1, p.name) + p.text;
  });
  return code;
}

/** joinCode's comment line before source number `n` (from 1): `/* twine-user-script #2: "config.js" *\/`. */
export const codeMarker = (kind: "script" | "stylesheet", n: number, name: string): string =>
  `/* twine-user-${kind} #${n}: ${goQuote(name)} */\n`;

/** codeMarker's comment, found. */
const CODE_MARKER = /\/\* twine-user-(?:script|stylesheet) #\d+: ("(?:\\.|[^"\\])*") \*\/\n/g;

/**
 * A joined script or stylesheet taken apart again: each source's name (its file's, for a file),
 * text, and where its part of `joined` (comment included) starts and ends; null when it holds no
 * such comment (one source, unnamed).
 */
export function splitCode(joined: string): { name: string; text: string; from: number; to: number }[] | null {
  const found = [...joined.matchAll(CODE_MARKER)];
  if (found.length === 0) return null;
  return found.map((m, i) => {
    const end = i + 1 < found.length ? found[i + 1]!.index : joined.length;
    return {
      name: JSON.parse(m[1]!) as string,
      text: joined.slice(m.index + m[0].length, end),
      from: m.index,
      to: end,
    };
  });
}

/** tweego leaves out a StorySettings passage that holds no setting it keeps. */
const isEmptySettings = (p: Passage) => isStorySettings(p) && !hasStorySettings(p.text);

/** Tweego's default map position for passages without one: a 10-wide grid by passage id. */
export function defaultPosition(pid: number): string {
  let x = pid % 10;
  let y = Math.floor(pid / 10);
  if (x === 0) x = 10;
  else y++;
  return `${x * 125 - 25},${y * 125 - 25}`;
}

/**
 * The <tw-storydata> chunk. `format` is the story's own format (a proofing template still gets
 * the story's format here, as Twine does).
 */
export function storyDataHtml(
  story: Story,
  format: StoryFormat,
  creator: Creator,
  options: PublishOptions = {},
): string {
  const live = story.passages.filter((p) => !isPrivate(p));
  const scripts = live.filter(isScript);
  const styles = live.filter((p) => isStylesheet(p) && !isScript(p));
  const normal = live.filter((p) => !isCode(p) && !isEmptySettings(p));
  const { data } = story;
  let startnode = "";
  const passages = normal.map((p, i) => {
    const pid = i + 1;
    if (p.name === data.start) startnode = String(pid);
    return (
      `<tw-passagedata pid="${pid}" name="${escapeAttr(p.name)}" tags="${escapeAttr(p.tags.join(" "))}" ` +
      `position="${escapeAttr(p.metadata.position ?? defaultPosition(pid))}" size="${escapeAttr(p.metadata.size ?? "100,100")}">` +
      `${escapeHtml(p.text)}</tw-passagedata>`
    );
  });
  // Sorted, so the same colours always give the same bytes (tweego's order is random).
  const tags = Object.keys(data.tagColors)
    .sort()
    .map((tag) => `<tw-tag name="${escapeAttr(tag)}" color="${escapeAttr(data.tagColors[tag]!)}"></tw-tag>`);
  const storyOptions = [...new Set([...data.options, ...(options.debug ? ["debug"] : [])])].join(" ");
  return (
    `<!-- UUID://${data.ifid}// -->` +
    `<tw-storydata name="${escapeAttr(story.name)}" startnode="${startnode}" creator="${escapeAttr(creator.name)}" ` +
    `creator-version="${escapeAttr(creator.version)}" ifid="${escapeAttr(data.ifid)}" zoom="${goFloat32(data.zoom)}" ` +
    `format="${escapeAttr(format.name)}" format-version="${escapeAttr(format.version)}" options="${escapeAttr(storyOptions)}" hidden>` +
    `<style role="stylesheet" id="twine-user-stylesheet" type="text/twine-css">${joinCode("stylesheet", styles)}</style>` +
    `<script role="script" id="twine-user-script" type="text/twine-javascript">${joinCode("script", scripts)}</script>` +
    tags.join("") +
    passages.join("") +
    `</tw-storydata>`
  );
}

/** The file: a template (the story's format, or a proofing format) with the story put in. */
export function storyHtml(
  story: Story,
  format: StoryFormat,
  creator: Creator,
  options: PublishOptions = {},
  template: StoryFormat = format,
): string {
  // As tweego: every {{STORY_NAME}}, the first {{STORY_DATA}}. Function replacements, because
  // story text may contain "$&" and friends; one pass, so the name is not searched again.
  const name = escapeHtml(story.name);
  let data: string | undefined = storyDataHtml(story, format, creator, options);
  return template.source.replace(/\{\{STORY_(?:NAME|DATA)\}\}/g, (m) => {
    if (m === "{{STORY_NAME}}") return name;
    const first = data ?? m;
    data = undefined;
    return first;
  });
}
