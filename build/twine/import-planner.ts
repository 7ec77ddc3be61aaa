// build/twine/: Twine 2 interchange (read its files, plan and write imports, lay out the story map).
// Imports build/pipeline/ and below.
//
// Plans bringing a story edited in Twine back into its Twee files. Pure: it merges what Twine
// gives back with what the files hold now, from what Twine was given (merge.ts, code-chunks.ts),
// follows Twine's renames through every reference (import-renames.ts), and turns each result into
// an edit of the file the passage lives in. Nothing is written here, and nothing is written at all
// while the plan has a problem or a conflict (import-check.ts turns it into file contents and
// checks those too).
import path from "node:path";
import { readPicture } from "./pictures.js";
import type { Story } from "../model/story.js";
import { type PassageEdit, passageTwee } from "../twee/twee-edit.js";
import type { Passage, PassageMetadata } from "../twee/twee.js";
import type { TwinePassage, TwineStory } from "./twine-read.js";
import { isTweeFile } from "../sources/sources.js";
import { type Merged, mergeStories, type PassageChange } from "./merge.js";
import { type ImportInput, type ImportPlan, type Planner, type PlanOptions, shown, slug } from "./import-plan.js";

export type { ImportInput, ImportPlan, PlanOptions } from "./import-plan.js";
import { planCode } from "./import-code.js";
import { followRenames, pruneProblems } from "./import-renames.js";
import { NO_ROLES } from "../story-format/macro-roles.js";
import { isPicture } from "../story-format/passage-kinds.js";
import { goTrimSpace } from "../twee/go-text.js";

/** A picture's passage name is its file name up to the first dot: names that can be one as they are. */
const fileSafe = (name: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a file name has no control characters
  /^[^/\\.:*?"<>|\0-\x1f]+$/.test(name) && name.trim() === name && Buffer.byteLength(name) <= 200;
const metadataOf = (p: { position: string; size: string }): PassageMetadata => ({
  position: p.position || undefined,
  size: p.size === "100,100" ? undefined : p.size,
});

/** Problems with what came back that no file change could put right. */
function inputProblems(published: TwineStory, imported: TwineStory): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const p of imported.passages) {
    if (seen.has(p.name))
      problems.push(`Twine's story has two passages named ${JSON.stringify(p.name)}: rename one in Twine`);
    seen.add(p.name);
    if (/[\r\n]/.test(p.name))
      problems.push(
        `the passage name ${JSON.stringify(p.name)} has a line break, which a Twee header cannot hold: rename it in Twine`,
      );
  }
  if (imported.from === "twee") {
    // Twine's Export as Twee writes the Story JavaScript and Stylesheet last: without them, the file ends early.
    const cut = (ours: string, theirs: string) => ours.trim() !== "" && theirs.trim() === "";
    if (cut(published.script, imported.script) || cut(published.stylesheet, imported.stylesheet)) {
      problems.push(
        "the Twee file has no Story JavaScript or Stylesheet passage, which Twine's Export as Twee writes last: it looks cut off; export it again",
      );
    }
  }
  return problems;
}

export function planImport(input: ImportInput, dir: string, options: PlanOptions = {}): ImportPlan {
  const { current, imported, base } = input;
  const { story: source, published } = current;
  const resolve = options.resolve ?? (() => undefined);
  const plan: ImportPlan = {
    edits: new Map(),
    writes: new Map(),
    replaces: new Set(),
    deletes: new Set(),
    moves: new Map(),
    problems: inputProblems(published, imported),
    conflicts: [],
    report: {
      base: base?.from ?? input.baseMissing ?? "not found",
      changed: [],
      added: [],
      renamed: [],
      removed: [],
      rewritten: [],
      notImported: [],
      unchanged: 0,
    },
  };
  const taken = (file: string) =>
    plan.writes.has(file) || options.existingFiles?.has(file) || source.passages.some((p) => p.file === file);
  const planner: Planner = {
    plan,
    dir,
    edit: (p, e) => {
      if (!plan.edits.has(p.file)) plan.edits.set(p.file, new Map());
      plan.edits.get(p.file)!.set(p.name, e);
    },
    newFile: (name, ext) => {
      let file = `${dir}/${name}.${ext}`;
      for (let n = 2; taken(file); n++) file = `${dir}/${name}-${n}.${ext}`;
      return file;
    },
  };
  const sourceByName = new Map<string, Passage>(source.passages.map((p) => [p.name, p]));
  const stored = (name: string, prop: "position" | "size") => {
    const at = sourceByName.get(name);
    return at !== undefined && isTweeFile(at.file) && at.metadata[prop] !== undefined;
  };
  const merged = mergeStories(base?.published, imported, published, { prune: options.prune, resolve, stored });
  plan.conflicts.push(...merged.conflicts);
  plan.report.unchanged = merged.unchanged;
  const roles = options.roles ?? NO_ROLES;
  const route = followRenames(merged, source, input.route, roles, plan);
  pruneProblems(merged, source, route, roles, plan);
  applyPassages(merged, imported, source, published, planner, taken);
  for (const { name, changedOnDisk } of merged.kept) {
    const why = base
      ? changedOnDisk
        ? "kept: changed on disk since the build"
        : "kept; --prune deletes it"
      : "kept: not in Twine's copy";
    plan.report.removed.push(`${shown(name)} (${sourceByName.get(name)?.file ?? "?"}; ${why})`);
  }
  storyLevel(source, merged, plan, planner.edit);
  planCode(input, planner, { resolve, setAside: options.setAside ?? false });
  plan.report.notImported.push(...notKept(imported, published));
  return plan;
}

