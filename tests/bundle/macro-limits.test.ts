// A macro file whose top level never finishes (a never-ending Promise chain, a loop, memory that
// only grows) is stopped by the specs' sandbox (build/bundle/spec-sandbox.ts): an error at the
// macro file, naming the function still running, with a fix; the next load after the fix works.
// That is what keeps npm run build from hanging and npm run dev serving the last good build. Short
// limits keep it quick (npm run build's are 2 s and 256 MB).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSpecLoader, loadMacroSpecsSync, type SpecLoader } from "../../build/bundle/macro-specs.js";
import { BuildError, formatError } from "../../build/shared/errors.js";
import { root } from "../../build/shared/paths.js";

const LIMITS = { timeMs: 2000, memoryMb: 32 };

/** Appends `code` to the copy's macros/you-said.ts; returns the line it starts on. */
function plant(macros: string, code: string): number {
  const file = path.join(macros, "you-said.ts");
  const text = readFileSync(path.join(root, "macros", "you-said.ts"), "utf8");
  writeFileSync(file, `${text}\n${code}\n`);
  return text.split("\n").length + 1;
}

const failure = async (load: () => Promise<unknown>): Promise<BuildError> => {
  const error = await load().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BuildError);
  return error as BuildError;
};

describe("macros that never finish loading", () => {
  let macros: string;
  let loader: SpecLoader;
  beforeAll(async () => {
    macros = path.join(mkdtempSync(path.join(os.tmpdir(), "macros-")), "macros");
    cpSync(path.join(root, "macros"), macros, { recursive: true });
    loader = await createSpecLoader(path.join(macros, "index.ts"), LIMITS);
  });
  afterAll(() => loader?.dispose());

  it("memory that only grows: stopped at the memory limit, the error at the line, with a fix", async () => {
    const line = plant(macros, "const kept: number[][] = [];\nfor (;;) kept.push(new Array(4e6).fill(1));");
    const error = await failure(() => loader.load());
    expect(formatError(error)).toMatch(
      new RegExp(
        `you-said\\.ts:${line + 1}:\\d+: error: the macros never finish loading: stopped, not done within 32 MB of memory \\(this line was running here\\)`,
      ),
    );
    expect(error.fix).toMatch(/top level must finish/);
  });

  it("the fixed file loads again, in the same loader (npm run dev recovers)", async () => {
    plant(macros, "");
    expect((await loader.load()).map((s) => s.name)).toEqual(["newinfo", "ask", "ask-area", "you-said"]);
  });

  it("a never-ending Promise chain: stopped in time, at the function still running (the blocking loader: the pure functions' default specs)", () => {
    const line = plant(macros, "const spin = (): Promise<void> => Promise.resolve().then(spin);\nvoid spin();");
    const error = (() => {
      try {
        loadMacroSpecsSync(path.join(macros, "index.ts"), { timeMs: 100, memoryMb: 64 });
      } catch (e) {
        return e as BuildError;
      }
    })();
    expect(error).toBeInstanceOf(BuildError);
    expect(error!.location).toMatchObject({ file: expect.stringMatching(/you-said\.ts$/), line });
    expect(error!.message).toBe(
      "the macros never finish loading: stopped, not done within 0.1 s (`spin` was running here)",
    );
  });
});
