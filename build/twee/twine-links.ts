// Links as Twine 2's story map reads them (twinejs src/util/parse-links.ts, 2.11.1), and Twine's
// rename of a passage in every passage's text. Twine's own reading, whatever the story format:
// where it and the format part ways is story-format/link-differences.ts. Pure.
//
// Twine finds every `[[…]]` in the text with a lazy `\[\[.*?\]\]` (anywhere: in comments, verbatim
// text and code too), cuts a setter at the first `][`, then takes the text after the LAST `->`, else
// before the FIRST `<-`, else after the LAST `|` (an empty part falls through to the next rule), and
// trims nothing. Twine leaves out targets that look like `scheme://…`.

export interface TwineLink {
  /** Where the `[[` is, and where the closing `]]` ends (0-based, into the passage text). */
  readonly offset: number;
  readonly end: number;
  /** The target as Twine reads it ("" when Twine finds none). */
  readonly target: string;
  /** Twine's map draws it: a non-empty target that does not look like `scheme://…`. */
  readonly drawn: boolean;
}

const TAG = /\[\[.*?\]\]/g;
const EXTERNAL = /^\w+:\/\/\/?\w/i;

/** The part of `s` around `separator`: the `index`th field (negative: from the end); undefined when absent. */
function field(s: string, separator: string, index: number): string | undefined {
  const fields = s.split(separator);
  if (fields.length === 1) return undefined;
  return fields.at(index);
}

/** Twine's target for the inside of one `[[…]]`. */
function twineTarget(inner: string): string {
  const core = field(inner, "][", 0) ?? inner;
  return field(core, "->", -1) || field(core, "<-", 0) || field(core, "|", -1) || core;
}

/** Every `[[…]]` Twine finds in a passage's text, in order. */
export function twineLinks(text: string): TwineLink[] {
  return Array.from(text.matchAll(TAG), (m) => {
    const target = twineTarget(m[0].slice(2, -2));
    return { offset: m.index, end: m.index + m[0].length, target, drawn: target !== "" && !EXTERNAL.test(target) };
  });
}

/** The passages Twine's map draws arrows (or a broken-link mark) to from this text: its parseLinks(text, true). */
export function twineArrows(text: string): string[] {
  return [
    ...new Set(
      twineLinks(text)
        .filter((l) => l.drawn)
        .map((l) => l.target),
    ),
  ];
}

const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

/**
 * What Twine 2.11's passage editor does to every passage's text when a passage is renamed
 * (update-passage.ts): `[[old]]`, `[[…|old]]`, `[[…->old]]` and `[[old<-…]]` (with any setter)
 * name the new name; nothing else does (not <<goto>>, our macros' passage arguments, data-passage…).
 */
export function twineRename(text: string, from: string, to: string): string {
  const old = escapeRegExp(from);
  const name = to.replace(/\$/g, "$$$$");
  return text
    .replace(new RegExp(`\\[\\[${old}(\\]\\[.*?)?\\]\\]`, "g"), `[[${name}$1]]`)
    .replace(new RegExp(`\\[\\[(.*?)(\\||->)${old}(\\]\\[.*?)?\\]\\]`, "g"), `[[$1$2${name}$3]]`)
    .replace(new RegExp(`\\[\\[${old}(<-.*?)(\\]\\[.*?)?\\]\\]`, "g"), `[[${name}$1$2]]`);
}
