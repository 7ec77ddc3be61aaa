// A Twine file brought back into the mysteries' Twee files: read it, match each story to its
// mystery by IFID (or --mystery), find what Twine was given (base.ts, by the build mark), plan the
// three-way merge and every file change, check all of it (the whole lint, the file system), then
// write all files or none (unless a dry run). Prints nothing but warnings; the command reports.
import { macroRoles } from "../story-format/macro-roles.js";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { listMysteries, readSources } from "../sources/mystery-files.js";
import { withBundle } from "../compile/build-inputs.js";
import { BuildError, formatError, UsageError, withNote } from "../shared/errors.js";
import { type PlannedFiles, planFiles } from "./import-check.js";
import { type ImportPlan, planImport } from "./import-planner.js";
import { readImportInput } from "./import-input.js";
import { display, root, shown, storiesDir } from "../shared/paths.js";
import { filePassagesTolerant, type SourceFile, isTweeFile } from "../sources/sources.js";
import { readTwineHtml, readTwineTwee, type TwineStory } from "./twine-read.js";
import { writeAll, writeProblems } from "../shared/write-all.js";
import { parseStoryDataTolerant } from "../model/story.js";
import { optimiseImages } from "../sources/images.js";
import { cachedBundle } from "../bundle/bundle-cache.js";
import { ownFiles, readMark } from "../compile/build-mark.js";
import { loadMacroSpecs } from "../bundle/macro-specs.js";
import type { Diagnostic } from "../lint/lint.js";
import { findBase, ourCode, publishedStory } from "./base.js";
import type { Conflict, Resolve, Side } from "./merge.js";
import { isStoryData } from "../story-format/passage-kinds.js";

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
  /** --take: "twine" or "disk" for every conflict, or "twine:NAME" / "disk:NAME" for one. */
  readonly take?: readonly string[];
  /** --set-aside: go on when Twine edited our macros or styles, saving the changed lines. */
  readonly setAside?: boolean;
}

export interface ImportResult {
  readonly mystery: string;
  /** The mystery's folder. */
  readonly dir: string;
  readonly story: TwineStory;
  readonly plan: ImportPlan;
  /** Every file the import writes (project-relative; null: deleted), checked. */
  readonly changes: PlannedFiles;
  /** The lint's warnings on the mystery as it will be. */
  readonly warnings: readonly Diagnostic[];
}

/** Every file under `dir`, project-relative, sources or not. */
async function allFiles(dir: string): Promise<Set<string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return new Set(entries.filter((e) => !e.isDirectory()).map((e) => display(path.join(e.parentPath, e.name))));
}

/** A mystery's IFID from its StoryData, read past any mistake in its other passages. */
function readIfid(files: readonly SourceFile[]): string | undefined {
  const data = files.flatMap((f) => filePassagesTolerant(f).passages).find(isStoryData);
  if (!data) return undefined;
  // As the build reads it (keys in any case, as tweego does); a StoryData with no JSON at all is the error.
  const { data: story, problems } = parseStoryDataTolerant(data);
  if (!story)
    throw new BuildError(problems[0]!.message, { file: data.file, line: data.line, column: 1 }, problems[0]!.fix);
  return story.ifid === "" ? undefined : story.ifid.toUpperCase();
}

/** --take's values → the side chosen for each conflict key, and which specific ones were asked for. */
function parseTake(values: readonly string[] = []): { resolve: Resolve; unused: () => string[] } {
  const all = new Set<Side>();
  const named = new Map<string, Side>();
  for (const v of values) {
    const m = /^(twine|disk)(?::([^]*))?$/.exec(v);
    if (!m || m[2] === "") throw new UsageError(`--take must be twine, disk, twine:NAME or disk:NAME, got "${v}"`);
    if (m[2] === undefined) all.add(m[1] as Side);
    else named.set(m[2], m[1] as Side);
  }
  if (all.size > 1) throw new UsageError("--take twine and --take disk cannot both be given for every conflict");
  const used = new Set<string>();
  const resolve: Resolve = (key) => {
    if (named.has(key)) used.add(key);
    return named.get(key) ?? [...all][0];
  };
  return { resolve, unused: () => [...named.keys()].filter((k) => !used.has(k)) };
}

