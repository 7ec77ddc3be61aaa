// Where Twine's story map (twee/twine-links.ts, Twine's own reading) and the story format (its
// profile: SugarCube's, say) part ways on the same `[[…]]` markup, and a spelling both read alike.
// Pure.
//
// Twine finds every `[[…]]` in the text with a lazy `\[\[.*?\]\]` (anywhere: in comments, verbatim
// text and code too), cuts a setter at the first `][`, then takes the text after the LAST `->`, else
// before the FIRST `<-`, else after the LAST `|` (an empty part falls through to the next rule), and
// trims nothing. SugarCube's lexer splits at the FIRST delimiter of any kind, honours quotes and
// nested brackets, trims each part, and drops a leading `~`. Twine leaves out targets that look like
// `scheme://…`; SugarCube leaves out its own list of URL schemes.
import { twineLinks } from "../twee/twine-links.js";
import type { StoryFormatProfile } from "./profile.js";
import type { LocatedLink } from "./reading.js";

/** Where Twine's map and SugarCube part ways on one piece of link markup. */
export interface LinkDifference {
  readonly offset: number;
  readonly end: number;
  /**
   * - `target`: both read a link here, to different passages (an error: the map shows the wrong arrow);
   * - `missing`: SugarCube follows a `[[…]]` link that Twine's map does not draw (an error);
   * - `extra`: Twine draws a link SugarCube never follows: in a comment, verbatim text or code, or
   *   markup SugarCube rejects (a warning);
   * - `computed`: the target is a TwineScript expression, known only at play time (a warning).
   */
  readonly kind: "target" | "missing" | "extra" | "computed";
  /** As Twine reads it (undefined: Twine draws nothing here). */
  readonly twine?: string;
  /** As SugarCube reads it (undefined: SugarCube follows nothing here). */
  readonly format?: string;
  /** Twine's link starts at an earlier "[[" than SugarCube's (a stray "[[" before it on the line). */
  readonly swallowed?: true;
  /** The markup rewritten so both read SugarCube's target, when there is such a form. */
  readonly rewrite?: string;
}

/**
 * The `[[…]]` links of a passage on which Twine's map and the format (SugarCube, below) disagree.
 * `links` are the passage's references as the format reads them (its scan); pass [] for a passage
 * it does not render as markup (Twine's map still reads its text). `exists` says which names are passages:
 * SugarCube goes straight to a passage whose name is the link as written, and only computes the
 * target (`$next`, `"quoted"`) when there is none.
 *
 * Each Twine link is paired with the first SugarCube link that starts inside it (usually at the
 * same "[[", but `[[[a]]` is one link to "a" for both, at different brackets).
 */
export function linkDifferences(
  profile: StoryFormatProfile,
  text: string,
  links: readonly LocatedLink[] = profile.scan(text).links,
  exists: (name: string) => boolean = () => false,
): LinkDifference[] {
  const ours = links.filter((l) => l.markupEnd !== undefined).sort((a, b) => a.offset - b.offset);
  const found: LinkDifference[] = [];
  const paired = new Set<LocatedLink>();
  for (const t of twineLinks(text)) {
    const mine = ours.find((l) => l.offset >= t.offset && l.offset < t.end);
    if (!mine) {
      if (t.drawn) found.push({ offset: t.offset, end: t.end, kind: "extra", twine: t.target });
      continue;
    }
    paired.add(mine);
    const [offset, end] = [mine.offset, mine.markupEnd!];
    const twine = t.drawn ? t.target : undefined;
    if (mine.dynamic && !exists(mine.target)) {
      found.push({ offset, end, kind: "computed", twine, format: mine.target });
    } else if (twine !== mine.target) {
      const swallowed = t.offset < offset ? { swallowed: true as const } : {};
      found.push({
        offset,
        end,
        kind: "target",
        twine,
        format: mine.target,
        ...swallowed,
        ...rewriteIn(profile, text, offset, end, mine.target),
      });
    }
  }
  for (const mine of ours) {
    if (paired.has(mine) || (mine.dynamic && !exists(mine.target))) continue;
    // Not rewritable alone: an earlier "[[" that Twine reads further than SugarCube swallowed it.
    found.push({ offset: mine.offset, end: mine.markupEnd!, kind: "missing", format: mine.target });
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** A rewrite of the markup at offset..end that Twine, reading the whole text, also takes to `target`. */
function rewriteIn(
  profile: StoryFormatProfile,
  text: string,
  offset: number,
  end: number,
  target: string,
): { rewrite?: string } {
  const { rewrite } = rewriteOf(profile, text.slice(offset, end), target);
  if (rewrite === undefined) return {};
  const after = text.slice(0, offset) + rewrite + text.slice(end);
  const twine = twineLinks(after).find((l) => l.end > offset && l.offset <= offset + rewrite.length - 1);
  return twine?.drawn && twine.target === target && twine.offset === offset && twine.end === offset + rewrite.length
    ? { rewrite }
    : {};
}

/**
 * The same link written so Twine and the format both read `target`: each part trimmed, in the
 * author's own style (`->`, `|` or `<-`) when that works, else another. Undefined when no form
 * works (a passage name with `->` in it, say): rename the passage.
 */
function rewriteOf(profile: StoryFormatProfile, raw: string, target: string): { rewrite?: string } {
  const parts = profile.linkParts(raw);
  if (!parts) return {};
  const { link: written, text } = parts;
  const setter = parts.setter === undefined ? "" : `[${parts.setter}]`;
  const order = { arrow: [0, 1, 2], bar: [1, 0, 2], rtl: [2, 0, 1], none: [0, 1, 2] }[parts.style];
  const forms = (link: string): string[] => {
    if (text === undefined) return [`[[${link}]]`, `[[${link}->${link}]]`];
    const all = [`[[${text}->${link}]]`, `[[${text}|${link}]]`, `[[${link}<-${text}]]`];
    return order.map((i) => all[i]!);
  };
  // The plainest spelling of the target first: the name itself, then as written less a `~`, then as written.
  const spellings = [...new Set([target, written.replace(/^~/, ""), written])];
  for (const core of spellings.flatMap(forms)) {
    const candidate = setter ? `${core.slice(0, -1)}${setter}]` : core;
    const read = profile.linkParts(candidate);
    const tw = twineLinks(candidate);
    const agrees =
      profile.linkTarget(candidate) === target &&
      read?.text === text &&
      (setter === "" || `[${read?.setter}]` === setter);
    if (agrees && tw.length === 1 && tw[0]!.drawn && tw[0]!.target === target && tw[0]!.end === candidate.length) {
      return candidate === raw ? {} : { rewrite: candidate };
    }
  }
  return {};
}
