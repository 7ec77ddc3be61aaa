// `npm run import` merges three ways, with Twine 2.11.1's own code doing the Twine side
// (tests/harness/twine-oracle.ts), through both of Twine's ways out (Publish to File and Export as
// Twee): the files move on after the build and Twine's copy too, and nothing of either is lost.
// Disk-newer edits survive, a real conflict is refused with nothing written until --take settles
// it, a passage renamed in Twine that an <<ask>> and route.json name still builds and plays, and
// Twine's edit of config.js lands in config.js.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { command } from "../../build/commands/import.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { buildStory } from "../../build/pipeline/build-story.js";
import { importFile } from "../../build/twine/import-run.js";
import { parseTwee } from "../../build/twee/twee.js";
import { runInProcess } from "../harness/cli.js";
import { askForms, type } from "../harness/play.js";
import { openStory } from "../harness/player.js";
import { builtScratch, copyBuilt, snapshot } from "../harness/scratch.js";
import { describeWithTwine, sugarcube237, type Twine, type TwineStoryState } from "../harness/twine-oracle.js";

const MYSTERY = "50ms-request";
const WAYS = ["html", "twee"] as const;
type Way = (typeof WAYS)[number];

/** One passage of a Twee file, by name. */
const passageIn = (dir: string, file: string, name: string) =>
  parseTwee(readFileSync(path.join(dir, file), "utf8"), file).find((p) => p.name === name);