/** `--take SIDE:NAME` as a shell takes it. */
const takeOption = (side: Side, key: string) => {
  const arg = `${side}:${key}`;
  return `--take ${/^[\w.,:/@+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`}`;
};

/** A conflict as the refusal shows it: what, where, both sides, and how to choose. */
function showConflict(c: Conflict, files: ReadonlyMap<string, string>): string {
  const side = (label: string, text: string) => {
    const lines = text.split("\n");
    const shownLines = lines.slice(0, 40).map((l) => `        | ${l}`);
    if (lines.length > 40) shownLines.push(`        | … ${lines.length - 40} more lines`);
    return `      ${label}:\n${shownLines.join("\n")}`;
  };
  const where = files.get(c.key);
  return (
    `${JSON.stringify(c.key)}${where ? ` in ${where}` : ""}: ${c.what}\n${side("Twine", c.twine)}\n${side("disk", c.disk)}\n` +
    `      choose: ${takeOption("twine", c.key)} or ${takeOption("disk", c.key)}`
  );
}

/**
 * Imports a Twine file into the mystery with its IFID (or `mystery`); returns what it did. Every
 * change is planned and checked first; any problem or conflict refuses the whole import, and
 * nothing is written. A dry run plans and checks exactly the same, and writes nothing.
 */
export async function importFile(file: string, options: ImportOptions = {}): Promise<ImportResult[]> {
  const stories = path.resolve(options.stories ?? storiesDir);
  const take = parseTake(options.take);
  const imported = await readInput(path.resolve(file));
  const mysteries = options.mystery ? [options.mystery] : await listMysteries(stories);
  const results: ImportResult[] = [];
  const problems: string[] = [];
  const conflicts: string[] = [];
  const unread: { mystery: string; error: unknown }[] = [];
  const matched = new Map<TwineStory, string[]>();
  const found: { mystery: string; dir: string; files: SourceFile[]; story: TwineStory }[] = [];
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
    const story =
      imported.find((s) => s.ifid === ifid) ?? (options.mystery && imported.length === 1 ? imported[0] : undefined);
    if (!story) continue;
    matched.set(story, [...(matched.get(story) ?? []), mystery]);
    found.push({ mystery, dir, files, story });
  }
  for (const [story, names] of matched) {
    if (names.length < 2) continue;
    throw new BuildError(
      `mysteries ${names.join(" and ")} under ${shown(stories)}/ both have the IFID ${story.ifid} of "${story.name}": the import will not write both, and nothing changed`,
      undefined,
      "give each mystery its own IFID in its StoryData (npm run lint refuses a shared one), or pass --mystery NAME",
    );
  }
  const specs = found.length > 0 ? await loadMacroSpecs() : [];
  const roles = macroRoles(specs);
  for (const { mystery, dir, files, story } of found) {
    const [own, code] = await Promise.all([optimiseImages(files), cachedBundle()]);
    const made = withBundle(own, code);
    let current: ReturnType<typeof publishedStory>;
    try {
      current = publishedStory(made.files);
    } catch (error) {
      throw withNote(
        error,
        `mystery "${mystery}" has the IFID of "${story.name}", so the import needs it to load; fix it first, then import again`,
      );
    }
    const marked = readMark(story.script);
    const base = marked && (await findBase(dir, marked.mark, ownFiles(files, dir, root), current));
    const baseMissing = !marked
      ? "not known: Twine's copy has no build mark (a build from before imports kept builds, or its line was deleted in the Story JavaScript)"
      : "not found: neither this project's record of builds nor git has the files of that build";
    const routeFile = path.join(dir, "route.json");
    const routeText = await readFile(routeFile, "utf8").catch(() => undefined);
    const plan = planImport(
      {
        current,
        imported: story,
        base,
        baseMissing,
        ours: {
          script: await ourCode(dir, "script", marked?.mark.script, code.script),
          stylesheet: await ourCode(dir, "stylesheet", marked?.mark.stylesheet, made.published.stylesheet),
        },
        route: routeText === undefined ? undefined : { file: display(routeFile), text: routeText },
      },
      display(dir),
      {
        prune: options.prune,
        existingFiles: await allFiles(dir),
        resolve: take.resolve,
        roles,
        setAside: options.setAside,
      },
    );
    const checked = planFiles(plan, files, await allFiles(dir), specs);
    checked.problems.push(
      ...(await writeProblems(new Map([...checked.changes].map(([f, c]) => [path.join(root, f), c])))),
    );
    const named = (p: string) => (found.length > 1 ? `${mystery}: ${p}` : p);
    problems.push(...checked.problems.map(named));
    const where = new Map(current.story.passages.map((p) => [p.name, shown(path.resolve(root, p.file))]));
    conflicts.push(...plan.conflicts.map((c) => named(showConflict(c, where))));
    results.push({ mystery, dir, story, plan, changes: checked.changes, warnings: checked.warnings });
  }
  const why = (mystery: string) =>
    `mystery "${mystery}" was read to compare its IFID with the imported story's; its StoryData could not be read`;
  if (results.length === 0) {
    for (const { mystery, error } of unread) console.error(formatError(withNote(error, why(mystery))));
    const ids = imported.map((s) => `"${s.name}" (${s.ifid})`).join(", ");
    throw new BuildError(
      `no mystery under ${shown(stories)}/ has the IFID of ${ids}${unread.length ? ` (not checked: ${unread.map((u) => u.mystery).join(", ")}, see above)` : ""}`,
      undefined,
      "pass --mystery NAME to import into a given mystery, or start one with the same IFID in its StoryData",
    );
  }
  if (conflicts.length > 0 || problems.length > 0) {
    const bases = results.map(
      (r) => `${results.length > 1 ? `${r.mystery}: ` : ""}what Twine was given: ${r.plan.report.base}`,
    );
    const listed = [
      ...(conflicts.length
        ? [
            `${conflicts.length} conflict${conflicts.length === 1 ? "" : "s"}, changed in Twine and on disk (${bases.join("; ")}):`,
            ...conflicts.map((c) => `  - ${c}`),
          ]
        : []),
      ...problems.map((p) => `  - ${p}`),
    ];
    throw new BuildError(
      `${shown(path.resolve(file))} was not imported, and nothing under ${shown(stories)}/ changed:\n${listed.join("\n")}`,
      undefined,
      conflicts.length
        ? "settle each conflict with --take twine:NAME or --take disk:NAME (--take twine or --take disk for all of them), fix what else is listed, then import again"
        : "fix what is listed (in Twine, or get a complete copy of the file), then import again",
    );
  }
  // All mysteries' files as one change: all of them are written, or none.
  if (!options.dryRun) {
    await writeAll(
      new Map(results.flatMap((r) => [...r.changes].map(([f, content]) => [path.join(root, f), content] as const))),
    );
  }
  for (const { mystery, error } of unread) console.error(formatError(withNote(error, why(mystery)), "warning"));
  for (const s of imported.filter((s) => !matched.has(s))) {
    console.error(
      `${display(file)}: warning: "${s.name}" (IFID ${s.ifid || "none"}) matches no mystery under ${shown(stories)}/: not imported\n  fix: to import it into a mystery, pass --mystery NAME with a file holding only that story`,
    );
  }
  for (const key of take.unused())
    console.error(`warning: --take …:${key}: there was no conflict named ${JSON.stringify(key)} to settle`);
  return results;
}
