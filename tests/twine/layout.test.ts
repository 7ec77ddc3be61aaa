// The story-map layout: where new passages go (build/twine/layout.ts), and `npm run layout`, which
// writes those places into the Twee headers (build/commands/layout.ts).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { walk } from "../../build/sources/mystery-files.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { boxOf, crowds, type LayoutPassage, layoutStory } from "../../build/twine/layout.js";
import type { Box } from "../../build/twine/box-grid.js";
import { command as layout } from "../../build/commands/layout.js";
import { mapLinks, mapPassages } from "../../build/twine/layout-mystery.js";
import { loadStory } from "../../build/model/story.js";
import { root, storiesDir } from "../../build/shared/paths.js";
import { editTwee } from "../../build/twee/twee-edit.js";
import { parseTwee } from "../../build/twee/twee.js";
import { runInProcess, runProcess } from "../harness/cli.js";
import { scratchStory } from "../harness/scratch.js";
import { OUR_FORMAT } from "../../build/story-format/formats.js";
import { macroRoles } from "../../build/story-format/macro-roles.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";

const roles = macroRoles(ourMacroSpecs());

const MYSTERY = "50ms-request";
/** `npm run layout -- …` in this process; one test below runs the real process. */
const cli = (...args: string[]) => runInProcess(layout, args);

const P = (name: string, links: string[] = [], meta: { position?: string; size?: string } = {}): LayoutPassage => ({
  name,
  links,
  ...meta,
});

/** Every box: the kept ones and the placed ones. */
function allBoxes(passages: readonly LayoutPassage[], placed: ReadonlyMap<string, string>): Map<string, Box> {
  return new Map(passages.map((p) => [p.name, boxOf({ size: p.size, position: placed.get(p.name) ?? p.position })!]));
}

function expectNoOverlaps(boxes: ReadonlyMap<string, Box>, gap = 0): void {
  const list = [...boxes];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [[a, A], [b, B]] = [list[i]!, list[j]!];
      expect(crowds(A, B, gap), `${a} ${JSON.stringify(A)} and ${b} ${JSON.stringify(B)}`).toBe(false);
    }
  }
}

/** The 50ms story's map passages, with every Twee position taken away (as before `npm run layout`). */
async function story50ms(): Promise<{ passages: LayoutPassage[]; twee: number }> {
  const files = (await walk(path.join(storiesDir, MYSTERY))).map((p) => ({
    path: path.relative(root, p),
    content: readFileSync(p),
  }));
  const shown = mapPassages(loadStory(files).passages, OUR_FORMAT, roles);
  const passages = shown.map(({ map, fromTwee }) => {
    const { position, ...rest } = map;
    return fromTwee ? rest : { ...rest, position };
  });
  return { passages, twee: shown.filter((s) => s.fromTwee).length };
}

