// The three-way merge of an import, passage by passage and property by property (text, tags,
// position, size), as git merges lines: what Twine was given (the base, found by the build mark),
// what Twine sends back, and what the files hold now. Changed only in Twine → taken; changed only
// on disk → kept; changed on both sides alike → kept; changed on both sides otherwise, or deleted
// on one side and changed on the other → a conflict, which the author settles with --take. A
// passage added on disk after the build is never pruned. Without a base every difference is a
// conflict unless the author says which side wins. Pure.
import { goTrimSpace } from "../twee/go-text.js";
import { twineRename } from "../twee/twine-links.js";
import type { TwinePassage, TwineStory } from "./twine-read.js";

export type Side = "twine" | "disk";
/** The side the author chose for a conflict (by its key: a passage's name, "StoryTitle", "StoryData", a file's name). */
export type Resolve = (key: string) => Side | undefined;

export interface Conflict {
  /** What --take names. */
  readonly key: string;
  /** Which property, or what happened on each side. */
  readonly what: string;
  readonly twine: string;
  readonly disk: string;
}

/** What to do to a passage on disk: only the properties given change (`name`: renamed). */
export interface PassageChange {
  name?: string;
  text?: string;
  tags?: readonly string[];
  position?: string;
  size?: string;
}

export interface Merged {
  /** A passage on disk, by its name there → what changes (null: deleted). */
  readonly changes: Map<string, PassageChange | null>;
  /** What each change takes from Twine, for the report ("text", "tags", …). */
  readonly taken: Map<string, string[]>;
  /** Passages that come in from Twine. */
  readonly added: TwinePassage[];
  /** Renamed in Twine, old → new, and so renamed on disk. */
  readonly renames: Map<string, string>;
  /** Not in Twine's copy, kept on disk (no --prune, or --take disk); changed there since the build, or not known. */
  readonly kept: { readonly name: string; readonly changedOnDisk: boolean }[];
  readonly conflicts: Conflict[];
  /** StoryTitle and StoryData settings that take Twine's value. */
  readonly story: { name?: string; start?: string; tagColors?: Readonly<Record<string, string>>; zoom?: number };
  unchanged: number;
}

const PROPS = ["text", "tags", "position", "size"] as const;
type Prop = (typeof PROPS)[number];
/** A property as Twee holds it: passage text is trimmed as tweego trims it. */
const propValue = (p: TwinePassage, prop: Prop): string =>
  prop === "text" ? goTrimSpace(p.text) : prop === "tags" ? p.tags.join(" ") : p[prop];
const same = (a: TwinePassage, b: TwinePassage) => PROPS.every((prop) => propValue(a, prop) === propValue(b, prop));
const shownValue = (p: TwinePassage, prop: Prop) =>
  prop === "text" ? goTrimSpace(p.text) : propValue(p, prop) || "(none)";

/**
 * Passages renamed in Twine: gone under the old name, there under a new one with the same text and
 * position (Twine already rewrote the links to them). Only one-to-one matches count.
 */
export function renames(before: TwineStory, after: TwineStory): Map<string, string> {
  const afterNames = new Set(after.passages.map((p) => p.name));
  const beforeNames = new Set(before.passages.map((p) => p.name));
  const gone = before.passages.filter((p) => !afterNames.has(p.name));
  const fresh = after.passages.filter((p) => !beforeNames.has(p.name));
  const alike = (a: TwinePassage, b: TwinePassage) =>
    goTrimSpace(a.text) === goTrimSpace(b.text) && a.position === b.position;
  const found = new Map<string, string>();
  for (const old of gone) {
    const matches = fresh.filter((p) => alike(old, p));
    if (matches.length === 1 && gone.filter((g) => alike(g, matches[0]!)).length === 1)
      found.set(old.name, matches[0]!.name);
  }
  return found;
}

/** The passages of a story with Twine's rename of links applied for each rename, by name. */
function relinked(story: TwineStory, moved: ReadonlyMap<string, string>): Map<string, TwinePassage> {
  const apply = (text: string) => [...moved].reduce((t, [from, to]) => twineRename(t, from, to), text);
  return new Map(story.passages.map((p) => [p.name, moved.size ? { ...p, text: apply(p.text) } : p]));
}

export interface MergeOptions {
  readonly prune?: boolean;
  readonly resolve: Resolve;
  /** Whether the files hold a passage's position or size (by its name there); one they do not is
   *  the build's default, which moves as passages are added, so only Twine's can have been chosen. */
  readonly stored?: (name: string, prop: "position" | "size") => boolean;
}

