// tweego run on a mystery (found and pinned to a format by compile/tweego-find.ts): the same
// files the native compiler reads, from a snapshot, with its messages at the mystery's own files
// and lines.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Diagnostic } from "../shared/diagnostic.js";
import { BuildError } from "../shared/errors.js";
import { fsPath } from "../shared/file-names.js";
import { display, root } from "../shared/paths.js";
import { extension, filePassages, MEDIA_TYPES, type SourceFile } from "../sources/sources.js";
import { isPicture, MEDIA_TAGS } from "../story-format/passage-kinds.js";
import { passageTwee } from "../twee/twee-edit.js";
import type { Passage } from "../twee/twee.js";
import { runTweego, type Tweego, tweegoEnv } from "./tweego-find.js";

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
    ({ stderr } = await runTweego(tweego.binary, ["-o", outFile, ...args], {
      env: tweegoEnv(),
      cwd: root,
      maxBuffer: 64 << 20,
    }));
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
  if (MEDIA_TYPES[extension(file.path)]?.tag !== MEDIA_TAGS.picture) return file;
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