describe("layoutStory", () => {
  // A hub-and-spoke story, like the mysteries: Start → Hub → three branches, one a chain.
  const hub = [
    P("Start", ["Hub"]),
    P("Hub", ["A", "B", "C", "Start"]),
    P("A", ["A 2", "Hub"]),
    P("A 2", ["A 3"]),
    P("A 3", ["Hub"]),
    P("B", ["Hub"]),
    P("C", ["End"]),
    P("End"),
    P("StoryInit"),
    P("Orphan", ["Start"]),
  ];

  it("is deterministic: the same input gives the same output", () => {
    const first = [...layoutStory(hub, "Start")];
    expect([...layoutStory(hub, "Start")]).toEqual(first);
    expect([
      ...layoutStory(
        hub.map((p) => ({ ...p })),
        "Start",
      ),
    ]).toEqual(first);
    expect(first.map(([name]) => name)).toEqual(hub.map((p) => p.name)); // every passage, in input order
  });

  it("puts the start passage at the top left, on tweego's grid", () => {
    const placed = layoutStory(hub, "Start");
    expect(placed.get("Start")).toBe("100,100");
    for (const box of allBoxes(hub, placed).values()) expect(box.x >= 100 && box.y >= 100).toBe(true);
  });

  it("reads breadth-first: one column per depth, a hub before its branches, branches stacked in link order", () => {
    const b = allBoxes(hub, layoutStory(hub, "Start"));
    const at = (n: string) => b.get(n)!;
    expect([at("Start").x, at("Hub").x, at("A").x, at("A 2").x, at("A 3").x]).toEqual([100, 225, 350, 475, 600]);
    expect([at("B").x, at("C").x, at("End").x]).toEqual([350, 350, 475]);
    expect(at("A").y).toBe(at("Hub").y); // the first branch stays on the hub's row…
    expect(at("A").y).toBeLessThan(at("B").y); // …the others stack below, in link order
    expect(at("B").y).toBeLessThan(at("C").y);
    expect([at("A 2").y, at("A 3").y]).toEqual([at("A").y, at("A").y]); // a chain is one row
    expect(at("End").y).toBe(at("C").y);
  });

  it("puts passages no link reaches below the flow, with an empty row between, in source order", () => {
    const b = allBoxes(hub, layoutStory(hub, "Start"));
    const flowBottom = Math.max(...["Start", "Hub", "A", "A 2", "A 3", "B", "C", "End"].map((n) => b.get(n)!.y + 100));
    expect(b.get("StoryInit")).toEqual({ x: 100, y: flowBottom + 25 + 125, w: 100, h: 100 });
    expect(b.get("Orphan")).toEqual({ x: 225, y: flowBottom + 25 + 125, w: 100, h: 100 });
  });

  it("wraps the unreachable area into rows", () => {
    const many = [P("Start"), ...Array.from({ length: 12 }, (_, i) => P(`Loose ${i}`))];
    const b = allBoxes(many, layoutStory(many, "Start"));
    expect(new Set([...b.values()].slice(1).map((box) => box.y)).size).toBe(2);
    expectNoOverlaps(b, 25);
  });

  it("keeps existing positions, and never overlaps them or another new box, whatever the sizes", () => {
    const story = [
      P("Start", ["Hub"], { size: "200,200" }),
      P("Hub", ["A", "B", "C"], { position: "350,100" }), // hand-placed: where the flow would put it
      P("A", ["A 2"], { size: "300,100" }),
      P("A 2"),
      P("B", [], { position: "480,150", size: "100,200" }), // hand-placed, in A's way
      P("C", [], { size: "150,150" }),
      P("Blocker", [], { position: "100,400", size: "400,400" }),
      P("Loose", [], { size: "250,250" }),
    ];
    const placed = layoutStory(story, "Start");
    expect([...placed.keys()]).toEqual(["Start", "A", "A 2", "C", "Loose"]);
    const b = allBoxes(story, placed);
    expectNoOverlaps(b, 25);
    expect(b.get("Hub")).toMatchObject({ x: 350, y: 100 });
    expect(b.get("B")).toMatchObject({ x: 480, y: 150 });
    expect(b.get("A")!.x).toBe(350 + 100 + 25); // right of its hub, wherever the hub is
    expect(b.get("A")!.y).toBeGreaterThan(100); // moved down, out of B's way
    expect(b.get("A 2")).toMatchObject({ x: b.get("A")!.x + 300 + 25, y: b.get("A")!.y }); // its branch follows it
  });

  it("gives the 50ms story a map with no overlaps, image passages (at tweego's places) included", async () => {
    const { passages, twee } = await story50ms();
    const placed = layoutStory(passages, "Start");
    expect(placed.size).toBe(twee);
    expect(twee).toBeGreaterThanOrEqual(42);
    expectNoOverlaps(allBoxes(passages, placed), 25);
    const b = allBoxes(passages, placed);
    const client = ["Run slow.js", "curl", "ping", "strace", "tcpdump", "termshark"].map((n) => b.get(n)!);
    expect(new Set(client.map((box) => box.x)).size).toBe(1); // Client's tools in one column…
    expect(client.map((box) => box.y)).toEqual([...client.map((box) => box.y)].sort((x, y) => x - y)); // …in link order
    expect(["curl", "curl 2", "curl 3"].map((n) => b.get(n)!.y)).toEqual(Array(3).fill(b.get("curl")!.y));
  });
});

describe("mapLinks: where a passage leads on the map", () => {
  it("reads [[…]] links as Twine's map does, and macro targets as SugarCube does, in text order", () => {
    const text =
      '[[Go -> Client]] <<goto "Server">> [[Code]] /* [[Old]] */ [[A->B->C]] <<include "Nav">> [[Go|$next]] <<link "x" $y>><</link>>';
    expect(mapLinks(text, OUR_FORMAT, roles)).toEqual([" Client", "Server", "Code", "Old", "C", "Nav", "$next"]);
  });
});

describe("the 50ms story", () => {
  it("is laid out: every Twee passage has a place on the map (run `npm run layout` after adding one)", async () => {
    const files = (await walk(path.join(storiesDir, MYSTERY))).map((p) => ({
      path: path.relative(root, p),
      content: readFileSync(p),
    }));
    const shown = mapPassages(loadStory(files).passages, OUR_FORMAT, roles);
    expect(shown.filter((s) => !s.map.position).map((s) => s.map.name)).toEqual([]);
    expectNoOverlaps(new Map(shown.map((s) => [s.map.name, boxOf(s.map)!])), 25);
  });
});

