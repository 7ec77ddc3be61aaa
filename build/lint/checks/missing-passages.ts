// Every passage a passage's text refers to must exist: [[links]], <<link>>/<<button>>, <<goto>>,
// <<include>>, data-passage, [img[…][link]]. Targets known only at play time ($var, `expr`) are
// not checked. Our macros' passage arguments are checked from the macro specs (macro-args.ts),
// whose message shows the macro's usage.
import type { LinkKind, LocatedLink } from "../../story-format/reading.js";
import { type Diagnostic, error } from "../../shared/diagnostic.js";
import { locate, type Mystery, storyNames } from "../checked-mystery.js";
import { suggest } from "../suggest.js";

const WHAT: Readonly<Record<LinkKind, (target: string) => string>> = {
  link: (t) => `link to missing passage "${t}"`,
  goto: (t) => `<<goto>> to missing passage "${t}"`,
  "our-macro": (t) => `one of our macros goes to missing passage "${t}"`,
  "data-passage": (t) => `data-passage names missing passage "${t}"`,
  include: (t) => `<<include>> of missing passage "${t}"`,
  image: (t) => `image "${t}" is not a passage`,
  media: (t) => `media "${t}" is not a passage`,
};

function fixFor(link: LocatedLink, m: Mystery): string {
  const existing = m.byName.get(link.target);
  if (existing)
    return `"${link.target}" is tagged ${existing.tags.join(" ")}; ${m.profile.name} keeps such passages out of the story`;
  if (link.kind === "image" || link.kind === "media") {
    return "put the file in the mystery's folder (images/ for pictures) and use its passage name: the file name up to its first dot";
  }
  return `use the name of a passage that exists, or add the passage: \`:: ${link.target}\``;
}

export function linkChecks(m: Mystery): Diagnostic[] {
  const names = storyNames(m);
  const found: Diagnostic[] = [];
  for (const [p, scan] of m.scans) {
    for (const link of scan.links) {
      if (link.dynamic || link.kind === "our-macro" || m.profile.kinds.inStory(m.byName.get(link.target))) continue;
      found.push(
        error(locate(p, link.offset), "missing-passage", WHAT[link.kind](link.target), {
          fix: fixFor(link, m),
          suggestion: suggest(link.target, names),
        }),
      );
    }
  }
  return found;
}
