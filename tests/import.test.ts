// `npm run import`: a story edited in Twine comes back into the Twee files without losing how
// they are organised. Each test edits a built file the way Twine would, then imports it into a
// scratch copy of the mystery.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { beforeEach, describe, expect, it } from "vitest";
import { buildStory, mysteryTarget } from "../build/build.js";
import { BuildError } from "../build/errors.js";
import { importFile } from "../build/import-cli.js";
import { parseTwee } from "../build/twee.js";
import { type Scratch, scratchStory } from "./harness/scratch.js";

const MYSTERY = "50ms-request";

/** Every file of the scratch mystery: path → content. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return files;
}

const storyData = (html: string) => /<tw-storydata[\s\S]*<\/tw-storydata>/.exec(html)![0];

/** Builds the scratch mystery and returns its HTML as a DOM to edit like Twine does. */
async function build(s: Scratch): Promise<{ html: string; doc: Document; save: () => string }> {
  const { outFile } = await buildStory(mysteryTarget(MYSTERY, s.stories, s.out), "native");
  const html = readFileSync(outFile, "utf8");
  const dom = new JSDOM(html);
  const file = path.join(s.out, "from-twine.html");
  return { html, doc: dom.window.document, save: () => (writeFileSync(file, dom.serialize()), file) };
}

const passage = (doc: Document, name: string) => doc.querySelector(`tw-passagedata[name="${name}"]`)!;

