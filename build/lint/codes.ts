// Every lint code, with the severity it is reported at and a one-line doc: the one list of them.
// `npm run docs` writes the README's lint table from it (docs/lint-table.ts), and it types every
// diagnostic's code (shared/diagnostic.ts's LintCodes, filled in below), so a check that reports
// a code not listed here, or at a severity not listed for it, does not compile;
// tests/architecture.test.ts also fails on a code written in build/ that is not here, or one here
// that nothing reports. A code reported both as an error and as a warning has a doc for each.
import type { Severity } from "../shared/diagnostic.js";

type Docs = Partial<Readonly<Record<Severity, string>>>;

export const LINT_CODES = {
  "twee-syntax": { error: "malformed passage headers (every one, then it reads on), text before the first header" },
  "duplicate-passage": { error: "the same passage name twice, in any files (points at the second, names the first)" },
  "missing-title": { error: "no StoryTitle passage" },
  "missing-storydata": { error: "no StoryData passage" },
  "bad-storydata": { error: "StoryData that is not a JSON object, or a value of the wrong kind in it" },
  "missing-ifid": { error: "StoryData with no IFID" },
  "bad-ifid": { error: "an IFID that is not an uppercase UUID" },
  "story-format": {
    error:
      "a format other than SugarCube 2, or a version of it that is not found where the build finds story formats (naming what was found where)",
  },
  "missing-start": { error: "a start passage that doesn't exist" },
  "missing-passage": {
    error:
      "links to missing passages: `[[…]]` in every form, `<<link>>`, `<<button>>`, `<<goto>>`, `<<include>>`, our macros' passage arguments, `data-passage`, `[img[…]]`",
  },
  "twine-link": {
    error:
      "`[[…]]` links Twine's story map reads differently from SugarCube: spaces around `->`, `<-` or `\\|` (Twine does not trim), a `~`, several delimiters (Twine splits at the last `->` or `\\|`, SugarCube at the first), an empty target, a link swallowed by a stray `[[` before it; `npm run lint -- --fix` rewrites what it can",
    warning:
      "`[[…]]` that only Twine's map reads as a link (in a comment, verbatim text or code), or a computed target (`[[Go\\|$next]]`) it shows as broken",
  },
  "unknown-macro": {
    error:
      "unknown macros (not the SugarCube release's that StoryData names, ours, a `<<widget>>`, or a `Macro.add` in the mystery's scripts)",
  },
  "newer-macro": { error: "macros of later SugarCube releases than the one StoryData names, named as such" },
  "removed-macro": { error: "macros that release removed, with their replacement" },
  "macro-args": { error: "our macros' argument count and kinds, checked against their specs, with the usage line" },
  "macro-load": {
    error:
      "a macro of `macros/` that does not load (`npm run lint` reports it at its `macros/x.ts:line:col`; nothing else is checked against the specs)",
  },
  "macro-clash": {
    error:
      "a `<<widget>>` or a script's `Macro.add` in the mystery that defines a macro ours (their specs) or SugarCube's already have: the game would alert \"cannot clobber existing macro\" at every load (points at the name; fix: remove it to use ours, or rename it and its calls)",
  },
  "stale-clue-list": {
    error:
      "a half-migrated story: our macros record the clues while a passage (StoryCaption, say) shows a list of its own that nothing fills any more, such as the old widgets' `$knowledge` (points at the read, with the fix)",
  },
  "shared-ifid": {
    error:
      "two mysteries with one IFID (`npm run lint` and the build compare each mystery they check with every other under the stories folder)",
  },
  "unclosed-macro": { error: "containers without their closing tag" },
  "unmatched-close": { error: "stray closing tags" },
  "misplaced-child": { error: "`<<else>>` and friends outside their parent" },
  "embedded-close-tag": {
    error: "`</script` in a script or `</style` in a stylesheet (it would end the element early)",
  },
  "media-type": {
    error:
      "media of the wrong kind: `<img>`/`[img[…]]` (also in stylesheets) not naming a picture, `<audio>` a sound, `<video>` a video, `<track>` a text track, `<source>` what its parent plays, `<<cacheaudio>>` a sound",
  },
  "media-fetched": { warning: "a `<<cacheaudio>>` source that is no passage (it would be fetched at play time)" },
  "not-utf8": {
    warning:
      "a Twee, CSS, JavaScript or `head.html` file that is not UTF-8 (it is read as Windows-1252, as tweego reads it)",
  },
  "head-close": {
    error:
      "`head.html` (the project's or a mystery's, see [Publishing](#publishing)) that is not head content: `</head>` anywhere, `<html>`, `<body>` or `<!DOCTYPE>`",
  },
  "head-content": {
    error:
      "an element in `head.html` that does not belong in `<head>`, or bare text (the browser would end the head there)",
  },
  "head-external": {
    error:
      "`head.html` loading a file from another host: `<script src>`, a loading `<link href>` or a stylesheet's `@import`/`url()`, unless the element says so with `data-external`",
  },
  "head-relative": {
    error:
      "`head.html` loading a file beside the page, where nothing is published (`<script src>`, `<link href>`, `@import`, `url()`), unless the element says so with `data-external`",
  },
  "head-title": { warning: "a `<title>` in `head.html` (the page has the StoryTitle's)" },
  "head-base": { warning: "a `<base>` in `head.html`" },
  "tweego-escape": {
    warning:
      "a text line written `\\::` or a name with an escaped space at either end (Twine's Twee escapes): the native build reads them as Twine does, tweego 2.1.1 does not",
  },
  tweego: {
    warning:
      "tweego's own warnings, in its words, with the build's at the passage they are about (the native build gives the same for StorySettings and StoryIncludes)",
  },
  unreachable: {
    warning:
      "passages no link, form or `<<goto>>` reaches from the start (not SugarCube's special passages, which the engine shows, nor tweego's StorySettings and StoryIncludes, which only the compiler reads)",
  },
  "dead-end": { warning: "dead ends: no way on and not tagged `ending` (special passages are none)" },
  "unset-variable": {
    warning:
      "a `$variable` read by our macros, `<<print>>`, `<<if>>`/`<<elseif>>` or naked `$name` markup that no question of ours, `<<set>>` (or other assignment), input macro, setter link, StoryInit or script stores: a typo shows the player nothing (points at the read, with did-you-mean); SugarCube's own `$args` in a widget is not the story's",
  },
  "unused-answer": {
    warning:
      "an answer one of our questions stores that nothing reads (points at its variable argument, with did-you-mean)",
  },
} as const satisfies Readonly<Record<string, Docs>>;

/** A lint code: a key of LINT_CODES. */
export type { LintCode } from "../shared/diagnostic.js";

/** Each code's severities, as shared/diagnostic.ts's LintCodes takes them: `{ "twine-link": "error" | "warning", … }`. */
type SeveritiesOf<T> = { readonly [K in keyof T]: keyof T[K] & Severity };

declare module "../shared/diagnostic.js" {
  // Declaration merging: diagnostic.ts (below the lint) declares the registry empty; this fills it.
  interface LintCodes extends SeveritiesOf<typeof LINT_CODES> {}
}

/** Every code, with its severity and doc, in the registry's order (one entry per severity). */
export const lintCodeDocs = (): { code: string; severity: Severity; doc: string }[] =>
  Object.entries(LINT_CODES as Readonly<Record<string, Docs>>).flatMap(([code, docs]) =>
    (["error", "warning"] as const).flatMap((severity) =>
      docs[severity] ? [{ code, severity, doc: docs[severity] }] : [],
    ),
  );
