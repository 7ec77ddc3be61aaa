// The native compiler against the real tweego 2.1.1: every mystery (play, test and proof builds;
// one moved to SugarCube 2.37.3) and every story of the edge-case corpus (tests/fixtures/parity/)
// must come out byte for byte the same, apart from the intended differences listed, with reasons.
// Without a tweego (tests/harness/tweego.ts) only the native compiler's refusals run here, and
// parity-corpus.test.ts's checks of the corpus as tweego's source reads it.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { listMysteries } from "../../build/sources/mystery-files.js";
import { type BuildMode, creator, mysteryTarget } from "../../build/compile/build-inputs.js";
import { type Bundle, bundle } from "../../build/bundle/bundle.js";
import { BuildError } from "../../build/shared/errors.js";
import { goQuote } from "../../build/twee/go-text.js";
import { storiesDir } from "../../build/shared/paths.js";
import { compileWithTweego } from "../../build/compile/tweego.js";
import type { Tweego } from "../../build/compile/tweego-find.js";
import { parseTwee } from "../../build/twee/twee.js";
import { describeWithTweego, testTweego } from "../harness/tweego.js";
import {
  NEWER_SUGARCUBE,
  newerEngineHead,
  newerSugarcubeDir,
  ON_NEWER,
  scratchOnNewer,
  withTweegoPath,
} from "../harness/sugarcube.js";
import { CORPUS, corpus, REFUSED_HEADERS, REFUSED_STORY } from "./parity-cases.js";

const tweego = await testTweego();

type Case = { readonly label: string; readonly dir: string; readonly mode: BuildMode };
const cases: Case[] = [
  ...(await listMysteries()).flatMap((m) =>
    (["play", "test", "proof"] as const).map((mode) => ({
      label: `${m} (${mode})`,
      dir: path.join(storiesDir, m),
      mode,
    })),
  ),
  ...corpus.map((c) => ({ label: `corpus: ${c}`, dir: path.join(CORPUS, c), mode: "play" as const })),
  { label: "corpus: metadata (test)", dir: path.join(CORPUS, "metadata"), mode: "test" },
  { label: "corpus: names-and-tags (proof)", dir: path.join(CORPUS, "names-and-tags"), mode: "proof" },
  ...(tweego && newerSugarcubeDir
    ? [{ label: `${ON_NEWER} on ${NEWER_SUGARCUBE}`, dir: scratchOnNewer().dir, mode: "play" as const }]
    : []),
];

const unescapeAttr = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
const OPENING_TAGS = /<tw-(?:storydata|passagedata)(?: [\w-]+(?:="[^"]*")?)*>/g;
/** The run of <tw-tag> elements, as the native compiler writes them (values HTML-escaped) … */
const TW_TAGS = /(?:<tw-tag name="[^"]*" color="[^"]*"><\/tw-tag>)+/;
/** … and as tweego writes them (values Go-quoted: `\"` inside). */
const GO_STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const GO_TW_TAG = String.raw`<tw-tag name=${GO_STRING} color=${GO_STRING}></tw-tag>`;

/**
 * What tweego does differently on purpose or by a bug of its own, each as the change that turns
 * the native compiler's bytes into tweego's. The native compiler keeps its own behaviour.
 */
const INTENDED: readonly {
  name: string;
  why: string;
  modes?: readonly BuildMode[];
  apply: (html: string, t: Tweego) => string;
}[] = [
  {
    name: "creator",
    why: "creator and creator-version name the compiler that wrote the file",
    apply: (html, t) =>
      html.replace(
        `creator="${creator.name}" creator-version="${creator.version}"`,
        `creator="Tweego" creator-version="${t.version}"`,
      ),
  },
  {
    name: "Go %q on attributes",
    why:
      "a tweego bug: it writes every <tw-storydata> and <tw-passagedata> attribute through Go's %q after HTML-escaping it, " +
      "so a backslash comes out doubled, a tab as \\t and what Go deems unprintable (no-break space, zero-width joiner) as " +
      "\\u escapes, and the names SugarCube and Twine read are not the author's; the native compiler writes them as they are",
    apply: (html) =>
      html.replace(OPENING_TAGS, (tag) =>
        tag.replace(/ ([\w-]+)="([^"]*)"/g, (_, key: string, value: string) => ` ${key}=${goQuote(value)}`),
      ),
  },
  {
    name: "unescaped tag names",
    why:
      "a tweego bug: it writes <tw-tag> names and colours through Go's %q alone, not HTML-escaped, so a tag named " +
      '`a&b` or `q"t` comes out as name="a&b" or name="q\\"t"; the native compiler escapes them',
    apply: (html) =>
      html.replace(TW_TAGS, (run) =>
        run.replace(
          / (name|color)="([^"]*)"/g,
          (_, key: string, value: string) => ` ${key}=${goQuote(unescapeAttr(value))}`,
        ),
      ),
  },
  {
    name: "escaped spaces at a name's ends",
    why:
      "tweego trims a name after unescaping it, so Twine's `:: \\ Name\\ ` (how Export as Twee writes a name that starts " +
      "or ends with a space) loses its spaces and no longer matches the links Twine wrote to it; the native compiler " +
      "reads it as Twine does (the lint warns: tweego-escape)",
    apply: (html) => html.replace(/(<tw-passagedata [^>]*?name=")[ \t]+([^"]*?)[ \t]+"/g, '$1$2"'),
  },
  {
    name: "escaped :: text lines",
    why:
      "tweego does not unescape a text line that Twine's Export as Twee wrote as `\\::` (a passage line starting with " +
      "`::`), so the backslash shows in the game; the native compiler reads it as Twine does (the lint warns: tweego-escape)",
    apply: (html) => html.replace(/(<tw-passagedata [^>]*>[^<]*?\n)(::)/g, "$1\\$2"),
  },
  {
    name: "proofing format named",
    why:
      "in a proof copy tweego names the proofing format (Paperthin) in <tw-storydata>; the native compiler names the " +
      "story's own format, as Twine does, so a proof imported into Twine is still a SugarCube story",
    modes: ["proof"],
    apply: (html) =>
      html.replace(
        / format="SugarCube" format-version="[^"]*" options=/,
        ' format="Paperthin" format-version="1.0.0" options=',
      ),
  },
];

