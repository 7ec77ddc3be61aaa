// Plans bringing a story edited in Twine back into its Twee files. Pure: it compares what Twine
// gives back with what our build publishes (read with the same reader), and turns each
// difference into an edit of the file the passage lives in. Nothing is written here.
import path from "node:path";
import type { Story } from "./story.js";
import { type PassageEdit, passageTwee } from "./twee-edit.js";
import type { Passage, PassageMetadata } from "./twee.js";
import type { TwinePassage, TwineStory } from "./twine-read.js";

export interface ImportPlan {
  /** Twee file (project-relative) → passage edits to apply in place. */
  readonly edits: Map<string, Map<string, PassageEdit>>;
  /** New files: path → content (new passages, changed images). */
  readonly writes: Map<string, string | Buffer>;
  readonly report: {
    readonly changed: string[];
    readonly added: string[];
    readonly removed: string[];
    readonly notImported: string[];
    unchanged: number;
  };
}

const IMAGE_EXT: Readonly<Record<string, string>> = {
  "image/svg+xml": "svg", "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
};

/** A file name for a new passage: its name, lower-case, dashes for the rest. */
export function slug(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "passage";
}

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
    edit.metadata = { position: theirs.position || undefined, size: theirs.size === "100,100" ? undefined : theirs.size };
    what.push(theirs.position !== ours.position ? "position" : "size");
  }
  return { edit, what };
}

/**
 * @param source   the mystery as loaded from its files (passages know their file and line)
 * @param published what our build publishes for it, read back like an import
 * @param imported  what came back from Twine
 * @param dir       the mystery's folder, project-relative, for new files
 */
export function planImport(source: Story, published: TwineStory, imported: TwineStory, dir: string): ImportPlan {
  const plan: ImportPlan = {
    edits: new Map(),
    writes: new Map(),
    report: { changed: [], added: [], removed: [], notImported: [], unchanged: 0 },
  };
  const sourceByName = new Map<string, Passage>(source.passages.map((p) => [p.name, p]));
  const ours = new Map(published.passages.map((p) => [p.name, p]));
  const edit = (p: Passage, e: PassageEdit) => {
    if (!plan.edits.has(p.file)) plan.edits.set(p.file, new Map());
    plan.edits.get(p.file)!.set(p.name, e);
  };
  const newFile = (base: string, ext: string) => {
    let file = `${dir}/${base}.${ext}`;
    for (let n = 2; plan.writes.has(file) || source.passages.some((p) => p.file === file); n++) file = `${dir}/${base}-${n}.${ext}`;
    return file;
  };

  for (const theirs of imported.passages) {
    const mine = ours.get(theirs.name);
    const at = sourceByName.get(theirs.name);
    const isImage = theirs.tags.includes("Twine.image");
    if (!mine || !at) {
      if (isImage) {
        const [, type = "", b64 = ""] = /^data:([^;,]+);base64,(.*)$/s.exec(theirs.text.trim()) ?? [];
        const ext = IMAGE_EXT[type];
        if (!ext) {
          plan.report.notImported.push(`image "${theirs.name}": not a base64 data URI of a known image type`);
          continue;
        }
        const file = newFile(`images/${slug(theirs.name)}`, ext);
        plan.writes.set(file, Buffer.from(b64, "base64"));
        plan.report.added.push(`${theirs.name} → ${file}`);
        continue;
      }
      const file = newFile(slug(theirs.name), "twee");
      const metadata = { position: theirs.position || undefined, size: theirs.size === "100,100" ? undefined : theirs.size };
      plan.writes.set(file, passageTwee({ ...theirs, metadata, text: theirs.text.trim() }));
      plan.report.added.push(`${theirs.name} → ${file}`);
      continue;
    }
    const { edit: change, what } = diff(mine, theirs);
    if (what.length === 0) {
      plan.report.unchanged++;
    } else if (isImage || !/\.tw(ee)?$/.test(at.file)) {
      // A passage made from a file (an image): its content goes back to that file.
      const b64 = /^data:[^;,]+;base64,(.*)$/s.exec(theirs.text.trim())?.[1];
      if (what.includes("text") && b64 !== undefined) {
        plan.writes.set(at.file, Buffer.from(b64, "base64"));
        plan.report.changed.push(`${theirs.name} (image) in ${at.file}`);
      } else {
        plan.report.notImported.push(`${theirs.name}: ${what.join(", ")} of a passage made from ${path.basename(at.file)} (not stored in Twee)`);
      }
    } else {
      edit(at, change);
      plan.report.changed.push(`${theirs.name} (${what.join(", ")}) in ${at.file}`);
    }
  }

  const theirNames = new Set(imported.passages.map((p) => p.name));
  for (const mine of published.passages) {
    if (!theirNames.has(mine.name)) plan.report.removed.push(`${mine.name} (${sourceByName.get(mine.name)?.file ?? "?"})`);
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

/** StoryTitle, and StoryData's start passage and tag colours; the format stays ours. */
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
  const start = imported.start && imported.start !== published.start ? imported.start : data.start;
  const colors = JSON.stringify(imported.tagColors) !== JSON.stringify(published.tagColors) ? imported.tagColors : data.tagColors;
  if (start !== data.start || colors !== data.tagColors) {
    const json: Record<string, unknown> = {
      ifid: data.ifid,
      format: data.format,
      "format-version": data.formatVersion,
      start,
    };
    if (Object.keys(colors).length > 0) json["tag-colors"] = colors;
    if (data.zoom !== 1) json.zoom = data.zoom;
    if (data.options.length > 0) json.options = data.options;
    edit({ name: "StoryData", tags: [], metadata: {}, text: "", ...data.source }, { text: JSON.stringify(json, null, 2) });
    plan.report.changed.push(`StoryData (${start !== data.start ? "start" : "tag colours"}) in ${data.source.file}`);
  }
  if (imported.formatVersion && imported.formatVersion !== published.formatVersion) {
    plan.report.notImported.push(
      `format ${imported.format} ${imported.formatVersion}: kept ${published.format} ${published.formatVersion}, the runtime the build embeds`,
    );
  }
}
