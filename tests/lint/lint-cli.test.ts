// `npm run lint`: the real mysteries lint clean (and a broken link in one is found), and the
// command's human output, --json and exit codes, on the folders in tests/fixtures/lint/.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listMysteries, readSources } from "../../build/sources/mystery-files.js";
import { type Diagnostic, formatDiagnostic, lintMystery } from "../../build/lint/lint.js";
import { command as lint } from "../../build/commands/lint.js";
import { storiesDir } from "../../build/shared/paths.js";
import { runInProcess, runProcess } from "../harness/cli.js";

/** The `file:line:col: severity: message` line. */
const first = (d: Diagnostic) => formatDiagnostic(d).split("\n")[0];

describe("the real mysteries", () => {
  const mysteries = readdirSync(storiesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  it.each(mysteries)("%s lints clean: no errors, no warnings", async (mystery) => {
    const ds = lintMystery(await readSources(path.join(storiesDir, mystery)));
    expect(ds.map(formatDiagnostic)).toEqual([]);
  });

  it("still shows one broken link in a real mystery, and only that", async () => {
    const files = await readSources(path.join(storiesDir, "50ms-request"));
    const hubs = files.find((f) => f.path.endsWith("start-and-hubs.twee"))!;
    // The Code passage's "Go back": Reproduce stays reachable by other links, so only the link is wrong.
    const text = hubs.content.toString("utf8").replace("[[Go back->Reproduce]]", "[[Go back->Reproduc]]");
    const line = text.split("\n").findIndex((l) => l.includes("->Reproduc]]")) + 1;
    const ds = lintMystery(files.map((f) => (f === hubs ? { path: f.path, content: Buffer.from(text) } : f)));
    expect(ds.map(first)).toEqual([
      `story/50ms-request/start-and-hubs.twee:${line}:26: error: link to missing passage "Reproduc"`,
    ]);
    expect(ds[0]!.suggestion).toBe("Reproduce");
  });
});

describe("npm run lint", () => {
  /** In this process; the first test runs the real process. */
  const lintCli = (...args: string[]) => runInProcess(lint, args);
  const fixtures = path.join("tests", "fixtures", "lint");

  it("prints each problem with its did-you-mean and fix, a summary, and exits 1 on an error (a real process)", async () => {
    const r = await runProcess("build/commands/lint.ts", ["--stories", path.join(fixtures, "errors")]);
    expect(r.code).toBe(1);
    const at = "tests/fixtures/lint/errors/broken/story.twee";
    expect(r.stdout.split("\n")).toEqual([
      `${at}:8:1: error: link to missing passage "Clinet"`,
      '  did you mean "Client"?',
      "  fix: use the name of a passage that exists, or add the passage: `:: Clinet`",
      `${at}:10:4: warning: passage "Client" has no way on (no link, form, <<goto>>, <<back>> or <<return>>)`,
      "  fix: add a link onwards, or tag it `ending` if the story ends here",
      `${at}:10:4: warning: passage "Client" cannot be reached from the start passage "Start"`,
      "  fix: link to it from a passage the player can reach, or remove it",
      "1 error, 2 warnings in 1 mystery",
      "",
    ]);
  });

  it("exits 0 when there are only warnings", async () => {
    const r = await lintCli("--stories", path.join(fixtures, "warnings"), "lonely");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning: passage "Lonely" cannot be reached');
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("0 errors, 2 warnings in 1 mystery");
  });

  it("--json prints one array of every diagnostic, each with its mystery", async () => {
    const r = await lintCli("--json", "--stories", path.join(fixtures, "errors"));
    expect(r.code).toBe(1);
    const all = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(all).toHaveLength(3);
    expect(all[0]).toEqual({
      mystery: "broken",
      file: "tests/fixtures/lint/errors/broken/story.twee",
      line: 8,
      column: 1,
      severity: "error",
      code: "missing-passage",
      message: 'link to missing passage "Clinet"',
      fix: "use the name of a passage that exists, or add the passage: `:: Clinet`",
      suggestion: "Client",
    });
    expect(all.map((d) => Object.keys(d))).toEqual(all.map(() => Object.keys(all[0]!)));
    expect(all.map((d) => d.severity)).toEqual(["error", "warning", "warning"]);
  });

  it("lints every mystery under story/ by default, and they are clean", async () => {
    const r = await lintCli();
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`0 errors, 0 warnings in ${(await listMysteries()).length} mysteries\n`);
  });

  it("exits 2 on an unknown mystery or option", async () => {
    const unknown = await lintCli("no-such-mystery");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no mystery named "no-such-mystery"');
    const option = await lintCli("--nope");
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("usage: npm run lint");
  });

  it("--fix rewrites the links Twine's map reads differently, changes nothing else, then lints", async () => {
    const stories = mkdtempSync(path.join(os.tmpdir(), "lint-fix-"));
    mkdirSync(path.join(stories, "m"));
    const ifid = "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0";
    const data = `:: StoryTitle\nT\n\n:: StoryData\n{"ifid": "${ifid}", "format": "SugarCube", "format-version": "2.31.1"}\n`;
    const source = ":: Start\r\nGo:  [[On -> Next]]  [[Next <- Back]]\r\n\r\n:: Next [ending]\r\nEnd.   \r\n";
    writeFileSync(path.join(stories, "m", "special.twee"), data);
    writeFileSync(path.join(stories, "m", "a.twee"), source);
    const before = await lintCli("--stories", stories);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain("2 errors, 0 warnings in 1 mystery");
    const fixed = await lintCli("--fix", "--stories", stories);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toMatch(
      /a\.twee:2:6: fixed: \[\[On -> Next\]\] → \[\[On->Next\]\]\n.*a\.twee:2:22: fixed: \[\[Next <- Back\]\] → \[\[Next<-Back\]\]\n/,
    );
    expect(fixed.stdout).toBe("0 errors, 0 warnings in 1 mystery\n");
    expect(readFileSync(path.join(stories, "m", "a.twee"), "utf8")).toBe(
      source.replace("[[On -> Next]]", "[[On->Next]]").replace("[[Next <- Back]]", "[[Next<-Back]]"),
    );
    expect(readFileSync(path.join(stories, "m", "special.twee"), "utf8")).toBe(data);
    expect(readdirSync(path.join(stories, "m")).sort()).toEqual(["a.twee", "special.twee"]); // no temp or backup left
    const again = await lintCli("--fix", "--stories", stories);
    expect(again.stderr).toBe("");
  });
});
