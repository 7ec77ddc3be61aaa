// build/twee/: text in, data out: Twee 3 parsing and writing, links as Twine reads them (the story
// format's reading is build/story-format/'s). Pure; imports build/shared/ only.
//
// Twee 3 → passages, keeping where each passage came from (twine-specs, twee-3-specification).
// Pure: text in, passages out; malformed input throws a BuildError at its file:line:column, or,
// in the tolerant mode lint uses, is collected so every problem in a file is reported at once.
import { BuildError } from "../shared/errors.js";
import { goFields, goJsonField, goTrimSpace, goTrimStart, isGoSpace, isSpaceCode } from "./go-text.js";

export interface PassageMetadata {
  position?: string;
  size?: string;
}

export interface Passage {
  readonly name: string;
  readonly tags: readonly string[];
  readonly metadata: PassageMetadata;
  readonly text: string;
  /** Where the header is (1-based line). */
  readonly file: string;
  readonly line: number;
}

/** A passage and where its parts are in the file, for messages that point inside it. */
export interface LocatedPassage extends Passage {
  /** 1-based column of the name in the header line. */
  readonly nameColumn: number;
  /** Where the (trimmed) text starts: the header's next line, or later past leading blank lines. */
  readonly textAt: { readonly line: number; readonly column: number };
  /** Lines of the text (0-based) written with an escaping backslash before their `::` (passageAt reads them). */
  readonly escapedLines: readonly number[];
}

/** Strict mode throws the first problem; tolerant mode collects them and goes on. */
type Report = (problem: BuildError) => void;

// Names and tags: a backslash escapes the next character (the Twee 3 spec's decoding; Twine and
// tweego escape "\\", "[", "]", "{", "}", and Twine a leading or trailing space); a trailing one
// is dropped, as tweego reads it.
const unescapeHeader = (s: string) => s.replace(/\\([^]?)/g, "$1");

/**
 * A text line that would read as a header is escaped: `::` → `\::` (as Twine's Export as Twee
 * writes it), and a line already starting with backslashes and `::` gets one more, so every text
 * round-trips (twee-edit.ts's escapeText writes it). Reading (passageAt) removes one backslash
 * before `::` at the start of a line.
 */
const BACKSLASH = 0x5c;

/** `s` without its leading and trailing (Go) whitespace, but keeping whitespace escaped with a backslash. */
function trimUnescaped(s: string): string {
  let end = s.length;
  while (end > 0 && isGoSpace(s[end - 1]!)) {
    let slashes = 0;
    while (end - 2 - slashes >= 0 && s[end - 2 - slashes] === "\\") slashes++;
    if (slashes % 2 === 1) break; // escaped: part of the name
    end--;
  }
  return goTrimStart(s.slice(0, end));
}

/** Index of the first unescaped occurrence of one of `chars`, or -1. */
function findUnescaped(s: string, chars: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (chars.includes(s[i]!)) return i;
  }
  return -1;
}

const POINT = /^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/;

function parseMetadata(json: string, at: { file: string; line: number; column: number }): PassageMetadata {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new BuildError(
      `passage metadata is not valid JSON (${(e as Error).message})`,
      at,
      'write it as {"position":"100,200","size":"100,100"}, or remove it',
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BuildError("passage metadata must be a JSON object", at, 'write it as {"position":"100,200"}');
  }
  const meta: PassageMetadata = {};
  for (const key of ["position", "size"] as const) {
    const v = goJsonField(value as Record<string, unknown>, key);
    if (v === undefined) continue;
    if (typeof v !== "string" || !POINT.test(v)) {
      throw new BuildError(`passage metadata "${key}" must be a string like "100,200"`, at, `fix the "${key}" value`);
    }
    meta[key] = v;
  }
  return meta;
}

interface Header {
  name: string;
  tags: string[];
  metadata: PassageMetadata;
}

