// `npm run map`: the story map SVG of each real mystery holds every passage (named, with a
// <title>) and every link and form target as an arrow, keeps Twine's positions, has no two boxes
// overlapping and no script; the usual route is drawn; and the command writes the files.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { readSources } from "../../build/sources/mystery-files.js";
import { loadStory } from "../../build/model/story.js";
import { crowds, layoutStory } from "../../build/twine/layout.js";
import { passageLinks } from "../../build/story-format/sugarcube/scan.js";
import { MOVE_KINDS } from "../../build/story-format/reading.js";
import { macroRoles } from "../../build/story-format/macro-roles.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { storyGraph } from "../../build/overview/map-graph.js";
import { mapSvg } from "../../build/overview/map-svg.js";
import { wrapName } from "../../build/overview/map-text.js";
import { distDir, isInside, root, storiesDir } from "../../build/shared/paths.js";
import { mapFile } from "../../build/overview/map.js";
import type { SourceFile } from "../../build/sources/sources.js";
import { readUsualRoute } from "../../build/overview/usual-route.js";
import { runProcess } from "../harness/cli.js";
import { mysteries } from "../harness/mysteries.js";

const parse = (svg: string) => new JSDOM(svg, { contentType: "image/svg+xml" }).window.document;
const boxesOf = (doc: Document) =>
  [...doc.querySelectorAll("g.passage")].map((g) => {
    const r = g.querySelector("rect.box")!;
    const n = (a: string) => Number(r.getAttribute(a));
    return { name: g.getAttribute("data-name")!, g, x: n("x"), y: n("y"), w: n("width"), h: n("height") };
  });
/** An arrow between two passages in this direction: its own, or one line with heads at both ends. */
const hasArrow = (doc: Document, css: string, from: string, to: string) =>
  [...doc.querySelectorAll(`path.${css}`)].some(
    (p) =>
      (p.getAttribute("data-from") === from && p.getAttribute("data-to") === to) ||
      (p.getAttribute("data-both") === "true" &&
        p.getAttribute("data-from") === to &&
        p.getAttribute("data-to") === from),
  );

describe.each(mysteries)("the story map of %s", async (mystery) => {
  const dir = path.join(storiesDir, mystery);
  const story = loadStory(await readSources(dir));
  const usual = readUsualRoute(dir);
  const svg = mapSvg(storyGraph(story, ourMacroSpecs(), usual));
  const doc = parse(svg);
  const boxes = boxesOf(doc);
  // What Twine's map shows: every passage but code and Twine.private ones.
  const shown = story.passages.filter(
    (p) => !p.tags.some((t) => ["script", "stylesheet", "Twine.private"].includes(t)),
  );

  it("is a plain SVG: no script, no event handlers, a title for the whole map", () => {
    expect(doc.documentElement.localName).toBe("svg");
    expect(doc.querySelector("parsererror")).toBeNull();
    expect(doc.getElementsByTagName("script")).toHaveLength(0);
    expect(svg).not.toMatch(/\son[a-z]+=/i);
    expect(doc.querySelector("svg > title")!.textContent).toBe(`Story map: ${story.name}`);
  });

  it("has one box per passage, named like the passage, with a <title>", () => {
    expect(boxes.map((b) => b.name).sort()).toEqual(shown.map((p) => p.name).sort());
    for (const { name, g } of boxes) {
      expect(g.querySelector(":scope > title")!.textContent!.split("\n")[0]).toBe(name);
      const written = [...g.querySelectorAll("text.name tspan")].map((t) => t.textContent).join("");
      expect(written.replace(/\s/g, "")).toBe(name.replace(/\s/g, ""));
    }
  });

  it("draws every link and form target as an arrow", () => {
    let count = 0;
    for (const p of shown.filter((s) => !s.tags.includes("Twine.image"))) {
      for (const link of passageLinks(p.text, macroRoles(ourMacroSpecs()))) {
        if (link.dynamic) continue;
        const css = MOVE_KINDS.has(link.kind) ? "link" : "shows";
        expect(hasArrow(doc, css, p.name, link.target), `${p.name} → ${link.target} (${link.kind})`).toBe(true);
        count++;
      }
    }
    expect(count).toBeGreaterThan(shown.length / 2);
  });

  it("places boxes as on Twine's map (the Twee positions), and no two overlap", () => {
    const byName = new Map(boxes.map((b) => [b.name, b]));
    const [first] = shown.filter((p) => p.metadata.position);
    const [fx, fy] = first!.metadata.position!.split(",").map(Number);
    const origin = byName.get(first!.name)!;
    for (const p of shown.filter((s) => s.metadata.position)) {
      const [x, y] = p.metadata.position!.split(",").map(Number);
      expect([byName.get(p.name)!.x - origin.x, byName.get(p.name)!.y - origin.y], p.name).toEqual([
        x! - fx!,
        y! - fy!,
      ]);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++)
        expect(crowds(boxes[i]!, boxes[j]!), `${boxes[i]!.name} / ${boxes[j]!.name}`).toBe(false);
    }
  });

  it("marks the start, the endings and the clue passages, and says so in words", () => {
    const role = (name: string) => doc.querySelector(`g.passage[data-name="${name}"]`)!;
    expect(role(story.data.start).getAttribute("data-role")).toBe("start");
    expect(role(story.data.start).textContent).toContain("START");
    for (const p of shown) {
      const g = role(p.name);
      if (p.tags.includes("ending")) expect(g.getAttribute("data-role"), p.name).toBe("ending");
      const clues = (p.text.match(/<<newinfo /g) ?? []).length;
      expect(Number(g.getAttribute("data-clues") ?? 0), p.name).toBe(clues);
      if (clues > 0) expect(g.textContent).toContain("CLUE");
    }
    expect([...doc.querySelectorAll("text.legend")].map((t) => t.textContent)).toEqual(
      expect.arrayContaining(["start passage", "clue (<<newinfo>>)", "ending (tagged ending)", "link or form"]),
    );
  });

  it("highlights the usual route, step by step", () => {
    expect(usual).toBeDefined();
    const steps = [story.data.start, ...usual!.route];
    for (let i = 1; i < steps.length; i++)
      expect(hasArrow(doc, "route", steps[i - 1]!, steps[i]!), `${steps[i - 1]} → ${steps[i]}`).toBe(true);
    const outlined = new Set(
      [...doc.querySelectorAll("rect.on-route")].map((r) => r.parentElement!.getAttribute("data-name")),
    );
    expect(outlined).toEqual(new Set(steps));
  });
});

