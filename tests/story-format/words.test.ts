// proseWords (the index page's count) is passageWords' words less its listing words, computed
// without counting the listings: the two must agree on every kind of text.
import { describe, expect, it } from "vitest";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { passageWords, proseWords } from "../../build/story-format/sugarcube/words.js";
import { macroRoles } from "../../build/story-format/macro-roles.js";

describe("proseWords", () => {
  const shown = macroRoles(ourMacroSpecs());
  it.each([
    ["plain prose", "The server is slow today.", 5],
    ["listings of every kind left out", '"""$ curl -v"""  Then <nowiki>a b</nowiki> it {{{x y z}}} ended.', 3],
    ["macros, links, tags and variables", '<<newinfo "It was DNS">> [[Go back -> Client]] <b>bold</b> $x & _y.z', 6],
    ["an unclosed listing is prose", '""" not closed, five words', 4],
    ["non-ASCII letters and box drawing", "café ─┼─ 😀 naïve 42", 3],
  ])("%s", (_, text, words) => {
    const counted = passageWords(text, shown);
    expect(proseWords(text, shown)).toBe(words);
    expect(proseWords(text, shown)).toBe(counted.words - counted.listingWords);
  });
});