/** The passages' changes and Twine's new passages as edits of Twee files, and picture files written, moved or deleted. */
function applyPassages(
  merged: Merged,
  imported: TwineStory,
  source: Story,
  published: TwineStory,
  planner: Planner,
  taken: (file: string) => boolean,
): void {
  const { plan } = planner;
  const sourceByName = new Map<string, Passage>(source.passages.map((p) => [p.name, p]));
  const ours = new Map(published.passages.map((p) => [p.name, p]));
  const picture = (p: TwinePassage) => {
    const read = readPicture(p.text);
    if ("problem" in read) plan.problems.push(`picture ${JSON.stringify(p.name)}: ${read.problem}`);
    return "problem" in read ? undefined : read;
  };
  const trailing = (name: string, text: string) => {
    if (/[ \t]\n*$/.test(text) || /^\n*[ \t]/.test(text))
      plan.report.notImported.push(
        `${shown(name)}: spaces at the start or end of its text (Twee and tweego trim a passage's ends; lines inside it keep theirs)`,
      );
  };

  for (const theirs of merged.added) {
    if (sourceByName.has(theirs.name)) {
      plan.problems.push(
        `Twine's new passage ${JSON.stringify(theirs.name)} has the name of ${sourceByName.get(theirs.name)!.file}'s passage, which the build does not publish: rename it in Twine`,
      );
      continue;
    }
    if (isPicture(theirs)) {
      const read = picture(theirs);
      if (!read) continue;
      const file = planner.newFile(`images/${fileSafe(theirs.name) ? theirs.name : slug(theirs.name)}`, read.ext);
      plan.writes.set(file, read.bytes);
      plan.report.added.push(`${shown(theirs.name)} → ${file}`);
      const name = path.basename(file).split(".")[0]!;
      if (name !== theirs.name)
        plan.report.notImported.push(
          `picture ${JSON.stringify(theirs.name)}: its passage name will be ${JSON.stringify(name)}, its file's name`,
        );
      continue;
    }
    const file = planner.newFile(slug(theirs.name), "twee");
    plan.writes.set(file, passageTwee({ ...theirs, metadata: metadataOf(theirs), text: goTrimSpace(theirs.text) }));
    plan.report.added.push(`${shown(theirs.name)} → ${file}`);
    trailing(theirs.name, theirs.text);
  }

  for (const [oldName, change] of merged.changes) {
    const at = sourceByName.get(oldName)!;
    const mine = ours.get(oldName)!;
    if (change === null) {
      if (isTweeFile(at.file)) planner.edit(at, null);
      else plan.deletes.add(at.file);
      plan.report.removed.push(`${shown(oldName)} (${at.file}; pruned)`);
      continue;
    }
    const what = merged.taken.get(oldName) ?? [];
    const name = change.name ?? oldName;
    const rename = name !== oldName;
    if (isPicture(mine) || !isTweeFile(at.file)) {
      pictureChange(
        at,
        { ...mine, ...change, tags: change.tags ?? mine.tags, name },
        what,
        rename,
        planner,
        taken,
        picture,
      );
      continue;
    }
    const edit: { name?: string; tags?: readonly string[]; metadata?: PassageMetadata; text?: string } = {};
    if (rename) edit.name = name;
    if (change.text !== undefined) edit.text = change.text;
    if (what.includes("text")) trailing(name, imported.passages.find((p) => p.name === name)?.text ?? "");
    if (change.tags !== undefined) edit.tags = change.tags;
    if (change.position !== undefined || change.size !== undefined)
      edit.metadata = metadataOf({ position: change.position ?? mine.position, size: change.size ?? mine.size });
    planner.edit(at, edit);
    const taken_ = what.length ? ` (${rename ? "and " : ""}${what.join(", ")})` : "";
    if (rename) plan.report.renamed.push(`${shown(oldName)} → ${shown(name)}${taken_} in ${at.file}`);
    else if (what.length) plan.report.changed.push(`${name} (${what.join(", ")}) in ${at.file}`);
  }
}

