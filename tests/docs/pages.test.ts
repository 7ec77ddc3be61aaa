// The GitHub Pages workflow (.github/workflows/pages.yml), parsed as YAML: it runs exactly the
// README's two commands, install + build and then the tests, and publishes dist/ with GitHub's
// Pages actions. Its build command is run here too, in a scratch copy of the project; its test
// command is the suite this file is part of, so it is checked to be the README's and package.json's
// `test`, not run again from inside itself.
import { execFile } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { display, distDir, root } from "../../build/shared/paths.js";
import { scratchProject } from "../harness/scratch.js";

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}
interface Workflow {
  readonly on: { push?: { branches?: string[] } };
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, { needs?: string; steps: Step[]; environment?: { name: string } }>;
}

const workflow = parse(readFileSync(path.join(root, ".github", "workflows", "pages.yml"), "utf8")) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const runs = steps.flatMap((s) => (s.run ? [s.run.trim()] : []));

/** The README's two commands, from the code block under "The two commands", comments left out. */
function readmeCommands(): string[] {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const block = /## The two commands\n+```sh\n([^]*?)```/.exec(readme)?.[1];
  expect(block, 'README.md\'s "The two commands" block').toBeDefined();
  return block!
    .split("\n")
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter(Boolean);
}

describe(".github/workflows/pages.yml", () => {
  it("runs exactly the README's commands, in its order: install and build, then the tests", () => {
    expect(runs).toEqual(readmeCommands());
    expect(runs).toEqual(["npm install && npm run build", "npm test"]);
    const scripts = (
      JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.test, "npm test is this suite (tests/run.mjs), as .ci/run runs it").toBe("node tests/run.mjs");
    expect(readFileSync(path.join(root, ".ci", "run"), "utf8")).toMatch(/\nnpm test\n?$/);
  });

  it("publishes dist/ with GitHub's Pages actions, on a push to main", () => {
    expect(workflow.on.push?.branches).toEqual(["main"]);
    expect(workflow.permissions).toMatchObject({ pages: "write", "id-token": "write" });
    const uses = steps.map((s) => s.uses?.replace(/@.*/, "")).filter(Boolean);
    expect(uses).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "actions/configure-pages",
      "actions/upload-pages-artifact",
      "actions/deploy-pages",
    ]);
    expect(steps.find((s) => s.uses?.startsWith("actions/upload-pages-artifact"))?.with?.path).toBe(display(distDir));
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with?.["node-version"]).toBe(20);
    expect(workflow.jobs.deploy).toMatchObject({ needs: "build", environment: { name: "github-pages" } });
  });

  describe("its build command, run in a scratch copy of the project", () => {
    let project: string;
    let result: { code: number; stdout: string; stderr: string };
    beforeAll(async () => {
      project = scratchProject("pool-that-ran-dry");
      // The compiled commands (as npm install's prepare leaves them) and the build's caches, to save
      // seconds: each is checked against the copy's own files (launch.js, bundle-cache.ts), never trusted.
      for (const kind of ["commands", "bundles", "specs", "svg", "lint", "puzzles"]) {
        const cache = path.join(root, ".cache", kind);
        if (existsSync(cache)) cpSync(cache, path.join(project, ".cache", kind), { recursive: true });
      }
      const build = runs[0]!
        .split("&&")
        .map((c) => c.trim())
        .filter((c) => c !== "npm install"); // no network for npm install here
      expect(build).toEqual(["npm run build"]);
      result = await promisify(execFile)("sh", ["-c", build.join(" && ")], {
        cwd: project,
        env: { ...process.env, STORY_COMPILER: "" },
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    });

    it("builds dist/, what the workflow publishes: the page and the index", () => {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/built dist\/pool-that-ran-dry\.html .*\nbuilt dist\/index\.html/);
      for (const file of ["pool-that-ran-dry.html", "index.html"])
        expect(existsSync(path.join(project, "dist", file)), file).toBe(true);
    });
  });
});
