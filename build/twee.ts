// Twee 3 → passages, keeping where each passage came from (twine-specs, twee-3-specification).
// Pure: text in, passages out; malformed input throws a BuildError at its file:line:column, or,
// in the tolerant mode lint uses, is collected so every problem in a file is reported at once.
import { BuildError } from "./errors.js";
import { goFields, goJsonField, goTrimSpace, goTrimStart, isGoSpace } from "./go-text.js";

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
  /** Lines of the text (0-based) written with an escaping backslash before their `::` (see unescapeText). */
  readonly escapedLines: readonly number[];
}

/** Strict mode throws the first problem; tolerant mode collects them and goes on. */
type Report = (problem: BuildError) => void;

// Names and tags: a backslash escapes the next character (the Twee 3 spec's decoding; Twine and
// tweego escape "\\", "[", "]", "{", "}", and Twine a leading or trailing space); a trailing one
// is dropped, as tweego reads it.
const unescape = (s: string) => s.replace(/\\([^]?)/g, "$1");

/**
 * A text line that would read as a header is escaped: `::` → `\::` (as Twine's Export as Twee
 * writes it), and a line already starting with backslashes and `::` gets one more, so every text
 * round-trips. Reading removes one backslash before `::` at the start of a line.
 */
const ESCAPED_TEXT_LINE = /^\\(\\*::)/;
export const unescapeTextLine = (line: string) => (line.charCodeAt(0) === BACKSLASH ? line.replace(ESCAPED_TEXT_LINE, "$1") : line);
const BACKSLASH = 0x5c;
export const escapeTextLine = (line: string) => line.replace(/^(\\*::)/, "\\$1");

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
  const name = unescape(trimUnescaped(nameRaw));
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
      report(new BuildError("tag block is not closed", at(offset), 'end the tags with "]", like `:: Name [tag1 tag2]`'));
      header.tags = goFields(unescape(rest.slice(1)));
      return header;
    }
    const stray = findUnescaped(rest.slice(0, close), "[{}", 1);
    if (stray !== -1) {
      report(new BuildError(`unexpected "${rest[stray]}" in the tag block`, at(offset + stray), `escape it as "\\${rest[stray]}"`));
    }
    header.tags = goFields(unescape(rest.slice(1, close)));
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

function parse(source: string, file: string, report: Report): LocatedPassage[] {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  const passages: LocatedPassage[] = [];
  let current: (Header & { line: number; nameColumn: number; body: string[] }) | null = null;
  let seenHeader = false;
  let reportedPreamble = false;
  const flush = () => {
    if (!current) return;
    const { name, tags, metadata, line, nameColumn, body } = current;
    const raw = body.join("\n");
    const trimmed = goTrimSpace(raw);
    const lead = (trimmed === "" ? raw : raw.slice(0, raw.indexOf(trimmed))).split("\n");
    const textAt = { line: line + lead.length, column: lead.at(-1)!.length + 1 };
    // Only a line starting with a backslash can be escaped: most lines are passed as they are
    // (a 50 MB passage has 700,000 of them).
    const escapedLines: number[] = [];
    const unescaped = body.map((l, i) => {
      if (l.charCodeAt(0) !== BACKSLASH || !ESCAPED_TEXT_LINE.test(l)) return l;
      if (i >= lead.length - 1) escapedLines.push(i - (lead.length - 1));
      return unescapeTextLine(l);
    });
    const text = goTrimSpace(unescaped.join("\n"));
    passages.push({ name, tags, metadata, text, file, line, nameColumn, textAt, escapedLines });
  };
  lines.forEach((text, i) => {
    if (text.startsWith("::")) {
      flush();
      seenHeader = true;
      const header = parseHeader(text, file, i + 1, report);
      const nameColumn = 3 + (text.slice(2).length - text.slice(2).trimStart().length);
      current = header && { ...header, line: i + 1, nameColumn, body: [] };
    } else if (current) {
      current.body.push(text);
    } else if (!seenHeader && !reportedPreamble && text.trim() !== "") {
      reportedPreamble = true; // once per file: the rest of the preamble is the same mistake
      report(
        new BuildError(
          "text before the first passage header",
          { file, line: i + 1, column: 1 },
          "start the file with a header like `:: Passage name`",
        ),
      );
    }
  });
  flush();
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
  return parse(source, file, thrower).map(({ nameColumn: _n, textAt: _t, escapedLines: _e, ...p }) => p);
}

/** Like parseTwee, but collects every malformed header and goes on; a nameless passage is left out. */
export function parseTweeTolerant(source: string, file: string): { passages: LocatedPassage[]; problems: BuildError[] } {
  const problems: BuildError[] = [];
  return { passages: parse(source, file, (p) => problems.push(p)), problems };
}
