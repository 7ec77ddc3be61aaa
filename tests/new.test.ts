// `npm run new`: a new mystery builds and plays at once, and shows every macro working.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildStory, mysteryTarget } from "../build/build.js";
import { BuildError } from "../build/errors.js";
import { mysterySlug, newMystery } from "../build/new.js";
import { parseTwee } from "../build/twee.js";
import { macros } from "../macros/all.js";
import { openStory } from "./harness/player.js";

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
    const made = await newMystery("The Case of the Stale Cache", { stories, teaser: "Why does the old page come back?" });
    expect(made.slug).toBe("stale-cache");
    expect(readdirSync(made.dir).sort()).toEqual(["config.js", "special.twee", "start.twee", "teaser.txt"]);
    const twee = ["special.twee", "start.twee"].flatMap((f) => parseTwee(readFileSync(path.join(made.dir, f), "utf8"), f));
    const names = twee.map((p) => p.name);
    for (const special of ["StoryTitle", "StoryData", "StoryInit", "StoryCaption", "Start"]) expect(names).toContain(special);
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
    expect((sameTitle as BuildError).message).toBe('mystery cache-case already has the title "The Case of the Stale Cache"');
  });
});