/** tweego bugs handled by comparing both files in one order: tweego writes tag colours and StoryData's options from Go
 *  maps, in random order (builds differ); the native compiler sorts the tags, keeps StoryData's order of options. */
const inOneOrder = (html: string) =>
  html
    .replace(new RegExp(`(?:${GO_TW_TAG})+`), (run) => run.match(new RegExp(GO_TW_TAG, "g"))!.sort().join(""))
    .replace(
      /(<tw-storydata [^>]*? options=")([^"]*)"/,
      (_, before: string, list: string) => `${before}${list.split(" ").sort().join(" ")}"`,
    );

/** Where two files first differ, with some context; null when they are the same. */
function firstDifference(a: string, b: string): { at: number; native: string; tweego: string } | null {
  if (a === b) return null;
  let i = 0;
  while (a[i] === b[i]) i++;
  return { at: i, native: a.slice(Math.max(0, i - 60), i + 100), tweego: b.slice(Math.max(0, i - 60), i + 100) };
}

describe("the native compiler on the parity corpus, as tweego's source reads it", () => {
  it.each(REFUSED_HEADERS)("refuses %j (%s), as tweego does", (header) => {
    expect(() => parseTwee(REFUSED_STORY(header), "refused.twee")).toThrow(BuildError);
  });
});

describeWithTweego(
  tweego,
  (tweego) => `the native compiler and tweego ${tweego.version} give the same bytes`,
  (tweego) => {
    const built = new Map<string, { native: string; tweego: string }>();
    let macros: Bundle;

    beforeAll(() =>
      withTweegoPath(newerSugarcubeDir, async () => {
        // 2.37.3 on TWEEGO_PATH, where an author puts it
        macros = await bundle();
        const out = mkdtempSync(path.join(os.tmpdir(), "parity-"));
        for (const [i, c] of cases.entries()) {
          const target = (compiler: string) => ({
            ...mysteryTarget(path.basename(c.dir), path.dirname(c.dir), path.join(out, `${i}-${compiler}`), c.mode),
            bundle: macros,
            lint: false, // the corpus is about the compilers, not about how a mystery should be written
          });
          const native = await buildStory(target("native"), { tweego: null }, c.mode);
          const real = await buildStory(target("tweego"), { tweego }, c.mode);
          built.set(c.label, {
            native: readFileSync(native.outFile, "utf8"),
            tweego: readFileSync(real.outFile, "utf8"),
          });
        }
      }),
    );

    const expected = (c: Case, html: string, skip?: string) =>
      inOneOrder(
        INTENDED.filter((d) => d.name !== skip && (!d.modes || d.modes.includes(c.mode))).reduce(
          (h, d) => d.apply(h, tweego),
          html,
        ),
      );

    it.each(cases)("$label", (c) => {
      const { native, tweego: real } = built.get(c.label)!;
      expect(
        firstDifference(expected(c, native), inOneOrder(real)),
        "native (with the intended differences) vs tweego",
      ).toBeNull();
    });

    it.each(INTENDED)("intended difference, still real: $name", (d) => {
      // Each one is needed somewhere: without it, some case would not match.
      const needed = cases.filter((c) => {
        const { native, tweego: real } = built.get(c.label)!;
        return expected(c, native, d.name) !== inOneOrder(real);
      });
      expect(
        needed.map((c) => c.label),
        d.why,
      ).not.toEqual([]);
    });

    it.each(REFUSED_HEADERS)("tweego refuses %j (%s) too", async (header) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "parity-refused-"));
      writeFileSync(path.join(dir, "refused.twee"), REFUSED_STORY(header));
      const error = await compileWithTweego(tweego, [dir], path.join(dir, "out.html"), { dir, passages: [] }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BuildError);
      expect((error as BuildError).message).toMatch(/Malformed twee source/);
    });

    it("tag colours and StoryData's options: the same from both, from the native compiler sorted and in StoryData's order", () => {
      const { native, tweego: real } = built.get("corpus: metadata")!;
      const names = (html: string) => [...html.matchAll(/<tw-tag name="([^"]*)"/g)].map((m) => m[1]);
      const options = (html: string) => /<tw-storydata [^>]*? options="([^"]*)"/.exec(html)![1]!.split(" ");
      expect([names(native), options(native)]).toEqual([
        ["clue", "ending", "hub", "unused"],
        ["uncommon", "debug", "alpha"],
      ]);
      expect([names(real).sort(), options(real).sort()]).toEqual([names(native), ["alpha", "debug", "uncommon"]]);
    });

    it("both embed the SugarCube StoryData names: 2.31.1, though tweego has 2.37.3 beside it (and on TWEEGO_PATH), or 2.37.3", () => {
      for (const c of cases.filter((c) => c.mode !== "proof")) {
        for (const html of Object.values(built.get(c.label)!)) {
          if (c.label.endsWith(` on ${NEWER_SUGARCUBE}`) && html.startsWith(newerEngineHead())) continue;
          expect(html, c.label).toContain('format="SugarCube" format-version="2.31.1"');
          expect(html, c.label).toMatch(/title:"SugarCube",major:2,minor:31,patch:1\b/);
          expect(html, c.label).not.toContain('content="2.37.3"');
        }
      }
    });
  },
);
