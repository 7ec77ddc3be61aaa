// What each of our macros does, read from its spec (macros/*.ts) and nothing else: which arguments
// name a passage, which a player reads, which macro records a clue (`collects`) and which asks a
// question (`asks`). Every reader (the link reader, the story map, the statistics, the lint, the
// renames, play-from) takes them from here, so no tool names one of our macros. Pure.
import type { MacroSpec, ParamKind } from "../../macros/define.js";

/** A macro that records a clue: the list variable (no `$`) it adds to, and its text argument. */
export interface Collects {
  readonly list: string;
  readonly text: number;
}

/** A macro that asks: the argument naming the variable it stores the answer in, and the one naming where it goes. */
export interface Asks {
  readonly variable: number;
  readonly passage: number;
}

export interface MacroRoles {
  /** Each of our macros by name, and which of its arguments (0-based) name a passage ("passage" parameters; most have none). */
  readonly passageArgs: ReadonlyMap<string, readonly number[]>;
  /** By macro name, which arguments the player reads ("text" parameters). */
  readonly shown: ReadonlyMap<string, readonly number[]>;
  readonly collects: ReadonlyMap<string, Collects>;
  readonly asks: ReadonlyMap<string, Asks>;
}

const indexes = (spec: MacroSpec, kind: ParamKind) => spec.params.flatMap((p, i) => (p.kind === kind ? [i] : []));

const made = new WeakMap<readonly MacroSpec[], MacroRoles>();

/** The roles of `specs`' macros (made once per list). */
export function macroRoles(specs: readonly MacroSpec[]): MacroRoles {
  let roles = made.get(specs);
  if (roles) return roles;
  const passageArgs = new Map<string, readonly number[]>();
  const shown = new Map<string, readonly number[]>();
  const collects = new Map<string, Collects>();
  const asks = new Map<string, Asks>();
  for (const spec of specs) {
    const [text, variable, passage] = [indexes(spec, "text"), indexes(spec, "variable-name"), indexes(spec, "passage")];
    passageArgs.set(spec.name, passage);
    shown.set(spec.name, text);
    if (spec.collects !== undefined && text.length > 0)
      collects.set(spec.name, { list: spec.collects, text: text[0]! });
    if (spec.asks && variable.length > 0 && passage.length > 0)
      asks.set(spec.name, { variable: variable[0]!, passage: passage[0]! });
  }
  roles = { passageArgs, shown, collects, asks };
  made.set(specs, roles);
  return roles;
}

/** No macros of ours: a format's own reading alone. */
export const NO_ROLES: MacroRoles = macroRoles([]);
