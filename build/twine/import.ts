// build/twine/: Twine 2 interchange (read its files, plan and write imports, lay out the story map).
// Imports build/pipeline/ and below.
//
// Plans bringing a story edited in Twine back into its Twee files. Pure: it compares what Twine
// gives back with what our build publishes (read with the same reader), and turns each
// difference into an edit of the file the passage lives in. Nothing is written here, and nothing
// is written at all while the plan has a problem (import-files.ts turns it into file contents and
// checks those too).
import path from "node:path";
import { readPicture } from "./pictures.js";
import type { Story } from "../compile/story.js";
import { type PassageEdit, passageTwee } from "../twee/twee-edit.js";
import type { Passage, PassageMetadata } from "../twee/twee.js";
import type { TwinePassage, TwineStory } from "./twine-read.js";
import { isTweeFile } from "../compile/sources.js";

export interface ImportPlan {
  /** Twee file (project-relative) → passage edits to apply in place (null removes a passage). */
  readonly edits: Map<string, Map<string, PassageEdit>>;
  /** Files to write: new passages and pictures, changed pictures. */
  readonly writes: Map<string, string | Buffer>;
  /** Existing files a write means to replace (a changed picture). */
  readonly replaces: Set<string>;
  /** Files to delete (a pruned or renamed picture). */
  readonly deletes: Set<string>;
  /** Files renamed with their bytes as they are (a picture renamed in Twine, its data unchanged): from → to. */
  readonly moves: Map<string, string>;
  /** Why the import must not go ahead; nothing is written while there is one. */
  readonly problems: string[];
  readonly report: {
    readonly changed: string[];
    readonly added: string[];
    readonly renamed: string[];
    readonly removed: string[];
    readonly notImported: string[];
    unchanged: number;
  };
}

export interface PlanOptions {
  /** Delete passages deleted in Twine (else they are only reported). */
  readonly prune?: boolean;
  /** Every file in the mystery's folder (project-relative), so a new file never lands on one. */
  readonly existingFiles?: ReadonlySet<string>;
}

/** A file name for a new passage: its name, lower-case, dashes for the rest. */
export function slug(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "passage";
}

