// Twine 2.11.1's own code (tests/harness/twine-oracle.ts) reads our built mysteries, and what it
// gives back comes back into the Twee files exactly: its story map, Export as Twee, edits made
// through its passage editor (published with SugarCube 2.37.3 or exported as Twee), a library
// archive of both mysteries. Damaged files made from its output: damaged-import.test.ts.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { readSources } from "../../build/sources/mystery-files.js";
import { creator, mysterySources, mysteryTarget } from "../../build/compile/build-inputs.js";
import { lintMystery } from "../../build/lint/lint.js";
import { compileNative } from "../../build/compile/compile.js";
import { loadStory } from "../../build/model/story.js";
import { importFile } from "../../build/twine/import-run.js";
import { readMark } from "../../build/compile/build-mark.js";
import { scanPassage } from "../../build/story-format/sugarcube/scan.js";
import { parseTwee } from "../../build/twee/twee.js";
import { mysteries } from "../harness/mysteries.js";
import { builtStoryPassageNames } from "../harness/passages.js";
import { sharedStory, storyFile } from "../harness/player.js";
import { scratchStories, scratchStory, snapshot } from "../harness/scratch.js";
import { describeWithTwine, sugarcube237, type Twine, type TwineStoryState } from "../harness/twine-oracle.js";

/** What Twine holds of a story, as a comparable value: the story's settings and every passage, by name. */
function held(story: TwineStoryState) {
  const start = story.passages.find((p) => p.id === story.startPassage)?.name;
  const passages = [...story.passages]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, text, tags, left, top, width, height }) => ({ name, text, tags, left, top, width, height }));
  const { name, ifid, zoom, tagColors, stylesheet } = story;
  // A new build has its own build mark (which files it was made from); the rest of the script is the same.
  const marked = readMark(story.script);
  const script = marked ? marked.before + marked.after : story.script;
  return { name, ifid, zoom, tagColors, start, script, stylesheet, passages };
}

/** Builds a scratch mystery with our own compiler, lint or not (an edit may bring back what the lint reports), and imports it into Twine. */
async function rebuildInTwine(twine: Twine, dir: string, fileName: string): Promise<TwineStoryState> {
  const { files } = await mysterySources(dir);
  const { html } = compileNative(files, creator);
  return twine.libraryImport(fileName, html).stories[0]!;
}

describeWithTwine("Twine's story map of each built mystery", (twine) => {
  it.each(mysteries)(
    "%s: Twine imports it as one story with its name, IFID, start passage, tags and positions",
    async (mystery) => {
      const { parsed, stories } = twine().libraryImport(`${mystery}.html`, readFileSync(storyFile(mystery), "utf8"));
      expect(parsed).toHaveLength(1);
      const source = loadStory((await mysterySources(`story/${mystery}`)).files);
      const story = stories[0]!;
      expect([story.name, story.ifid, story.passages.find((p) => p.id === story.startPassage)?.name]).toEqual([
        source.name,
        source.data.ifid,
        source.data.start,
      ]);
      expect(story.tagColors).toEqual(source.data.tagColors);
      const shown = source.passages.filter((p) => !p.tags.some((t) => ["script", "stylesheet"].includes(t)));
      expect(story.passages.map((p) => [p.name, p.tags, p.text])).toEqual(shown.map((p) => [p.name, p.tags, p.text]));
      for (const p of shown.filter((q) => q.metadata.position)) {
        const theirs = story.passages.find((q) => q.name === p.name)!;
        expect(`${theirs.left},${theirs.top}`, p.name).toBe(p.metadata.position);
      }
    },
  );

  it.each(mysteries)(
    "%s: no broken links, and one arrow for each passage a [[…]] link of it goes to",
    async (mystery) => {
      const html = readFileSync(storyFile(mystery), "utf8");
      const [story] = twine().libraryImport(`${mystery}.html`, html).stories;
      const map = twine().mapLinks(story!);
      expect(map.brokenPassages).toEqual([]);
      expect(map.unresolved).toEqual({});
      // Twine's arrows, passage by passage, against the `[[…]]` links SugarCube follows (build/story-format/sugarcube/links.ts).
      const { fixed } = twine().T.passageConnections(story!.passages);
      const arrows = (name: string) => {
        const from = story!.passages.find((p) => p.name === name)!;
        return [...(fixed.connections.get(from) ?? [])].map((p) => p.name).sort();
      };
      const source = loadStory((await mysterySources(`story/${mystery}`)).files);
      let total = 0;
      for (const p of source.passages.filter((q) => !q.tags.some((t) => ["script", "stylesheet"].includes(t)))) {
        const followed = new Set(
          scanPassage(p.text)
            .links.filter((l) => l.markupEnd !== undefined && l.target !== p.name)
            .map((l) => l.target),
        );
        expect(arrows(p.name), p.name).toEqual([...followed].sort());
        total += followed.size;
      }
      expect(map.arrows).toBe(total);
      expect(total).toBeGreaterThan(30);
    },
  );

  it.each(mysteries)("%s: the links each page shows in the real engine are arrows on Twine's map", async (mystery) => {
    const [story] = twine().libraryImport(`${mystery}.html`, readFileSync(storyFile(mystery), "utf8")).stories;
    const { fixed } = twine().T.passageConnections(story!.passages);
    const player = await sharedStory(mystery);
    for (const name of builtStoryPassageNames(mystery)) {
      player.errors.length = 0;
      player.fresh(name);
      const from = story!.passages.find((p) => p.name === name)!;
      const drawn = new Set([...(fixed.connections.get(from) ?? [])].map((p) => p.name));
      if (fixed.self.has(from)) drawn.add(name);
      const shown = new Set(player.links().map((l) => l.target));
      expect([...shown].sort(), name).toEqual([...drawn].sort());
    }
  });
});