/** A passage made from a file (a picture): its content goes back to that file, its name is the file's. */
function pictureChange(
  at: Passage,
  theirs: TwinePassage & PassageChange,
  what: readonly string[],
  rename: boolean,
  planner: Planner,
  taken: (file: string) => boolean,
  picture: (p: TwinePassage) => ReturnType<typeof readPicture> | undefined,
): void {
  const { plan } = planner;
  const read = what.includes("text") || rename ? picture(theirs) : undefined;
  const renameTo = rename
    ? `${path.dirname(at.file)}/${theirs.name}${path.basename(at.file).slice(at.name.length)}`
    : at.file;
  if (rename && (!fileSafe(theirs.name) || taken(renameTo))) {
    plan.report.notImported.push(
      `${at.name} → ${theirs.name}: a picture's name is its file's name, and ${JSON.stringify(theirs.name)} cannot be one here`,
    );
    return;
  }
  if (read && "bytes" in read) {
    if (rename) {
      // Unchanged data keeps the file's own bytes: the build publishes pictures optimised (sources/images.ts).
      if (what.includes("text")) plan.writes.set(renameTo, read.bytes);
      else plan.moves.set(at.file, renameTo);
      plan.deletes.add(at.file);
      plan.report.renamed.push(`${at.name} → ${theirs.name} (${at.file} → ${renameTo})`);
    } else {
      plan.writes.set(at.file, read.bytes);
      plan.replaces.add(at.file);
      plan.report.changed.push(`${theirs.name} (picture) in ${at.file}`);
    }
  }
  const rest = what.filter((w) => w !== "text");
  if (rest.length > 0)
    plan.report.notImported.push(
      `${theirs.name}: ${rest.join(", ")} of a passage made from ${path.basename(at.file)} (not stored in Twee)`,
    );
}

/** StoryTitle, and StoryData's start passage, tag colours and zoom, as merged; the format and IFID stay ours. */
function storyLevel(source: Story, merged: Merged, plan: ImportPlan, edit: (p: Passage, e: PassageEdit) => void): void {
  const data = source.data;
  const { story } = merged;
  if (story.name !== undefined && story.name !== source.name) {
    const title = { name: "StoryTitle", tags: [], metadata: {}, text: source.name, ...source.titleSource };
    edit(title, { text: story.name });
    plan.report.changed.push(`StoryTitle (${JSON.stringify(story.name)}) in ${source.titleSource.file}`);
  }
  const changed: string[] = [];
  const start = story.start ?? merged.renames.get(data.start) ?? data.start;
  if (start !== data.start) changed.push(`start ${JSON.stringify(start)}`);
  const colors = story.tagColors ?? data.tagColors;
  if (colors !== data.tagColors) changed.push("tag colours");
  const zoom = story.zoom ?? data.zoom;
  if (zoom !== data.zoom) changed.push(`zoom ${zoom}`);
  if (changed.length > 0) {
    const json: Record<string, unknown> = {
      ifid: data.ifid,
      format: data.format,
      "format-version": data.formatVersion,
      start,
    };
    if (Object.keys(colors).length > 0) json["tag-colors"] = colors;
    if (zoom !== 1) json.zoom = zoom;
    if (data.options.length > 0) json.options = data.options;
    edit(
      { name: "StoryData", tags: [], metadata: {}, text: "", ...data.source },
      { text: JSON.stringify(json, null, 2) },
    );
    plan.report.changed.push(`StoryData (${changed.join(", ")}) in ${data.source.file}`);
  }
}

/** What Twine's copy says of itself that Twee does not keep: its format, IFID and library tags. */
function notKept(imported: TwineStory, published: TwineStory): string[] {
  const notes: string[] = [];
  if (imported.formatVersion && imported.formatVersion !== published.formatVersion) {
    notes.push(
      `format ${imported.format} ${imported.formatVersion}: kept ${published.format} ${published.formatVersion}, the runtime the build embeds`,
    );
  }
  if (imported.ifid && imported.ifid !== published.ifid)
    notes.push(`IFID ${imported.ifid}: kept the mystery's own, ${published.ifid}`);
  if (imported.tags.length > 0)
    notes.push(`story tags ${imported.tags.join(" ")}: Twine's library tags have no place in Twee`);
  return notes;
}
