// One broken mystery affects only itself (problems 5 and 6): with a draft that has a mistake in
// it, building, linting, importing or creating another mystery works; the error names the
// broken mystery and why the command read it; the index never links to a page that is not there.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { beforeEach, describe, expect, it } from "vitest";
import { command as build } from "../../build/commands/build.js";
import { command as importCommand } from "../../build/commands/import.js";
import { command as lint } from "../../build/commands/lint.js";
import { command as newCommand } from "../../build/commands/new.js";
import { newMystery } from "../../build/site/new-mystery.js";
import { runInProcess as run } from "../harness/cli.js";
import { scratchStory } from "../harness/scratch.js";

/** The index's links to pages beside it (not the authors' web sites in the bylines), and whether each is there. */
function indexLinks(out: string): { href: string; exists: boolean }[] {
  const doc = new JSDOM(readFileSync(path.join(out, "index.html"), "utf8")).window.document;
  return Array.from(doc.querySelectorAll("a[href]:not([href^='https:']):not([href^='http:'])"), (a) => {
    const href = a.getAttribute("href")!;
    return { href, exists: existsSync(path.join(out, decodeURIComponent(href))) };
  });
}

describe("a broken draft next to a good mystery", () => {
  let stories: string;
  let out: string;
  let draftFile: string;
  const opts = () => ["--stories", stories, "--out", out, "--compiler", "native"];

  beforeEach(async () => {
    ({ stories, out } = scratchStory("50ms-request"));
    const draft = await newMystery("The Case of the Draft", { stories });
    // The header mistake of the issue: a tag block that is never closed.
    draftFile = path.join(draft.dir, "start.twee");
    writeFileSync(draftFile, readFileSync(draftFile, "utf8").replace(":: First look", ":: First look [oops"));
  });

  it("npm run build -- 50ms-request builds it and exits 0; the index does not link to the draft", async () => {
    const r = await run(build, [...opts(), "50ms-request"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("not listed: draft");
    expect(indexLinks(out)).toEqual([{ href: "50ms-request.html", exists: true }]);
  });

  it("npm run build (all): the draft fails alone, by its file and line; the index links only what was built", async () => {
    const r = await run(build, opts());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/draft\/start\.twee:\d+:\d+: error: tag block is not closed/);
    expect(r.stderr).toContain("build of draft failed");
    expect(r.stdout).toMatch(/built .*50ms-request\.html/);
    const links = indexLinks(out);
    expect(links.map((l) => l.href)).toEqual(["50ms-request.html"]);
    expect(
      links.every((l) => l.exists),
      "no dead link",
    ).toBe(true);
  });

  it("npm run lint -- 50ms-request is clean; npm run lint names the draft's mistake", async () => {
    expect((await run(lint, ["--stories", stories, "50ms-request"])).code).toBe(0);
    const all = await run(lint, ["--stories", stories]);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/draft\/start\.twee:\d+:\d+: error: tag block is not closed/);
  });

  it("npm run new makes another mystery", async () => {
    const r = await run(newCommand, ["The Case of the Other One", "--stories", stories]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(stories, "other-one", "special.twee"))).toBe(true);
  });

  it("npm run import brings edits into 50ms-request; a draft whose StoryData cannot be read is named, with why it was read", async () => {
    expect((await run(build, [...opts(), "50ms-request"])).code).toBe(0);
    const special = path.join(stories, "draft", "special.twee");
    writeFileSync(special, readFileSync(special, "utf8").replace('"format": "SugarCube",', '"format": "SugarCube",,'));
    const r = await run(importCommand, [path.join(out, "50ms-request.html"), "--stories", stories, "--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("would import");
    expect(r.stderr).toMatch(/draft\/special\.twee:\d+:1: warning: StoryData is not valid JSON/);
    expect(r.stderr).toContain('note: mystery "draft" was read to compare its IFID with the imported story\'s');
  });

  it("a mystery with no teaser is left off the index and named: a warning for another's build, an error for its own", async () => {
    rmSync(draftFile.replace("start.twee", "teaser.txt"));
    writeFileSync(draftFile, readFileSync(draftFile, "utf8").replace(":: First look [oops", ":: First look"));
    const all = await run(build, opts());
    expect(all.code).toBe(1);
    expect(all.stderr).toMatch(
      /draft\/teaser\.txt:1:1: error: the mystery has no teaser for the index page\n {2}fix: .*\n {2}note: mystery "draft" was read for .*index\.html \(its title and teaser\) and is left off it/,
    );
    expect(indexLinks(out).map((l) => l.href)).toEqual(["50ms-request.html"]);

    const one = await run(build, [...opts(), "50ms-request"]);
    expect(one.code, "another mystery's missing teaser does not fail this build").toBe(0);
    expect(one.stderr).toMatch(/draft\/teaser\.txt:1:1: warning: the mystery has no teaser/);
  });
});