/** Reads a header; on a problem it reports and goes on with what it could read (null: no name). */
function parseHeader(raw: string, file: string, line: number, report: Report): Header | null {
  const at = (column: number) => ({ file, line, column });
  let rest = raw.slice(2); // after "::"
  let offset = 3; // 1-based column of rest[0]
  const nameEnd = findUnescaped(rest, "[{");
  const nameRaw = nameEnd === -1 ? rest : rest.slice(0, nameEnd);
  // Whitespace as Go sees it (go-text.ts), as tweego trims names; escaped whitespace stays (Twine).
  const name = unescapeHeader(trimUnescaped(nameRaw));
  if (name === "") {
    report(new BuildError("passage header has no name", at(1), "write a name after the colons, like `:: Start`"));
    return null;
  }
  for (const ch of "]}") {
    const stray = findUnescaped(nameRaw, ch);
    if (stray !== -1) {
      report(new BuildError(`unexpected "${ch}" in passage name`, at(offset + stray), `escape it as "\\${ch}"`));
    }
  }
  const header: Header = { name, tags: [], metadata: {} };
  if (nameEnd === -1) return header;
  offset += nameEnd;
  rest = rest.slice(nameEnd);
  if (rest.startsWith("[")) {
    const close = findUnescaped(rest, "]", 1);
    if (close === -1) {
      report(
        new BuildError("tag block is not closed", at(offset), 'end the tags with "]", like `:: Name [tag1 tag2]`'),
      );
      header.tags = goFields(unescapeHeader(rest.slice(1)));
      return header;
    }
    const stray = findUnescaped(rest.slice(0, close), "[{}", 1);
    if (stray !== -1) {
      report(
        new BuildError(
          `unexpected "${rest[stray]}" in the tag block`,
          at(offset + stray),
          `escape it as "\\${rest[stray]}"`,
        ),
      );
    }
    header.tags = goFields(unescapeHeader(rest.slice(1, close)));
    // Only spaces and tabs may stand between the blocks.
    const after = rest.slice(close + 1);
    const gap = after.length - after.replace(/^[ \t]+/, "").length;
    offset += close + 1 + gap;
    rest = after.slice(gap);
  }
  if (rest.startsWith("{")) {
    const json = rest.replace(/[ \t]+$/, "");
    if (!json.endsWith("}")) {
      report(new BuildError("metadata block is not closed", at(offset), 'end it with "}" on the same line'));
      return header;
    }
    try {
      header.metadata = parseMetadata(json, at(offset));
    } catch (e) {
      report(e as BuildError);
    }
    rest = "";
  }
  if (rest !== "") {
    report(
      new BuildError(
        `unexpected text after the passage header: "${rest.trim()}"`,
        at(offset),
        "the header is `:: Name [tags] {metadata}`, in that order; escape literal brackets in names with a backslash",
      ),
    );
  }
  return header;
}

/** Where a passage's trimmed text starts within `raw`: the length of its leading Go whitespace (all of it when blank). */
function leadingSpace(raw: string): number {
  let i = 0;
  while (i < raw.length && isSpaceCode(raw.charCodeAt(i))) i++;
  return i;
}

const ESCAPED_AT = /\\(\\*::)/y;

/**
 * The passage whose body is source[start, end) (its lines joined by "\n"). The text is sliced
 * out whole, and only lines starting with a backslash are looked at: a 5,000-passage story has
 * 200,000 lines, and splitting and joining them was most of reading it.
 */
function passageAt(
  header: Header & { line: number; nameColumn: number },
  source: string,
  start: number,
  end: number,
  file: string,
): LocatedPassage {
  const raw = source.slice(start, end);
  const leading = raw.slice(0, leadingSpace(raw)); // all of raw when it is blank, as before
  let leadLines = 0; // newlines in the leading whitespace
  for (let i = leading.indexOf("\n"); i !== -1; i = leading.indexOf("\n", i + 1)) leadLines++;
  const textAt = { line: header.line + leadLines + 1, column: leading.length - (leading.lastIndexOf("\n") + 1) + 1 };
  const escapedLines: number[] = [];
  let unescaped = raw;
  if (raw.includes("\\")) {
    const pieces: string[] = [];
    let from = 0;
    let lineIndex = 0;
    let lineStart = 0;
    for (;;) {
      if (raw.charCodeAt(lineStart) === BACKSLASH) {
        ESCAPED_AT.lastIndex = lineStart;
        if (ESCAPED_AT.test(raw)) {
          if (lineIndex >= leadLines) escapedLines.push(lineIndex - leadLines);
          pieces.push(raw.slice(from, lineStart));
          from = lineStart + 1; // the one backslash reading removes
        }
      }
      const nl = raw.indexOf("\n", lineStart);
      if (nl === -1) break;
      lineStart = nl + 1;
      lineIndex++;
    }
    if (pieces.length > 0) unescaped = pieces.join("") + raw.slice(from);
  }
  const { name, tags, metadata, line, nameColumn } = header;
  return { name, tags, metadata, text: goTrimSpace(unescaped), file, line, nameColumn, textAt, escapedLines };
}

