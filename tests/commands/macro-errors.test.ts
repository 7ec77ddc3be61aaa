// A mistake in macros/ (problem 2): a TypeScript syntax error, or a throw while the macros load,
// is reported by npm run build and npm run lint as `macros/x.ts:line:col: error: …` with a fix,
// like every other mistake, never as a crash with a stack trace. Real processes, on a scratch
// copy of the project, run as npm runs them (node build/launch.js; npm run dev's side is in dev.test.ts).
// An import of a package that is not installed is told to install it.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundle } from "../../build/bundle/bundle.js";
import { missingPackageFix } from "../../build/bundle/esbuild-util.js";
import { BuildError } from "../../build/shared/errors.js";
import { runProcess } from "../harness/cli.js";
import { scratchProject } from "../harness/scratch.js";

describe.each([
  ["a TypeScript syntax error", "const broken: number = ;", /error: Unexpected ";"/],
  [
    "a throw while the macros load",
    'throw new Error("boom while loading");',
    /error: the macros throw while loading: boom while loading/,
  ],
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

describe("a macro that imports a package that is not installed", () => {
  it("is told to install it (esbuild's hint, mark it external, would leave the story broken)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "macro-import-"));
    const entry = path.join(dir, "index.ts");
    writeFileSync(
      entry,
      'import pad from "@acme/left-pad/strict";\nimport { readFileSync } from "node:fs";\nexport const x = [pad, readFileSync];\n',
    );
    const error = await bundle({ macros: entry }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toBe('Could not resolve "@acme/left-pad/strict" (and 1 more)');
    expect((error as BuildError).fix).toBe(
      "install the package: npm install --save-dev @acme/left-pad (esbuild bundles it into the story)",
    );
    expect(missingPackageFix('Could not resolve "node:fs"')).toBe(
      `"node:fs" is built into Node, and a macro runs in the player's browser: use a browser API instead`,
    );
    expect(missingPackageFix('Could not resolve "./helpers"')).toBeUndefined();
  });
});
