// Writes Twee back: passage headers, and in-place edits of passages in an existing Twee file that
// keep everything else (order, other passages, blank lines) as the author left it. Pure.
import { type Passage, type PassageMetadata, parseTwee } from "./twee.js";

const escapeName = (s: string) => s.replace(/[\\[\]{}]/g, (c) => `\\${c}`);

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
  return `${headerLine(p)}\n${p.text}\n\n`;
}

/** What to change in one passage; `null` removes it. */
export type PassageEdit = { tags?: readonly string[]; metadata?: PassageMetadata; text?: string } | null;

/**
 * Applies edits to the passages of one Twee file, by name. A passage's span runs from its header
 * to the next header; blank lines after its text are kept, so the file's layout survives.
 */
export function editTwee(source: string, file: string, edits: ReadonlyMap<string, PassageEdit>): string {
  const passages = parseTwee(source, file);
  const newline = source.includes("\r\n") ? "\r\n" : "\n";
  const lines = source.split(/\r?\n/);
  const out: string[] = lines.slice(0, passages[0] ? passages[0].line - 1 : lines.length);
  passages.forEach((p: Passage, i) => {
    const end = i + 1 < passages.length ? passages[i + 1]!.line - 1 : lines.length;
    const span = lines.slice(p.line - 1, end);
    if (!edits.has(p.name)) {
      out.push(...span);
      return;
    }
    const edit = edits.get(p.name);
    if (edit === null) return;
    const bom = span[0]!.startsWith("\uFEFF") ? "\uFEFF" : "";
    const header = bom + headerLine({ name: p.name, tags: edit!.tags ?? p.tags, metadata: edit!.metadata ?? p.metadata });
    if (edit!.text === undefined) {
      out.push(header, ...span.slice(1)); // only the header changes: the body stays byte for byte
      return;
    }
    let trailing = 0; // blank lines after the text
    while (trailing < span.length - 1 && span[span.length - 1 - trailing]!.trim() === "") trailing++;
    const text = edit!.text;
    out.push(
      header,
      ...(text === "" ? [] : text.split("\n")),
      ...Array<string>(trailing).fill(""),
    );
  });
  return out.join(newline);
}
