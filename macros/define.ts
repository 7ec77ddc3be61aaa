// A macro's name, parameters and help, declared once beside its handler. The argument checks
// here and the generated docs/lint read these definitions; nothing else restates them.

/** What a parameter accepts. */
export type ParamKind =
  /** Any string (quoted in the source). */
  | "text"
  /** A quoted story variable name: "$answer". */
  | "variable-name"
  /** A quoted passage name that must exist in the story. */
  | "passage"
  /** A value the player typed: a string, or undefined before they answered. */
  | "answer";

export interface ParamSpec {
  readonly name: string;
  readonly kind: ParamKind;
  readonly description: string;
}

export interface MacroSpec {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /** Whether the macro wraps content and needs a closing tag (`<<name>>…<</name>>`). */
  readonly container: boolean;
  /** A line of Twee that uses the macro, shown in docs and editor hints. */
  readonly example: string;
  /** Story variables the macro itself keeps (without `$`), so the lint counts them as stored. */
  readonly stores?: readonly string[];
  /** The story variable (without `$`) holding a list that the macro adds its text argument to: the
   *  player's clues. Tools that follow a route (npm run dev's play-from, the tests' coverage) read it,
   *  and the story map and statistics count its calls' texts as clues. */
  readonly collects?: string;
  /** The macro asks the player a question: a form that stores the answer in its "variable-name"
   *  argument and goes to its "passage" argument. The story map and statistics count its calls as
   *  questions; play-from and the tests' coverage answer it on a route. */
  readonly asks?: true;
}

/** SugarCube's Macro.add options that make a macro what its spec says: `tags` marks a container,
 *  whose closing tag the engine then requires (null: it has no child tags). */
export const registration = (spec: MacroSpec): { tags?: null } => (spec.container ? { tags: null } : {});

/** The DOM-side half of a macro: receives checked arguments. */
export interface MacroDefinition<Args extends readonly unknown[]> {
  readonly spec: MacroSpec;
  readonly render: (output: DocumentFragment | HTMLElement, args: Args) => void;
}

const VARIABLE_NAME = /^\$[A-Za-z_$][\w$]*$/;

/** `<<ask "question" "$variable" "passage">>`: the form shown in every argument error. */
export function usage(spec: MacroSpec): string {
  const params = spec.params.map((p) => (p.kind === "answer" ? `$${p.name}` : `"${p.name}"`));
  return `<<${[spec.name, ...params].join(" ")}>>`;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing (an unset variable?)";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `a ${typeof value}`;
}

function checkOne(
  param: ParamSpec,
  value: unknown,
  position: number,
  passageExists: (name: string) => boolean,
): string | null {
  const where = `argument ${position} (${param.name})`;
  switch (param.kind) {
    case "answer":
      return value === undefined || typeof value === "string"
        ? null
        : `${where} must be a story variable holding the player's answer, got ${describe(value)}`;
    case "text":
    case "variable-name":
    case "passage":
      if (typeof value !== "string" || value.trim() === "") {
        return `${where} must be a non-empty quoted string, got ${describe(value)}`;
      }
      if (param.kind === "variable-name" && !VARIABLE_NAME.test(value)) {
        return `${where} must name a story variable in quotes, like "$answer", got ${describe(value)}`;
      }
      if (param.kind === "passage" && !passageExists(value)) {
        return `${where}: there is no passage named ${JSON.stringify(value)}`;
      }
      return null;
  }
}

/**
 * Checks macro arguments against the spec. Returns the error message to show (with the correct
 * usage), or null when the arguments are fine. Pure: the passage lookup is passed in.
 */
export function checkArgs(
  spec: MacroSpec,
  args: readonly unknown[],
  passageExists: (name: string) => boolean,
): string | null {
  let problem: string | null = null;
  if (args.length !== spec.params.length) {
    problem = `expected ${spec.params.length} argument${spec.params.length === 1 ? "" : "s"}, got ${args.length}`;
  } else {
    for (const [i, param] of spec.params.entries()) {
      problem = checkOne(param, args[i], i + 1, passageExists);
      if (problem) break;
    }
  }
  return problem === null ? null : `${problem}. Usage: ${usage(spec)}`;
}

/** Strips the sigil: "$answer" → "answer". Only call after checkArgs accepted the name. */
export function variableKey(name: string): string {
  return name.slice(1);
}