describe("npm run import", () => {
  let s: Scratch;
  beforeEach(() => {
    s = scratchStory(MYSTERY);
  });

  it("round trip: importing an unedited build changes nothing, and rebuilding gives the same story data", async () => {
    const before = snapshot(s.dir);
    const { html, save } = await build(s);
    const [result] = await importFile(save(), { stories: s.stories });
    expect(result!.mystery).toBe(MYSTERY);
    expect(result!.plan.report).toMatchObject({ changed: [], added: [], removed: [], notImported: [] });
    expect(result!.plan.report.unchanged).toBeGreaterThan(40);
    expect(snapshot(s.dir)).toEqual(before);
    expect(storyData((await build(s)).html)).toBe(storyData(html));
  });

  it("an edited passage comes back in the file where it lives, and nothing else moves", async () => {
    const before = snapshot(s.dir);
    const { doc, save } = await build(s);
    passage(doc, "ping 2").textContent = "Edited in Twine: the server is close.\n<div class=\"nav\">[[Go back->Client]]</div>";
    passage(doc, "top").setAttribute("position", "1000,2000");
    const [result] = await importFile(save(), { stories: s.stories });
    expect(result!.plan.report.changed.sort()).toEqual([
      expect.stringMatching(/^ping 2 \(text\) in .*\/50ms-request\/client\.twee$/),
      expect.stringMatching(/^top \(position\) in .*\/50ms-request\/server\.twee$/),
    ]);
    const after = snapshot(s.dir);
    for (const [file, text] of before) if (!["client.twee", "server.twee"].includes(file)) expect(after.get(file), file).toBe(text);
    const client = parseTwee(after.get("client.twee")!, "client.twee");
    const oldClient = parseTwee(before.get("client.twee")!, "client.twee");
    expect(client.map((p) => p.name)).toEqual(oldClient.map((p) => p.name)); // same order
    expect(client.find((p) => p.name === "ping 2")!.text).toBe(
      "Edited in Twine: the server is close.\n<div class=\"nav\">[[Go back->Client]]</div>",
    );
    const sansLine = ({ line: _line, ...rest }: { line: number }) => rest;
    for (const p of oldClient.filter((p) => p.name !== "ping 2")) {
      expect(sansLine(client.find((q) => q.name === p.name)!)).toEqual(sansLine(p));
    }
    const top = parseTwee(after.get("server.twee")!, "server.twee").find((p) => p.name === "top")!;
    expect(top.metadata.position).toBe("1000,2000");
    // And the next build carries the edit.
    const rebuilt = (await build(s)).doc;
    expect(passage(rebuilt, "ping 2").textContent).toContain("Edited in Twine");
  });

  it("a new passage gets its own file; a removed one is reported, and deleted with --prune", async () => {
    const { doc, save } = await build(s);
    const added = doc.createElement("tw-passagedata");
    added.setAttribute("pid", "999");
    added.setAttribute("name", "ping 3: traceroute");
    added.setAttribute("tags", "draft");
    added.setAttribute("position", "300,900");
    added.setAttribute("size", "100,100");
    added.textContent = "You run traceroute.\n[[Go back->Client]]";
    doc.querySelector("tw-storydata")!.append(added);
    passage(doc, "top 2").remove();
    const file = save();

    const [kept] = await importFile(file, { stories: s.stories });
    expect(kept!.plan.report.added).toEqual([expect.stringMatching(/^ping 3: traceroute → .*\/ping-3-traceroute\.twee$/)]);
    expect(kept!.plan.report.removed).toEqual([expect.stringMatching(/^top 2 \(.*server\.twee\)$/)]);
    expect(readFileSync(path.join(s.dir, "ping-3-traceroute.twee"), "utf8")).toBe(
      ':: ping 3: traceroute [draft] {"position":"300,900"}\nYou run traceroute.\n[[Go back->Client]]\n\n',
    );
    expect(readFileSync(path.join(s.dir, "server.twee"), "utf8")).toContain(":: top 2");

    await importFile(file, { stories: s.stories, prune: true });
    const server = parseTwee(readFileSync(path.join(s.dir, "server.twee"), "utf8"), "server.twee");
    expect(server.map((p) => p.name)).not.toContain("top 2");
    expect(server.map((p) => p.name)).toContain("top");
  });

  it("recognises the built macros and styles, and does not write Twine's copies back", async () => {
    const before = snapshot(s.dir);
    const { doc, save } = await build(s);
    doc.querySelector("#twine-user-script")!.textContent += "\nconsole.log('edited in Twine');";
    doc.querySelector("#twine-user-stylesheet")!.textContent += "\nbody { color: red; }";
    doc.querySelector("tw-storydata")!.setAttribute("format-version", "2.37.3"); // Twine 2.10's SugarCube
    const [result] = await importFile(save(), { stories: s.stories });
    expect(result!.plan.report.notImported).toEqual([
      expect.stringContaining("Story JavaScript differs from the macros bundle: edit macros/*.ts"),
      expect.stringContaining("Story Stylesheet differs from the built styles: edit styles/*.css"),
      "format SugarCube 2.37.3: kept SugarCube 2.31.1, the runtime the build embeds",
    ]);
    expect(snapshot(s.dir)).toEqual(before);
  });

  it("takes a Twee export from Twine, and a library archive holding other stories too", async () => {
    const { doc } = await build(s);
    const data = doc.querySelector("tw-storydata")!;
    // An archive: our story beside another one.
    const other = doc.createElement("tw-storydata");
    other.setAttribute("name", "Someone else's story");
    other.setAttribute("ifid", "11111111-2222-4333-8444-555555555555");
    const archive = path.join(s.out, "archive.html");
    writeFileSync(archive, data.outerHTML + other.outerHTML);
    const [fromArchive, ...rest] = await importFile(archive, { stories: s.stories });
    expect(rest).toEqual([]);
    expect(fromArchive!.plan.report.changed).toEqual([]);

    // A Twee export: StoryTitle, StoryData, then each passage with its metadata.
    const twee = [
      `:: StoryTitle\n${data.getAttribute("name")}\n`,
      `:: StoryData\n${JSON.stringify({ ifid: data.getAttribute("ifid"), format: "SugarCube", "format-version": "2.31.1", start: "Start", "tag-colors": { ending: "green" } })}\n`,
      ...Array.from(data.querySelectorAll("tw-passagedata"), (p) => {
        const tags = p.getAttribute("tags") ? ` [${p.getAttribute("tags")}]` : "";
        const meta = JSON.stringify({ position: p.getAttribute("position"), size: p.getAttribute("size") });
        const text = p.getAttribute("name") === "Start" ? "Changed start text." : p.textContent;
        return `:: ${p.getAttribute("name")}${tags} ${meta}\n${text}\n`;
      }),
    ].join("\n");
    const file = path.join(s.out, "export.twee");
    writeFileSync(file, twee);
    const [fromTwee] = await importFile(file, { stories: s.stories });
    expect(fromTwee!.plan.report.changed).toEqual([expect.stringMatching(/^Start \(text\) in .*start-and-hubs\.twee$/)]);
    expect(fromTwee!.plan.report.added).toEqual([]);
  });

  it("refuses a story that matches no mystery, saying how to proceed", async () => {
    const { doc, save } = await build(s);
    doc.querySelector("tw-storydata")!.setAttribute("ifid", "11111111-2222-4333-8444-555555555555");
    const error = await importFile(save(), { stories: s.stories }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toContain("has the IFID of");
    expect((error as BuildError).fix).toContain("--mystery");
  });
});
