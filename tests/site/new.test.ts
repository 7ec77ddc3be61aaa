// `npm run new`: a new mystery builds and plays at once, and shows every macro working.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { describe, expect, it } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { JSDOM } from "jsdom";
import { BuildError, UsageError } from "../../build/shared/errors.js";
import { lintMystery } from "../../build/lint/lint.js";
import { MAX_SLUG, mysterySlug, newMystery } from "../../build/site/new-mystery.js";
import { writeIndex } from "../../build/site/puzzles.js";
import { readSources } from "../../build/sources/mystery-files.js";
import { parseTwee } from "../../build/twee/twee.js";
import { macros } from "../../macros/all.js";
import { openStory } from "../harness/player.js";

function tempStories(): { stories: string; out: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), "new-mystery-"));
  mkdirSync(path.join(base, "story"));
  return { stories: path.join(base, "story"), out: path.join(base, "dist") };
}

describe("npm run new", () => {
  it("names the folder after the title", () => {
    expect(mysterySlug("The Case of the 50ms Request")).toBe("50ms-request");
    expect(mysterySlug("The Case of a Pool Running Dry")).toBe("a-pool-running-dry");
    expect(mysterySlug("  Lost Packets!  ")).toBe("lost-packets");
  });

  it("makes a mystery that builds, plays without errors and uses every macro", async () => {
    const { stories, out } = tempStories();
    const made = await newMystery("The Case of the Stale Cache", {
      stories,
      teaser: "Why does the old page come back?",
    });
    expect(made.slug).toBe("stale-cache");
    expect(readdirSync(made.dir).sort()).toEqual(["config.js", "special.twee", "start.twee", "teaser.txt"]);
    const twee = ["special.twee", "start.twee"].flatMap((f) =>
      parseTwee(readFileSync(path.join(made.dir, f), "utf8"), f),
    );
    const names = twee.map((p) => p.name);
    for (const special of ["StoryTitle", "StoryData", "StoryInit", "StoryCaption", "Start"])
      expect(names).toContain(special);
    expect(JSON.parse(twee.find((p) => p.name === "StoryData")!.text).ifid).toBe(made.ifid);
    const source = twee.map((p) => p.text).join("\n");
    for (const { spec } of macros) expect(source, spec.name).toContain(`<<${spec.name} `);

    const built = await buildStory(mysteryTarget(made.slug, stories, out), "native");
    // Lint clean straight away: the build fails on lint errors, and there are no warnings either.
    expect(built.warnings).toEqual([]);
    const player = await openStory(made.slug, { html: readFileSync(built.outFile, "utf8") });
    expect(player.document.title).toBe("The Case of the Stale Cache");
    expect(player.sugarcube.Config.saves.id).toBe("stale-cache");
    // Play it through: every passage renders, every form and link works.
    expect(player.clues()).toEqual(["Every clue is one short sentence, found once."]);
    const field = player.view().querySelector<HTMLInputElement>("form.ask input")!;
    field.value = "the logs";
    player.click(player.view().querySelector(".ask-submit")!);
    expect(player.passage()).toBe("First look");
    expect(player.view().querySelector(".you-said")?.textContent).toBe('You would look at: "the logs".');
    player.click(player.view().querySelector(".ask-dont-know")!);
    expect(player.passage()).toBe("Lines that matter");
    player.click(player.links().find((l) => l.target === "Case closed")!.element);
    expect(player.passage()).toBe("Case closed");
    expect(player.errorViews()).toEqual([]);
    expect(player.errors).toEqual([]);
    player.close();
  });

  it("refuses a folder or a title that already exists", async () => {
    const { stories } = tempStories();
    await newMystery("The Case of the Stale Cache", { stories });
    const again = await newMystery("The Case of the Stale Cache", { stories }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(BuildError);
    expect((again as BuildError).message).toMatch(/\/story\/stale-cache\/ already exists$/);
    renameSync(path.join(stories, "stale-cache"), path.join(stories, "cache-case"));
    const sameTitle = await newMystery("the case of the stale cache ", { stories }).catch((e: unknown) => e);
    expect((sameTitle as BuildError).message).toBe(
      'mystery cache-case already has the title "The Case of the Stale Cache"',
    );
    // A file at that name (no mystery folder) is the author's too: refused, and left as it was.
    writeFileSync(path.join(stories, "cold-start"), "notes\n");
    const onFile = await newMystery("The Case of the Cold Start", { stories }).catch((e: unknown) => e);
    expect((onFile as BuildError).message).toMatch(/\/story\/cold-start\/ already exists$/);
    expect(readFileSync(path.join(stories, "cold-start"), "utf8")).toBe("notes\n");
  });

  it("makes readable ASCII folder names: accents transliterated, apostrophes dropped, capped on a word boundary", () => {
    expect(mysterySlug("Ünïcødé Caché")).toBe("unicode-cache");
    expect(mysterySlug("The Case of the Straße & the Smørrebrød")).toBe("strasse-and-the-smorrebrod");
    expect(mysterySlug("Don't Panic: the Œuvre of Łódź")).toBe("dont-panic-the-oeuvre-of-lodz");
    const long = mysterySlug(`The Case of the ${"Very Long Title Words ".repeat(15)}`);
    expect(long.length).toBeLessThanOrEqual(MAX_SLUG);
    expect(long).toBe("very-long-title-words-very-long-title");
    expect(mysterySlug("消えたパケット")).toBe("");
  });

  it("takes a 300-character title (no ENAMETOOLONG), with a short folder name", async () => {
    const { stories } = tempStories();
    const title = `The Case of the ${"Slow Request ".repeat(23)}`.trim();
    expect(title.length).toBeGreaterThan(290);
    const made = await newMystery(title, { stories });
    expect(made.slug.length).toBeLessThanOrEqual(MAX_SLUG);
    expect(readFileSync(path.join(made.dir, "special.twee"), "utf8")).toContain(`:: StoryTitle\n${title}\n`);
  });

  it("a title with no Latin letters says so and suggests --slug, which works", async () => {
    const { stories } = tempStories();
    const refused = (await newMystery("消えたパケット", { stories }).catch((e: unknown) => e)) as BuildError;
    expect(refused).toBeInstanceOf(BuildError);
    expect(refused.message).toBe('"消えたパケット" has no Latin letters or digits to make a folder name from');
    expect(refused.fix).toContain("--slug");
    const made = await newMystery("消えたパケット", { stories, slug: "lost-packet" });
    expect(made.slug).toBe("lost-packet");
    const bad = await newMystery("A title", { stories, slug: "Not/A Slug" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(UsageError);
  });

  it("refuses a title or teaser with a line break or control character, and writes nothing", async () => {
    const { stories } = tempStories();
    for (const [title, teaser, what] of [
      ["The Case of the\nDuplicate Start", undefined, "the title contains a line break; it must be one line of text"],
      [
        "The Case of the Bell\u0007",
        undefined,
        "the title contains a control character (U+0007); it must be one line of text",
      ],
      ["The Case of the Teaser", "one\ntwo", "the teaser contains a line break; it must be one line of text"],
      [":: Start", undefined, 'the title starts with "::", which Twee reads as a passage header; start it with a word'],
    ] as const) {
      const e = (await newMystery(title, { stories, teaser }).catch((x: unknown) => x)) as Error;
      expect(e).toBeInstanceOf(UsageError);
      expect(e.message).toBe(what);
    }
    expect(readdirSync(stories)).toEqual([]);
  });

  it("escapes the title wherever it lands: StoryTitle, the start passage, the HTML, the index", async () => {
    const { stories, out } = tempStories();
    const title = `The Case of the [[Broken]] <b>Tag</b> & $var //x// ''y'' @@z@@ "q" <<goto "Start">>`;
    const made = await newMystery(title, { stories });
    expect(lintMystery(await readSources(made.dir)), "lints clean").toEqual([]);
    const built = await buildStory(mysteryTarget(made.slug, stories, out), "native");
    const player = await openStory(made.slug, { html: readFileSync(built.outFile, "utf8") });
    try {
      expect(player.document.title).toBe(title);
      expect(player.document.querySelector("#story-title")?.textContent).toBe(title);
      expect(player.text()).toContain(`This is the first passage of ${title}.`);
      expect(player.view().querySelector("b, a.link-broken")).toBeNull();
      expect(player.passage()).toBe("Start");
      expect(player.errorViews()).toEqual([]);
      expect(player.errors).toEqual([]);
    } finally {
      player.close();
    }
    await writeIndex(stories, out, {}, ourMacroSpecs());
    const index = new JSDOM(readFileSync(path.join(out, "index.html"), "utf8")).window.document;
    expect(index.querySelector(`a[href="${made.slug}.html"]`)?.textContent).toBe(title);
    expect(index.querySelector("b")).toBeNull();
    expect(existsSync(path.join(out, `${made.slug}.html`))).toBe(true);
  });
});
