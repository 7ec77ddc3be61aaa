// Damaged or surprising files made from Twine 2.11.1's own output (tests/harness/twine-oracle.ts)
// are refused by `npm run import`, or imported exactly, and never change anything else in story/:
// cut-off downloads and archives, names that collide once Twee's escapes are read, a file name
// taken by StoryData's file, a passage of 50 MB.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { importFile } from "../../build/twine/import-run.js";
import { parseTwee } from "../../build/twee/twee.js";
import { storyFile } from "../harness/player.js";
import { builtScratch, copyBuilt, snapshot } from "../harness/scratch.js";
import { describeWithTwine, sugarcube237, type TwineStoryState } from "../harness/twine-oracle.js";

describeWithTwine("damaged or surprising files from Twine change nothing in story/", (twine) => {
  /** The 50ms mystery built once, and Twine's import of it: each test gets a copy of both. */
  let built: Promise<{ base: string; stories: TwineStoryState[] }> | undefined;
  /** A scratch 50ms mystery (built), its files, and the built story as Twine holds it. */
  async function setup() {
    built ??= builtScratch("50ms-request").then(({ base, html }) => ({
      base,
      stories: twine().libraryImport("50ms-request.html", html).stories,
    }));
    const { base, stories: library } = await built;
    const s = copyBuilt(base, "50ms-request");
    const stories = structuredClone(library);
    return { s, stories, story: stories[0]!, before: snapshot(s.dir) };
  }
  /** Every way of importing `file`: each must fail with `message`, and leave the files as they were. */
  async function refused(
    s: { stories: string; dir: string },
    file: string,
    before: Map<string, string>,
    message: RegExp,
  ) {
    for (const options of [{}, { prune: true }, { dryRun: true }, { dryRun: true, prune: true }]) {
      const error = await importFile(file, { stories: s.stories, ...options }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message, JSON.stringify(options)).toMatch(message);
      expect(error?.message).toMatch(/was not imported, and nothing under .* changed/);
      expect(snapshot(s.dir)).toEqual(before);
    }
  }

  it.each([0.3, 0.6, 0.95])(
    "a published file cut off at %d of its length (an interrupted download)",
    async (fraction) => {
      const { s, story, before } = await setup();
      const html = twine().publish(story, sugarcube237);
      const file = path.join(s.out, "cut.html");
      const cut =
        html.indexOf("<tw-storydata") +
        Math.floor((html.lastIndexOf("</tw-storydata>") - html.indexOf("<tw-storydata")) * fraction);
      writeFileSync(file, html.slice(0, cut));
      for (const options of [{}, { prune: true }, { dryRun: true }]) {
        const error = await importFile(file, { stories: s.stories, ...options }).then(
          () => undefined,
          (e: Error) => e,
        );
        expect(error?.message).toMatch(/this file is cut off: .* starts here and never ends/);
        expect(snapshot(s.dir)).toEqual(before);
      }
    },
  );

  it("an archive cut off in its second story", async () => {
    const { s, stories, before } = await setup();
    const other = twine().libraryImport(
      "pool.html",
      readFileSync(storyFile("pool-that-ran-dry"), "utf8"),
      stories,
    ).stories;
    const archive = twine().archive(other);
    const file = path.join(s.out, "archive.html");
    writeFileSync(file, archive.slice(0, archive.lastIndexOf("<tw-passagedata") + 40));
    const error = await importFile(file, { stories: s.stories, prune: true }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/this file is cut off/);
    expect(snapshot(s.dir)).toEqual(before);
  });

  /** The same picture as a base64 or a percent-encoded data URI (the build writes whichever is smaller). */
  const decoded = (uri: string) => {
    const [, type, base64, data] = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(uri)!;
    return { type: type!, bytes: base64 ? Buffer.from(data!, "base64") : Buffer.from(decodeURIComponent(data!)) };
  };
  const asBase64 = (uri: string) => `data:${decoded(uri).type};base64,${decoded(uri).bytes.toString("base64")}`;
  const asPercent = (uri: string) =>
    `data:${decoded(uri).type},${encodeURIComponent(decoded(uri).bytes.toString("utf8"))}`;

  it.each([
    [
      "cut off",
      (uri: string) => uri.slice(0, Math.floor(uri.length * 0.7)),
      /picture "win-picture": .*(cut off|damaged)/,
    ],
    [
      "with a character outside base64",
      (uri: string) => asBase64(uri).replace(/.{10}$/, "!!!!!!!!!!"),
      /picture "win-picture": its base64 data is damaged/,
    ],
    [
      "with a broken percent escape",
      (uri: string) => asPercent(uri).replace(/.{10}$/, "%G0%G0%G0%"),
      /picture "win-picture": its percent-encoded data is damaged/,
    ],
    ["not a data URI", () => "https://example.org/win.svg", /picture "win-picture": it is not a data URI/],
  ])("a picture %s", async (_what, damage, message) => {
    const { s, stories, story, before } = await setup();
    const picture = story.passages.find((p) => p.name === "win-picture")!;
    const edited = twine().editPassage(stories, story, "win-picture", { text: damage(picture.text) })[0]!;
    const file = path.join(s.out, "damaged.html");
    writeFileSync(file, twine().publish(edited, sugarcube237));
    await refused(s, file, before, message);
  });

  it("two passages with one name once Twee's escapes are read (Clien\\t is Client)", async () => {
    const { s, story, before } = await setup();
    const twee = `${twine().exportTwee(story)}\n\n:: Clien\\t {"position":"5000,5000","size":"100,100"}\nA second Client.\n`;
    const file = path.join(s.out, "twice.twee");
    writeFileSync(file, twee);
    await refused(s, file, before, /Twine's story has two passages named "Client"/);
  });

  it("a Twee export without the Story JavaScript and Stylesheet Twine writes last (cut off)", async () => {
    const { s, story, before } = await setup();
    const twee = twine().exportTwee(story);
    const file = path.join(s.out, "cut.twee");
    writeFileSync(file, twee.slice(0, twee.indexOf(":: StoryScript")));
    await refused(s, file, before, /no Story JavaScript or Stylesheet passage.* cut off/);
  });

  it("a new passage whose file name is taken by the file holding StoryTitle and StoryData gets another file", async () => {
    const { s, stories, story, before } = await setup();
    let edited = twine().editPassage(stories, story, "Epilogue", {
      text: `${story.passages.find((p) => p.name === "Epilogue")!.text}\n[[Special]]`,
    });
    edited = twine().editPassage(edited, edited[0]!, "Special", { text: "A new passage named like special.twee." });
    const file = path.join(s.out, "special.html");
    writeFileSync(file, twine().publish(edited[0]!, sugarcube237));
    const [result] = await importFile(file, { stories: s.stories });
    expect(result!.plan.report.added).toEqual([expect.stringMatching(/^Special → .*\/special-2\.twee$/)]);
    expect(readFileSync(path.join(s.dir, "special.twee"), "latin1")).toBe(before.get("special.twee"));
    expect(readFileSync(path.join(s.dir, "special-2.twee"), "utf8")).toMatch(
      /^:: Special \{"position":"[\d.,]+"\}\nA new passage named like special.twee.\n/,
    );
  });

  it("a passage of 50 MB imports, and only its own file changes", async () => {
    const { s, stories, story, before } = await setup();
    const big = Array.from({ length: 700_000 }, (_, i) => `${i}: ${"x".repeat(64)}`).join("\n");
    expect(big.length).toBeGreaterThan(50_000_000);
    const edited = twine().editPassage(stories, story, "strace", { text: big })[0]!;
    const file = path.join(s.out, "big.html");
    writeFileSync(file, twine().publish(edited, sugarcube237));
    const [result] = await importFile(file, { stories: s.stories });
    expect(result!.plan.report.changed).toEqual([expect.stringMatching(/^strace \(text\) in .*client\.twee$/)]);
    const after = snapshot(s.dir);
    expect([...after.keys()].filter((f) => after.get(f) !== before.get(f))).toEqual(["client.twee"]);
    expect(
      parseTwee(readFileSync(path.join(s.dir, "client.twee"), "utf8"), "client.twee").find((p) => p.name === "strace")!
        .text,
    ).toBe(big);
  }, 240_000); // a 50 MB passage: seconds alone, several times that on a machine busy with other test runs
});
