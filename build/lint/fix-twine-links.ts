// `npm run lint -- --fix`: rewrites the `[[…]]` links that Twine's story map reads differently
// from SugarCube (checks/twine-map-links.ts) into a form both read alike, in the Twee files, changing
// nothing else: every other byte of a file stays as it was. Pure: files in, new contents out.
import type { SourceFile } from "../sources/sources.js";
import { linkDifferences } from "../story-format/link-differences.js";
import { onTwineMap } from "../story-format/passage-kinds.js";
import type { StoryFormatProfile } from "../story-format/profile.js";
import type { LocatedPassage } from "../twee/twee.js";
import { readMystery, textPosition } from "./checked-mystery.js";
import { isTweeFile, editableText } from "../sources/sources.js";

export interface LinkFix {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly from: string;
  readonly to: string;
}

/** What the format (SugarCube) makes of a text's links, to check a rewrite changed none of them. */
const formatReads = (profile: StoryFormatProfile, text: string) =>
  JSON.stringify(profile.scan(text).links.map(({ target, kind, dynamic }) => [target, kind, dynamic ?? false]));

/** The rewrites for one passage, kept only if the format reads the rewritten text's links exactly as before and Twine now agrees. */
function passageFixes(
  profile: StoryFormatProfile,
  p: LocatedPassage,
  links: Parameters<typeof linkDifferences>[2],
  exists: (name: string) => boolean,
) {
  const rewrites = linkDifferences(profile, p.text, links, exists).filter(
    (d) => d.kind === "target" && d.rewrite !== undefined,
  );
  if (rewrites.length === 0) return [];
  let text = p.text;
  for (const d of [...rewrites].reverse()) text = text.slice(0, d.offset) + d.rewrite! + text.slice(d.end);
  const errors = (t: string, l?: typeof links) =>
    linkDifferences(profile, t, l, exists).filter((d) => d.kind === "target" || d.kind === "missing").length;
  const stillDifferent = errors(text);
  const before = errors(p.text, links);
  if (formatReads(profile, text) !== formatReads(profile, p.text) || stillDifferent !== before - rewrites.length)
    return [];
  return rewrites;
}

/** Start offset of each line of `source` (lines split as the Twee parser splits them). */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (const m of source.matchAll(/\r?\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

/** Every fixable link of a mystery's files, and the new contents of the Twee files that change. */
export function fixTwineLinks(files: readonly SourceFile[]): { fixes: LinkFix[]; contents: Map<string, string> } {
  const mystery = readMystery(files, [], []);
  const names = new Set(mystery.passages.filter(onTwineMap).map((p) => p.name));
  const exists = (name: string) => names.has(name);
  const fixes: LinkFix[] = [];
  const contents = new Map<string, string>();
  for (const file of files.filter((f) => isTweeFile(f.path))) {
    const source = editableText(file);
    if (source === null) continue; // not rewritten (editableText): the lint still reports its links
    const starts = lineStarts(source);
    const edits: { at: number; length: number; to: string; fix: LinkFix }[] = [];
    for (const p of mystery.passages.filter((q) => q.file === file.path && onTwineMap(q))) {
      for (const d of passageFixes(mystery.profile, p, mystery.scans.get(p)?.links ?? [], exists)) {
        const { line, column } = textPosition(p, d.offset);
        const at = starts[line - 1]! + column - 1;
        const from = p.text.slice(d.offset, d.end);
        if (source.slice(at, at + from.length) !== from) continue; // not where we thought: leave it to the author
        edits.push({
          at,
          length: from.length,
          to: d.rewrite!,
          fix: { file: file.path, line, column, from, to: d.rewrite! },
        });
      }
    }
    if (edits.length === 0) continue;
    edits.sort((a, b) => a.at - b.at);
    let out = "";
    let from = 0;
    for (const e of edits) {
      out += source.slice(from, e.at) + e.to;
      from = e.at + e.length;
    }
    contents.set(file.path, out + source.slice(from));
    fixes.push(...edits.map((e) => e.fix));
  }
  return { fixes, contents };
}
