// Every command's command line: --help/-h (what it does, arguments, options with defaults,
// examples, exit 0), an unknown option or a bad value (one line naming it, the usage, exit 2),
// and never a stack trace for a user's mistake. In this process through command.ts's execute(),
// as the CLI runs them, plus one real process per kind of answer.
import { cpSync, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { command as bench } from "../../build/commands/bench.js";
import { command as check } from "../../build/commands/check.js";
import { command as build } from "../../build/commands/build.js";
import { type AnyCommand, defineCommand, type OptionSpec } from "../../build/commands/command.js";
import { command as dev } from "../../build/commands/dev.js";
import { command as docs } from "../../build/commands/docs.js";
import { command as importCommand } from "../../build/commands/import.js";
import { command as layout } from "../../build/commands/layout.js";
import { command as lint } from "../../build/commands/lint.js";
import { command as newCommand } from "../../build/commands/new.js";
import { storiesDir } from "../../build/shared/paths.js";
import { registeredCommands, runInProcess as run, runProcess } from "../harness/cli.js";

/** Each command of the registry (build/commands/registry.ts), by its npm script's name. */
const COMMANDS = (await registeredCommands()).map((c) => [c.name, c.command] as const);

const STACK = /\n\s+at /;

describe.each(COMMANDS)("npm run %s", (name, command) => {
  it("is named as its npm script", () => {
    expect(command.spec.name).toBe(`npm run ${name}`);
  });

  it("--help says what it does, its arguments and options with defaults, and examples; exit 0", async () => {
    const r = await run(command, ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const help = r.stdout;
    expect(help).toMatch(new RegExp(`^${command.spec.name}: \\w`));
    expect(help).toContain(`\nusage: ${command.spec.name}`);
    for (const [option, spec] of Object.entries(command.spec.options as Record<string, OptionSpec>)) {
      expect(help, `--${option}`).toContain(`--${option}`);
      if (spec.default !== undefined || spec.shownDefault !== undefined)
        expect(help, `--${option}'s default`).toMatch(new RegExp(`--${option}.*\\(default: `));
    }
    for (const [argument] of command.spec.arguments ?? []) expect(help).toContain(argument);
    expect(help).toContain("-h, --help");
    const examples = help
      .slice(help.indexOf("\nexamples:\n"))
      .split("\n")
      .filter((l) => l.startsWith("  npm run "));
    expect(examples.length, "examples").toBeGreaterThanOrEqual(command.spec.examples.length);
    expect(examples.length).toBeGreaterThanOrEqual(name === "docs" ? 1 : 2);
    expect((await run(command, ["-h"])).stdout, "-h is --help").toBe(help);
  });

  it("an unknown option: one line naming it, the usage, exit 2, no stack trace", async () => {
    const r = await run(command, ["--no-such-option"]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toEqual([
      "error: unknown option --no-such-option",
      `usage: ${command.spec.name} ${command.spec.usage}`.trimEnd(),
      "",
    ]);
    expect(r.stdout).toBe("");
  });
});

describe("bad values", () => {
  const cases: [string, AnyCommand, string[], string][] = [
    [
      "build --compiler gcc",
      build,
      ["--compiler", "gcc"],
      'error: --compiler must be one of auto, tweego, native, got "gcc"',
    ],
    ["build --out with no value", build, ["--out"], "error: --out needs a value (DIR)"],
    ["build --test=yes", build, ["--test=yes"], 'error: --test takes no value, got "yes"'],
    ["dev --port high", dev, ["--port", "99999"], 'error: --port must be a number from 0 to 65535, got "99999"'],
    ["bench --runs 0", bench, ["--runs", "0"], 'error: --runs must be a whole number of runs, 1 or more, got "0"'],
    ["new with no title", newCommand, [], "error: missing <title>"],
    [
      "new --slug ../x",
      newCommand,
      ["A title", "--slug", "../x"],
      'error: --slug must be lower-case ASCII letters and digits with single hyphens between words, like "stale-cache", got "../x"',
    ],
    [
      "import with two files",
      importCommand,
      ["a.html", "b.html"],
      'error: unexpected argument "b.html" (a NAME goes with --new)',
    ],
    ["docs with an argument", docs, ["README.md"], 'error: unexpected argument "README.md"'],
    ["check with no mystery", check, [], "error: missing <mystery>"],
    [
      "check of a mystery that is not there",
      check,
      ["no-such-mystery"],
      'error: no mystery "no-such-mystery" in story/ (there are: 50ms-request, pool-that-ran-dry)',
    ],
  ];
  it.each(cases)("%s: one line, the usage, exit 2", async (_what, command, args, line) => {
    const r = await run(command, args);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toEqual([line, `usage: ${command.spec.name} ${command.spec.usage}`.trimEnd(), ""]);
  });

  it("a missing input file is the user's error, with no stack trace", async () => {
    const r = await run(importCommand, ["no-such-file.html"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: cannot read ${path.resolve("no-such-file.html")}: no such file or folder\n  fix: check the path\n`,
    );
  });
});

describe("an internal error", () => {
  it("says it is one (a bug of ours, not the author's mistake), with its stack, exit 1", async () => {
    const buggy = defineCommand(
      { name: "npm run buggy", usage: "", description: "fails", options: {}, examples: [] },
      async () => {
        const nothing = undefined as unknown as { property: string };
        return nothing.property.length;
      },
    );
    const r = await run(buggy, []);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^internal error \(a bug in this tool, not in your story\): TypeError: Cannot read properties of undefined/,
    );
    expect(r.stderr).toMatch(STACK);
    expect(r.stderr).toContain("please report it");
  });
});

describe("mystery names (problem 8)", () => {
  let base: string;
  beforeEach(() => {
    // A project whose stories folder has a sibling folder that looks like a mystery: "../escape".
    base = mkdtempSync(path.join(os.tmpdir(), "names-"));
    mkdirSync(path.join(base, "story"));
    cpSync(path.join(storiesDir, "50ms-request"), path.join(base, "escape"), { recursive: true });
  });
  const stories = () => path.join(base, "story");
  const out = () => path.join(base, "dist");

  const bad = ["../escape", "..", ".", "a/b", "a\\b", ".hidden"];
  it.each(bad)(
    '"%s" is refused by every command that takes a mystery name, and nothing is written outside the out folder',
    async (name) => {
      const runs: [AnyCommand, string[]][] = [
        [build, ["--stories", stories(), "--out", out(), name]],
        [lint, ["--stories", stories(), name]],
        [layout, ["--stories", stories(), name]],
        [dev, ["--stories", stories(), "--out", out(), "--port", "0", "--no-open", name]],
        [importCommand, ["--stories", stories(), "--mystery", name, "x.html"]],
      ];
      for (const [command, args] of runs) {
        const r = await run(command, args);
        expect(r.code, `${command.spec.name} ${args.join(" ")}\n${r.stderr}`).toBe(2);
        expect(r.stderr.split("\n")[0]).toMatch(
          new RegExp(`^error: "${name.replace(/[.\\]/g, "\\$&")}" is not a mystery name: `),
        );
        expect(r.stderr).not.toMatch(STACK);
      }
      expect(existsSync(path.join(base, "escape.html")), "written outside dist/").toBe(false);
      expect(existsSync(out()), "nothing built").toBe(false);
    },
  );
});

describe("as real processes (node build/launch.js, as npm runs them)", () => {
  const cli = (file: string, ...args: string[]) => runProcess(file, args);

  it("npm run build -- --help exits 0 with the help on stdout", async () => {
    const r = await cli("build/commands/build.ts", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("usage: npm run build -- [<mystery>…]");
    expect(r.stderr).toBe("");
  });

  it("npm run new -- --nope exits 2 with two lines and no stack trace", async () => {
    const r = await cli("build/commands/new.ts", "--nope");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: unknown option --nope\nusage: npm run new -- "<title>" [--slug NAME] [--teaser "<one line>"] [--sugarcube VERSION] [--stories DIR]\n`,
    );
  });
});
