// The commands run as compiled JavaScript (build/launch.js), never as stale code: the compiled
// commands are made from the sources as they are now, an edit to any source they include is
// compiled before the next run, and each command loads only the packages it needs.
import { execFile } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS, OTHER_SCRIPTS, scriptOf } from "../../build/commands/registry.js";
import { root } from "../../build/shared/paths.js";
import { scratchProject } from "../harness/scratch.js";

const run = promisify(execFile);
const launch = (cwd: string, ...args: string[]) =>
  run(process.execPath, ["build/launch.js", ...args], { cwd }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

interface Manifest {
  readonly key: string;
  readonly entries: Record<string, string>;
  readonly inputs: Record<string, string>;
}
const manifestOf = (project: string) =>
  JSON.parse(readFileSync(path.join(project, ".cache", "commands", "manifest.json"), "utf8")) as Manifest;
const sha1 = (file: string) => createHash("sha1").update(readFileSync(file)).digest("hex");

const scripts = (
  JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;

describe("package.json's commands", () => {
  it("run build/ through the launcher, never TypeScript through tsx", () => {
    const commands = Object.entries(scripts).filter(([, s]) => /build\/\S+\.ts/.test(s));
    expect(commands.length).toBeGreaterThanOrEqual(9);
    for (const [name, script] of commands)
      expect(script, name).toMatch(/^node build\/launch\.js build\/commands\/[\w-]+\.ts\b/);
    expect(scripts.prepare).toBe("node build/launch.js --compile");
  });

  it("are the commands of build/commands/registry.ts, each running its entry, besides its OTHER_SCRIPTS", () => {
    const registered = Object.fromEntries(COMMANDS.map((c) => [c.name, scriptOf(c)]));
    const others = Object.fromEntries(Object.entries(scripts).filter(([name]) => !(name in registered)));
    expect(Object.fromEntries(Object.entries(scripts).filter(([name]) => name in registered))).toEqual(registered);
    expect(Object.keys(others).sort()).toEqual([...OTHER_SCRIPTS].sort());
    for (const c of COMMANDS) expect(existsSync(path.join(root, c.entry)), c.entry).toBe(true);
    const files = readdirSync(path.join(root, "build", "commands")).map((f) => `build/commands/${f}`);
    const helpers = ["build/commands/command.ts", "build/commands/mystery-args.ts", "build/commands/registry.ts"];
    expect(files.filter((f) => !helpers.includes(f)).sort(), "every command file is registered").toEqual(
      COMMANDS.map((c) => c.entry).sort(),
    );
  });
});

describe("the compiled commands", () => {
  let manifest: Manifest;
  beforeAll(async () => {
    const r = await launch(root, "--compile");
    expect(r.stderr).toBe("");
    manifest = manifestOf(root);
  });

  it("are made from the sources as they are now, every file they include", () => {
    const meta = JSON.parse(readFileSync(path.join(root, ".cache", "commands", manifest.key, "meta.json"), "utf8")) as {
      inputs: Record<string, unknown>;
    };
    // Everything esbuild read is recorded, and nothing else (besides the launcher itself).
    expect(Object.keys(manifest.inputs).sort()).toEqual([...Object.keys(meta.inputs), "build/launch.js"].sort());
    for (const [file, hash] of Object.entries(manifest.inputs)) expect(sha1(path.join(root, file)), file).toBe(hash);
    for (const script of Object.values(scripts)) {
      const entry = /^node build\/launch\.js (\S+\.ts)/.exec(script)?.[1];
      if (entry) expect(Object.keys(manifest.entries)).toContain(entry);
    }
  });

  /** Packages an output loads before it runs (static imports, followed through shared chunks). */
  function staticPackages(output: string): Set<string> {
    const meta = JSON.parse(readFileSync(path.join(root, ".cache", "commands", manifest.key, "meta.json"), "utf8")) as {
      outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
    };
    const outputs = new Map(Object.entries(meta.outputs).map(([file, o]) => [path.basename(file), o]));
    const found = new Set<string>();
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const i of outputs.get(name)!.imports) {
        if (i.kind !== "import-statement") continue;
        if (i.external) found.add(i.path);
        else visit(path.basename(i.path));
      }
    };
    visit(output);
    return found;
  }

  it.each([
    ["build/commands/build.ts", ["esbuild", "svgo", "jsdom", "chokidar", "yaml"]],
    ["build/commands/lint.ts", ["esbuild", "svgo", "jsdom", "chokidar", "yaml"]],
    ["build/commands/layout.ts", ["esbuild", "svgo", "jsdom", "chokidar", "yaml"]],
  ])("%s does not load %j until it needs them", (entry, packages) => {
    const loaded = staticPackages(manifest.entries[entry]!);
    expect([...loaded].filter((p) => !p.startsWith("node:"))).toEqual([]);
    for (const p of packages) expect(loaded).not.toContain(p);
  });
});