/** A scratch copy of the 50ms story with no positions in its Twee headers. */
function scratchWithoutPositions() {
  const s = scratchStory(MYSTERY);
  for (const file of readdirSync(s.dir).filter((f) => f.endsWith(".twee"))) {
    const full = path.join(s.dir, file);
    const source = readFileSync(full, "utf8");
    const edits = new Map(parseTwee(source, file).map((p) => [p.name, { metadata: { size: p.metadata.size } }]));
    writeFileSync(full, editTwee(source, file, edits));
  }
  return s;
}

const snapshot = (dir: string) =>
  new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith(".twee"))
      .map((f) => [f, readFileSync(path.join(dir, f), "utf8")]),
  );

describe("npm run layout", () => {
  it("places every Twee passage once, changes only headers, and a second run changes nothing (a real process first)", async () => {
    const s = scratchWithoutPositions();
    const before = snapshot(s.dir);
    const n = [...before]
      .flatMap(([f, text]) => parseTwee(text, f))
      .filter((p) => !["StoryTitle", "StoryData"].includes(p.name)).length;
    const first = await runProcess("build/commands/layout.ts", ["--stories", s.stories, MYSTERY]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`50ms-request: placed ${n} passages, kept 0\n`));
    expect(first.stdout).toMatch(
      /skipped 4 image passages .*: nagle-ack-every-packet, nagle-delayed-ack, nagle-waiting, win-picture/,
    );
    const after = snapshot(s.dir);
    for (const [file, text] of after) {
      const [old, now] = [before.get(file)!.split("\n"), text.split("\n")];
      expect(now.length, file).toBe(old.length);
      for (const [i, line] of now.entries())
        expect(line, `${file}:${i + 1}`).toBe(line.startsWith("::") ? line : old[i]);
      for (const p of parseTwee(text, file)) {
        if (!["StoryTitle", "StoryData"].includes(p.name)) expect(p.metadata.position, p.name).toMatch(/^\d+,\d+$/);
      }
    }
    const second = await cli("--stories", s.stories);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`50ms-request: placed 0 passages, kept ${n}\n`));
    expect(snapshot(s.dir)).toEqual(after);
  });

  it("keeps a position an author set, and the built HTML carries every position with no two boxes overlapping", async () => {
    const s = scratchWithoutPositions();
    const file = path.join(s.dir, "start-and-hubs.twee");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(":: Client\n", ':: Client {"position":"1000,1000","size":"200,100"}\n'),
    );
    const r = await cli("--stories", s.stories, MYSTERY);
    expect(r.stdout).toMatch(/placed \d+ passages, kept 1\n/);
    expect(readFileSync(file, "utf8")).toContain(':: Client {"position":"1000,1000","size":"200,100"}\n');

    const { outFile } = await buildStory(mysteryTarget(MYSTERY, s.stories, s.out), "native");
    const doc = new JSDOM(readFileSync(outFile, "utf8")).window.document;
    const inHtml = new Map(
      Array.from(doc.querySelectorAll("tw-passagedata"), (el) => [
        el.getAttribute("name")!,
        { position: el.getAttribute("position")!, size: el.getAttribute("size")! },
      ]),
    );
    for (const f of readdirSync(s.dir).filter((x) => x.endsWith(".twee"))) {
      for (const p of parseTwee(readFileSync(path.join(s.dir, f), "utf8"), f)) {
        if (inHtml.has(p.name)) expect(inHtml.get(p.name)!.position, p.name).toBe(p.metadata.position);
      }
    }
    expect(inHtml.size).toBeGreaterThanOrEqual(46); // 42 Twee passages and 4 images at least
    expectNoOverlaps(new Map([...inHtml].map(([name, meta]) => [name, boxOf(meta)!])), 25);
  });

  it("reports a broken story at its file and line, and leaves the files alone", async () => {
    const s = scratchWithoutPositions();
    const file = path.join(s.dir, "server.twee");
    writeFileSync(file, readFileSync(file, "utf8").replace(":: top 2\n", ":: top 2 [broken\n"));
    const before = snapshot(s.dir);
    const r = await cli("--stories", s.stories, MYSTERY);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/50ms-request\/server\.twee:\d+:\d+: error: tag block is not closed\n {2}fix: /);
    expect(r.stderr).toContain("layout of 50ms-request failed; its files are left as they were");
    expect(snapshot(s.dir)).toEqual(before);

    const missing = await cli("--stories", s.stories, "no-such-mystery");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: no mystery named "no-such-mystery"');
  });
});
