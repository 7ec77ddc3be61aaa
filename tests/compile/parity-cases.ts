// The parity corpus (tests/fixtures/parity/: one story per kind of edge) and the Twee headers
// tweego's lexer refuses, for the native compiler's checks (parity-corpus.test.ts) and its
// comparison with the real tweego (parity.test.ts).
import { readdirSync } from "node:fs";
import path from "node:path";
import { root } from "../../build/shared/paths.js";

export const CORPUS = path.join(root, "tests", "fixtures", "parity");
export const corpus = readdirSync(CORPUS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** Headers tweego's lexer refuses (internal/tweelexer): the native compiler refuses each too. */
export const REFUSED_HEADERS: readonly (readonly [string, string])[] = [
  [":: A [t{ag]", "a { in a tag block"],
  [":: A [t[ag]", "a [ in a tag block"],
  [":: A [tag] junk", "text after the tags"],
  [':: A {"position":"1,1"} [tag]', "tags after the metadata"],
  [":: A [tag]\u00a0", "a no-break space after the tags (only spaces and tabs may follow)"],
  [":: A [tag", "an unclosed tag block"],
  [':: A {"position":"1,1"', "an unclosed metadata block"],
  [":: ]A", "a ] in the name"],
  [":: A}", "a } in the name"],
  [":: \t", "no name"],
];
export const REFUSED_STORY = (header: string) =>
  `:: StoryTitle\nRefused\n\n:: StoryData\n{"ifid": "6E1E2C5B-5D1A-4C43-9E0E-3C3C1F8C2A0F"}\n\n:: Start\nHi\n\n${header}\nText\n`;
