// tweego's own warnings (a malformed or obsolete StorySettings, a StoryIncludes) in its words, at
// each passage's header: from the native compiler (compile/tweego-warnings.ts), which needs no
// tweego, and from the real tweego (tests/harness/tweego.ts) word for word, at the file and line
// it names, printed by npm run build.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { command as build } from "../../build/commands/build.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import type { Tweego } from "../../build/compile/tweego-find.js";
import { compileWithTweego } from "../../build/compile/tweego.js";
import { compilerPassageWarnings } from "../../build/compile/tweego-warnings.js";
import { buildStory } from "../../build/pipeline/build-story.js";
import { display, root } from "../../build/shared/paths.js";
import { parseTwee } from "../../build/twee/twee.js";
import { runInProcess } from "../harness/cli.js";
import { describeWithTweego, keepEnvAfterEach, testTweego } from "../harness/tweego.js";

const tweego = await testTweego();
const temp = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), prefix));
const CORPUS = path.join(root, "tests", "fixtures", "parity");
keepEnvAfterEach();

describe("tweego's own warnings, from the native compiler too (no tweego needed)", () => {
  it("warns about StorySettings and StoryIncludes in tweego's words, at each passage's header", async () => {
    const out = temp("native-warnings-");
    const r = await buildStory({ ...mysteryTarget("settings-obsolete", CORPUS, out), lint: false }, "native");
    const file = "tests/fixtures/parity/settings-obsolete/story.twee";
    const at = (line: number, message: string) => ({
      file,
      line,
      column: 1,
      severity: "warning",
      code: "tweego",
      message: `tweego: ${message}`,
    });
    expect(r.warnings).toEqual([
      at(12, 'Malformed "StorySettings" entry; skipping "not a setting".'),
      at(
        12,
        'Detected obsolete "StorySettings" entries: "ifid", "zoom".  Please remove them from the "StorySettings" special passage.  If doing so leaves the passage empty, please remove it as well.',
      ),
      at(
        17,
        'Ignoring "StoryIncludes" compiler special passage; and it is recommended that you remove it.  Tweego allows you to specify project files and/or directories to recursively search for such files on the command line.  Thus, in practice, you only need to specify a project\'s root directory and Tweego will find all of its files automatically.',
      ),
    ]);
    expect(compilerPassageWarnings(parseTwee(SETTINGS_ONE, "story/x/one.twee")).map((d) => d.message)).toEqual([
      'tweego: Malformed "StorySettings" entry; skipping "jquery \\\\on\\ton".',
      'tweego: Detected obsolete "StorySettings" entry: "zoom".  Please remove it from the "StorySettings" special passage.  If doing so leaves the passage empty, please remove it as well.',
    ]);
  });
});

/** A StorySettings with one obsolete entry (tweego's singular wording) and a line Go's %q escapes. */
const SETTINGS_ONE =
  ':: StoryTitle\nOne\n\n:: StoryData\n{"ifid": "6E1E2C5B-5D1A-4C43-9E0E-3C3C1F8C2A0F"}\n\n:: Start\nHi\n\n:: StorySettings\nZoom : 1\njquery \\on\ton \t\nundo:off\n';

describeWithTweego(
  tweego,
  (tweego) => `the real tweego (${tweego.version})`,
  (tweego) => {
    it("gives the same warnings as the native compiler, word for word", async () => {
      const built = (compiler: "native" | { tweego: Tweego }) =>
        buildStory({ ...mysteryTarget("settings-obsolete", CORPUS, temp("both-warnings-")), lint: false }, compiler);
      expect((await built("native")).warnings).toEqual((await built({ tweego })).warnings);
      const dir = temp("one-setting-");
      writeFileSync(path.join(dir, "one.twee"), SETTINGS_ONE);
      const real = await compileWithTweego(tweego, [dir], path.join(dir, "out.html"), {
        dir,
        passages: parseTwee(SETTINGS_ONE, display(path.join(dir, "one.twee"))),
      });
      expect(real).toEqual(compilerPassageWarnings(parseTwee(SETTINGS_ONE, display(path.join(dir, "one.twee")))));
    });

    it("shows tweego's warnings at the file and line they are about", async () => {
      const out = temp("tweego-warnings-");
      const r = await buildStory({ ...mysteryTarget("settings-obsolete", CORPUS, out), lint: false }, { tweego });
      const file = "tests/fixtures/parity/settings-obsolete/story.twee";
      const at = (line: number, message: string) => ({
        file,
        line,
        column: 1,
        severity: "warning",
        code: "tweego",
        message: expect.stringMatching(message),
      });
      expect(r.warnings).toEqual([
        at(12, '^tweego: Malformed "StorySettings" entry; skipping "not a setting"\\.$'),
        at(12, '^tweego: Detected obsolete "StorySettings" entries: "ifid", "zoom"\\.  Please remove them'),
        at(17, '^tweego: Ignoring "StoryIncludes" compiler special passage'),
      ]);
      // And npm run build prints them with the lint's warnings (on a copy, with the teaser the index page needs).
      const stories = path.join(out, "story");
      cpSync(path.join(CORPUS, "settings-obsolete"), path.join(stories, "settings-obsolete"), { recursive: true });
      writeFileSync(path.join(stories, "settings-obsolete", "teaser.txt"), "Obsolete settings.\n");
      process.env.TWEEGO = tweego.binary; // put back after each test (above)
      const cli = await runInProcess(build, ["--stories", stories, "--out", out, "--compiler", "tweego"]);
      expect(cli.code, cli.stderr).toBe(0);
      const copy = display(path.join(stories, "settings-obsolete", "story.twee"));
      expect(cli.stderr).toContain(
        `${copy}:12:1: warning: tweego: Detected obsolete "StorySettings" entries: "ifid", "zoom".`,
      );
      expect(cli.stdout).toMatch(/built .*settings-obsolete\.html .* with tweego 2\.1\.1, SugarCube 2\.31\.1/);
    });
  },
);
