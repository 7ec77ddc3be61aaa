// Macro names and nesting, as SugarCube's macro parser sees them: an unknown name, a container
// with no closing tag, a closing tag with no opening one, a child tag (<<else>>, <<case>>…)
// outside its parent. Known: the own macros of the SugarCube release StoryData names (its
// profile's macros: story-format/sugarcube/macros.ts), ours (macros/all.ts, with `container` from
// their specs), <<widget>>s defined in widget-tagged passages, and names the mystery's own scripts
// pass to Macro.add.
import type { MacroCall } from "../../story-format/reading.js";
import { isScript } from "../../story-format/passage-kinds.js";
import type { LocatedPassage } from "../../twee/twee.js";
import { type Diagnostic, error } from "../../shared/diagnostic.js";
import { locate, type Mystery } from "../checked-mystery.js";
import { suggest } from "../suggest.js";
import { scriptDefinitions } from "./macro-clash.js";

/** <<widget "name">> in widget-tagged passages. */
function widgetNames(m: Mystery): string[] {
  const names: string[] = [];
  for (const [p, scan] of m.scans) {
    if (!m.profile.kinds.isWidget(p)) continue;
    for (const call of scan.macros) {
      const arg = call.name === m.profile.macros.widget ? call.args?.[0] : undefined;
      if (arg) names.push(arg.value ?? arg.text);
    }
  }
  return names;
}

interface Known {
  /** The format, and the version of it StoryData names. */
  readonly format: string;
  readonly engine: string;
  readonly childTags: ReadonlyMap<string, readonly string[]>;
  readonly newer: Mystery["profile"]["macros"]["newer"];
  readonly removed: Mystery["profile"]["macros"]["removed"];
  readonly all: ReadonlySet<string>;
  readonly containers: ReadonlySet<string>;
  /** Defined by scripts: whether they are containers is unknown, so their closing tags are let be. */
  readonly scripted: ReadonlySet<string>;
}

function knownMacros(m: Mystery): Known {
  const scripted = new Set(m.passages.filter(isScript).flatMap((p) => scriptDefinitions(p.text).map((d) => d.name)));
  const ours = m.specs.map((s) => s.name);
  const { macros } = m.profile;
  const engine = macros.engine(m.engine);
  const all = new Set([...engine.all, ...ours, ...widgetNames(m), ...scripted]);
  const containers = new Set([...engine.containers, ...m.specs.filter((s) => s.container).map((s) => s.name)]);
  return {
    format: m.profile.name,
    engine: m.engine,
    childTags: macros.childTags,
    newer: macros.newer,
    removed: macros.removed,
    all,
    containers,
    scripted,
  };
}

/** The container a closing tag closes: `<</if>>` or `<<endif>>` → "if". */
function closes(name: string, known: Known): string | null {
  if (name.startsWith("/")) return name.slice(1);
  if (name.startsWith("end") && known.containers.has(name.slice(3))) return name.slice(3);
  return null;
}

function nameProblem(p: LocatedPassage, call: MacroCall, known: Known): Diagnostic[] {
  const { name } = call;
  if (known.all.has(name) || known.childTags.has(name) || closes(name, known) !== null) return [];
  const at = locate(p, call.offset);
  const format = known.format;
  const on = `this mystery's StoryData names ${format} ${known.engine}`;
  const newer = known.newer.get(name);
  if (newer) {
    return [
      error(at, "newer-macro", `macro <<${name}>> was added in ${format} ${newer.added}; ${on}`, {
        fix: `use a macro ${format} ${known.engine} has, define one in macros/, or move the mystery to ${format} ${newer.added} or later (README: "Moving a mystery to another SugarCube")`,
      }),
    ];
  }
  const removed = known.removed.get(name);
  if (removed) {
    return [
      error(at, "removed-macro", `macro <<${name}>> was removed in ${format} ${removed.removed}; ${on}`, {
        fix: `use ${removed.instead} instead`,
      }),
    ];
  }
  return [
    error(at, "unknown-macro", `macro <<${name}>> does not exist`, {
      suggestion: suggest(name, [...known.all, ...known.childTags.keys()]),
      fix: `use a ${format} ${known.engine} macro or one of ours (macros/all.ts), or define it with <<widget>> in a passage tagged widget`,
    }),
  ];
}

/** SugarCube's pairing: an opening tag takes the first closing tag of its name that is not nested in another of its name. */
function nestingProblems(p: LocatedPassage, calls: readonly MacroCall[], known: Known): Diagnostic[] {
  const found: Diagnostic[] = [];
  const matched = new Set<number>();
  const spans: { name: string; from: number; to: number }[] = [];
  calls.forEach((open, i) => {
    if (!known.containers.has(open.name)) return;
    let depth = 1;
    for (let j = i + 1; j < calls.length; j++) {
      const name = calls[j]!.name;
      if (name === open.name) depth++;
      else if (closes(name, known) === open.name && --depth === 0) {
        matched.add(j);
        spans.push({ name: open.name, from: i, to: j });
        return;
      }
    }
    found.push(
      error(locate(p, open.offset), "unclosed-macro", `cannot find a closing tag for macro <<${open.name}>>`, {
        fix: `close it with <</${open.name}>>`,
      }),
    );
  });
  // The closing tag of an unknown macro is part of the same mistake, reported at its opening tag.
  const unknownOpened = new Set(calls.filter((c) => !known.all.has(c.name)).map((c) => c.name));
  calls.forEach((call, i) => {
    const closed = closes(call.name, known);
    if (closed !== null && !matched.has(i) && !known.scripted.has(closed) && !unknownOpened.has(closed)) {
      found.push(
        error(locate(p, call.offset), "unmatched-close", `closing tag <<${call.name}>> has no opening <<${closed}>>`, {
          fix: `remove it, or open it with <<${closed}>> before`,
        }),
      );
    }
    const parents = known.childTags.get(call.name);
    if (
      parents &&
      !known.all.has(call.name) &&
      !spans.some((s) => parents.includes(s.name) && s.from < i && i < s.to)
    ) {
      const which = parents.map((n) => `<<${n}>>`).join(", ");
      const message = `child tag <<${call.name}>> was found outside of a call to its parent macro${parents.length === 1 ? "" : "s"} ${which}`;
      found.push(
        error(locate(p, call.offset), "misplaced-child", message, {
          fix: `move it inside ${which} … <</${parents[0]}>>`,
        }),
      );
    }
  });
  return found;
}

export function macroChecks(m: Mystery): Diagnostic[] {
  const known = knownMacros(m);
  const found: Diagnostic[] = [];
  for (const [p, scan] of m.scans) {
    for (const call of scan.macros) found.push(...nameProblem(p, call, known));
    found.push(...nestingProblems(p, scan.macros, known));
  }
  return found;
}
