// A mystery laid out for Twine's story map: the passages and arrows the map shows (mapPassages),
// and new positions for the passages that have none, written into their Twee headers in place.
import path from "node:path";
import { readSources } from "../sources/mystery-files.js";
import { loadStory } from "../model/story.js";
import { defaultPosition } from "../compile/html.js";
import { ourMacroSpecs } from "../bundle/macro-specs.js";
import { type LayoutPassage, layoutStory } from "./layout.js";
import { profileFor } from "../story-format/formats.js";
import { macroRoles, type MacroRoles } from "../story-format/macro-roles.js";
import { onTwineMap } from "../story-format/passage-kinds.js";
import type { StoryFormatProfile } from "../story-format/profile.js";
import { MOVE_KINDS } from "../story-format/reading.js";
import { display, root } from "../shared/paths.js";
import { editTwee, type PassageEdit } from "../twee/twee-edit.js";
import type { Passage } from "../twee/twee.js";
import { twineLinks } from "../twee/twine-links.js";
import { isTweeFile, editableText, NOT_UTF8_FIX } from "../sources/sources.js";
import { BuildError } from "../shared/errors.js";
import { writeAll } from "../shared/write-all.js";

export interface LayoutResult {
  /** The mystery's folder, for messages. */
  readonly dir: string;
  /** Passages given a position, by name. */
  readonly placed: readonly string[];
  /** Twee passages that already had one. */
  readonly kept: number;
  /** Passages made from image files: no header to hold a position. */
  readonly skipped: readonly string[];
  /** Files rewritten. */
  readonly files: readonly string[];
}

/**
 * Where a passage leads, as the map reads it: its `[[…]]` links as Twine reads them (the arrows it
 * draws), and the passages the format's macros, ours (by their `roles`) and data-passage go to or
 * include, in text order.
 */
export function mapLinks(text: string, profile: StoryFormatProfile, roles: MacroRoles): string[] {
  const arrows = twineLinks(text)
    .filter((l) => l.drawn)
    .map((l) => ({ offset: l.offset, target: l.target }));
  const others = profile
    .scan(text, roles)
    .links.filter((l) => l.markupEnd === undefined && !l.dynamic && (MOVE_KINDS.has(l.kind) || l.kind === "include"));
  return [...arrows, ...others].sort((a, b) => a.offset - b.offset).map((l) => l.target);
}

/** The passages Twine's map shows, in the HTML's passage-id order, as layoutStory takes them. */
export function mapPassages(
  passages: readonly Passage[],
  profile: StoryFormatProfile,
  roles: MacroRoles,
): { passage: Passage; map: LayoutPassage; fromTwee: boolean }[] {
  const shown = passages.filter(onTwineMap);
  return shown.map((passage, i) => {
    const fromTwee = isTweeFile(passage.file);
    const links = fromTwee ? mapLinks(passage.text, profile, roles) : [];
    const position = passage.metadata.position ?? (fromTwee ? undefined : defaultPosition(i + 1));
    const { size } = passage.metadata;
    const map: LayoutPassage = {
      name: passage.name,
      links,
      ...(position ? { position } : {}),
      ...(size ? { size } : {}),
    };
    return { passage, map, fromTwee };
  });
}

/** Lays out one mystery's folder and writes the new positions into its Twee files. */
export async function layoutMystery(dir: string): Promise<LayoutResult> {
  const files = await readSources(dir);
  const story = loadStory(files);
  const shown = mapPassages(story.passages, profileFor(story.data.format), macroRoles(ourMacroSpecs()));
  const positions = layoutStory(
    shown.map((s) => s.map),
    story.data.start,
  );
  const edits = new Map<string, Map<string, PassageEdit>>(); // file → passage → edit
  const placed: string[] = [];
  for (const { passage, fromTwee } of shown) {
    const position = positions.get(passage.name);
    if (!fromTwee || position === undefined) continue;
    if (!edits.has(passage.file)) edits.set(passage.file, new Map());
    edits.get(passage.file)!.set(passage.name, { metadata: { ...passage.metadata, position } });
    placed.push(passage.name);
  }
  const updates = new Map<string, string>();
  for (const [file, fileEdits] of edits) {
    const source = editableText(files.find((f) => f.path === file)!);
    if (source === null)
      throw new BuildError(
        `${file} is not UTF-8, so its positions cannot be written into it`,
        { file, line: 1 },
        NOT_UTF8_FIX,
      );
    const updated = editTwee(source, file, fileEdits);
    if (updated !== source) updates.set(file, updated);
  }
  // All files or none, like an import.
  await writeAll(new Map([...updates].map(([file, text]) => [path.join(root, file), text])));
  const written = [...updates.keys()];
  return {
    dir: display(dir),
    placed,
    kept: shown.filter((s) => s.fromTwee && s.passage.metadata.position !== undefined).length,
    skipped: shown.filter((s) => !s.fromTwee).map((s) => s.passage.name),
    files: written,
  };
}

export function summary(r: LayoutResult): string {
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  let text = `${r.dir}: placed ${plural(r.placed.length, "passage")}, kept ${r.kept}`;
  if (r.skipped.length > 0) {
    text +=
      `\n  skipped ${plural(r.skipped.length, "image passage")} made from image files (no Twee header to hold a ` +
      `position; the map shows them at tweego's default places, which new boxes avoid): ${r.skipped.join(", ")}`;
  }
  return text;
}
