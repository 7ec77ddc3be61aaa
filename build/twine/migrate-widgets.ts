// A story written with the original widgets (original-widgets.ts), moved onto our typed macros
// of the same names: the widget definitions that are exactly the original's go (our macros take
// the same arguments), and with the original clue recorder (ORIGINAL_RECORDER) goes what only its
// clue list needed: the set-up widget and its calls, `$knowledge`'s set-up, and StoryCaption's own
// list of it, which becomes ours (filled by our clue macro). A widget that differs from the
// original's is the story's own: it stays, and the lint's macro-clash error says what to do with
// it. Every other byte of the story stays as it was. The widgets are SugarCube's, read by its
// profile (OUR_FORMAT). Pure.
import { OUR_FORMAT } from "../story-format/formats.js";
import type { TwinePassage } from "./twine-read.js";
import {
  isOriginalWidget,
  ORIGINAL_CLUE_VARIABLE,
  ORIGINAL_RECORDER,
  ORIGINAL_SET_UP,
  ORIGINAL_WIDGETS,
} from "./original-widgets.js";

export interface Migration {
  readonly passages: TwinePassage[];
  /** What it changed, one line each. */
  readonly done: string[];
  /** What it found but left to the author, and why. */
  readonly left: string[];
}

/** Our StoryCaption's clue list, as a new mystery has it (build/site/template/special.twee; a test keeps the two equal). */
export const OUR_CLUE_LIST =
  '<div class="what-you-know"><strong>What you know (<<print setup.clues.list().length>> of <<print setup.clues.total>>):</strong> <<if setup.clues.list().length is 0>>nothing yet!<<else>><ol><<for _clue range setup.clues.list()>><li>_clue</li><</for>></ol><</if>></div>';
/** A new mystery's whole StoryCaption: our clue list and the way back to the page of all puzzles. */
export const OUR_CAPTION = `${OUR_CLUE_LIST}\n<div class="back-to-puzzles"><a href="index.html">&lt;&lt; Back to all puzzles</a></div>`;
/** What StoryInit runs so a new game starts with an empty list. */
const OUR_CLUE_INIT = "<<run setup.clues.init()>>";

const V = ORIGINAL_CLUE_VARIABLE;
/** `$knowledge`'s set-up: `<<set $knowledge to new Set()>>`, alone or in `<<if ndef $knowledge>>`. */
const SET = String.raw`<<set\s+\$${V}\s*(?:to|=)\s*new\s+Set\s*\(\s*\)\s*;?\s*>>`;
const SET_UP = new RegExp(String.raw`<<if\s+ndef\s+\$${V}\s*>>\s*${SET}\s*<</if>>|${SET}`, "y");
/** Reads of the old list that ours answers the same: a look-up and its size. */
const READS: readonly [RegExp, string, string][] = [
  [new RegExp(String.raw`\$${V}\s*\.\s*has\s*\(`, "g"), "setup.clues.has(", `$${V}.has(`],
  [new RegExp(String.raw`\$${V}\s*\.\s*size\b`, "g"), "setup.clues.list().length", `$${V}.size`],
];

type Span = readonly [from: number, to: number];
/** SugarCube's comments: HTML, C-style and TiddlyWiki-style. */
const COMMENT = /<!--[^]*?-->|\/\*[^]*?\*\/|\/%[^]*?%\//g;

/** `text` without each span, and the spaces after it; a line left empty goes too. */
function cut(text: string, spans: readonly Span[]): string {
  for (const [from, to] of [...spans].sort((a, b) => b[0] - a[0])) {
    let end = to;
    while (text[end] === " " || text[end] === "\t") end++;
    let start = from;
    const lineStart = text.lastIndexOf("\n", from - 1) + 1;
    if (text.slice(lineStart, from).trim() === "" && (end === text.length || /[\r\n]/.test(text[end]!))) {
      start = lineStart;
      if (end < text.length) end = text.indexOf("\n", end) + 1;
      else if (start > 0) start = text[start - 2] === "\r" ? start - 2 : start - 1;
    }
    text = text.slice(0, start) + text.slice(end);
  }
  return text;
}

