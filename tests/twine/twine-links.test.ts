// How Twine's story map and SugarCube read `[[…]]` links, compared systematically on generated
// link forms: our copy of Twine's reader (build/twee/twine-links.ts) against Twine 2.11.1's own
// parse-links, our SugarCube reader (build/story-format/sugarcube/links.ts) against the real SugarCube engine, and the
// lint's verdict (twine-link) against the two real readers: it reports a form exactly when they
// disagree, and each rewrite it offers is read alike by both, to the passage SugarCube went to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creator } from "../../build/compile/build-inputs.js";
import { compileNative } from "../../build/compile/compile.js";
import { passageLinks } from "../../build/story-format/sugarcube/scan.js";
import { MOVE_KINDS } from "../../build/story-format/reading.js";
import { OUR_FORMAT } from "../../build/story-format/formats.js";
import { passageTwee } from "../../build/twee/twee-edit.js";
import { twineArrows, twineLinks } from "../../build/twee/twine-links.js";
import { linkDifferences } from "../../build/story-format/link-differences.js";
import { openStory, type Player } from "../harness/player.js";
import { describeWithTwine } from "../harness/twine-oracle.js";

/** Every `[[…]]` whose inside is up to `depth` of these pieces: the delimiters, spaces, quotes, brackets, URLs, setters. */
function linkForms(depth: number): string[] {
  const pieces = ["a", " ", "->", "<-", "|", "][", "~", '"', "]", "[", "$x", "http://u", "-", ">", "<"];
  const forms: string[] = [];
  const grow = (inside: string, left: number) => {
    forms.push(`[[${inside}]]`);
    if (left > 0) for (const p of pieces) grow(inside + p, left - 1);
  };
  grow("", depth);
  return forms;
}

describe("Twine's reader, as build/twee/twine-links.ts has it", () => {
  it.each([
    ["[[Go back -> Client]]", [" Client"]],
    ["[[Target <- Go back]]", ["Target "]],
    ["[[Go | Client]]", [" Client"]],
    ["[[A->B->C]] [[A|B|C]] [[A|B->C]] [[T<-a->b]]", ["C", "b"]],
    ["[[a->]] [[<-b]] [[|]]", ["a->", "<-b", "|"]],
    ["[[Go|T][$x to 1]] [[x]y [[z]]", ["T", "x]y [[z"]],
    ["[[https://example.org]] [[Docs|http://x]] [[mailto:me]] [[~T]]", ["mailto:me", "~T"]],
    ["/* [[In a comment]] */ [[split\nlines]]", ["In a comment"]],
  ])("%s", (text, arrows) => expect(twineArrows(text)).toEqual(arrows));
});

