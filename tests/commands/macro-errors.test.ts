// A mistake in macros/ (problem 2): a TypeScript syntax error, or a throw while the macros load,
// is reported by npm run build and npm run lint as `macros/x.ts:line:col: error: …` with a fix,
// like every other mistake, never as a crash with a stack trace. Real processes, on a scratch
// copy of the project, run as npm runs them (node build/launch.js; npm run dev's side is in dev.test.ts).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runProcess } from "../harness/cli.js";
import { scratchProject } from "../harness/scratch.js";

describe.each([
  ["a TypeScript syntax error", "const broken: number = ;", /error: Unexpected ";"/],
  ["a throw while the macros load", 'throw new Error("boom while loading");', /error: the macros throw while loading: boom while loading/],
])("%s in macros/you-said.ts", (_what, line, message) => {
  let project: string;
  let at: number;
  const run = (file: string, ...args: string[]) => runProcess(file, args, { cwd: project });

  beforeAll(() => {
    project = scratchProject("50ms-request");
    const file = path.join(project, "macros", "you-said.ts");
    const text = readFileSync(file, "utf8");
    at = text.split("\n").length + 1;
    writeFileSync(file, `${text}\n${line}\n`);
  });

  it("npm run build: the file, line and column, a fix, nothing built, exit 1", async () => {
    const r = await run("build/commands/build.ts");
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^macros/you-said\\.ts:${at}:\\d+: `));
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toMatch(/^ {2}fix: ./);
    expect(lines[2]).toBe("nothing built; dist/ is left as it was");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("npm run lint: the same error as a diagnostic, exit 1", async () => {
    const r = await run("build/commands/lint.ts");
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^macros/you-said\\.ts:${at}:\\d+: `));
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toMatch(/^ {2}fix: ./);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
