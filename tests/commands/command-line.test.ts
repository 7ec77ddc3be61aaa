// A newcomer's command lines (issue 22): an empty value, a folder that is not there, a file where a
// folder goes, a mystery named twice or not at all, conflicting options and an argument that
// starts with "-" are each one line (and a fix) with the usage and exit 2, said before any work
// and with nothing written anywhere; and the two scripts that are not our commands (`npm test`,
// `npm run prepare`) refuse arguments they do not take the same way.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { command as build } from "../../build/commands/build.js";
import { type AnyCommand, parseCommand } from "../../build/commands/command.js";
import { command as dev } from "../../build/commands/dev.js";
import { command as importCommand } from "../../build/commands/import.js";
import { command as layout } from "../../build/commands/layout.js";
import { command as lint } from "../../build/commands/lint.js";
import { command as map } from "../../build/commands/map.js";
import { chosenMysteries } from "../../build/commands/mystery-args.js";
import { command as newCommand } from "../../build/commands/new.js";
import { command as proof } from "../../build/commands/proof.js";
import { command as stats } from "../../build/commands/stats.js";
import { UsageError } from "../../build/shared/errors.js";
import { root, storiesDir } from "../../build/shared/paths.js";
import { runInProcess as run, runNode, runProcess } from "../harness/cli.js";

const STACK = /\n\s+at /;
const temp = () => mkdtempSync(path.join(os.tmpdir(), "command-line-"));
const usage = (command: AnyCommand) => `usage: ${command.spec.name} ${command.spec.usage}`.trimEnd();

/** A usage error as every command prints it: `error: …`, maybe `  fix: …`, the usage; exit 2. */
async function usageError(command: AnyCommand, args: string[]): Promise<{ error: string; fix?: string }> {
  const r = await run(command, args);
  expect(r.code, `${command.spec.name} ${args.join(" ")}: ${r.stderr}`).toBe(2);
  expect(r.stderr).not.toMatch(STACK);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines.at(-1)).toBe(usage(command));
  expect(lines[0]).toMatch(/^error: /);
  return {
    error: lines[0]!.slice("error: ".length),
    ...(lines.length === 3 ? { fix: lines[1]!.replace(/^ {2}fix: /, "") } : {}),
  };
}

describe("an empty value is a usage error, never the working folder", () => {
  const cases: [AnyCommand, string[], string][] = [
    [build, ["--stories="], "--stories needs a value (DIR), not an empty one"],
    [build, ["--out", ""], "--out needs a value (DIR), not an empty one"],
    [newCommand, ["A title", "--stories="], "--stories needs a value (DIR), not an empty one"],
    [dev, ["--macros="], "--macros needs a value (FILE), not an empty one"],
  ];
  it.each(cases)("%#: refused by the parser, before the command runs", (command, args, message) => {
    expect(() => parseCommand(command.spec, args)).toThrow(new UsageError(message));
  });

  it("npm run build -- --stories= (a real process) exits 2 and writes nothing", async () => {
    const out = path.join(temp(), "dist");
    const r = await runProcess("build/commands/build.ts", ["--stories=", "--out", out]);
    expect([r.code, r.stderr.split("\n")[0], r.stdout]).toEqual([
      2,
      "error: --stories needs a value (DIR), not an empty one",
      "",
    ]);
    expect(existsSync(out)).toBe(false);
  });
});