describeWithTwine("npm run import merges Twine's copy with the files as they are now", (twine) => {
  /** The mystery built once (with its record of the build), and Twine's import of that build. */
  /** The mystery built once (with its record of the build), and Twine's import of that build. */
  let built: { base: string; stories: TwineStoryState[] };
  beforeAll(async () => {
    const { base, html } = await builtScratch(MYSTERY);
    built = { base, stories: twine().libraryImport(`${MYSTERY}.html`, html).stories };
  });
  /** A copy of the built project, and Twine's library holding that build. */
  const project = () => ({ ...copyBuilt(built.base, MYSTERY), library: structuredClone(built.stories) });
  /** Edits made in Twine's passage editor, one after the other. */
  function inTwine(
    library: TwineStoryState[],
    edits: [string, Parameters<Twine["editPassage"]>[3]][],
  ): TwineStoryState[] {
    for (const [name, props] of edits) library = twine().editPassage(library, library[0]!, name, props);
    return library;
  }
  /** What Twine gives back: Publish to File, or Export as Twee. */
  function fromTwine(library: TwineStoryState[], out: string, way: Way): string {
    const file = path.join(out, `from-twine.${way}`);
    writeFileSync(file, way === "html" ? twine().publish(library[0]!, sugarcube237) : twine().exportTwee(library[0]!));
    return file;
  }
  const text = (library: TwineStoryState[], name: string) => library[0]!.passages.find((p) => p.name === name)!.text;

  it.each(WAYS)(
    "%s: edits made on disk after the build survive; Twine's are taken; a passage added on disk is never pruned",
    async (way) => {
      const p = project();
      const client = path.join(p.dir, "client.twee");
      writeFileSync(client, readFileSync(client, "utf8").replace(/(\n:: ping 2[^\n]*\n)/, "$1Edited on disk.\n"));
      writeFileSync(path.join(p.dir, "aside.twee"), ":: An aside\nWritten on disk after the build.\n");
      const library = inTwine(p.library, [
        ["curl 2", { text: `${text(p.library, "curl 2")}\nEdited in Twine.  ` }],
        ["strace", { left: 1234, top: 5678 }],
      ]);
      const [result] = await importFile(fromTwine(library, p.out, way), { stories: p.stories, prune: true });
      // Twee holds no spaces at a passage's end (tweego trims them): said, for what Twine published with them.
      const spaces =
        "curl 2: spaces at the start or end of its text (Twee and tweego trim a passage's ends; lines inside it keep theirs)";
      expect(result!.plan.report.notImported).toEqual(
        way === "html"
          ? [spaces, expect.stringMatching(/^format SugarCube 2\.37\.3/)]
          : [expect.stringMatching(/^format SugarCube 2\.37\.3/)],
      );
      expect(result!.plan.report.base).toMatch(/^this project's record of the build/);
      expect(result!.plan.report.changed.sort()).toEqual([
        expect.stringMatching(/^curl 2 \(text\) in /),
        expect.stringMatching(/^strace \(position\) in /),
      ]);
      expect(result!.plan.report.removed).toEqual([]);
      expect(passageIn(p.dir, "client.twee", "ping 2")!.text).toMatch(/^Edited on disk\./);
      expect(passageIn(p.dir, "client.twee", "curl 2")!.text).toMatch(/\nEdited in Twine\.$/);
      expect(passageIn(p.dir, "client.twee", "strace")!.metadata.position).toBe("1234,5678");
      expect(existsSync(path.join(p.dir, "aside.twee"))).toBe(true);
    },
  );

  it.each(WAYS)(
    "%s: a passage changed on both sides is a conflict: exit 1, both texts, nothing written, until --take chooses",
    async (way) => {
      const p = project();
      const client = path.join(p.dir, "client.twee");
      writeFileSync(client, readFileSync(client, "utf8").replace(/(\n:: ping 2[^\n]*\n)/, "$1Edited on disk.\n"));
      const library = inTwine(p.library, [
        ["ping 2", { text: `Edited in Twine.\n${text(p.library, "ping 2")}` }],
        ["curl 2", { text: `${text(p.library, "curl 2")}\nAlso edited in Twine.` }],
      ]);
      const file = fromTwine(library, p.out, way);
      const before = snapshot(p.dir);
      const refused = await runInProcess(command, [file, "--stories", p.stories]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`nothing under ${p.stories}/ changed`);
      expect(refused.stderr).toMatch(
        /1 conflict, changed in Twine and on disk \(what Twine was given: this project's record of the build/,
      );
      expect(refused.stderr).toMatch(
        /"ping 2" in .*client\.twee: text, changed in Twine and on disk\n {6}Twine:\n {8}\| Edited in Twine\.\n/,
      );
      expect(refused.stderr).toMatch(/ {6}disk:\n {8}\| Edited on disk\.\n/);
      expect(refused.stderr).toContain("choose: --take 'twine:ping 2' or --take 'disk:ping 2'");
      expect(snapshot(p.dir)).toEqual(before);

      const taken = await runInProcess(command, [file, "--stories", p.stories, "--take", "disk:ping 2"]);
      expect([taken.code, taken.stderr]).toEqual([0, ""]);
      expect(taken.stdout).toContain(`imported "The Case of the 50ms Request" into ${p.dir}/`);
      expect(passageIn(p.dir, "client.twee", "ping 2")!.text).toMatch(/^Edited on disk\./);
      expect(passageIn(p.dir, "client.twee", "curl 2")!.text).toMatch(/\nAlso edited in Twine\.$/);
    },
  );

  it("a passage renamed in Twine that an <<ask>> and route.json name is renamed everywhere (published or exported alike), and the story builds and plays", async () => {
    const [p, viaTwee] = [project(), project()];
    const library = inTwine(p.library, [["how fix", { name: "How to fix it" }]]);
    expect(text(library, "What to do")).toContain('"how fix">>'); // Twine rewrote the [[links]] only
    const [result] = await importFile(fromTwine(library, p.out, "html"), { stories: p.stories });
    await importFile(fromTwine(library, viaTwee.out, "twee"), { stories: viaTwee.stories });
    expect(snapshot(viaTwee.dir)).toEqual(snapshot(p.dir));
    expect(result!.plan.report.renamed).toEqual([
      expect.stringMatching(/^how fix → How to fix it in .*solution\.twee$/),
    ]);
    expect(result!.plan.report.rewritten).toEqual([
      expect.stringMatching(/^1 in What to do \(.*solution\.twee\)$/),
      expect.stringMatching(/^2 in the usual route \(.*route\.json\)$/),
    ]);
    expect(passageIn(p.dir, "solution.twee", "What to do")!.text).toContain('"$how_fix" "How to fix it">>');
    const route = (JSON.parse(readFileSync(path.join(p.dir, "route.json"), "utf8")) as { route: string[] }).route;
    expect(route.filter((r) => r === "How to fix it")).toHaveLength(2);
    const { outFile } = await buildStory(mysteryTarget(MYSTERY, p.stories, p.out), "native");
    const player = await openStory(MYSTERY, { html: readFileSync(outFile, "utf8") });
    try {
      // The route from the passage before the first step to the renamed passage (the story's own route test plays all of it).
      const from = route.indexOf("How to fix it") - 1;
      player.go(route[from - 1]!);
      for (const step of route.slice(from)) {
        const link = player.links().find((l) => l.target === step);
        const form = askForms(player).find((f) => f.target === step);
        expect(link ?? form, `"${player.passage()}" leads to "${step}"`).toBeDefined();
        if (link) player.click(link.element);
        else {
          type(player, form!.field!, "an answer");
          player.click(form!.submit!);
        }
        expect(player.passage()).toBe(step);
        expect([...player.errorViews(), ...player.errors]).toEqual([]);
      }
    } finally {
      player.close();
    }
  });

  it("Twine's edit of config.js's part of the Story JavaScript lands in config.js (published or exported alike)", async () => {
    const [p, viaTwee] = [project(), project()];
    const story = p.library[0]!;
    const script = story.script.replace(
      'Config.saves.id = "50ms-request";',
      'Config.saves.id = "50ms-request";\nConfig.history.maxStates = 20;',
    );
    expect(script).not.toBe(story.script);
    const library = twine().T.storiesReducer(p.library, twine().T.updateStoryAction(p.library, story, { script }));
    const [result] = await importFile(fromTwine(library, p.out, "html"), { stories: p.stories });
    await importFile(fromTwine(library, viaTwee.out, "twee"), { stories: viaTwee.stories });
    expect(snapshot(viaTwee.dir)).toEqual(snapshot(p.dir));
    expect(result!.plan.report.changed).toEqual([
      expect.stringMatching(/^config\.js \(Story JavaScript\) in .*config\.js$/),
    ]);
    expect(readFileSync(path.join(p.dir, "config.js"), "utf8")).toMatch(
      /^Config\.saves\.id = "50ms-request";\nConfig\.history\.maxStates = 20;\n$/m,
    );
    // The next build gives Twine the same script, with a new build mark.
    const { outFile } = await buildStory(mysteryTarget(MYSTERY, p.stories, p.out), "native");
    const again = twine().libraryImport("again.html", readFileSync(outFile, "utf8")).stories[0]!;
    const unmarked = (s: string) => s.replace(/^\/\* Built by [^\n]*\n/m, "");
    expect(unmarked(again.script)).toBe(unmarked(script));
  });

  it("an edit inside our macros' bundle refuses the import, or with --set-aside is saved beside the mystery as the changed lines", async () => {
    const p = project();
    const story = p.library[0]!;
    const script = story.script.replace('name:"newinfo"', 'name:"new-info"');
    expect(script).not.toBe(story.script);
    const library = twine().T.storiesReducer(p.library, twine().T.updateStoryAction(p.library, story, { script }));
    const file = fromTwine(inTwine(library, [["curl 2", { text: "Edited in Twine." }]]), p.out, "html");
    const before = snapshot(p.dir);
    const error = (await importFile(file, { stories: p.stories }).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(
      /Twine's copy of our macros' bundle \(in the Story JavaScript\) was edited, and it has no file to go back to:\n {6}@@ -/,
    );
    expect(error.message).toMatch(
      /--set-aside to import the rest and save these changed lines in twine-macros-edit\.diff/,
    );
    expect(snapshot(p.dir)).toEqual(before);
    const [result] = await importFile(file, { stories: p.stories, setAside: true });
    expect(result!.plan.report.notImported).toContainEqual(
      expect.stringMatching(
        /^Twine's edit of our macros' bundle \(Story JavaScript\): saved as the changed lines in .*\/twine-macros-edit\.diff; carry it into macros\/\*\.ts$/,
      ),
    );
    const diff = readFileSync(path.join(p.dir, "twine-macros-edit.diff"), "utf8");
    expect(diff).toMatch(
      /^--- story-macros\.js \(the build\)\n\+\+\+ story-macros\.js \(Twine\)\n@@ -\d+,\d+ \+\d+,\d+ @@\n/,
    );
    expect(diff).toContain('name:"new-info"');
    expect(passageIn(p.dir, "client.twee", "curl 2")!.text).toBe("Edited in Twine.");
  });

  it("without the build Twine was given, every difference is a conflict until the author says which side wins", async () => {
    const p = project();
    rmSync(path.join(p.dir, "..", "..", ".cache"), { recursive: true, force: true });
    writeFileSync(path.join(p.dir, "aside.twee"), ":: An aside\nWritten on disk after the build.\n"); // the files no longer hash the same
    const file = fromTwine(inTwine(p.library, [["curl 2", { text: "Edited in Twine." }]]), p.out, "html");
    const error = (await importFile(file, { stories: p.stories, prune: true }).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(
      /what Twine was given: not found: neither this project's record of builds nor git has the files of that build/,
    );
    expect(error.message).toMatch(/"curl 2" in .*client\.twee: text, which differs, and the base is unknown/);
    expect(error.message).toMatch(/"An aside" in .*aside\.twee: on disk only: deleted in Twine, or added on disk\?/);
    const [result] = await importFile(file, { stories: p.stories, prune: true, take: ["twine:curl 2", "disk"] });
    expect(result!.plan.report.changed).toEqual([expect.stringMatching(/^curl 2 \(text\) in /)]);
    expect(existsSync(path.join(p.dir, "aside.twee"))).toBe(true);
  });

  it("on a clone without this project's record of builds, the build is found in git, by the commit holding its files", async () => {
    const p = project();
    const base = path.dirname(p.stories);
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", base, "-c", "user.name=T", "-c", "user.email=t@example.org", ...args], {
        stdio: "pipe",
      });
    git("init", "-q");
    git("add", "story");
    git("commit", "-q", "-m", "the files of the build");
    rmSync(path.join(base, ".cache"), { recursive: true, force: true });
    const client = path.join(p.dir, "client.twee");
    writeFileSync(
      client,
      readFileSync(client, "utf8").replace(/(\n:: ping 2[^\n]*\n)/, "$1Edited on disk, not committed.\n"),
    );
    const file = fromTwine(inTwine(p.library, [["curl 2", { text: "Edited in Twine." }]]), p.out, "html");
    const [result] = await importFile(file, { stories: p.stories });
    expect(result!.plan.report.base).toMatch(/^git commit [0-9a-f]{12}, which holds the files of that build$/);
    expect(passageIn(p.dir, "client.twee", "ping 2")!.text).toMatch(/^Edited on disk, not committed\./);
    expect(passageIn(p.dir, "client.twee", "curl 2")!.text).toBe("Edited in Twine.");
  });
});
