// Writes Twee back: passage headers, and in-place edits of passages in an existing Twee file that
// keep everything else (order, other passages, blank lines) as the author left it. Pure.
import { type Passage, type PassageMetadata, parseTwee } from "./twee.js";

/**
 * A name or tag as Twine's Export as Twee writes it: "\\", "[", "]", "{", "}" escaped, and each
 * leading or trailing whitespace character too (a header's own spaces are not part of the name).
 */
export const escapeName = (s: string) =>
  s
    .replace(/[\\[\]{}]/g, (c) => `\\${c}`)
    .replace(/^\s+|\s+$/g, (spaces) => spaces.replace(/[^]/g, (c) => `\\${c}`));

/** Passage text as Twee: lines that would read as a header are escaped (twee.ts reads them back;
 *  escapeTextLine on every line, in one pass over the text). */
export const escapeText = (text: string) => `\n${text}`.replace(/\n(\\*::)/g, "\n\\$1").slice(1);

/** `:: Name [tags] {"position":"…","size":"…"}`, as the Twee 3 spec and tweego write it. */
export function headerLine(p: { name: string; tags: readonly string[]; metadata: PassageMetadata }): string {
  let line = `:: ${escapeName(p.name)}`;
  if (p.tags.length > 0) line += ` [${p.tags.map(escapeName).join(" ")}]`;
  const meta: PassageMetadata = {};
  if (p.metadata.position) meta.position = p.metadata.position;
  if (p.metadata.size) meta.size = p.metadata.size;
  if (meta.position || meta.size) line += ` ${JSON.stringify(meta)}`;
  return line;
}

/** A whole passage as Twee, ending with one blank line. */
export function passageTwee(p: { name: string; tags: readonly string[]; metadata: PassageMetadata; text: string }): string {
  return `${headerLine(p)}\n${escapeText(p.text)}\n\n`;
}

/** What to change in one passage (`name`: rename it in place); `null` removes it. */
export type PassageEdit = { name?: string; tags?: readonly string[]; metadata?: PassageMetadata; text?: string } | null;

interface Line {
  readonly text: string;
  /** "\n", "\r\n", or "" for a last line without one. */
  readonly eol: string;
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  const newline = /\r?\n/g;
  let start = 0;
  for (let m; (m = newline.exec(source)); start = newline.lastIndex) lines.push({ text: source.slice(start, m.index), eol: m[0] });
  lines.push({ text: source.slice(start), eol: "" });
  return lines;
}

/**
 * Applies edits to the passages of one Twee file, by name. A passage's span runs from its header
 * to the next header; blank lines after its text are kept, so the file's layout survives, and
 * every line of a passage not edited stays byte for byte (line endings too). Loops, not spreads:
 * a passage may have millions of lines.
 */
export function editTwee(source: string, file: string, edits: ReadonlyMap<string, PassageEdit>): string {
  const passages = parseTwee(source, file);
  const newline = source.includes("\r\n") ? "\r\n" : "\n";
  const lines = splitLines(source);
  const out: string[] = [];
  const keep = (from: number, to: number) => {
    for (let i = from; i < to; i++) out.push(lines[i]!.text, lines[i]!.eol);
  };
  keep(0, passages[0] ? passages[0].line - 1 : lines.length);
  passages.forEach((p: Passage, i) => {
    const start = p.line - 1;
    const end = i + 1 < passages.length ? passages[i + 1]!.line - 1 : lines.length;
    if (!edits.has(p.name)) return keep(start, end);
    const edit = edits.get(p.name);
    if (edit === null) return;
    const bom = lines[start]!.text.startsWith("\uFEFF") ? "\uFEFF" : "";
    const header = bom + headerLine({ name: edit!.name ?? p.name, tags: edit!.tags ?? p.tags, metadata: edit!.metadata ?? p.metadata });
    if (edit!.text === undefined) {
      out.push(header, lines[start]!.eol); // only the header changes: the body stays byte for byte
      return keep(start + 1, end);
    }
    let trailing = 0; // blank lines after the text
    while (trailing < end - start - 1 && lines[end - 1 - trailing]!.text.trim() === "") trailing++;
    const body = edit!.text === "" ? [] : escapeText(edit!.text).split("\n");
    const written = [header];
    for (const line of body) written.push(line);
    for (let n = 0; n < trailing; n++) written.push("");
    // New lines end with the file's newline; the span's last line keeps its own ending.
    written.forEach((line, n) => out.push(line, n === written.length - 1 ? lines[end - 1]!.eol : newline));
  });
  return out.join("");
}
