// Writes Twee back: passage headers, and in-place edits of passages in an existing Twee file that
// keep everything else (order, other passages, blank lines) as the author left it. Pure.
import { type PassageMetadata, parseTwee } from "./twee.js";

/**
 * A name or tag as Twine's Export as Twee writes it: "\\", "[", "]", "{", "}" escaped, and each
 * leading or trailing whitespace character too (a header's own spaces are not part of the name).
 */
export const escapeName = (s: string) =>
  s.replace(/[\\[\]{}]/g, (c) => `\\${c}`).replace(/^\s+|\s+$/g, (spaces) => spaces.replace(/[^]/g, (c) => `\\${c}`));

/** Passage text as Twee: every line that would read as a header gets one more backslash before
 *  its `::` (twee.ts's passageAt removes it), in one pass over the text. */
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
export function passageTwee(p: {
  name: string;
  tags: readonly string[];
  metadata: PassageMetadata;
  text: string;
}): string {
  return `${headerLine(p)}\n${escapeText(p.text)}\n\n`;
}

/** What to change in one passage (`name`: rename it in place); `null` removes it. */
export type PassageEdit = { name?: string; tags?: readonly string[]; metadata?: PassageMetadata; text?: string } | null;

/** Where each line of `source` starts: lines end at "\n" (a "\r" before it is part of the ending). */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Applies edits to the passages of one Twee file, by name. A passage's span runs from its header
 * to the next header; blank lines after its text are kept, so the file's layout survives, and
 * every line of a passage not edited stays byte for byte (line endings too): spans are copied
 * whole, by offset, never split into lines (a 5,000-passage file has 200,000 of them).
 */
export function editTwee(source: string, file: string, edits: ReadonlyMap<string, PassageEdit>): string {
  const passages = parseTwee(source, file);
  const newline = source.includes("\r\n") ? "\r\n" : "\n";
  const starts = lineStarts(source);
  const lineCount = starts.length;
  /** Where line i's text ends (before its "\n" or "\r\n"). */
  const textEnd = (i: number) => {
    if (i + 1 >= lineCount) return source.length;
    const nl = starts[i + 1]! - 1;
    return nl > starts[i]! && source.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
  };
  const lineText = (i: number) => source.slice(starts[i]!, textEnd(i));
  const eol = (i: number) => source.slice(textEnd(i), i + 1 < lineCount ? starts[i + 1]! : source.length);
  const out: string[] = [];
  const keep = (from: number, to: number) => {
    if (from < to) out.push(source.slice(starts[from]!, to < lineCount ? starts[to]! : source.length));
  };
  keep(0, passages[0] ? passages[0].line - 1 : lineCount);
  for (const [i, p] of passages.entries()) {
    const start = p.line - 1;
    const end = i + 1 < passages.length ? passages[i + 1]!.line - 1 : lineCount;
    if (!edits.has(p.name)) {
      keep(start, end);
      continue;
    }
    const edit = edits.get(p.name);
    if (edit === null) continue;
    const bom = lineText(start).startsWith("\uFEFF") ? "\uFEFF" : "";
    const header =
      bom +
      headerLine({ name: edit!.name ?? p.name, tags: edit!.tags ?? p.tags, metadata: edit!.metadata ?? p.metadata });
    if (edit!.text === undefined) {
      out.push(header, eol(start)); // only the header changes: the body stays byte for byte
      keep(start + 1, end);
      continue;
    }
    let trailing = 0; // blank lines after the text
    while (trailing < end - start - 1 && lineText(end - 1 - trailing).trim() === "") trailing++;
    const body = edit!.text === "" ? [] : escapeText(edit!.text).split("\n");
    const written = [header];
    for (const line of body) written.push(line);
    for (let n = 0; n < trailing; n++) written.push("");
    // New lines end with the file's newline; the span's last line keeps its own ending.
    for (const [n, line] of written.entries()) out.push(line, n === written.length - 1 ? eol(end - 1) : newline);
  }
  return out.join("");
}
