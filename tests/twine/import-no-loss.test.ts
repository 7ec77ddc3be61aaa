// `npm run import` never loses data: a passage or picture renamed in Twine is renamed in place,
// the story's settings come back into StoryTitle and StoryData, a dry run writes nothing, a cut-off
// file changes nothing, and no file is written over one it does not mean to replace. Each test
// edits a built file the way Twine would, then imports it into a scratch copy of the mystery.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { planFiles } from "../../build/twine/import-check.js";
import { importFile } from "../../build/twine/import-run.js";
import { parseTwee } from "../../build/twee/twee.js";
import { runProcess } from "../harness/cli.js";
import { type Scratch, snapshot } from "../harness/scratch.js";
import { build, builtOnce, passage } from "./built-copy.js";

const { fresh, copy } = builtOnce();

describe("npm run import: never loses data", () => {
  let s: Scratch;
  beforeEach(() => {
    s = fresh();
  });

  it("a passage renamed in Twine (same text and place) is renamed in place, in its own file", async () => {
    const before = snapshot(s.dir, "utf8");
    const { doc, save } = copy(s);
    passage(doc, "top").setAttribute("name", "top, the first look");
    for (const p of doc.querySelectorAll("tw-passagedata"))
      p.textContent = p.textContent!.replace("->top]]", "->top, the first look]]");
    const [result] = await importFile(save(), { stories: s.stories });
    expect(result!.plan.report.renamed).toEqual([
      expect.stringMatching(/^top → top, the first look in .*server\.twee$/),
    ]);
    expect(result!.plan.report.added).toEqual([]);
    expect(result!.plan.report.removed).toEqual([]);
    const server = before.get("server.twee")!;
    const after = snapshot(s.dir, "utf8");
    expect(after.get("server.twee")).toBe(server.replace(/^:: top \{/m, ":: top, the first look {"));
  });

  it("a picture renamed in Twine is its file renamed, with the same bytes", async () => {
    const before = snapshot(s.dir, "utf8");
    const { doc, save } = copy(s);
    passage(doc, "win-picture").setAttribute("name", "win-diagram");
    passage(doc, "win").textContent = passage(doc, "win").textContent!.replace(
      'data-passage="win-picture"',
      'data-passage="win-diagram"',
    );
    const [result] = await importFile(save(), { stories: s.stories });
    expect(result!.plan.report.renamed).toEqual([
      expect.stringMatching(/^win-picture → win-diagram \(.*images\/win-picture\.svg → .*images\/win-diagram\.svg\)$/),
    ]);
    const after = snapshot(s.dir, "utf8");
    expect(after.get("images/win-diagram.svg")).toBe(before.get("images/win-picture.svg"));
    expect(after.has("images/win-picture.svg")).toBe(false);
    expect(passage((await build(s)).doc, "win").textContent).toContain('data-passage="win-diagram"');
  });

  it("zoom, start passage, tag colours and story name come back into StoryTitle and StoryData; story tags and IFID are reported", async () => {
    const { doc, save } = copy(s);
    const data = doc.querySelector("tw-storydata")!;
    data.setAttribute("zoom", "0.6");
    data.setAttribute("name", "A new name");
    data.setAttribute("tags", "drafts networking");
    data.setAttribute("startnode", passage(doc, "Landing").getAttribute("pid")!);
    doc.querySelector('tw-tag[name="ending"]')!.setAttribute("color", "red");
    const [result] = await importFile(save(), { stories: s.stories });
    expect(result!.plan.report.changed).toEqual([
      expect.stringMatching(/^StoryTitle \("A new name"\) in /),
      expect.stringMatching(/^StoryData \(start "Landing", tag colours, zoom 0\.6\) in /),
    ]);
    expect(result!.plan.report.notImported).toEqual([
      "story tags drafts networking: Twine's library tags have no place in Twee",
    ]);
    const special = readFileSync(path.join(s.dir, "special.twee"), "utf8");
    const json = JSON.parse(parseTwee(special, "special.twee").find((p) => p.name === "StoryData")!.text) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({ start: "Landing", zoom: 0.6, "tag-colors": { ending: "red" } });
    expect(special).toContain(":: StoryTitle\nA new name\n");
    // The next build carries them.
    const rebuilt = (await build(s)).doc.querySelector("tw-storydata")!;
    expect([rebuilt.getAttribute("zoom"), rebuilt.getAttribute("name")]).toEqual(["0.6", "A new name"]);
  });

  it("a dry run plans and checks exactly what the real run does, and writes nothing", async () => {
    const before = snapshot(s.dir, "utf8");
    const { doc, save } = copy(s);
    passage(doc, "ping 2").textContent += "\nMore.";
    passage(doc, "send 1 packet").remove();
    passage(doc, "how fix").textContent = passage(doc, "how fix").textContent!.replace(/\n\[\[Don't split[^\n]*/, "");
    const file = save();
    const dry = await importFile(file, { stories: s.stories, dryRun: true, prune: true });
    expect(snapshot(s.dir, "utf8")).toEqual(before);
    const real = await importFile(file, { stories: s.stories, prune: true });
    expect(dry.map((r) => [r.plan, [...r.changes]])).toEqual(real.map((r) => [r.plan, [...r.changes]]));
    expect(snapshot(s.dir, "utf8")).not.toEqual(before);
  });

  it("a cut-off file: exit 1, a message saying what happened and what to do, and no file changed (a real process)", async () => {
    const before = snapshot(s.dir, "utf8");
    const { html } = copy(s);
    const file = path.join(s.out, "cut.html");
    writeFileSync(file, html.slice(0, html.indexOf("win-picture") + 500));
    const r = await runProcess("build/commands/import.ts", [file, "--stories", s.stories, "--prune"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /cut\.html:\d+: error: this file is cut off: its story data \(<tw-storydata>\) starts here and never ends/,
    );
    expect(r.stderr).toMatch(/fix: download, publish or archive the story from Twine again/);
    expect(snapshot(s.dir, "utf8")).toEqual(before);
  });

  it("never writes a file over one it does not mean to replace", () => {
    const plan = {
      edits: new Map(),
      writes: new Map([["story/x/special.twee", ":: New\nx\n"]]),
      replaces: new Set<string>(),
      deletes: new Set<string>(),
      moves: new Map<string, string>(),
      problems: [],
      conflicts: [],
      report: {
        base: "",
        changed: [],
        added: [],
        renamed: [],
        removed: [],
        rewritten: [],
        notImported: [],
        unchanged: 0,
      },
    };
    const special = {
      path: "story/x/special.twee",
      content: Buffer.from(
        ':: StoryTitle\nT\n\n:: StoryData\n{"ifid": "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0", "format": "SugarCube", "format-version": "2.31.1"}\n',
      ),
    };
    const start = { path: "story/x/start.twee", content: Buffer.from(":: Start\nHi\n") };
    const { problems } = planFiles(plan, [special, start], new Set([special.path, start.path]));
    expect(problems).toEqual([
      "story/x/special.twee already exists, and the import does not mean to replace it: nothing was written",
      expect.stringContaining("after the import the mystery would not build"),
    ]);
  });
});
