// `npm run import` refuses, writing nothing, what it cannot do right, and says what and why:
// a result the lint rejects, a reference to a renamed passage it cannot rewrite, a folder where a
// file must go, two mysteries with one IFID. And it takes what it can: a 300-character passage
// name gets a file name the file system takes, in the dry run as in the real run; an archive's
// other stories are named. Twine's side is Twine 2.11.1's own code (tests/harness/twine-oracle.ts).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, it, vi } from "vitest";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { buildStory } from "../../build/pipeline/build-story.js";
import { importFile } from "../../build/twine/import-run.js";
import { builtScratch, copyBuilt, scratchStories, snapshot } from "../harness/scratch.js";
import { describeWithTwine, sugarcube237, type Twine, type TwineStoryState } from "../harness/twine-oracle.js";

const MYSTERY = "50ms-request";

describeWithTwine("npm run import refuses what it cannot do right, and writes nothing", (twine) => {
  /** The mystery built once (with its record of the build), and Twine's import of that build. */
  let built: { base: string; stories: TwineStoryState[] };
  beforeAll(async () => {
    const { base, html } = await builtScratch(MYSTERY);
    built = { base, stories: twine().libraryImport(`${MYSTERY}.html`, html).stories };
  });
  /** A copy of the built project, and Twine's library holding that build. */
  const project = () => ({ ...copyBuilt(built.base, MYSTERY), library: structuredClone(built.stories) });
  function published(
    library: TwineStoryState[],
    edits: [string, Parameters<Twine["editPassage"]>[3]][],
    out: string,
  ): string {
    for (const [name, props] of edits) library = twine().editPassage(library, library[0]!, name, props);
    const file = path.join(out, "from-twine.html");
    writeFileSync(file, twine().publish(library[0]!, sugarcube237));
    return file;
  }
  const text = (library: TwineStoryState[], name: string) => library[0]!.passages.find((p) => p.name === name)!.text;
  /** Every way of importing `file` fails with `message`, and changes nothing. */
  async function refused(p: { stories: string; dir: string }, file: string, message: RegExp): Promise<void> {
    const before = snapshot(path.dirname(p.stories));
    for (const options of [{}, { dryRun: true }]) {
      const error = await importFile(file, { stories: p.stories, ...options }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message, JSON.stringify(options)).toMatch(message);
      expect(error?.message).toMatch(/was not imported, and nothing under .* changed/);
      expect(snapshot(path.dirname(p.stories))).toEqual(before); // no .bak or temp file either
    }
  }

  it("a link Twine and SugarCube read apart ([[ spaced->  spaced both  ]]): the lint's errors, at file:line:col with their fix", async () => {
    const p = project();
    const file = published(
      p.library,
      [
        ["Epilogue", { text: `${text(p.library, "Epilogue")}\n[[ spaced->  spaced both  ]]` }],
        ["  spaced both  ", { text: "Made by Twine from the link." }],
      ],
      p.out,
    );
    await refused(p, file, /the lint \(as npm run lint\) finds:\n {4}.*solution\.twee:\d+:1: error: .*\n {6}fix: /);
  });

  it("a reference to a passage renamed in Twine that cannot be rewritten (a name in code) is named", async () => {
    const p = project();
    const client = path.join(p.dir, "client.twee");
    writeFileSync(
      client,
      readFileSync(client, "utf8").replace(/(\n:: curl\b[^\n]*\n)/, '$1<<set $next to "curl 2">>\n'),
    );
    const file = published(p.library, [["curl 2", { name: "curl again" }]], p.out);
    await refused(
      p,
      file,
      /client\.twee:\d+: passage "curl" has <<set>> names it in code, "curl 2", which may be a passage it goes to; the import cannot rewrite it for Twine's rename of "curl 2" → "curl again"\. Fix: make it name "curl again" on disk/,
    );
  });

  it("a folder where a new passage's file should go: refused before anything is written, in the dry run too", async () => {
    const p = project();
    mkdirSync(path.join(p.dir, "traceroute.twee"));
    const file = published(
      p.library,
      [
        ["top 2", { text: `${text(p.library, "top 2")}\n[[Try traceroute->traceroute]]` }],
        ["traceroute", { text: "One hop.\n[[Go back->Server]]" }],
      ],
      p.out,
    );
    await refused(p, file, /traceroute\.twee is a folder, where the file to write should be: move the folder away/);
  });

  it("a 300-character passage name gets a file name the file system takes, in the dry run as in the real run", async () => {
    const p = project();
    const long = `A very long name ${"x".repeat(283)}`;
    const file = published(
      p.library,
      [
        ["top 2", { text: `${text(p.library, "top 2")}\n[[Go on->${long}]]` }],
        [long, { text: "A passage with a long name.\n[[Go back->Server]]" }],
      ],
      p.out,
    );
    const dry = await importFile(file, { stories: p.stories, dryRun: true });
    const real = await importFile(file, { stories: p.stories });
    expect(dry.map((r) => [...r.changes.keys()])).toEqual(real.map((r) => [...r.changes.keys()]));
    const added = readdirSync(p.dir).filter((f) => f.startsWith("a-very-long-name"));
    expect(added).toHaveLength(1);
    expect(added[0]!.length).toBeLessThanOrEqual(85);
    expect(readFileSync(path.join(p.dir, added[0]!), "utf8")).toContain(`:: ${long} {`);
  });

  it("two mysteries with one IFID: refused, naming both; an archive's stories that match no mystery are named", async () => {
    const s = scratchStories([MYSTERY, "pool-that-ran-dry"]);
    const { outFile } = await buildStory(mysteryTarget(MYSTERY, s.stories, s.out), "native");
    const ifid = /"ifid": ?"([^"]+)"/i.exec(readFileSync(path.join(s.dirs[MYSTERY]!, "special.twee"), "utf8"))![1]!;
    const pool = path.join(s.dirs["pool-that-ran-dry"]!, "special.twee");
    const own = readFileSync(pool, "utf8");
    writeFileSync(pool, own.replace(/("ifid": ?")[^"]+/i, `$1${ifid}`));
    const before = snapshot(s.stories);
    const error = await importFile(outFile, { stories: s.stories }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toBe(
      `mysteries 50ms-request and pool-that-ran-dry under ${s.stories}/ both have the IFID ${ifid} of "The Case of the 50ms Request": the import will not write both, and nothing changed`,
    );
    expect(snapshot(s.stories)).toEqual(before);

    // With its own IFID back, an archive holding the 50ms story and one of no mystery: that one is named.
    writeFileSync(pool, own);
    let library = twine().libraryImport(`${MYSTERY}.html`, readFileSync(outFile, "utf8")).stories;
    library = twine().libraryImport(
      "other.twee",
      ':: StoryTitle\nSomeone else\'s story\n\n:: StoryData\n{"ifid":"11111111-2222-4333-8444-555555555555"}\n\n:: Start\nHi.\n',
      library,
    ).stories;
    const archive = path.join(s.out, "archive.html");
    writeFileSync(archive, twine().archive(library));
    const warnings = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const results = await importFile(archive, { stories: s.stories, dryRun: true });
      expect(results.map((r) => r.mystery)).toEqual([MYSTERY]);
      expect(warnings.mock.calls.map((c) => String(c[0]))).toEqual([
        `${path.relative(process.cwd(), archive)}: warning: "Someone else's story" (IFID 11111111-2222-4333-8444-555555555555) matches no mystery under ${s.stories}/: not imported\n  fix: to import it into a mystery, pass --mystery NAME with a file holding only that story`,
      ]);
    } finally {
      warnings.mockRestore();
    }
  });
});
