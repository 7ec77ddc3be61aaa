// A Twine file brought back into the mysteries' Twee files: read it, match each story to its
// mystery by IFID (or --mystery), plan every file change, check all of it, then write all files or
// none (unless a dry run). Prints nothing but warnings; the command reports the plan.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { creator, listMysteries, readSources, withBundle } from "../compile/mysteries.js";
import { loadStory } from "../compile/compile.js";
import { BuildError, formatError, withNote } from "../shared/errors.js";
import { findFormat } from "../compile/format.js";
import { storyDataHtml } from "../compile/html.js";
import { type PlannedFiles, planFiles } from "./import-files.js";
import { type ImportPlan, planImport } from "./import.js";
import { readImportInput } from "./import-input.js";
import { display, root, storiesDir } from "../shared/paths.js";
import { filePassagesTolerant, type SourceFile, isTweeFile } from "../compile/sources.js";
import { readTwineHtml, readTwineTwee, type TwineStory } from "./twine-read.js";
import { writeAll } from "../shared/write-all.js";
import { parseStoryDataTolerant } from "../compile/story.js";
import { optimiseImages } from "../compile/images.js";
import { cachedBundle } from "../compile/bundle-cache.js";

/** The stories of a Twine file: a published story or library archive (HTML), or a Twee export. */
export async function readInput(file: string): Promise<TwineStory[]> {
  const text = await readImportInput(file, isTweeFile(file));
  return isTweeFile(file) ? [readTwineTwee(text, display(file))] : readTwineHtml(text, display(file));
}
export interface ImportOptions {
  readonly stories?: string;
  readonly mystery?: string;
  readonly prune?: boolean;
  readonly dryRun?: boolean;
}

export interface ImportResult {
  readonly mystery: string;
  readonly story: TwineStory;
  readonly plan: ImportPlan;
  /** Every file the import writes (project-relative; null: deleted), checked. */
  readonly changes: PlannedFiles;
}

/** Every file under `dir`, project-relative, sources or not. */
async function allFiles(dir: string): Promise<Set<string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return new Set(entries.filter((e) => !e.isDirectory()).map((e) => display(path.join(e.parentPath, e.name))));
}

/** A mystery's IFID from its StoryData, read past any mistake in its other passages. */
function readIfid(files: readonly SourceFile[]): string | undefined {
  const data = files.flatMap((f) => filePassagesTolerant(f).passages).find((p) => p.name === "StoryData");
  if (!data) return undefined;
  // As the build reads it (keys in any case, as tweego does); a StoryData with no JSON at all is the error.
  const { data: story, problems } = parseStoryDataTolerant(data);
  if (!story) throw new BuildError(problems[0]!.message, { file: data.file, line: data.line, column: 1 }, problems[0]!.fix);
  return story.ifid === "" ? undefined : story.ifid.toUpperCase();
}

/**
 * Imports a Twine file into the mystery with its IFID (or `mystery`); returns what it did. Every
 * change is planned and checked first; any problem refuses the whole import, and nothing is
 * written. A dry run plans and checks exactly the same, and writes nothing.
 */
export async function importFile(file: string, options: ImportOptions = {}): Promise<ImportResult[]> {
  const stories = path.resolve(options.stories ?? storiesDir);
  const imported = await readInput(path.resolve(file));
  const mysteries = options.mystery ? [options.mystery] : await listMysteries(stories);
  const results: ImportResult[] = [];
  const problems: string[] = [];
  const unread: { mystery: string; error: unknown }[] = [];
  for (const mystery of mysteries) {
    const dir = path.join(stories, mystery);
    // Match on the IFID alone, read leniently: a mistake elsewhere in another mystery (a draft)
    // must not stop an import into this one. Only the matched mystery is loaded in full.
    let files: SourceFile[];
    let ifid: string | undefined;
    try {
      files = await readSources(dir);
      ifid = readIfid(files);
    } catch (error) {
      if (options.mystery) throw error;
      unread.push({ mystery, error });
      continue;
    }
    const story = imported.find((s) => s.ifid === ifid) ?? (options.mystery && imported.length === 1 ? imported[0] : undefined);
    if (!story) continue;
    // The files read above, not a second read of the folder: the plan is checked against them.
    const source = await Promise.all([optimiseImages(files), cachedBundle()])
      .then(([own, code]) => loadStory(withBundle(own, code).files))
      .catch((error: unknown) => {
        throw withNote(error, `mystery "${mystery}" has the IFID of "${story.name}", so the import needs it to load; fix it first, then import again`);
      });
    const format = findFormat(source.data.format, source.data.formatVersion, source.data.source);
    const [published] = readTwineHtml(storyDataHtml(source, format, creator), "(published)");
    const existing = await allFiles(dir);
    const plan = planImport(source, published!, story, display(dir), { prune: options.prune, existingFiles: existing });
    const checked = planFiles(plan, files, existing);
    problems.push(...checked.problems.map((p) => (mysteries.length > 1 ? `${mystery}: ${p}` : p)));
    results.push({ mystery, story, plan, changes: checked.changes });
  }
  const why = (mystery: string) => `mystery "${mystery}" was read to compare its IFID with the imported story's; its StoryData could not be read`;
  if (results.length === 0) {
    for (const { mystery, error } of unread) console.error(formatError(withNote(error, why(mystery))));
    const ids = imported.map((s) => `"${s.name}" (${s.ifid})`).join(", ");
    throw new BuildError(
      `no mystery under ${display(stories)}/ has the IFID of ${ids}${unread.length ? ` (not checked: ${unread.map((u) => u.mystery).join(", ")}, see above)` : ""}`,
      undefined,
      "pass --mystery NAME to import into a given mystery, or start one with the same IFID in its StoryData",
    );
  }
  if (problems.length > 0) {
    throw new BuildError(
      `${display(file)} was not imported, and nothing under ${display(stories)}/ changed:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      undefined,
      "fix the story in Twine (or get a complete copy of the file), then import again",
    );
  }
  // All mysteries' files as one change: all of them are written, or none.
  if (!options.dryRun) {
    await writeAll(new Map(results.flatMap((r) => [...r.changes].map(([f, content]) => [path.join(root, f), content] as const))));
  }
  for (const { mystery, error } of unread) console.error(formatError(withNote(error, why(mystery)), "warning"));
  return results;
}