describeWithTwine("Twine's Export as Twee, imported back", (twine) => {
  it.each(mysteries)("%s: changes nothing", async (mystery) => {
    const s = scratchStory(mystery);
    const before = snapshot(s.dir);
    const { outFile } = await buildStory(mysteryTarget(mystery, s.stories, s.out), "native");
    const [story] = twine().libraryImport(`${mystery}.html`, readFileSync(outFile, "utf8")).stories;
    const twee = path.join(s.out, `${mystery}.twee`);
    writeFileSync(twee, twine().exportTwee(story!));
    const [result] = await importFile(twee, { stories: s.stories });
    expect(result!.plan.report).toMatchObject({ changed: [], added: [], renamed: [], removed: [] });
    // Twine re-publishes with its own SugarCube 2.37.3; the build keeps 2.31.1.
    expect(result!.plan.report.notImported).toEqual([
      "format SugarCube 2.37.3: kept SugarCube 2.31.1, the runtime the build embeds",
    ]);
    expect(snapshot(s.dir)).toEqual(before);
  });
});

/**
 * Edits made in Twine's passage editor, as an author would: a text with "::" lines and backslashes,
 * a passage renamed (Twine rewrites the links to it), a new passage made by typing a link to it,
 * then written, tags, a moved box, a zoom, a new story name and tag colour, and a passage whose name
 * Twine escapes in Twee (leading and trailing spaces, brackets, braces, a backslash).
 */
function editInTwine(twine: Twine, html: string, { viaTwee = false } = {}): TwineStoryState {
  let { stories } = twine.libraryImport("50ms-request.html", html);
  const story = () => stories[0]!;
  const passage = (name: string) => story().passages.find((p) => p.name === name)!;
  const edit = (name: string, props: Parameters<Twine["editPassage"]>[3]) => {
    stories = twine.editPassage(stories, story(), name, props);
  };
  // A line that already starts with "\::" cannot go through Twine's Export as Twee: Twine writes it
  // as it is, and reads it (as we do) as "::" (see the test below).
  const escaped = viaTwee ? "" : "\\::escaped already\n";
  edit("ping 2", {
    text: `${passage("ping 2").text}\n\n::1 localhost\n${escaped}\\:colon\nC:\\temp\\new \\\\ and a trailing \\`,
  });
  edit("Client", { name: "Client machine" });
  edit("top 2", { text: `${passage("top 2").text}\n[[Try traceroute->traceroute]]` });
  edit("traceroute", { text: "You run traceroute: one hop.\n[[Go back->Client machine]]", tags: ["draft"] });
  edit("curl 3", { tags: ["clue", "draft"] });
  edit("strace", { left: 1234, top: 5678 });
  // Made by typing a link SugarCube reads otherwise (it trims "  Odd…"), which the author then takes out again:
  // with it, the import is refused (import-three-way.test.ts).
  const epilogue = passage("Epilogue").text;
  edit("Epilogue", { text: `${epilogue}\n[[Odd->  Odd [name] {x} \\ ]]` });
  edit("  Odd [name] {x} \\ ", { text: "A passage Twine names with spaces around it." });
  edit("Epilogue", { text: epilogue });
  stories = twine.T.storiesReducer(
    stories,
    twine.T.updateStoryAction(stories, story(), { zoom: 0.6, name: "The Case of the 50ms Request, edited" }),
  );
  stories = twine.T.storiesReducer(
    stories,
    twine.T.updateStoryAction(stories, story(), { tagColors: { ...story().tagColors, draft: "purple" } }),
  );
  return story();
}

