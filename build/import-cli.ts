// `npm run import -- <file> [--mystery NAME] [--prune] [--dry-run] [--stories DIR]`
// Brings a story edited in Twine 2 (a published .html, a library archive, or a .twee export) back
// into story/<mystery>/: changed passages are rewritten where they live, new ones get a file of
// their own, renamed ones are renamed in place, removed ones are reported (and removed with
// --prune). Matched by IFID. All files are written or none, after every change is checked.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { creator, listMysteries, mysterySources, readSources } from "./build.js";
import { loadStory } from "./compile.js";
import { BuildError } from "./errors.js";
import { runMain } from "./main.js";
import { findFormat } from "./format.js";
import { storyDataHtml } from "./html.js";
import { type PlannedFiles, planFiles } from "./import-files.js";
import { type ImportPlan, planImport } from "./import.js";
import { display, root, storiesDir } from "./paths.js";
import { readTwineHtml, readTwineTwee, type TwineStory } from "./twine-read.js";
import { writeAll } from "./write-all.js";

async function readInput(file: string): Promise<TwineStory[]> {
  const text = await readFile(file, "utf8");
  return /\.tw(ee)?$/i.test(file) ? [readTwineTwee(text, display(file))] : readTwineHtml(text, display(file));
}

function print(story: TwineStory, mystery: string, plan: ImportPlan, options: { prune: boolean; dryRun: boolean }): void {
  const { changed, added, renamed, removed, notImported, unchanged } = plan.report;
  const list = (label: string, items: string[]) => items.length && console.log(`  ${label}:\n${items.map((i) => `    ${i}`).join("\n")}`);
  console.log(`${options.dryRun ? "would import" : "imported"} "${story.name}" into ${display(path.join(storiesDir, mystery))}/`);
  list("changed", changed);
  list("renamed", renamed);
  list("added", added);
  list(options.prune ? "removed (pruned)" : "removed in Twine (kept; --prune deletes them)", removed);
  list("not imported", notImported);
  console.log(`  unchanged: ${unchanged} passage${unchanged === 1 ? "" : "s"}`);
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
  for (const mystery of mysteries) {
    const dir = path.join(stories, mystery);
    // Match on the Twee files alone; only the matched mystery needs its macros bundled.
    const files = await readSources(dir);
    const { ifid } = loadStory(files).data;
    const story = imported.find((s) => s.ifid === ifid) ?? (options.mystery && imported.length === 1 ? imported[0] : undefined);
    if (!story) continue;
    const source = loadStory((await mysterySources(dir)).files);
    const format = findFormat(source.data.format, source.data.formatVersion, source.data.source);
    const [published] = readTwineHtml(storyDataHtml(source, format, creator), "(published)");
    const existing = await allFiles(dir);
    const plan = planImport(source, published!, story, display(dir), { prune: options.prune, existingFiles: existing });
    const checked = planFiles(plan, files, existing);
    problems.push(...checked.problems.map((p) => (mysteries.length > 1 ? `${mystery}: ${p}` : p)));
    results.push({ mystery, story, plan, changes: checked.changes });
  }
  if (results.length === 0) {
    const ids = imported.map((s) => `"${s.name}" (${s.ifid})`).join(", ");
    throw new BuildError(
      `no mystery under ${display(stories)}/ has the IFID of ${ids}`,
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
  return results;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      mystery: { type: "string" },
      prune: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      stories: { type: "string", default: storiesDir },
    },
  });
  if (positionals.length !== 1) {
    console.error("usage: npm run import -- <story.html | archive.html | story.twee> [--mystery NAME] [--prune] [--dry-run]");
    return 2;
  }
  const options = { stories: values.stories, mystery: values.mystery, prune: values.prune, dryRun: values["dry-run"] };
  for (const { story, mystery, plan } of await importFile(positionals[0]!, options)) print(story, mystery, plan, options);
  return 0;
}

runMain(import.meta.url, main);