describe("folders", () => {
  it("a stories folder that is not there is a usage error for every command that reads one", async () => {
    const none = path.join(temp(), "none");
    for (const [command, args] of [
      [build, ["--out", path.join(none, "out")]],
      [lint, []],
      [layout, []],
      [map, ["--out", path.join(none, "out")]],
      [stats, []],
      [dev, ["--port", "0", "--no-open", "--out", path.join(none, "out")]],
      [importCommand, ["x.html"]],
    ] as [AnyCommand, string[]][]) {
      const r = await usageError(command, [...args, "--stories", none]);
      expect(r.error).toBe(`no stories folder at ${none}`);
    }
    expect(existsSync(none), "nothing made").toBe(false);
  });

  it("npm run new makes a missing stories folder only inside a folder that is there, and says so", async () => {
    const base = temp();
    const deep = await usageError(newCommand, ["The Case of the Deep Path", "--stories", path.join(base, "a", "b")]);
    expect(deep.error).toBe(`no folder ${path.join(base, "a")}/ to make the stories folder b/ in`);
    expect(readdirSync(base)).toEqual([]);
    const r = await run(newCommand, ["The Case of the Deep Path", "--stories", path.join(base, "a")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`made the stories folder ${path.join(base, "a")}/ (it was not there)`);
    expect(readdirSync(path.join(base, "a"))).toEqual(["deep-path"]);
  });

  it("--out naming a file, or a place where no folder can be made, is a usage error, not an internal one or a hang", async () => {
    const file = path.join(temp(), "a-file");
    writeFileSync(file, "not a folder\n");
    for (const command of [build, map]) {
      const r = await usageError(command, ["50ms-request", "--out", file]);
      expect(r).toEqual({ error: `--out ${file} is a file, not a folder`, fix: "name a folder for --out" });
      const under = await usageError(command, ["50ms-request", "--out", path.join(file, "dist")]);
      expect(under.error).toBe(
        `--out ${path.join(file, "dist")}: cannot mkdir ${file}: a part of the path is not a folder`,
      );
    }
    // Node's recursive mkdir retries for ever under /proc (a Linux file system; CI runs on Linux).
    if (existsSync("/proc/self")) {
      const proc = await usageError(map, ["50ms-request", "--out", "/proc/no-such-folder/dist"]);
      expect(proc.error).toBe(
        "--out /proc/no-such-folder/dist: cannot mkdir /proc/no-such-folder: no such file or folder",
      );
    }
  });
});

describe("mysteries", () => {
  it("an unknown mystery is a usage error (exit 2) in every command that takes one", async () => {
    const out = path.join(temp(), "dist");
    for (const [command, args] of [
      [build, ["no-such-mystery", "--out", out]],
      [layout, ["no-such-mystery"]],
      [map, ["no-such-mystery", "--out", out]],
      [stats, ["no-such-mystery"]],
      [lint, ["no-such-mystery"]],
      [dev, ["no-such-mystery", "--port", "0", "--no-open", "--out", out]],
      [importCommand, ["x.html", "--mystery", "no-such-mystery"]],
    ] as [AnyCommand, string[]][]) {
      const r = await usageError(command, args);
      expect(r.error).toBe('no mystery named "no-such-mystery" in story/');
      expect(r.fix).toMatch(/^use one of: 50ms-request, /);
    }
    expect(existsSync(out), "nothing built").toBe(false);
  });

  it("a mystery named twice is built once", async () => {
    expect(await chosenMysteries(["50ms-request", "50ms-request"], storiesDir)).toEqual(["50ms-request"]);
  });
});

describe("options", () => {
  it("--test with --proof is a usage error", async () => {
    expect(await usageError(build, ["--test", "--proof"])).toEqual({
      error: "--test and --proof build different files",
      fix: "pick one",
    });
  });

  it('an argument that starts with "-" gets a hint that "--" ends the options', async () => {
    const r = await usageError(newCommand, ["--Dashing Title"]);
    expect(r).toEqual({
      error: "unknown option --Dashing Title",
      fix: 'an argument that starts with "-" goes after a "--", which ends the options: npm run new -- -- "--Dashing Title"',
    });
    // And that is how it goes through: npm passes the second "--" on, and it ends the options.
    const parsed = parseCommand(newCommand.spec, ["--", "--Dashing Title"]);
    expect(parsed !== "help" && parsed.positionals).toEqual(["--Dashing Title"]);
  });

  it("npm run proof -- --help (a real process) is proof's own help", async () => {
    const r = await runProcess("build/commands/proof.ts", ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^npm run proof: builds a proofing copy/);
    expect(r.stdout).toContain(`\n${usage(proof)}\n`);
    expect(r.stdout).not.toContain("--test");
  });
});

describe("the scripts that are not our commands", () => {
  it("npm test -- --bogus: one line and exit 2, not vitest's stack trace", async () => {
    const r = await runNode(path.join(root, "tests", "run.mjs"), ["--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: unknown option `--bogus` (what follows "npm test --" goes to vitest: see npx vitest --help)\n' +
        "usage: npm test [-- <test files>… <vitest options>…]\n",
    );
  });

  it("npm run prepare -- --bogus: refused, not ignored", async () => {
    const r = await runNode(path.join(root, "build", "launch.js"), ["--compile", "--bogus"]);
    expect([r.code, r.stderr, r.stdout]).toEqual([
      2,
      'error: unexpected argument "--bogus": npm run prepare compiles the commands and takes none\nusage: npm run prepare\n',
      "",
    ]);
  });
});