function parse(source: string, file: string, report: Report): LocatedPassage[] {
  // Lines end at "\n" or "\r\n" (a lone CR stays in its line).
  let text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (text.includes("\r\n")) text = text.replace(/\r\n/g, "\n");
  const passages: LocatedPassage[] = [];
  let current: (Header & { line: number; nameColumn: number; bodyStart: number }) | null = null;
  let seenHeader = false;
  let lineNo = 1;
  let counted = 0; // lineNo is the line at offset `counted`
  const lineAt = (offset: number) => {
    for (let i = text.indexOf("\n", counted); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) lineNo++;
    counted = offset;
    return lineNo;
  };
  // Header lines: those starting with "::" (the first line, or one after a newline).
  const nextHeader = (from: number) => {
    const at = text.indexOf("\n::", from);
    return at === -1 ? -1 : at + 1;
  };
  for (let start = text.startsWith("::") ? 0 : nextHeader(0); start !== -1; start = nextHeader(start)) {
    if (current)
      passages.push(passageAt(current, text, current.bodyStart, Math.max(current.bodyStart, start - 1), file));
    else if (!seenHeader) preamble(text.slice(0, start), file, report);
    seenHeader = true;
    const newline = text.indexOf("\n", start);
    const headerText = text.slice(start, newline === -1 ? text.length : newline);
    const line = lineAt(start);
    const header = parseHeader(headerText, file, line, report);
    const nameColumn = 3 + (headerText.slice(2).length - headerText.slice(2).trimStart().length);
    current = header && { ...header, line, nameColumn, bodyStart: newline === -1 ? text.length : newline + 1 };
  }
  if (current) passages.push(passageAt(current, text, current.bodyStart, text.length, file));
  else if (!seenHeader) preamble(text, file, report);
  return passages;
}

/** Text before the first header: reported once per file, at its first line that is not blank. */
function preamble(text: string, file: string, report: Report): void {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.trim() !== "");
  if (i === -1) return;
  report(
    new BuildError(
      "text before the first passage header",
      { file, line: i + 1, column: 1 },
      "start the file with a header like `:: Passage name`",
    ),
  );
}

/**
 * The last clean parse of each file, while its text is the same: `npm run layout` loads the story
 * and then edits the same files (editTwee), which would otherwise parse a big story twice.
 * Passages are read-only; each caller gets its own array.
 */
const lastParse = new Map<string, { readonly source: string; readonly passages: readonly LocatedPassage[] }>();
const MAX_FILES = 1000;

function parseOnce(source: string, file: string, report: Report): LocatedPassage[] {
  const known = lastParse.get(file);
  if (known && known.source === source) return [...known.passages];
  let clean = true;
  const passages = parse(source, file, (problem) => {
    clean = false;
    report(problem);
  });
  if (clean) {
    if (lastParse.size >= MAX_FILES) lastParse.clear();
    lastParse.set(file, { source, passages: [...passages] });
  }
  return passages;
}

/**
 * Parses one Twee 3 file. Passage text runs to the next header; surrounding whitespace is
 * trimmed, as tweego does by default.
 */
export function parseTwee(source: string, file: string): Passage[] {
  const thrower: Report = (problem) => {
    throw problem;
  };
  return parseOnce(source, file, thrower).map(({ nameColumn: _n, textAt: _t, escapedLines: _e, ...p }) => p);
}

/** Like parseTwee, but collects every malformed header and goes on; a nameless passage is left out. */
export function parseTweeTolerant(
  source: string,
  file: string,
): { passages: LocatedPassage[]; problems: BuildError[] } {
  const problems: BuildError[] = [];
  return { passages: parseOnce(source, file, (p) => problems.push(p)), problems };
}