describe("an edit to a source", () => {
  let project: string;
  beforeAll(() => {
    project = scratchProject("pool-that-ran-dry");
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it("is compiled before the next run, deep in what the command imports; an unchanged one is not", async () => {
    const before = await launch(project, "build/commands/lint.ts", "--stories", "story", "pool-that-ran-dry");
    expect(before.stdout).toMatch(/^0 errors, 0 warnings in 1 mystery$/m);
    const { key } = manifestOf(project);
    expect((await launch(project, "build/commands/lint.ts", "--stories", "story", "pool-that-ran-dry")).stdout).toBe(
      before.stdout,
    );
    expect(manifestOf(project).key).toBe(key);

    const file = path.join(project, "build", "shared", "diagnostic.ts");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an edit of the source's own template literal
    writeFileSync(file, readFileSync(file, "utf8").replace("} in ${mysteries} myster", "} across ${mysteries} myster"));
    const after = await launch(project, "build/commands/lint.ts", "--stories", "story", "pool-that-ran-dry");
    expect(after.stdout).toMatch(/^0 errors, 0 warnings across 1 mystery$/m);
    expect(manifestOf(project).key).not.toBe(key);
  });

  it("drops a command compiled before whose file is gone (moved or deleted), and runs the others", async () => {
    const extra = path.join(project, "build", "commands", "extra.ts");
    cpSync(path.join(project, "build", "commands", "docs.ts"), extra);
    expect((await launch(project, "build/commands/extra.ts", "--help")).code).toBe(0);
    expect(Object.keys(manifestOf(project).entries)).toContain("build/commands/extra.ts");
    rmSync(extra);
    const file = path.join(project, "build", "shared", "diagnostic.ts"); // a change, so the commands compile again
    writeFileSync(file, `${readFileSync(file, "utf8")}\n// changed\n`);
    const r = await launch(project, "build/commands/lint.ts", "--stories", "story", "pool-that-ran-dry");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(Object.keys(manifestOf(project).entries)).not.toContain("build/commands/extra.ts");
  });

  it("that throws shows a stack trace at the TypeScript source's line", async () => {
    const file = path.join(project, "build", "commands", "lint.ts");
    const good = readFileSync(file, "utf8");
    const broken = good.replace(
      /async function lintAll\([^)]*\): Promise<number> \{/,
      '$&\n  throw new TypeError("an unexpected bug");',
    );
    writeFileSync(file, broken);
    const r = await launch(project, "build/commands/lint.ts", "--stories", "story", "pool-that-ran-dry");
    const line = broken.split("\n").findIndex((l) => l.includes("an unexpected bug")) + 1;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^internal error \(a bug in this tool, not in your story\): TypeError: an unexpected bug\n\s+at lintAll \(build\/commands\/lint\.ts:(\d+):\d+\)/,
    );
    expect(/build\/commands\/lint\.ts:(\d+)/.exec(r.stderr)![1]).toBe(String(line));
    writeFileSync(file, good);
  });

  it("that does not compile stops the command with file:line and the fix, and runs nothing", async () => {
    const file = path.join(project, "build", "commands", "lint.ts");
    const good = readFileSync(file, "utf8");
    writeFileSync(file, good.replace("async function lintAll(", "async function lintAll(("));
    const r = await launch(project, "build/commands/lint.ts", "--stories", "story", "pool-that-ran-dry");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^build\/commands\/lint\.ts:\d+:\d+: error: /);
    expect(r.stderr).toContain("fix the code at that line");
    expect(r.stdout).toBe("");
    writeFileSync(file, good);
    expect((await launch(project, "build/commands/lint.ts", "--stories", "story", "pool-that-ran-dry")).code).toBe(0);
  });
});