describe("story map details", () => {
  const file = (p: string, text: string): SourceFile => ({ path: p, content: Buffer.from(text) });
  const DATA = '{"ifid": "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0", "start": "Start"}';
  const tiny = (body: string) =>
    loadStory([file("story/x/a.twee", `:: StoryTitle\nT & <co>\n\n:: StoryData\n${DATA}\n\n${body}`)]);

  it("places passages without a position where npm run layout would", () => {
    const story = tiny(':: Start\n[[A]] [[B "q" <&>]]\n\n:: A\n[[Start]]\n\n:: B "q" <&> [ending]\nThe end.\n');
    const graph = storyGraph(story, ourMacroSpecs());
    const expected = layoutStory(
      [
        { name: "Start", links: ["A", 'B "q" <&>'] },
        { name: "A", links: ["Start"] },
        { name: 'B "q" <&>', links: [] },
      ],
      "Start",
    );
    for (const p of graph.passages) expect(`${p.box.x},${p.box.y}`).toBe(expected.get(p.name));
    const doc = parse(mapSvg(graph));
    expect(doc.querySelector("parsererror")).toBeNull();
    expect(boxesOf(doc).map((b) => b.name)).toEqual(["Start", "A", 'B "q" <&>']);
    expect(doc.querySelector("svg > title")!.textContent).toBe("Story map: T & <co>");
    // A link both ways is one line with two heads.
    expect(doc.querySelectorAll('path.link[data-both="true"]')).toHaveLength(1);
  });

  it("leaves out links known only at play time and links to no passage", () => {
    const graph = storyGraph(tiny(":: Start [ending]\n[[$next]] [[Nowhere]] <<goto `$x`>>\n"), ourMacroSpecs());
    expect(graph.links).toEqual([]);
  });

  it("wraps long names at spaces and hyphens, and cuts what does not fit with …", () => {
    expect(wrapName("strace server 7", 88, 4)).toEqual(["strace server", "7"]);
    expect(wrapName("nagle-ack-every-packet", 88, 4)).toEqual(["nagle-ack-", "every-packet"]);
    expect(wrapName("a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff", 88, 2).at(-1)).toMatch(
      /…$/,
    );
  });
});

describe("npm run map", () => {
  it("draws into the project's .cache/maps/, not dist/ (which holds only what is published)", () => {
    expect(mapFile(storiesDir, "50ms-request")).toBe(path.join(root, ".cache", "maps", "50ms-request.map.svg"));
    expect(mapFile("/tmp/x/story", "m")).toBe(path.join("/tmp/x", ".cache", "maps", "m.map.svg"));
    expect(isInside(distDir, mapFile(storiesDir, "50ms-request"))).toBe(false);
  });

  it("writes <out>/<mystery>.map.svg for every mystery (a real process)", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "map-"));
    const { code, stdout, stderr } = await runProcess("build/commands/map.ts", ["--out", out]);
    expect(code, stderr).toBe(0);
    for (const mystery of mysteries) {
      const written = path.join(out, `${mystery}.map.svg`);
      expect(existsSync(written)).toBe(true);
      expect(parse(readFileSync(written, "utf8")).querySelectorAll("g.passage").length).toBeGreaterThan(10);
      expect(stdout).toContain(`${mystery}.map.svg`);
    }
  });
});
