// Our macros' arguments, checked before play from each macro's spec (macros/*.ts): how many,
// and whether each is written the way its kind needs. Literal values then go through the same
// checkArgs the macro runs in the browser, so the message is the one a player would see, usage
// line included. Values known only at play time ($var, `expr`) pass with a stand-in.
import { checkArgs, type MacroSpec, type ParamKind, type ParamSpec, usage } from "../../../macros/define.js";
import type { MacroArg, MacroCall } from "../../story-format/reading.js";
import type { LocatedPassage } from "../../twee/twee.js";
import { type Diagnostic, error } from "../../shared/diagnostic.js";
import { locate, type Mystery, storyNames } from "../checked-mystery.js";
import { suggest } from "../suggest.js";
import { ownDefinitions } from "./macro-clash.js";

/** $story or _temporary variable, with property access: its value is known only at play time. */
const VARIABLE = /^[$_][$A-Za-z_][$\w]*(?:\.[$A-Za-z_][$\w]*|\[[^\]]*\])*$/;
const isDynamic = (a: MacroArg) =>
  a.type === "expression" || (a.type === "bare" && (VARIABLE.test(a.text) || /^(?:setup|settings)[.[]/.test(a.text)));

/** The format's bare literals (SugarCube's true, null, NaN…), which reach the macro as values rather than as strings. */
type Literals = ReadonlyMap<string, unknown>;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
const isLiteral = (a: MacroArg, literals: Literals) =>
  a.type === "bare" && (literals.has(a.text) || NUMBER.test(a.text));
/** A bare word SugarCube passes on as a string: it works, but the spec's kinds want it quoted. */
const isBareWord = (a: MacroArg, literals: Literals) => a.type === "bare" && !isDynamic(a) && !isLiteral(a, literals);

/** What the spec asks beyond checkArgs, about how an argument is written; null when fine. */
const WRITTEN: Readonly<Record<ParamKind, (a: MacroArg, literals: Literals) => string | null>> = {
  text: (a, l) => (isBareWord(a, l) ? "must be a quoted string" : null),
  "variable-name": (a, l) =>
    a.type === "bare" && !isLiteral(a, l) ? 'must name a story variable in quotes, like "$answer"' : null,
  passage: (a, l) => (isBareWord(a, l) ? "must be a quoted passage name" : null),
  answer: (a, l) =>
    a.type === "string" || a.type === "square" || isBareWord(a, l)
      ? "must be the story variable holding the player's answer, unquoted, like $answer"
      : null,
};

/** A value that passes checkArgs for this kind, for an argument known only at play time. */
const STAND_IN: Readonly<Record<ParamKind, unknown>> = {
  text: "text",
  "variable-name": "$variable",
  passage: "\u0000any passage",
  answer: undefined,
};

/** The argument's value as the macro would get it, as far as it is known before play. */
function argValue(a: MacroArg, kind: ParamKind, literals: Literals): unknown {
  if (isDynamic(a)) return STAND_IN[kind];
  if (a.type === "string") return a.value;
  if (a.type === "square") return {}; // a link object
  if (literals.has(a.text)) return literals.get(a.text);
  return NUMBER.test(a.text) ? Number(a.text) : a.text;
}

function callProblems(p: LocatedPassage, call: MacroCall, spec: MacroSpec, m: Mystery): Diagnostic[] {
  const name = `<<${spec.name}>>`;
  const at = locate(p, call.offset);
  if (!call.args) {
    return [
      error(at, "macro-args", `${name}: its arguments cannot be read (a quote left open?). Usage: ${usage(spec)}`),
    ];
  }
  const args = call.args;
  const { literals } = m.profile.macros;
  if (args.length === spec.params.length) {
    for (const [i, param] of spec.params.entries()) {
      const arg = args[i]!;
      const problem = WRITTEN[param.kind](arg, literals);
      if (problem) {
        const message = `${name}: argument ${i + 1} (${param.name}) ${problem}, got ${arg.text}. Usage: ${usage(spec)}`;
        return [error(locate(p, arg.offset), "macro-args", message)];
      }
    }
  }
  const values = args.map((a, i) => argValue(a, spec.params[i]?.kind ?? "text", literals));
  const exists = (passage: string) => passage === STAND_IN.passage || m.profile.kinds.inStory(m.byName.get(passage));
  const problem = checkArgs(spec, values, exists);
  if (!problem) return [];
  // checkArgs names the argument ("argument 3 (passage): …"); point at it, and suggest a passage.
  const index = Number(/^argument (\d+)/.exec(problem)?.[1] ?? 0) - 1;
  const arg = args[index];
  const param: ParamSpec | undefined = spec.params[index];
  const missing =
    arg && param?.kind === "passage" && typeof values[index] === "string" && !exists(values[index] as string);
  return [
    error(arg ? locate(p, arg.offset) : at, missing ? "missing-passage" : "macro-args", `${name}: ${problem}`, {
      suggestion: missing ? suggest(values[index] as string, storyNames(m)) : undefined,
    }),
  ];
}

export function macroArgChecks(m: Mystery): Diagnostic[] {
  // A name the mystery defines itself is its own macro, with arguments of its own (macro-clash.ts reports the clash).
  const own = new Set(ownDefinitions(m).map((d) => d.name));
  const specs = new Map(m.specs.filter((s) => !own.has(s.name)).map((s) => [s.name, s] as const));
  const found: Diagnostic[] = [];
  for (const [p, scan] of m.scans) {
    for (const call of scan.macros) {
      const spec = specs.get(call.name);
      if (spec) found.push(...callProblems(p, call, spec, m));
    }
  }
  return found;
}