interface WidgetDef {
  readonly name: string;
  readonly span: Span;
  /** Exactly the original's: `<<widget "name">>` with that body. */
  readonly original: boolean;
}

function widgetDefs(text: string): WidgetDef[] {
  const calls = OUR_FORMAT.scan(text).macros;
  const defs: WidgetDef[] = [];
  const widget = OUR_FORMAT.macros.widget;
  calls.forEach((open, i) => {
    const name = open.name === widget ? open.args?.[0]?.value : undefined;
    const close = calls.slice(i + 1).find((c) => c.name === `/${widget}` || c.name === `end${widget}`);
    if (name === undefined || !close) return;
    const body = text.slice(open.end, close.offset);
    defs.push({
      name,
      span: [open.offset, close.end],
      original: open.args!.length === 1 && isOriginalWidget(name, body),
    });
  });
  return defs;
}

/** The smallest `<div …>…</div>` holding every offset, if one does. */
function enclosingDiv(text: string, offsets: readonly number[]): Span | undefined {
  const open: number[] = [];
  let best: Span | undefined;
  for (const m of text.matchAll(/<div\b[^>]*>|<\/div\s*>/gi)) {
    if (!m[0].startsWith("</")) open.push(m.index);
    else if (open.length > 0) {
      const span: Span = [open.pop()!, m.index + m[0].length];
      if (offsets.every((o) => span[0] < o && o < span[1]) && (!best || span[1] - span[0] < best[1] - best[0]))
        best = span;
    }
  }
  return best;
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/** The story's passages moved onto our macros where it was written with the original widgets; unchanged otherwise. */
export function migrateWidgets(input: readonly TwinePassage[]): Migration {
  const done: string[] = [];
  const left: string[] = [];
  let passages = [...input];
  const { isWidget, isInit } = OUR_FORMAT.kinds;
  const defs = new Map(passages.map((p, i) => [i, isWidget(p) ? widgetDefs(p.text) : []] as const));
  const all = [...defs.values()].flat();
  // The clue list's set-up goes only with the original recorder, which it is for.
  const recorder = all.find((d) => d.name === ORIGINAL_RECORDER);
  const clueList = recorder?.original === true;
  const goes = (d: WidgetDef) => d.original && (d.name !== ORIGINAL_SET_UP || clueList);
  for (const d of all.filter((x) => Object.hasOwn(ORIGINAL_WIDGETS, x.name) && !x.original)) {
    left.push(
      `widget "${d.name}" differs from the original's: kept as the story's own (the lint says what to do with it)`,
    );
  }
  if (recorder && !clueList && input.some((p) => p.text.includes(`$${V}`))) {
    left.push(
      `the clue list ($${V}, its set-up, StoryCaption's list of it) stays the story's own, as its ${ORIGINAL_RECORDER} does`,
    );
  }
  const gone = new Set(all.filter(goes).map((d) => d.name));
  if (gone.size === 0) return { passages, done, left };

  // The original widgets go; any other widget of the story, or one of these changed, stays.
  passages = passages.flatMap((p, i) => {
    const removed = defs.get(i)!.filter(goes);
    if (removed.length === 0) return [p];
    const text = cut(
      p.text,
      removed.map((d) => d.span),
    );
    const comments = text.match(COMMENT) ?? [];
    if (text.replace(COMMENT, "").trim() === "") {
      const also = comments.length
        ? ` (it held only ${comments.length} comment${comments.length === 1 ? "" : "s"} besides, about the old widgets)`
        : "";
      done.push(`removed passage "${p.name}": the original widgets ${quoted(removed.map((d) => d.name))}${also}`);
      return [];
    }
    done.push(`removed the original widgets ${quoted(removed.map((d) => d.name))} from passage "${p.name}"`);
    return [{ ...p, text }];
  });
  done.push(
    `our macros of the same names play the story: ${[...gone]
      .filter((n) => n !== ORIGINAL_SET_UP)
      .map((n) => `<<${n}>>`)
      .join(", ")}`,
  );
  if (!clueList) return { passages, done, left };

  passages = passages.map((p) => (isWidget(p) ? p : migratePassage(p, gone.has(ORIGINAL_SET_UP), done, left)));
  if (!passages.some(isInit)) {
    passages.push({ name: OUR_FORMAT.passages.init, tags: [], position: "", size: "100,100", text: OUR_CLUE_INIT });
    done.push(`added StoryInit with ${OUR_CLUE_INIT}: each new game starts with an empty "What you know" list`);
  } else {
    passages = passages.map((p) => {
      if (!isInit(p) || p.text.includes("setup.clues.init()")) return p;
      done.push(`StoryInit: added ${OUR_CLUE_INIT} first, so each new game starts with an empty "What you know" list`);
      return { ...p, text: `${OUR_CLUE_INIT}\n${p.text}` };
    });
  }
  return { passages, done, left };
}

/** One passage's `<<init>>` calls, `$knowledge` set-up and reads, and (StoryCaption) its clue list. */
function migratePassage(p: TwinePassage, initGone: boolean, done: string[], left: string[]): TwinePassage {
  let text = p.text;
  const calls = OUR_FORMAT.scan(text).macros;
  const inits: Span[] = initGone
    ? calls.filter((x) => x.name === ORIGINAL_SET_UP && x.args?.length === 0).map((c) => [c.offset, c.end])
    : [];
  const setUps: Span[] = [];
  for (const c of calls.filter((x) => x.name === "if" || x.name === "set")) {
    SET_UP.lastIndex = c.offset;
    const m = SET_UP.exec(text);
    if (m && !setUps.some(([from, to]) => from <= c.offset && c.offset < to))
      setUps.push([c.offset, c.offset + m[0].length]);
  }
  if (inits.length + setUps.length > 0) {
    text = cut(text, [...inits, ...setUps]);
    const what = [inits.length ? `<<${ORIGINAL_SET_UP}>>` : "", setUps.length ? `$${V}'s set-up` : ""]
      .filter(Boolean)
      .join(" and ");
    done.push(`removed ${what} from "${p.name}": our clue list needs none (StoryInit empties it)`);
  }
  if (OUR_FORMAT.kinds.isCaption(p)) text = captionList(text, done, left);
  text = rewriteReads(p.name, text, done);
  return text === p.text ? p : { ...p, text };
}

/** `$knowledge.has(…)` and `.size` inside macro tags, as our clue list's. */
function rewriteReads(name: string, text: string, done: string[]): string {
  const tags = OUR_FORMAT.scan(text).macros.map((c): Span => [c.offset, c.end]);
  for (const [from, to] of tags.reverse()) {
    let tag = text.slice(from, to);
    for (const [read, ours, label] of READS) {
      if (!tag.match(read)) continue;
      tag = tag.replace(read, ours);
      done.push(`"${name}": ${label} → ${ours}`);
    }
    text = text.slice(0, from) + tag + text.slice(to);
  }
  return text;
}

/** StoryCaption's own "What you know" list, replaced by ours; its "Back to all puzzles" link pointed at our index page. */
function captionList(text: string, done: string[], left: string[]): string {
  const reads = [...text.matchAll(new RegExp(String.raw`\$${V}\b`, "g"))].map((m) => m.index);
  if (reads.length > 0) {
    const div = enclosingDiv(text, reads);
    if (div) {
      text = text.slice(0, div[0]) + OUR_CLUE_LIST + text.slice(div[1]);
      done.push(
        `StoryCaption: its own "What you know" list (of $${V}) is now ours, which <<${ORIGINAL_RECORDER}>> fills: one list, ours`,
      );
    } else {
      left.push(`StoryCaption reads $${V} outside one <div>: its list was not replaced (the lint points at it)`);
    }
  }
  const back = /(<a\s+href=")\/("\s*>(?:(?!<\/a>)[^])*?Back to all puzzles)/i;
  if (back.test(text)) {
    text = text.replace(back, "$1index.html$2");
    done.push(
      'StoryCaption: "Back to all puzzles" goes to index.html, the page of all puzzles beside the story, not "/"',
    );
  }
  return text;
}