/** A name in a report: quoted when spaces at its ends would not show. */
const shown = (name: string) => (/^\s|\s$/.test(name) ? JSON.stringify(name) : name);
/** A picture's passage name is its file name up to the first dot: names that can be one as they are. */
const fileSafe = (name: string) => /^[^/\\.:*?"<>|\0-\x1f]+$/.test(name) && name.trim() === name;
const isPicture = (p: { tags: readonly string[] }) => p.tags.includes("Twine.image");
const metadataOf = (p: TwinePassage): PassageMetadata => ({
  position: p.position || undefined,
  size: p.size === "100,100" ? undefined : p.size,
});

function diff(ours: TwinePassage, theirs: TwinePassage): { edit: NonNullable<PassageEdit>; what: string[] } {
  const edit: { tags?: readonly string[]; metadata?: PassageMetadata; text?: string } = {};
  const what: string[] = [];
  if (theirs.text.trim() !== ours.text) {
    edit.text = theirs.text.trim();
    what.push("text");
  }
  if (theirs.tags.join(" ") !== ours.tags.join(" ")) {
    edit.tags = theirs.tags;
    what.push("tags");
  }
  if (theirs.position !== ours.position || theirs.size !== ours.size) {
    edit.metadata = metadataOf(theirs);
    what.push(theirs.position !== ours.position ? "position" : "size");
  }
  return { edit, what };
}

/**
 * Passages renamed in Twine: gone under the old name, there under a new one with the same text and
 * position (Twine already rewrote the links to them). Only one-to-one matches count.
 */
function renames(published: TwineStory, imported: TwineStory): Map<string, string> {
  const theirNames = new Set(imported.passages.map((p) => p.name));
  const ourNames = new Set(published.passages.map((p) => p.name));
  const gone = published.passages.filter((p) => !theirNames.has(p.name));
  const fresh = imported.passages.filter((p) => !ourNames.has(p.name));
  const same = (a: TwinePassage, b: TwinePassage) => a.text.trim() === b.text.trim() && a.position === b.position;
  const found = new Map<string, string>(); // old → new
  for (const old of gone) {
    const matches = fresh.filter((p) => same(old, p));
    if (matches.length === 1 && gone.filter((g) => same(g, matches[0]!)).length === 1) found.set(old.name, matches[0]!.name);
  }
  return found;
}

/** Problems with what came back that no file change could put right. */
function inputProblems(published: TwineStory, imported: TwineStory): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const p of imported.passages) {
    if (seen.has(p.name)) problems.push(`Twine's story has two passages named ${JSON.stringify(p.name)}: rename one in Twine`);
    seen.add(p.name);
    if (/[\r\n]/.test(p.name)) problems.push(`the passage name ${JSON.stringify(p.name)} has a line break, which a Twee header cannot hold: rename it in Twine`);
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

/**
 * @param source    the mystery as loaded from its files (passages know their file and line)
 * @param published what our build publishes for it, read back like an import
 * @param imported  what came back from Twine
 * @param dir       the mystery's folder, project-relative, for new files
 */
export function planImport(source: Story, published: TwineStory, imported: TwineStory, dir: string, options: PlanOptions = {}): ImportPlan {
  const plan: ImportPlan = {
    edits: new Map(),
    writes: new Map(),
    replaces: new Set(),
    deletes: new Set(),
    moves: new Map(),
    problems: inputProblems(published, imported),
    report: { changed: [], added: [], renamed: [], removed: [], notImported: [], unchanged: 0 },
  };
  const sourceByName = new Map<string, Passage>(source.passages.map((p) => [p.name, p]));
  const ours = new Map(published.passages.map((p) => [p.name, p]));
  const renamed = renames(published, imported);
  const newName = new Map([...renamed].map(([old, name]) => [name, old]));
  const edit = (p: Passage, e: PassageEdit) => {
    if (!plan.edits.has(p.file)) plan.edits.set(p.file, new Map());
    plan.edits.get(p.file)!.set(p.name, e);
  };
  const taken = (file: string) => plan.writes.has(file) || options.existingFiles?.has(file) || source.passages.some((p) => p.file === file);
  const newFile = (base: string, ext: string) => {
    let file = `${dir}/${base}.${ext}`;
    for (let n = 2; taken(file); n++) file = `${dir}/${base}-${n}.${ext}`;
    return file;
  };
  const picture = (p: TwinePassage) => {
    const read = readPicture(p.text);
    if ("problem" in read) plan.problems.push(`picture ${JSON.stringify(p.name)}: ${read.problem}`);
    return "problem" in read ? undefined : read;
  };

  for (const theirs of imported.passages) {
    const oldName = newName.get(theirs.name) ?? theirs.name;
    const mine = ours.get(oldName);
    const at = sourceByName.get(oldName);
    if (!mine || !at) {
      if (sourceByName.has(theirs.name)) {
        plan.problems.push(`Twine's new passage ${JSON.stringify(theirs.name)} has the name of ${sourceByName.get(theirs.name)!.file}'s passage, which the build does not publish: rename it in Twine`);
        continue;
      }
      if (isPicture(theirs)) {
        const read = picture(theirs);
        if (!read) continue;
        const file = newFile(`images/${fileSafe(theirs.name) ? theirs.name : slug(theirs.name)}`, read.ext);
        plan.writes.set(file, read.bytes);
        plan.report.added.push(`${shown(theirs.name)} → ${file}`);
        const name = path.basename(file).split(".")[0]!;
        if (name !== theirs.name) plan.report.notImported.push(`picture ${JSON.stringify(theirs.name)}: its passage name will be ${JSON.stringify(name)}, its file's name`);
        continue;
      }
      const file = newFile(slug(theirs.name), "twee");
      plan.writes.set(file, passageTwee({ ...theirs, metadata: metadataOf(theirs), text: theirs.text.trim() }));
      plan.report.added.push(`${shown(theirs.name)} → ${file}`);
      continue;
    }
    const { edit: change, what } = diff(mine, theirs);
    const rename = oldName !== theirs.name;
    if (what.length === 0 && !rename) {
      plan.report.unchanged++;
    } else if (isPicture(theirs) || !isTweeFile(at.file)) {
      // A passage made from a file (a picture): its content goes back to that file, its name is the file's.
      const read = what.includes("text") || rename ? picture(theirs) : undefined;
      const renameTo = rename ? `${path.dirname(at.file)}/${theirs.name}${path.basename(at.file).slice(oldName.length)}` : at.file;
      if (rename && (!fileSafe(theirs.name) || taken(renameTo))) {
        plan.report.notImported.push(`${oldName} → ${theirs.name}: a picture's name is its file's name, and ${JSON.stringify(theirs.name)} cannot be one here`);
        continue;
      }
      if (rename && read) {
        // Unchanged data keeps the file's own bytes: the build publishes pictures optimised (images.ts).
        if (what.includes("text")) plan.writes.set(renameTo, read.bytes);
        else plan.moves.set(at.file, renameTo);
        plan.deletes.add(at.file);
        plan.report.renamed.push(`${oldName} → ${theirs.name} (${at.file} → ${renameTo})`);
      } else if (read) {
        plan.writes.set(at.file, read.bytes);
        plan.replaces.add(at.file);
        plan.report.changed.push(`${theirs.name} (picture) in ${at.file}`);
      }
      const rest = what.filter((w) => w !== "text");
      if (rest.length > 0) plan.report.notImported.push(`${theirs.name}: ${rest.join(", ")} of a passage made from ${path.basename(at.file)} (not stored in Twee)`);
    } else if (rename) {
      edit(at, { ...change, name: theirs.name });
      plan.report.renamed.push(`${shown(oldName)} → ${shown(theirs.name)}${what.length ? ` (and ${what.join(", ")})` : ""} in ${at.file}`);
    } else {
      edit(at, change);
      plan.report.changed.push(`${theirs.name} (${what.join(", ")}) in ${at.file}`);
    }
  }

  const theirNames = new Set(imported.passages.map((p) => p.name));
  for (const mine of published.passages) {
    if (theirNames.has(mine.name) || renamed.has(mine.name)) continue;
    const at = sourceByName.get(mine.name);
    plan.report.removed.push(`${mine.name} (${at?.file ?? "?"})`);
    if (!options.prune || !at) continue;
    if (isTweeFile(at.file)) edit(at, null);
    else plan.deletes.add(at.file);
  }

  if (imported.script.trim() !== published.script.trim()) {
    plan.report.notImported.push("Story JavaScript differs from the macros bundle: edit macros/*.ts instead (Twine's copy is not written back)");
  }
  if (imported.stylesheet.trim() !== published.stylesheet.trim()) {
    plan.report.notImported.push("Story Stylesheet differs from the built styles: edit styles/*.css instead (Twine's copy is not written back)");
  }
  storyLevel(source, published, imported, plan, edit);
  return plan;
}

/** StoryTitle, and StoryData's start passage, tag colours and zoom; the format and IFID stay ours. */
function storyLevel(
  source: Story,
  published: TwineStory,
  imported: TwineStory,
  plan: ImportPlan,
  edit: (p: Passage, e: PassageEdit) => void,
): void {
  const data = source.data;
  if (imported.name && imported.name !== published.name) {
    const title = { name: "StoryTitle", tags: [], metadata: {}, text: source.name, ...source.titleSource };
    edit(title, { text: imported.name });
    plan.report.changed.push(`StoryTitle (${JSON.stringify(imported.name)}) in ${source.titleSource.file}`);
  }
  const changed: string[] = [];
  const start = imported.start && imported.start !== published.start ? imported.start : data.start;
  if (start !== data.start) changed.push(`start ${JSON.stringify(start)}`);
  const colors = JSON.stringify(imported.tagColors) !== JSON.stringify(published.tagColors) ? imported.tagColors : data.tagColors;
  if (colors !== data.tagColors) changed.push("tag colours");
  const zoom = imported.zoom !== published.zoom ? imported.zoom : data.zoom;
  if (zoom !== data.zoom) changed.push(`zoom ${zoom}`);
  if (changed.length > 0) {
    const json: Record<string, unknown> = { ifid: data.ifid, format: data.format, "format-version": data.formatVersion, start };
    if (Object.keys(colors).length > 0) json["tag-colors"] = colors;
    if (zoom !== 1) json.zoom = zoom;
    if (data.options.length > 0) json.options = data.options;
    edit({ name: "StoryData", tags: [], metadata: {}, text: "", ...data.source }, { text: JSON.stringify(json, null, 2) });
    plan.report.changed.push(`StoryData (${changed.join(", ")}) in ${data.source.file}`);
  }
  if (imported.formatVersion && imported.formatVersion !== published.formatVersion) {
    plan.report.notImported.push(
      `format ${imported.format} ${imported.formatVersion}: kept ${published.format} ${published.formatVersion}, the runtime the build embeds`,
    );
  }
  if (imported.ifid && imported.ifid !== published.ifid) {
    plan.report.notImported.push(`IFID ${imported.ifid}: kept the mystery's own, ${published.ifid}`);
  }
  if (imported.tags.length > 0) {
    plan.report.notImported.push(`story tags ${imported.tags.join(" ")}: Twine's library tags have no place in Twee`);
  }
}
