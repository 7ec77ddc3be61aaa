// `npm run import`: a story edited in Twine comes back into the Twee files without losing how
// they are organised. Each test edits a built file the way Twine would, then imports it into a
// scratch copy of the mystery.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { beforeEach, describe, expect, it } from "vitest";
import { BuildError } from "../../build/shared/errors.js";
import { importFile } from "../../build/twine/import-run.js";
import { readTwineHtml } from "../../build/twine/twine-read.js";
import { parseTwee } from "../../build/twee/twee.js";
import { type Scratch, snapshot } from "../harness/scratch.js";
import { build, builtOnce, MYSTERY, passage, storyData } from "./built-copy.js";

const { fresh, copy } = builtOnce();

describe("npm run import", () => {
  let s: Scratch;
  beforeEach(() => {
    s = fresh();
  });

  it("matches a mystery whose StoryData spells its keys in capitals, as the build reads them", async () => {
    const special = path.join(s.dir, "special.twee");
    writeFileSync(special, readFileSync(special, "utf8").replace('"ifid"', '"IFID"'));
    const { save } = await build(s);
    const [result] = await importFile(save(), { stories: s.stories });
    expect(result!.mystery).toBe(MYSTERY);
  });

  it("round trip: importing an unedited build changes nothing, and rebuilding gives the same story data", async () => {
    const before = snapshot(s.dir, "utf8");
    const { html, save } = copy(s);
    const [result] = await importFile(save(), { stories: s.stories });
    expect(result!.mystery).toBe(MYSTERY);
    expect(result!.plan.report).toMatchObject({ changed: [], added: [], removed: [], notImported: [] });
    expect(result!.plan.report.unchanged).toBeGreaterThan(40);
    expect(snapshot(s.dir, "utf8")).toEqual(before);
    expect(storyData((await build(s)).html)).toBe(storyData(html));
  });

  it("an edited passage comes back in the file where it lives, and nothing else moves", async () => {
    const before = snapshot(s.dir, "utf8");
    const { doc, save } = copy(s);
    passage(doc, "ping 2").textContent =
      'Edited in Twine: the server is close.\n<div class="nav">[[Go back->Client]]</div>';
    passage(doc, "top").setAttribute("position", "1000,2000");
    const [result] = await importFile(save(), { stories: s.stories });
    expect(result!.plan.report.changed.sort()).toEqual([
      expect.stringMatching(/^ping 2 \(text\) in .*\/50ms-request\/client\.twee$/),
      expect.stringMatching(/^top \(position\) in .*\/50ms-request\/server\.twee$/),
    ]);
    const after = snapshot(s.dir, "utf8");
    for (const [file, text] of before)
      if (!["client.twee", "server.twee"].includes(file)) expect(after.get(file), file).toBe(text);
    const client = parseTwee(after.get("client.twee")!, "client.twee");
    const oldClient = parseTwee(before.get("client.twee")!, "client.twee");
    expect(client.map((p) => p.name)).toEqual(oldClient.map((p) => p.name)); // same order
    expect(client.find((p) => p.name === "ping 2")!.text).toBe(
      'Edited in Twine: the server is close.\n<div class="nav">[[Go back->Client]]</div>',
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
    const { doc, save } = copy(s);
    const added = doc.createElement("tw-passagedata");
    added.setAttribute("pid", "999");
    added.setAttribute("name", "ping 3: traceroute");
    added.setAttribute("tags", "draft");
    added.setAttribute("position", "300,900");
    added.setAttribute("size", "100,100");
    added.textContent = "You run traceroute.\n[[Go back->Client]]";
    doc.querySelector("tw-storydata")!.append(added);
    passage(doc, "send 1 packet").remove();
    const file = save();

    const [kept] = await importFile(file, { stories: s.stories });
    expect(kept!.plan.report.added).toEqual([
      expect.stringMatching(/^ping 3: traceroute → .*\/ping-3-traceroute\.twee$/),
    ]);
    expect(kept!.plan.report.removed).toEqual([
      expect.stringMatching(/^send 1 packet \(.*solution\.twee; kept; --prune deletes it\)$/),
    ]);
    expect(readFileSync(path.join(s.dir, "ping-3-traceroute.twee"), "utf8")).toBe(
      ':: ping 3: traceroute [draft] {"position":"300,900"}\nYou run traceroute.\n[[Go back->Client]]\n\n',
    );
    expect(readFileSync(path.join(s.dir, "solution.twee"), "utf8")).toContain(":: send 1 packet");

    // --prune of a passage still linked to is refused, naming what links to it; once the link is
    // gone (edited in Twine, then imported), it prunes.
    const refused = await importFile(file, { stories: s.stories, prune: true }).catch((e: Error) => e);
    expect((refused as Error).message).toMatch(
      /--prune would delete "send 1 packet" \(.*solution\.twee\), which is still linked from how fix \(.*solution\.twee\)/,
    );
    passage(doc, "how fix").textContent = passage(doc, "how fix").textContent!.replace(/\n\[\[Don't split[^\n]*/, "");
    await importFile(save(), { stories: s.stories, prune: true });
    const solution = parseTwee(readFileSync(path.join(s.dir, "solution.twee"), "utf8"), "solution.twee");
    expect(solution.map((p) => p.name)).not.toContain("send 1 packet");
    expect(solution.map((p) => p.name)).toContain("win");
  });

  it("a file that pruning empties is removed", async () => {
    writeFileSync(
      path.join(s.dir, "aside.twee"),
      ':: An aside {"position":"5000,5000"}\nA passage nothing links to.\n',
    );
    const { doc, save } = await build(s);
    passage(doc, "An aside").remove();
    const [result] = await importFile(save(), { stories: s.stories, prune: true });
    expect(result!.changes.get(expect.stringMatching(/aside\.twee$/) as unknown as string)).toBeUndefined();
    expect([...result!.changes].filter(([, c]) => c === null).map(([f]) => path.basename(f))).toEqual(["aside.twee"]);
    expect(existsSync(path.join(s.dir, "aside.twee"))).toBe(false);
  });

  it("code added after the macros and styles in Twine goes to the end of the mystery's own code", async () => {
    const before = snapshot(s.dir, "utf8");
    const { doc, save } = copy(s);
    doc.querySelector("#twine-user-script")!.textContent += "\nconsole.log('edited in Twine');";
    doc.querySelector("#twine-user-stylesheet")!.textContent += "\nbody { color: red; }";
    doc.querySelector("tw-storydata")!.setAttribute("format-version", "2.37.3"); // Twine 2.10's SugarCube
    const [result] = await importFile(save(), { stories: s.stories });
    expect(result!.plan.report.notImported).toEqual([
      "format SugarCube 2.37.3: kept SugarCube 2.31.1, the runtime the build embeds",
    ]);
    expect(result!.plan.report.changed).toEqual([
      expect.stringMatching(
        /^Story JavaScript added around our macros' bundle in Twine → the end of .*\/config\.js; it now runs before our macros' bundle, as config\.js does$/,
      ),
      expect.stringMatching(/^Story Stylesheet added around the built styles in Twine → the end of .*\/story\.css$/),
    ]);
    const after = snapshot(s.dir, "utf8");
    expect(after.get("config.js")).toBe(`${before.get("config.js")}console.log('edited in Twine');\n`);
    expect(after.get("story.css")).toBe("body { color: red; }\n");
    // The next build has them once each, and Twine's copy of it comes back unchanged.
    const again = await build(s);
    expect(again.doc.querySelector("#twine-user-script")!.textContent!.match(/edited in Twine/g)).toHaveLength(1);
    const [second] = await importFile(again.save(), { stories: s.stories });
    expect(second!.plan.report).toMatchObject({ changed: [], added: [], removed: [], notImported: [] });
  });

  it("takes a Twee export from Twine, and a library archive holding other stories too", async () => {
    const { doc } = copy(s);
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
      // Twine writes the Story JavaScript and Stylesheet last.
      `:: StoryScript [script]\n${data.querySelector("#twine-user-script")!.textContent}\n`,
      `:: StoryStylesheet [stylesheet]\n${data.querySelector("#twine-user-stylesheet")!.textContent}\n`,
    ].join("\n");
    const file = path.join(s.out, "export.twee");
    writeFileSync(file, twee);
    const [fromTwee] = await importFile(file, { stories: s.stories });
    expect(fromTwee!.plan.report.changed).toEqual([
      expect.stringMatching(/^Start \(text\) in .*start-and-hubs\.twee$/),
    ]);
    expect(fromTwee!.plan.report.added).toEqual([]);
  });

  it("refuses a story that matches no mystery, saying how to proceed", async () => {
    const { doc, save } = copy(s);
    doc.querySelector("tw-storydata")!.setAttribute("ifid", "11111111-2222-4333-8444-555555555555");
    const error = await importFile(save(), { stories: s.stories }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toContain("has the IFID of");
    expect((error as BuildError).fix).toContain("--mystery");
  });
});

describe("readTwineHtml", () => {
  it("reads a big passage's text exactly as the DOM parser does, and hands odd ones to it", () => {
    const plain = `${"a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;\n".repeat(5000)}end`;
    const odd = `${"x".repeat(200_000)} &hellip; &#x41; \r\n y`;
    const html = `<tw-storydata name="S" ifid="X"><tw-passagedata pid="1" name="Plain" tags="" position="1,2" size="100,100">${plain}</tw-passagedata><tw-passagedata pid="2" name="Odd &gt; one" tags="t">${odd}</tw-passagedata></tw-storydata>`;
    const [story] = readTwineHtml(html, "s.html");
    const dom = new JSDOM(html).window.document.querySelectorAll("tw-passagedata");
    expect(story!.passages.map((p) => p.text)).toEqual([dom[0]!.textContent, dom[1]!.textContent]);
    expect(story!.passages.map((p) => p.name)).toEqual(["Plain", "Odd > one"]);
    expect(story!.passages[1]!.text).toContain("… A \n y");
  });
});