describeWithTwine("Twine 2.11.1's own parse-links", (twine) => {
  it("reads every generated link form, alone and among others, exactly as build/twee/twine-links.ts does", () => {
    const forms = linkForms(4);
    expect(forms.length).toBeGreaterThan(50_000);
    const mismatches: string[] = [];
    for (const form of forms) {
      for (const text of [form, `x ${form} y ${form}b [[a]]`]) {
        const theirs = twine().T.parseLinks(text, true);
        if (JSON.stringify(theirs) !== JSON.stringify(twineArrows(text))) mismatches.push(text);
        if (
          JSON.stringify(twine().T.parseLinks(text)) !==
          JSON.stringify([
            ...new Set(
              twineLinks(text)
                .map((l) => l.target)
                .filter(Boolean),
            ),
          ])
        ) {
          mismatches.push(`${text} (external links kept)`);
        }
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});

// The real SugarCube 2.31.1 (the one the build embeds) renders each generated form; the passages
// it links to are what it follows. Every name either reader finds is a passage of the story, as
// every link target is in a story that lints clean: SugarCube makes a link to a name that is no
// passage an external one when it has "/", ".", "?" or "#" in it, and evaluates it as an
// expression, and the missing-passage check reports those.
describe("SugarCube and the twine-link lint on generated link forms", () => {
  /** What SugarCube takes for a URL (its Patterns.url, at the start). */
  const isUrl = (name: string) => /^(?:file|https?|mailto|ftp|javascript|irc|news|data):/i.test(name);
  const forms = linkForms(3);
  let player: Player;
  /** What SugarCube renders for a piece of markup: the passages its links go to, and their texts. */
  let render: (markup: string) => { targets: string[]; texts: string[] };

  beforeAll(async () => {
    // The passages SugarCube's reading names (not Twine's: a name Twine reads wrongly is broken on
    // its map), but no URL: a story has no passage named "http://…".
    const names = new Set<string>();
    for (const form of forms) {
      for (const l of passageLinks(form)) if (!isUrl(l.target)) names.add(l.target);
    }
    const twee = [
      ":: StoryTitle\nForms",
      ':: StoryData\n{"ifid": "4C8C7C55-7B1E-4B39-9C0E-2E6F1A3A1B10", "format": "SugarCube", "format-version": "2.31.1", "start": "Start"}',
      ":: Start\nReady.",
      ...[...names]
        .filter((n) => n.trim() !== "" && n !== "Start")
        .map((n) => passageTwee({ name: n, tags: [], metadata: {}, text: "Here." })),
    ].join("\n\n");
    const { html } = compileNative([{ path: "forms.twee", content: Buffer.from(twee) }], creator);
    player = await openStory("forms", { html });
    exists = (name) => player.sugarcube.Story.has(name);
    const $ = (player.window as unknown as { jQuery: (el: Element) => { wiki(s: string): void } }).jQuery;
    const rendered = new Map<string, { targets: string[]; texts: string[] }>(); // each form is rendered once for all tests
    render = (markup) => {
      const known = rendered.get(markup);
      if (known) return known;
      const holder = player.document.createElement("div");
      $(holder).wiki(markup);
      const links = Array.from(holder.querySelectorAll<HTMLElement>("[data-passage]")).filter(
        (el) => el.tagName !== "IMG",
      );
      const result = {
        targets: links.map((el) => el.getAttribute("data-passage")!),
        texts: links.map((el) => el.textContent ?? ""),
      };
      rendered.set(markup, result);
      return result;
    };
  });
  afterAll(() => player?.close());

  it("has a passage for each of the names, however they are spelled (spaces, brackets, quotes, backslashes)", () => {
    const missing = forms.flatMap((f) => passageLinks(f)).filter((l) => !isUrl(l.target) && l.target.trim() !== "");
    expect(missing.length).toBeGreaterThan(1000);
    expect(missing.filter((l) => !player.sugarcube.Story.has(l.target)).map((l) => l.target)).toEqual([]);
  });

  /** Whether the story has a passage of that name (set in beforeAll). */
  let exists: (name: string) => boolean;

  it("build/story-format/sugarcube/links.ts reads each form's targets as the engine follows them", () => {
    const mismatches: string[] = [];
    for (const form of forms) {
      const ours = passageLinks(form)
        .filter((l) => MOVE_KINDS.has(l.kind))
        .map((l) => l.target);
      const engine = render(form).targets;
      if (JSON.stringify(ours) !== JSON.stringify(engine))
        mismatches.push(`${form}: ours ${JSON.stringify(ours)}, engine ${JSON.stringify(engine)}`);
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  describeWithTwine("against Twine's own reader", (twine) => {
    it("the lint reports a form exactly when Twine's map and the engine disagree", () => {
      const wrong: string[] = [];
      let reported = 0;
      for (const form of forms) {
        const map = new Set(twine().T.parseLinks(form, true));
        const engine = new Set(render(form).targets);
        const disagree = map.size !== engine.size || [...map].some((t) => !engine.has(t));
        const flagged = linkDifferences(OUR_FORMAT, form, undefined, exists).length > 0;
        if (flagged) reported++;
        if (disagree !== flagged)
          wrong.push(
            `${form}: Twine ${JSON.stringify([...map])}, SugarCube ${JSON.stringify([...engine])}, lint ${flagged}`,
          );
      }
      expect(wrong.slice(0, 20)).toEqual([]);
      expect(reported).toBeGreaterThan(1000);
    });

    it("every rewrite the lint offers is read alike by both, to the same passage with the same link text", () => {
      const wrong: string[] = [];
      let rewrites = 0;
      for (const form of forms) {
        for (const d of linkDifferences(OUR_FORMAT, form, undefined, exists)) {
          if (!d.rewrite) continue;
          rewrites++;
          const before = render(form);
          const after = render(d.rewrite);
          const map = twine().T.parseLinks(d.rewrite, true);
          if (
            JSON.stringify(after) !== JSON.stringify(before) ||
            JSON.stringify(map) !== JSON.stringify(after.targets)
          ) {
            wrong.push(
              `${form} → ${d.rewrite}: Twine ${JSON.stringify(map)}, SugarCube ${JSON.stringify(after)} (was ${JSON.stringify(before)})`,
            );
          }
        }
      }
      expect(wrong.slice(0, 20)).toEqual([]);
      expect(rewrites).toBeGreaterThan(200);
    });
  });
});
