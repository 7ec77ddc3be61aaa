// The README against what the commands do (problem 11): every `npm run` it shows is a script,
// every option it shows a command takes is one that command accepts, and the claims it makes
// about links, fixes and published files hold.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OTHER_SCRIPTS } from "../../build/commands/registry.js";
import { lintMystery } from "../../build/lint/lint.js";
import { templateDir } from "../../build/site/new-mystery.js";
import { root, storiesDir } from "../../build/shared/paths.js";
import { parseTwee } from "../../build/twee/twee.js";
import { SCREENSHOTS_DIR } from "../browser/chromium.js";
import { registeredCommands } from "../harness/cli.js";

const readme = readFileSync(path.join(root, "README.md"), "utf8");
const scripts = Object.keys(
  (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts,
);
/** Every command of build/commands/registry.ts, by its npm script's name. */
const COMMANDS = Object.fromEntries((await registeredCommands()).map((c) => [c.name, c.command]));

/** Every `npm run <name> …` in the README (code spans and blocks), up to the end of its code. */
function invocations(): { name: string; args: string }[] {
  const code = [...readme.matchAll(/```[^\n]*\n([^]*?)```/g)].flatMap((m) =>
    m[1]!.split("\n").map((l) => l.replace(/#.*$/, "")),
  );
  const spans = [...readme.replace(/```[^]*?```/g, "").matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  return [...code, ...spans].flatMap((text) =>
    [...text.matchAll(/npm run ([\w:-]+)((?: [^&|;]*)?)/g)].map((m) => ({ name: m[1]!, args: m[2]!.trim() })),
  );
}

describe("README.md", () => {
  it("names only npm scripts that exist", () => {
    const names = new Set(invocations().map((i) => i.name));
    expect(names.size).toBeGreaterThan(5);
    for (const name of names) expect(scripts, `npm run ${name}`).toContain(name);
  });

  it("shows only options the commands accept", () => {
    for (const { name, args } of invocations()) {
      const command = COMMANDS[name];
      if (!command) {
        expect(
          OTHER_SCRIPTS,
          `npm run ${name} is a command of build/commands/registry.ts or one of its OTHER_SCRIPTS`,
        ).toContain(name);
        continue;
      }
      for (const [, flag] of args.matchAll(/(?:^|\s)--([a-z][\w-]*)/g)) {
        expect(Object.keys(command.spec.options).concat("help"), `npm run ${name} ${args}`).toContain(flag);
      }
    }
  });

  it('says where "Back to all puzzles" points, as every mystery and the template have it', () => {
    const claim = /"Back to all puzzles" link points at `([^`]+)`/.exec(readme);
    expect(claim, "the README's claim").not.toBeNull();
    const dirs = [templateDir, ...readdirSync(storiesDir).map((m) => path.join(storiesDir, m))];
    for (const dir of dirs) {
      const caption = parseTwee(readFileSync(path.join(dir, "special.twee"), "utf8"), "special.twee").find(
        (p) => p.name === "StoryCaption",
      )!;
      const href = [...caption.text.matchAll(/<a href="([^"]+)">(.*?)<\/a>/g)].find((m) =>
        m[2]!.includes("Back to all puzzles"),
      )?.[1];
      expect(href, dir).toBe(claim![1]);
    }
  });

  it("promises a fix: line with every error: a link to a missing passage has one too", () => {
    expect(readme).toContain("`fix:` line");
    const files = [
      {
        path: "story/x/a.twee",
        content: Buffer.from(
          ':: StoryTitle\nX\n:: StoryData\n{"ifid": "D674C58C-DEFF-4A5B-9A8D-AD02B7C5F1D6", "format": "SugarCube", "format-version": "2.31.1", "start": "Start"}\n:: Start [ending]\n[[Nowhere]]\n',
        ),
      },
    ];
    const [missing] = lintMystery(files).filter((d) => d.code === "missing-passage");
    expect(missing?.fix).toBeTruthy();
  });

  it("keeps the test screenshots out of dist/ (the folder it calls ready to publish), in a folder git ignores", () => {
    const folder = /screenshots per mystery in\s+`([^`]+)`/.exec(readme)?.[1];
    expect(folder).toBe("test-results/screenshots/");
    expect(readFileSync(path.join(root, ".gitignore"), "utf8").split("\n")).toContain("test-results/");
    expect(`${path.relative(root, SCREENSHOTS_DIR)}/`).toBe(folder);
  });
});