describeWithTwine("edits made in Twine's passage editor come back exactly", (twine) => {
  it.each(["published as HTML with SugarCube 2.37.3", "exported as Twee"])("%s", async (route) => {
    const s = scratchStory("50ms-request");
    const { outFile } = await buildStory(mysteryTarget("50ms-request", s.stories, s.out), "native");
    const edited = editInTwine(twine(), readFileSync(outFile, "utf8"), { viaTwee: route.startsWith("exported") });
    expect(edited.passages.map((p) => p.name)).toEqual(
      expect.arrayContaining(["Client machine", "traceroute", "  Odd [name] {x} \\ "]),
    );
    const file = path.join(s.out, route.startsWith("published") ? "edited.html" : "edited.twee");
    writeFileSync(
      file,
      route.startsWith("published") ? twine().publish(edited, sugarcube237) : twine().exportTwee(edited),
    );

    const [result] = await importFile(file, { stories: s.stories });
    const { report } = result!.plan;
    expect(report.renamed).toEqual([expect.stringMatching(/^Client → Client machine in .*start-and-hubs\.twee$/)]);
    expect(report.added.sort()).toEqual([
      expect.stringMatching(/^" {2}Odd \[name\] \{x\} \\\\ " → .*\/odd-name-x\.twee$/),
      expect.stringMatching(/^traceroute → .*\/traceroute\.twee$/),
    ]);
    expect(report.removed).toEqual([]);
    // The rename is in place: the hub keeps its file and its place in it.
    const hubs = readFileSync(path.join(s.dir, "start-and-hubs.twee"), "utf8");
    expect(hubs).toMatch(/^:: Client machine \{"position":"[\d.,]+"\}$/m);
    expect(hubs).not.toMatch(/^:: Client\b(?! machine)/m);
    expect(readFileSync(path.join(s.dir, "odd-name-x.twee"), "utf8")).toMatch(
      /^:: \\ \\ Odd \\\[name\\\] \\\{x\\\} \\\\\\ {2}\{"position":"[\d.,]+"\}\n/,
    );
    const escaped = route.startsWith("exported") ? "" : "\\\\::escaped already\n";
    expect(readFileSync(path.join(s.dir, "client.twee"), "utf8")).toContain(
      `\n\\::1 localhost\n${escaped}\\:colon\nC:\\temp\\new \\\\ and a trailing \\\n`,
    );

    // Twine's rename rewrote the links to the hub, and they still read alike for SugarCube: the lint
    // finds no error (the import checks that before it writes).
    expect(lintMystery(await readSources(s.dir)).filter((d) => d.severity === "error")).toEqual([]);

    // After a rebuild, Twine reads the same story it had.
    const rebuilt = await rebuildInTwine(twine(), s.dir, "rebuilt.html");
    const want = held(edited);
    // The build embeds its own SugarCube; Twine says 2.37.3 for both.
    expect(held(rebuilt)).toEqual(want);
    expect(rebuilt.zoom).toBe(0.6);
  });
});

describeWithTwine("a text line starting with \\:: in Twine's Export as Twee", (twine) => {
  it("is read back as Twine itself reads it: as starting with ::", () => {
    const [story] = twine().libraryImport("s.html", readFileSync(storyFile("50ms-request"), "utf8")).stories;
    const [p] = story!.passages;
    const edited = twine().editPassage([story!], story!, p!.name, { text: "\\::1 localhost" })[0]!;
    const twee = twine().exportTwee(edited);
    const theirs = twine()
      .T.storyFromTwee(twee)
      .passages.find((q) => q.name === p!.name)!.text;
    const ours = parseTwee(twee, "export.twee").find((q) => q.name === p!.name)!.text;
    expect(theirs).toBe("::1 localhost");
    expect(ours).toBe(theirs);
  });
});

describeWithTwine("a Twine library archive of both mysteries", (twine) => {
  it("brings each mystery's edits back into its own folder, as one change", async () => {
    const s = scratchStories(mysteries);
    let library: TwineStoryState[] = [];
    for (const mystery of mysteries) {
      const { outFile } = await buildStory(mysteryTarget(mystery, s.stories, s.out), "native");
      library = twine().libraryImport(`${mystery}.html`, readFileSync(outFile, "utf8"), library).stories;
    }
    expect(library).toHaveLength(mysteries.length);
    const before = new Map(mysteries.map((m) => [m, snapshot(s.dirs[m]!)]));
    // One edit in each: the start passage's text gets a line.
    for (const story of [...library]) {
      const start = story.passages.find((p) => p.id === story.startPassage)!;
      library = twine().editPassage(library, story, start.name, { text: `${start.text}\nEdited in the library.` });
    }
    const archive = path.join(s.out, "archive.html");
    writeFileSync(archive, twine().archive(library));

    const dry = await importFile(archive, { stories: s.stories, dryRun: true });
    for (const m of mysteries) expect(snapshot(s.dirs[m]!)).toEqual(before.get(m));
    const results = await importFile(archive, { stories: s.stories });
    expect(results.map((r) => r.mystery).sort()).toEqual([...mysteries].sort());
    // The dry run planned exactly what the real run did.
    expect(dry.map((r) => [r.mystery, r.plan.report, [...r.changes]])).toEqual(
      results.map((r) => [r.mystery, r.plan.report, [...r.changes]]),
    );
    for (const r of results) {
      expect(r.plan.report.changed).toEqual([expect.stringMatching(/ \(text\) in /)]);
      const after = snapshot(s.dirs[r.mystery]!);
      const changed = [...after].filter(([f, text]) => before.get(r.mystery)!.get(f) !== text).map(([f]) => f);
      expect(changed).toHaveLength(1);
      expect(after.get(changed[0]!)).toContain("\nEdited in the library.");
    }
  });
});
