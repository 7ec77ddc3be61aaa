// `npm run import -- <file> [--mystery NAME] [--prune] [--dry-run] [--stories DIR]`
// Brings a story edited in Twine 2 (a published .html, a library archive, or a .twee export) back
// into story/<mystery>/: changed passages are rewritten where they live, new ones get a file of
// their own, removed ones are reported (and removed with --prune). Matched by IFID.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { creator, listMysteries, mysterySources, readSources } from "./build.js";
import { loadStory } from "./compile.js";
import { BuildError } from "./errors.js";
import { runMain } from "./main.js";
import { findFormat } from "./format.js";
import { storyDataHtml } from "./html.js";
import { type ImportPlan, planImport } from "./import.js";
import { writeAtomic } from "./output.js";
import { display, root, storiesDir } from "./paths.js";
import { editTwee } from "./twee-edit.js";
import { readTwineHtml, readTwineTwee, type TwineStory } from "./twine-read.js";

async function readInput(file: string): Promise<TwineStory[]> {
  const text = await readFile(file, "utf8");
  return /\.tw(ee)?$/i.test(file) ? [readTwineTwee(text, display(file))] : readTwineHtml(text, display(file));
}

async function apply(plan: ImportPlan, prune: { twee: Map<string, string[]>; files: string[] }): Promise<void> {
  for (const [file, names] of prune.twee) {
    if (!plan.edits.has(file)) plan.edits.set(file, new Map());
    for (const name of names) plan.edits.get(file)!.set(name, null);
  }
  for (const [file, edits] of plan.edits) {
    const full = path.join(root, file);
    await writeAtomic(full, editTwee(await readFile(full, "utf8"), file, edits));
  }
  for (const [file, content] of plan.writes) await writeAtomic(path.join(root, file), content);
  for (const file of prune.files) await rm(path.join(root, file));
}

function print(story: TwineStory, mystery: string, plan: ImportPlan, options: { prune: boolean; dryRun: boolean }): void {
  const { changed, added, removed, notImported, unchanged } = plan.report;
  const list = (label: string, items: string[]) => items.length && console.log(`  ${label}:\n${items.map((i) => `    ${i}`).join("\n")}`);
  console.log(`${options.dryRun ? "would import" : "imported"} "${story.name}" into ${display(path.join(storiesDir, mystery))}/`);
  list("changed", changed);
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
}

/** Imports a Twine file into the mystery with its IFID (or `mystery`); returns what it did. */
export async function importFile(file: string, options: ImportOptions = {}): Promise<ImportResult[]> {
  const stories = path.resolve(options.stories ?? storiesDir);
  const imported = await readInput(path.resolve(file));
  const mysteries = options.mystery ? [options.mystery] : await listMysteries(stories);
  const results: ImportResult[] = [];
  for (const mystery of mysteries) {
    const dir = path.join(stories, mystery);
    // Match on the Twee files alone; only the matched mystery needs its macros bundled.
    const { ifid } = loadStory(await readSources(dir)).data;
    const story = imported.find((s) => s.ifid === ifid) ?? (options.mystery && imported.length === 1 ? imported[0] : undefined);
    if (!story) continue;
    const source = loadStory((await mysterySources(dir)).files);
    const format = findFormat(source.data.format, source.data.formatVersion, source.data.source);
    const [published] = readTwineHtml(storyDataHtml(source, format, creator), "(published)");
    const plan = planImport(source, published!, story, display(dir));
    const removed = new Set(published!.passages.filter((p) => !story.passages.some((q) => q.name === p.name)).map((p) => p.name));
    const prune = { twee: new Map<string, string[]>(), files: [] as string[] };
    for (const p of source.passages.filter((p) => options.prune && removed.has(p.name))) {
      if (/\.tw(ee)?$/.test(p.file)) prune.twee.set(p.file, [...(prune.twee.get(p.file) ?? []), p.name]);
      else prune.files.push(p.file);
    }
    if (!options.dryRun) await apply(plan, prune);
    results.push({ mystery, story, plan });
  }
  if (results.length === 0) {
    const ids = imported.map((s) => `"${s.name}" (${s.ifid})`).join(", ");
    throw new BuildError(
      `no mystery under ${display(stories)}/ has the IFID of ${ids}`,
      undefined,
      "pass --mystery NAME to import into a given mystery, or start one with the same IFID in its StoryData",
    );
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
