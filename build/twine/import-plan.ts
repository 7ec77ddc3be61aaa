// What an import plans (import-planner.ts fills it, import-check.ts checks it, import-run.ts
// writes it): the edits of each Twee file, the files written, replaced, moved and deleted, why it
// must not go ahead, the conflicts the author has to settle, and the report. Plus the small
// helpers its steps share.
import type { PassageEdit } from "../twee/twee-edit.js";
import type { Passage } from "../twee/twee.js";
import type { Conflict, Resolve } from "./merge.js";
import type { Loaded } from "./base.js";
import type { OurCode } from "./code-chunks.js";
import type { TwineStory } from "./twine-read.js";
import type { MacroRoles } from "../story-format/macro-roles.js";

export interface ImportPlan {
  /** Twee file (project-relative) → passage edits to apply in place (null removes a passage). */
  readonly edits: Map<string, Map<string, PassageEdit>>;
  /** Files to write: new passages and pictures, changed pictures and code files. */
  readonly writes: Map<string, string | Buffer>;
  /** Existing files a write means to replace (a changed picture, config.js). */
  readonly replaces: Set<string>;
  /** Files to delete (a pruned or renamed picture). */
  readonly deletes: Set<string>;
  /** Files renamed with their bytes as they are (a picture renamed in Twine, its data unchanged): from → to. */
  readonly moves: Map<string, string>;
  /** Why the import must not go ahead; nothing is written while there is one. */
  readonly problems: string[];
  /** Changed on both sides; nothing is written while there is one the author has not settled (--take). */
  readonly conflicts: Conflict[];
  readonly report: {
    /** What Twine was given, as found (or why it was not). */
    base: string;
    readonly changed: string[];
    readonly added: string[];
    readonly renamed: string[];
    readonly removed: string[];
    /** References to renamed passages rewritten, with where. */
    readonly rewritten: string[];
    readonly notImported: string[];
    unchanged: number;
  };
}

/** The longest a new file's name gets from a passage's name (file systems take 255 bytes). */
const SLUG_MAX = 80;

/** A file name for a new passage: its name, lower-case, dashes for the rest, not too long. */
export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return s.slice(0, SLUG_MAX).replace(/-$/, "") || "passage";
}

/** A name in a report: quoted when spaces at its ends would not show. */
export const shown = (name: string) => (/^\s|\s$/.test(name) ? JSON.stringify(name) : name);
/** What the import compares: the mystery now, Twine's copy, and what Twine was given. */
export interface ImportInput {
  /** The mystery as loaded from its files (passages know their file and line), and as it publishes. */
  readonly current: Loaded;
  readonly imported: TwineStory;
  /** The build Twine was given; undefined when it was not found (`baseMissing` says why). */
  readonly base?: Loaded & { readonly from: string };
  readonly baseMissing?: string;
  /** Our macros' and styles' parts of the Story JavaScript and Stylesheet. */
  readonly ours: { readonly script: OurCode; readonly stylesheet: OurCode };
  /** The mystery's route.json (project-relative path and text), when it has one. */
  readonly route?: { readonly file: string; readonly text: string };
}

export interface PlanOptions {
  /** Delete passages deleted in Twine (else they are only reported). */
  readonly prune?: boolean;
  /** Every file in the mystery's folder (project-relative), so a new file never lands on one. */
  readonly existingFiles?: ReadonlySet<string>;
  /** The side the author chose for a conflict (--take). */
  readonly resolve?: Resolve;
  /** What our macros do, from their specs: which of their arguments name passages. */
  readonly roles?: MacroRoles;
  /** Go on when Twine edited our macros or styles, saving the changed lines beside the mystery. */
  readonly setAside?: boolean;
}

/** Where the plan's pieces go, shared by the steps that fill it. */
export interface Planner {
  readonly plan: ImportPlan;
  readonly dir: string;
  edit(p: Passage, e: PassageEdit): void;
  newFile(base: string, ext: string): string;
}
