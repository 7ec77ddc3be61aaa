// Story variables ($name) that go nowhere, the silent mistakes of these stories: a variable read
// by one of our macros (a spec's "answer" parameter), <<print>>, <<if>>/<<elseif>> or naked `$name`
// markup that nothing ever stores (a typo: the answer shows nothing, <<if>> is always false), and
// an answer one of our forms stores (a spec's "variable-name" parameter) that nothing ever reads
// (the question's echo was forgotten, or misspelt).
// Warnings: the story still plays. Storing is read generously (any assignment in any macro,
// receivers of input macros, anything StoryInit or a script mentions) so a warning is worth
// reading; `_temporary` variables are left alone.
import type { MacroArg } from "../../story-format/reading.js";
import { isScript } from "../../story-format/passage-kinds.js";
import { type Diagnostic, warning, type Where } from "../../shared/diagnostic.js";
import { locate, type Mystery } from "../checked-mystery.js";
import { suggest } from "../suggest.js";

const STORY_VARIABLE = /(?<![\w$.])\$([A-Za-z_][\w$]*)/g;
const ASSIGNMENT = /^\s*(?:to\b|=(?!=)|[-+*/%]=|\+\+|--)/;
/** How scripts reach story variables: State.variables.x, State.variables["x"], variables().x, V.x, State.setVar("$x"). */
const SCRIPT_ACCESS =
  /\b(?:State\.variables|variables\(\)|V)\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*["'`]([^"'`]+)["'`]\s*\])|\bsetVar\(\s*["'`]\$([^"'`]+)["'`]/g;

interface Use {
  readonly name: string;
  readonly where: Where;
}

/** The $variables in a macro's code arguments (bare words and `expressions`; not quoted strings), with where they are. */
function codeVariables(args: readonly MacroArg[]): { name: string; offset: number; assigned: boolean }[] {
  const code = args.filter((a) => a.type === "bare" || a.type === "expression");
  const joined = code.map((a) => a.text).join(" ");
  const found: { name: string; offset: number; assigned: boolean }[] = [];
  let at = 0;
  for (const arg of code) {
    for (const m of arg.text.matchAll(STORY_VARIABLE)) {
      const after = joined.slice(at + m.index + m[0].length);
      found.push({ name: m[1]!, offset: arg.offset + m.index, assigned: ASSIGNMENT.test(after) });
    }
    at += arg.text.length + 1;
  }
  return found;
}

/** Names a piece of JavaScript reaches through State.variables and friends. */
export function scriptVariables(code: string): string[] {
  return [...code.matchAll(SCRIPT_ACCESS)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const quotedVariable = (arg: MacroArg | undefined) =>
  arg?.value && /^\$[A-Za-z_][\w$]*$/.test(arg.value) ? arg.value.slice(1) : undefined;

/** <<for $i, $v range …>>: the names before `range` are assigned each turn. <<for>> reads its own
 *  arguments (an array literal there is no macro argument), so this reads the tag's raw text. */
function forReceivers(tag: string): string[] {
  const head = /^<<\S+\s([^]*?)\brange\b/.exec(tag)?.[1] ?? "";
  return [...head.matchAll(STORY_VARIABLE)].map((m) => m[1]!);
}

export function variableChecks(m: Mystery): Diagnostic[] {
  // Variables our own macros keep (their specs' `stores`): stored by the engine side, never by a passage.
  const stored = new Set<string>(m.specs.flatMap((spec) => spec.stores ?? []));
  const used = new Set<string>(); // any mention but the storing one, for unused answers
  const reads: Use[] = [];
  const answers: Use[] = [];
  const specs = new Map(m.specs.map((s) => [s.name, s] as const));
  /** A script may store and read what it mentions: both, generously. */
  const mentioned = (name: string) => {
    stored.add(name);
    used.add(name);
  };

  const { macros, kinds } = m.profile;
  for (const p of m.passages.filter(isScript)) {
    for (const name of scriptVariables(p.text)) mentioned(name);
  }
  for (const [p, scan] of m.scans) {
    const at = (offset: number) => locate(p, offset);
    const inInit = kinds.isInit(p);
    // In a widget, SugarCube's own ($args) are set by the engine, not by the story.
    const widget = kinds.isWidget(p);
    const read = (name: string, offset: number) => {
      if (!(widget && macros.widgetVariables.has(name))) reads.push({ name, where: at(offset) });
    };
    for (const v of scan.variables) {
      const name = /^\$([A-Za-z_][\w$]*)/.exec(v.text)?.[1];
      if (!name) continue; // a _temporary
      read(name, v.offset);
      used.add(name);
    }
    scan.macros.forEach((call, i) => {
      const args = call.args ?? [];
      const spec = specs.get(call.name);
      if (spec) {
        spec.params.forEach((param, n) => {
          const arg = args[n];
          const name = param.kind === "variable-name" ? quotedVariable(arg) : undefined;
          if (name) {
            stored.add(name);
            answers.push({ name, where: at(arg!.offset) });
          }
          if (param.kind === "answer" && arg?.type === "bare") {
            const answer = /^\$([A-Za-z_][\w$]*)/.exec(arg.text)?.[1];
            if (answer) read(answer, arg.offset);
          }
        });
      }
      if (macros.inputs.has(call.name)) {
        const name = quotedVariable(args[0]);
        if (name) stored.add(name);
      }
      if (call.name === macros.loop)
        for (const n of forReceivers(p.text.slice(call.offset, p.text.indexOf(">>", call.offset)))) stored.add(n);
      if (macros.scripts.has(call.name)) {
        // JavaScript: a <<script>> body up to its closing tag, or <<run>>'s code.
        const close = scan.macros.slice(i + 1).find((c) => c.name === "/script" || c.name === "endscript");
        const code =
          call.name === "script" && close ? p.text.slice(call.offset, close.offset) : args.map((a) => a.text).join(" ");
        scriptVariables(code).forEach(mentioned);
      }
      for (const v of codeVariables(args)) {
        used.add(v.name);
        if (v.assigned || inInit) stored.add(v.name);
        else if (macros.readers.has(call.name)) read(v.name, v.offset);
      }
    });
    // Setter links, [[text|Target][$visited to true]]: assignments.
    for (const setter of p.text.matchAll(/\]\[([^\]]*)\]\]/g)) {
      for (const v of setter[1]!.matchAll(STORY_VARIABLE)) {
        used.add(v[1]!);
        if (ASSIGNMENT.test(setter[1]!.slice(v.index + v[0].length))) stored.add(v[1]!);
      }
    }
  }

  // Our macros that store an answer, and the one that shows it back, by their specs.
  const storers = m.specs.filter((s) => s.params.some((p) => p.kind === "variable-name")).map((s) => `<<${s.name}>>`);
  const echo = m.specs.find((s) => s.params.some((p) => p.kind === "answer"));
  const init = m.profile.passages.init;
  const found: Diagnostic[] = [];
  for (const r of reads) {
    if (stored.has(r.name)) continue;
    found.push(
      warning(
        r.where,
        "unset-variable",
        `$${r.name} is read here, but no ${[...storers, "<<set>>"].join(", ")}, ${init} or script stores it`,
        {
          suggestion: prefixed(suggest(r.name, stored)),
          fix: `fix the name, or store it first (${[...storers.slice(0, 1).map((s) => `the variable of an ${s}`), "a <<set>>", `or ${init}`].join(", ")})`,
        },
      ),
    );
  }
  const echoed = (name: string) =>
    echo &&
    `<<${[echo.name, ...echo.params.map((p) => (p.kind === "answer" ? `$${name}` : p.kind === "text" ? '"You said:"' : `"${p.name}"`))].join(" ")}>>`;
  const readNames = new Set(reads.map((r) => r.name));
  for (const a of answers) {
    if (used.has(a.name)) continue;
    found.push(
      warning(
        a.where,
        "unused-answer",
        `the answer stored in $${a.name} is never read (no ${[...(echo ? [`<<${echo.name}>>`] : []), "<<print>>", "<<if>>"].join(", ")} or $${a.name} uses it)`,
        {
          suggestion: prefixed(suggest(a.name, readNames)),
          fix: `show it back with ${echoed(a.name) ?? `<<print $${a.name}>>`}, or fix the name where it is read`,
        },
      ),
    );
  }
  return found;
}

const prefixed = (name: string | undefined) => (name === undefined ? undefined : `$${name}`);
