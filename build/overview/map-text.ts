// Text on the story map: passage names wrapped into their boxes (at spaces, then after hyphens
// and underscores, then cut), a font size that fits the longest word, and XML escaping. Pure.

export const NAME_SIZE = 12;
/** Average glyph width of a sans-serif font, as a share of its size: enough to wrap names. */
export const GLYPH = 0.56;

/** HTML's escaper (&, <, >, both quotes) is XML's too. */
export { escapeHtml as escapeXml } from "../shared/escapes.js";

/** Pieces of a word too long for a line: after its hyphens and underscores, else cut. */
function pieces(word: string, perLine: number): string[] {
  if (word.length <= perLine) return [word];
  const parts = word.match(/[^-_]+[-_]*|[-_]+/g) ?? [word];
  const out: string[] = [];
  let current = "";
  for (const part of parts) {
    if (current && current.length + part.length > perLine) {
      out.push(current);
      current = "";
    }
    current += part;
    while (current.length > perLine) {
      out.push(current.slice(0, perLine));
      current = current.slice(perLine);
    }
  }
  if (current) out.push(current);
  return out;
}

/** The font size that fits the name's longest word on one line of `width` (down to 9 px). */
export function nameSize(name: string, width: number): number {
  const longest = Math.max(
    1,
    ...name
      .split(/\s+/)
      .flatMap((w) => w.match(/[^-_]+[-_]*|[-_]+/g) ?? [])
      .map((w) => w.length),
  );
  return Math.max(9, Math.min(NAME_SIZE, Math.floor((width / (longest * GLYPH)) * 2) / 2));
}

/** The name in lines that fit `width` at font `size`, at most `max` lines (the last one cut with "…"). */
export function wrapName(name: string, width: number, max: number, size = NAME_SIZE): string[] {
  const perLine = Math.max(4, Math.floor(width / (size * GLYPH)));
  const lines: string[] = [];
  let current = "";
  for (const word of name
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => pieces(w, perLine))) {
    if (!current) current = word;
    else if (current.length + 1 + word.length <= perLine) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1]!.slice(0, perLine - 1)}…`;
  return kept;
}
