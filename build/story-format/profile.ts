// A story format as the tools read it: one interface, and one folder per format that fills it in
// (sugarcube/), as Twine 2 gives each format its own editor extensions through one interface
// (util/story-format/editor-extensions.ts). The lint, the overview, the docs and the import read
// the profile StoryData's format chooses (formats.ts); nothing outside build/story-format/ imports
// a format's folder (tests/architecture.test.ts). A second format: a new folder and a profile.
import type { ParamKind } from "../../macros/define.js";
import type { MacroRoles } from "./macro-roles.js";
import type { FormatPassages, PassageKinds } from "./passage-kinds.js";
import type { Scan } from "./reading.js";

/** The macros of one release of the format. */
export interface EngineMacros {
  readonly version: string;
  readonly all: ReadonlySet<string>;
  /** Those with a closing tag. */
  readonly containers: ReadonlySet<string>;
}

/** What the tools know of the format's own macros. */
export interface FormatMacros {
  /** The macros of the release `version`. */
  engine(version: string): EngineMacros;
  /** Every macro of the base release: a story's own definition of one of these clashes. */
  readonly builtin: ReadonlySet<string>;
  /** Child tags, valid only inside one of their parents (not macros by themselves). */
  readonly childTags: ReadonlyMap<string, readonly string[]>;
  /** Macros later releases added: the release, and whether a container. */
  readonly newer: ReadonlyMap<string, { readonly added: string; readonly container: boolean }>;
  /** Macros a release removed, and what replaces each. */
  readonly removed: ReadonlyMap<string, { readonly removed: string; readonly instead: string }>;
  /** Variables the engine itself sets while a widget runs (not the story's to store). */
  readonly widgetVariables: ReadonlySet<string>;
  /** Macros whose arguments are an expression that is shown or tested. */
  readonly readers: ReadonlySet<string>;
  /** Input macros: the first argument names the variable they store into ("$name"). */
  readonly inputs: ReadonlySet<string>;
  /** Macros whose body (a container) or arguments are JavaScript. */
  readonly scripts: ReadonlySet<string>;
  /** Macros that go back to an earlier page: a way on with no target. */
  readonly wayBack: ReadonlySet<string>;
  /** The macro that defines a macro in markup (in a passage tagged as the format's widgets are). */
  readonly widget: string;
  /** The loop whose variables before `range` it assigns each turn. */
  readonly loop: string;
  /** Macros whose arguments, from the second on, name audio passages. */
  readonly audioSources: ReadonlySet<string>;
  /** Bare words a macro receives as these values rather than as strings. */
  readonly literals: ReadonlyMap<string, unknown>;
}

/** A `[[…]]` markup as the format's lexer splits it: its parts, trimmed, and the delimiter it is written with. */
export interface LinkParts {
  readonly link: string;
  readonly text?: string;
  readonly setter?: string;
  readonly style: "arrow" | "bar" | "rtl" | "none";
}

/** A passage renamed in one text: the text, how many references were rewritten, and those that could not be. */
export interface Renamed {
  readonly text: string;
  readonly rewritten: number;
  readonly unrewritable: readonly { readonly offset: number; readonly what: string }[];
}

export interface StoryFormatProfile {
  /** As StoryData names it (compared in any case). */
  readonly name: string;
  /** The major version these tools read. */
  readonly major: string;
  /** The release the facts below are read off (the pinned package's): the version when no other is known. */
  readonly baseVersion: string;
  /** The release whose facts apply: `named` (StoryData's) when of this major, else the newest of `installed`, else the base. */
  engineVersion(named: string | undefined, installed: readonly string[]): string;

  /** Every passage reference, macro tag and naked variable in a passage's text; our macros' passage arguments too with `roles`. */
  scan(text: string, roles?: MacroRoles): Scan;
  /** The parts of a `[[…]]` markup; undefined when the format reads none there. */
  linkParts(raw: string): LinkParts | undefined;
  /** Where a whole `[[…]]` markup with one static link goes, read alone; undefined otherwise. */
  linkTarget(raw: string): string | undefined;
  /** Every reference to `from` in `text` (the format's and our macros', by `roles`) made to name `to`. */
  renameReferences(text: string, from: string, to: string, roles: MacroRoles): Renamed;
  /** The words a player reads in a passage, and how many are in code listings. */
  passageWords(text: string, roles: MacroRoles): { words: number; listingWords: number };
  /** passageWords' `words - listingWords`, without counting the listings. */
  proseWords(text: string, roles: MacroRoles): number;

  readonly macros: FormatMacros;
  readonly passages: FormatPassages;
  readonly kinds: PassageKinds;
  /** Twee 3 Language Tools (VS Code): its section for this format, and its parameter type for each kind of ours. */
  readonly editor: { readonly t3ltSection: string; readonly t3ltTypes: Readonly<Record<ParamKind, string>> };
}
