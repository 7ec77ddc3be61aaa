// A mystery's own macro definitions that meet a macro the build already defines: a `<<widget>>`
// or a script's `Macro.add` of a name our macros (their specs) or SugarCube's have. SugarCube
// refuses the second definition, so such a game alerts "cannot clobber existing macro" at every
// load: an error here, at the name, never a build that does that. (A mystery's own scripts run
// before our macro bundle, and its widgets are defined after it: either way one of the two fails.)
import { type MacroSpec, usage } from "../../../macros/define.js";
import { isScript } from "../../story-format/passage-kinds.js";
import { type Diagnostic, error, type Where } from "../../shared/diagnostic.js";
import { locate, type Mystery } from "../checked-mystery.js";

/** A macro definition in a mystery's own text: what kind, the name, and where the name is. */
export interface Definition {
  readonly how: "widget" | "Macro.add";
  readonly name: string;
  readonly where: Where;
}

const MACRO_ADD = /\bMacro\.add\(\s*(\[[^\]]*\]|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`[^`]*`)/g;
const QUOTED = /"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|`((?:\\.|[^`\\])*)`/g;

/** Names given to `Macro.add` in script text, each with its offset (of the opening quote). */
export function scriptDefinitions(code: string): { name: string; offset: number }[] {
  const found: { name: string; offset: number }[] = [];
  for (const m of code.matchAll(MACRO_ADD)) {
    const argAt = m.index + m[0].length - m[1]!.length;
    for (const q of m[1]!.matchAll(QUOTED)) found.push({ name: q[1] ?? q[2] ?? q[3]!, offset: argAt + q.index });
  }
  return found;
}

/** Every `<<widget "name">>` (in any passage: SugarCube defines it wherever it runs) and every `Macro.add` of a script passage. */
export function ownDefinitions(m: Mystery): Definition[] {
  const found: Definition[] = [];
  for (const [p, scan] of m.scans) {
    for (const call of scan.macros) {
      const arg = call.name === m.profile.macros.widget ? call.args?.[0] : undefined;
      if (arg) found.push({ how: "widget", name: arg.value ?? arg.text, where: locate(p, arg.offset) });
    }
  }
  for (const p of m.passages.filter(isScript)) {
    for (const d of scriptDefinitions(p.text))
      found.push({ how: "Macro.add", name: d.name, where: locate(p, d.offset) });
  }
  return found;
}

function clash(d: Definition, ours: ReadonlyMap<string, MacroSpec>, m: Mystery): Diagnostic | undefined {
  const what = d.how === "widget" ? `<<widget "${d.name}">>` : `Macro.add("${d.name}")`;
  const spec = ours.get(d.name);
  const alert = `the game would alert "cannot clobber existing macro ${d.name}" at every load`;
  if (spec) {
    return error(
      d.where,
      "macro-clash",
      `${what} defines <<${d.name}>>, which our macros already define (macros/): ${alert}`,
      {
        fix: `remove this definition to use ours, ${usage(spec)}; or, if it does something else, rename it and every call to it`,
      },
    );
  }
  if (m.profile.macros.builtin.has(d.name)) {
    return error(
      d.where,
      "macro-clash",
      `${what} defines <<${d.name}>>, which is ${m.profile.name}'s own macro: ${alert}`,
      {
        fix: `rename it and every call to it (${m.profile.name}'s <<${d.name}>> cannot be replaced)`,
      },
    );
  }
  return undefined;
}

export function macroClashChecks(m: Mystery): Diagnostic[] {
  const ours = new Map(m.specs.map((s) => [s.name, s] as const));
  return ownDefinitions(m).flatMap((d) => clash(d, ours, m) ?? []);
}