/** Merges `theirs` (Twine's) into `ours` (the files') from `base` (what Twine was given; undefined: not found). */
export function mergeStories(
  base: TwineStory | undefined,
  theirs: TwineStory,
  ours: TwineStory,
  { prune = false, resolve, stored }: MergeOptions,
): Merged {
  const merged: Merged = {
    changes: new Map(),
    taken: new Map(),
    added: [],
    renames: renames(base ?? ours, theirs),
    kept: [],
    conflicts: [],
    story: {},
    unchanged: 0,
  };
  const { renames: moved, conflicts } = merged;
  const b = base && relinked(base, moved);
  const o = relinked(ours, moved);
  const t = new Map(theirs.passages.map((p) => [p.name, p]));
  const newName = (name: string) => moved.get(name) ?? name;
  const keys = new Set([
    ...(b?.keys() ?? []),
    ...o.keys(),
    ...[...t.keys()].filter((n) => ![...moved.values()].includes(n)),
  ]);
  const conflict = (key: string, what: string, twine: string, disk: string) =>
    conflicts.push({ key, what, twine, disk });

  for (const key of keys) {
    const name = newName(key);
    const [bp, tp, op] = [b?.get(key), t.get(name), o.get(key)];
    // Asked only where there is a conflict to settle, so a --take that names none can be reported.
    const side = () => resolve(name) ?? (name !== key ? resolve(key) : undefined);
    if (tp && op) {
      if (name !== key && o.has(name)) {
        conflict(
          name,
          `renamed in Twine from ${JSON.stringify(key)}, and the files already have a passage of that name`,
          name,
          name,
        );
        continue;
      }
      if (name !== key && !base && side() !== "twine") {
        if (side() === undefined)
          conflict(
            name,
            `named ${JSON.stringify(name)} in Twine and ${JSON.stringify(key)} on disk, and the base is unknown`,
            name,
            key,
          );
        else merged.unchanged++; // the disk's name, and all the disk has
        continue;
      }
      const change: PassageChange = name !== key ? { name } : {};
      const taken: string[] = [];
      for (const prop of PROPS) {
        const [tv, ov] = [propValue(tp, prop), propValue(op, prop)];
        if (tv === ov) continue;
        const bv = bp && propValue(bp, prop);
        const defaulted = (prop === "position" || prop === "size") && stored !== undefined && !stored(key, prop);
        const from = defaulted
          ? bp && bv === tv
            ? "disk"
            : "twine"
          : bp && bv === ov
            ? "twine"
            : bp && bv === tv
              ? "disk"
              : side();
        if (from === "twine") {
          (change as Record<string, unknown>)[prop] = prop === "tags" ? tp.tags : tv;
          taken.push(prop);
        } else if (from === undefined) {
          const what = bp ? `${prop}, changed in Twine and on disk` : `${prop}, which differs, and the base is unknown`;
          conflict(name, what, shownValue(tp, prop), shownValue(op, prop));
        }
      }
      if (Object.keys(change).length === 0) merged.unchanged++;
      else {
        merged.changes.set(key, change);
        merged.taken.set(key, taken);
      }
    } else if (tp) {
      // In Twine, not on disk: added in Twine, or deleted (or renamed) on disk since the build.
      if (bp && same(bp, tp) && name === key) continue; // deleted on disk, untouched in Twine: stays deleted
      const what =
        name !== key
          ? `renamed in Twine from ${JSON.stringify(key)}, deleted or renamed on disk`
          : bp
            ? "changed in Twine, deleted or renamed on disk"
            : base
              ? ""
              : "in Twine only: added in Twine, or deleted on disk? The base is unknown";
      const chosen = what ? side() : "twine";
      if (chosen === "twine") merged.added.push(tp);
      else if (chosen === undefined) conflict(name, what, goTrimSpace(tp.text), "(no such passage)");
    } else if (op) {
      // On disk, not in Twine: deleted in Twine, or added on disk since the build (never pruned).
      if (base && !bp) continue;
      const changedOnDisk = !bp || !same(bp, op);
      const chosen = prune && changedOnDisk ? side() : undefined;
      if (!prune || chosen === "disk") merged.kept.push({ name: key, changedOnDisk });
      else if (!changedOnDisk || chosen === "twine") merged.changes.set(key, null);
      else {
        const what = bp
          ? "deleted in Twine, changed on disk since the build"
          : "on disk only: deleted in Twine, or added on disk? The base is unknown";
        conflict(key, what, "(deleted)", goTrimSpace(op.text));
      }
    }
  }
  mergeStoryLevel(base, theirs, ours, merged, resolve);
  return merged;
}

/** StoryTitle (the story's name) and StoryData's start passage, tag colours and zoom, three ways. */
function mergeStoryLevel(
  base: TwineStory | undefined,
  theirs: TwineStory,
  ours: TwineStory,
  merged: Merged,
  resolve: Resolve,
): void {
  const renamed = (name: string) => merged.renames.get(name) ?? name;
  const three = <T>(
    key: string,
    what: string,
    b: T | undefined,
    t: T,
    o: T,
    eq: (x: T, y: T) => boolean,
    show: (v: T) => string,
  ): T | undefined => {
    if (eq(t, o)) return undefined;
    const side = base ? (eq(b as T, o) ? "twine" : eq(b as T, t) ? "disk" : resolve(key)) : resolve(key);
    if (side === "twine") return t;
    if (side === undefined)
      merged.conflicts.push({ key, what: `${what}, changed in Twine and on disk`, twine: show(t), disk: show(o) });
    return undefined;
  };
  const is = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const story = merged.story as Record<string, unknown>;
  if (theirs.name) story.name = three("StoryTitle", "the story's name", base?.name, theirs.name, ours.name, is, String);
  if (theirs.start)
    story.start = three(
      "StoryData",
      "the start passage",
      base && renamed(base.start),
      theirs.start,
      renamed(ours.start),
      is,
      String,
    );
  story.tagColors = three("StoryData", "tag colours", base?.tagColors, theirs.tagColors, ours.tagColors, is, (v) =>
    JSON.stringify(v),
  );
  story.zoom = three("StoryData", "zoom", base?.zoom, theirs.zoom, ours.zoom, is, String);
  for (const k of Object.keys(story)) if (story[k] === undefined) delete story[k];
}
