// What a story format's reading of a passage gives the tools, whatever the format: the passages
// its text refers to, its macro tags with their arguments, and the variables its markup prints.
// Each format's folder reads its own markup into these (sugarcube/scan.ts). Types and two sets.

/** A macro argument as the format's lexer splits it; `offset` is into the passage text. */
export interface MacroArg {
  readonly type: "bare" | "expression" | "string" | "square";
  readonly text: string;
  readonly offset: number;
  /** A quoted string's value, as the format evaluates it. */
  readonly value?: string;
}

/**
 * How a passage names another: link markup or a link macro, a <<goto>>, a passage argument of one
 * of our macros (its spec's "passage" parameter: `our-macro`), a data-passage attribute, an
 * <<include>>, a picture or other media.
 */
export type LinkKind = "link" | "goto" | "our-macro" | "data-passage" | "include" | "image" | "media";

export interface PassageLink {
  readonly target: string;
  readonly kind: LinkKind;
  /** 1-based line within the passage text. */
  readonly line: number;
  /** The target is an expression ($var, `…`), known only at play time; `target` is its source. */
  readonly dynamic?: true;
}

/** A reference and where it is in the passage text (0-based `offset`), for messages that point at it. */
export interface LocatedLink extends PassageLink {
  readonly offset: number;
  /** Written as `[[…]]` link markup (the only links Twine's story map draws): where that markup ends. */
  readonly markupEnd?: number;
}

/** One macro tag: `<<name …>>`, or a closing tag, whose name starts with "/". */
export interface MacroCall {
  readonly name: string;
  /** Of the opening "<<". */
  readonly offset: number;
  /** Just after the closing ">>". */
  readonly end: number;
  /** null when the format would reject the arguments (an unclosed quote, say). */
  readonly args: readonly MacroArg[] | null;
}

/** A naked variable in markup (`$name`, `$a.b`, `_tmp`), which the format prints; `offset` is into the passage text. */
export interface NakedVariable {
  readonly text: string;
  readonly offset: number;
}

/** What a format's scan finds in one text. Shared between its callers: read it, never change it. */
export interface Scan {
  readonly links: readonly LocatedLink[];
  readonly macros: readonly MacroCall[];
  readonly variables: readonly NakedVariable[];
}

/** Kinds that take the player to another passage, as opposed to showing one inside this page. */
export const MOVE_KINDS: ReadonlySet<LinkKind> = new Set<LinkKind>(["link", "goto", "our-macro", "data-passage"]);
/** Kinds that show a passage inside the page that names it. */
export const SHOWN_KINDS: ReadonlySet<LinkKind> = new Set<LinkKind>(["include", "image", "media"]);
