// Would Twine 2's "Import" take the built file? Read it the way Twine's importer does (the HTML
// put into a <div> with innerHTML, then <tw-storydata>, <tw-passagedata>, <tw-tag>,
// [role=script] and [role=stylesheet], per the Twine 2 HTML output spec), and check each value
// Twine keeps is present and well-formed.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { loadStory } from "../build/compile.js";
import { mysterySources } from "../build/build.js";
import { storiesDir } from "../build/paths.js";
import { mysteries } from "./harness/mysteries.js";
import { storyFile } from "./harness/player.js";

interface TwinePassage {
  name: string | null;
  tags: string[];
  left: number;
  top: number;
  width: number;
  height: number;
  text: string;
}

/** What Twine's importer reads from one <tw-storydata>. */
function importLikeTwine(html: string) {
  const { document } = new JSDOM("").window;
  const holder = document.createElement("div");
  holder.innerHTML = html;
  return Array.from(holder.querySelectorAll("tw-storydata"), (el) => {
    const pair = (raw: string | null) => (raw ?? "").split(",").map(Number.parseFloat);
    const passages = Array.from(el.querySelectorAll("tw-passagedata"), (p) => {
      const [left = NaN, top = NaN] = pair(p.getAttribute("position"));
      const [width = NaN, height = NaN] = pair(p.getAttribute("size"));
      return {
        pid: p.getAttribute("pid"),
        passage: {
          name: p.getAttribute("name"),
          tags: p.getAttribute("tags") ? p.getAttribute("tags")!.split(/\s+/) : [],
          left, top, width, height,
          text: p.textContent ?? "",
        } satisfies TwinePassage,
      };
    });
    return {
      name: el.getAttribute("name"),
      ifid: el.getAttribute("ifid"),
      format: el.getAttribute("format"),
      formatVersion: el.getAttribute("format-version"),
      zoom: Number.parseFloat(el.getAttribute("zoom") ?? "1"),
      start: passages.find((p) => p.pid === el.getAttribute("startnode"))?.passage,
      tagColors: Object.fromEntries(Array.from(el.querySelectorAll("tw-tag"), (t) => [t.getAttribute("name"), t.getAttribute("color")])),
      script: Array.from(el.querySelectorAll("[role=script]"), (s) => s.textContent).join("\n"),
      stylesheet: Array.from(el.querySelectorAll("[role=stylesheet]"), (s) => s.textContent).join("\n"),
      passages: passages.map((p) => p.passage),
    };
  });
}

const overlaps = (a: TwinePassage, b: TwinePassage) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

describe.each(mysteries)("Twine 2 imports dist/%s.html", (mystery) => {
  const html = readFileSync(storyFile(mystery), "utf8");
  const [story, ...others] = importLikeTwine(html);

  it("as exactly one story with its name, IFID, format and start passage", async () => {
    expect(others).toEqual([]);
    const { files } = await mysterySources(`${storiesDir}/${mystery}`);
    const source = loadStory(files);
    expect(story!.name).toBe(source.name);
    expect(story!.ifid).toBe(source.data.ifid);
    expect(story!.ifid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(story!.format).toBe("SugarCube");
    expect(story!.formatVersion).toMatch(/^2\.\d+\.\d+$/);
    expect(Number.isFinite(story!.zoom)).toBe(true);
    expect(story!.start?.name).toBe(source.data.start);
  });

  it("with every passage's name, tags, text, position and size", async () => {
    const { files } = await mysterySources(`${storiesDir}/${mystery}`);
    const source = loadStory(files).passages.filter((p) => !p.tags.some((t) => t === "script" || t === "stylesheet"));
    expect(story!.passages.map((p) => p.name)).toEqual(source.map((p) => p.name));
    for (const [i, p] of story!.passages.entries()) {
      const src = source[i]!;
      expect(p.text, p.name!).toBe(src.text);
      expect(p.tags, p.name!).toEqual(src.tags);
      expect(p.tags.every((t) => t !== "")).toBe(true);
      for (const n of [p.left, p.top, p.width, p.height]) expect(Number.isFinite(n), `${p.name} geometry`).toBe(true);
      if (src.metadata.position) expect(`${p.left},${p.top}`).toBe(src.metadata.position);
    }
  });

  it("with tag colours for the tags it uses, the macros as Story JavaScript and the styles as Story Stylesheet", () => {
    const used = new Set(story!.passages.flatMap((p) => p.tags));
    for (const tag of Object.keys(story!.tagColors)) expect(used.has(tag), `colour for unused tag ${tag}`).toBe(true);
    expect(story!.script).toContain('Macro.add(');
    expect(story!.stylesheet).toContain(".newinfo");
  });

  it("with no two story-map boxes on top of each other", () => {
    const boxes = story!.passages;
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(overlaps(a, b), `${a.name} overlaps ${b.name}`).toBe(false);
    }
  });
});
