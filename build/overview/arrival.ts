// What a player has on arriving at a passage (npm run dev's "play from here"): the route that
// reaches it, the usual route in route.json where that passes it, else the shortest route the
// story graph finds from the start; and the story variables that route leaves: each list a
// macro collects into (the clues, <<newinfo>>), and each answer a form stores on the way (the
// route file's answer, else what the form's "I don't know" stores, an empty answer). Which macro
// collects and which one asks is read from the macro specs, never from their names. Pure.
import type { MacroSpec } from "../../macros/define.js";
import { scanPassage } from "../story-format/sugarcube/links.js";
import { moves, type StoryGraph } from "./map-graph.js";
import { walk } from "./stats.js";

export interface Arrival {
  readonly passage: string;
  /** "usual": along route.json; "shortest": the story graph's shortest route; "none": no route reaches it. */
  readonly via: "usual" | "shortest" | "none";
  /** From the start passage to this one, both included ([this one] when no route reaches it). */
  readonly route: readonly string[];
  /** Story variables (names without `$`) as the route leaves them, before this passage shows. */
  readonly variables: Readonly<Record<string, string | readonly string[]>>;
}

/** What a spec says a macro does with its arguments. */
interface Roles {
  /** The list variable it adds its first text argument to. */
  readonly collects?: { list: string; text: number };
  /** The argument naming the variable it stores an answer in, and the one naming where it goes. */
  readonly asks?: { variable: number; passage: number };
}

/** Each macro that collects or asks, by name, from its spec. */
export function macroRoles(specs: readonly MacroSpec[]): Map<string, Roles> {
  const roles = new Map<string, Roles>();
  for (const spec of specs) {
    const at = (kind: string) => spec.params.findIndex((p) => p.kind === kind);
    const [text, variable, passage] = [at("text"), at("variable-name"), at("passage")];
    const collects = spec.collects !== undefined && text !== -1 ? { list: spec.collects, text } : undefined;
    const asks = variable !== -1 && passage !== -1 ? { variable, passage } : undefined;
    if (collects || asks) roles.set(spec.name, { ...(collects ? { collects } : {}), ...(asks ? { asks } : {}) });
  }
  return roles;
}

/** The passages from the start to `passage` (both included) and how they were found. */
function routeTo(graph: StoryGraph, roles: ReadonlyMap<string, Roles>, passage: string): { via: Arrival["via"]; route: string[] } {
  const usual = graph.route?.steps ?? [];
  const at = usual.indexOf(passage);
  if (at !== -1) return { via: "usual", route: usual.slice(0, at + 1) };
  const endings = new Set(graph.passages.filter((p) => p.role === "ending").map((p) => p.name));
  // The graph's moves, and every form a spec says asks (whatever the link reader knows by name).
  const next = moves(graph);
  for (const p of graph.passages) {
    for (const call of scanPassage(p.text).macros) {
      const asks = roles.get(call.name)?.asks;
      const to = asks && call.args?.[asks.passage]?.value;
      if (to !== undefined && next.has(to) && !next.get(p.name)?.includes(to)) next.get(p.name)?.push(to);
    }
  }
  const { parent } = walk(graph, next, (n) => endings.has(n));
  if (!parent.has(passage)) return { via: "none", route: [passage] };
  const route = [passage];
  for (let step = parent.get(passage); step != null; step = parent.get(step)) route.unshift(step);
  return { via: "shortest", route };
}

/**
 * Where `passage` is arrived at from and with what; undefined when there is no such passage.
 * `answers`: the route file's answers, by variable as the forms name it ("$curl_cmd").
 */
export function arrival(
  graph: StoryGraph,
  specs: readonly MacroSpec[],
  answers: Readonly<Record<string, string>>,
  passage: string,
): Arrival | undefined {
  const byName = new Map(graph.passages.map((p) => [p.name, p]));
  if (!byName.has(passage)) return undefined;
  const roles = macroRoles(specs);
  const { via, route } = routeTo(graph, roles, passage);
  const variables: Record<string, string | string[]> = {};
  const arg = (args: ReturnType<typeof scanPassage>["macros"][number]["args"], i: number) => args?.[i]?.value;
  for (let i = 0; i + 1 < route.length; i++) {
    const [from, to] = [route[i]!, route[i + 1]!];
    const { macros, links } = scanPassage(byName.get(from)?.text ?? "");
    // A plain link is taken when there is one and the route file gives no answer to type instead.
    const linked = links.some((l) => l.kind !== "ask" && l.target === to);
    for (const call of macros) {
      const role = roles.get(call.name);
      const clue = role?.collects && arg(call.args, role.collects.text);
      if (role?.collects && clue !== undefined) {
        const list = (variables[role.collects.list] as string[] | undefined) ?? [];
        variables[role.collects.list] = list.includes(clue) ? list : [...list, clue];
      }
      const variable = role?.asks && arg(call.args, role.asks.variable);
      if (role?.asks && variable?.startsWith("$") && arg(call.args, role.asks.passage) === to) {
        if (answers[variable] !== undefined || !linked) variables[variable.slice(1)] = answers[variable] ?? "";
      }
    }
  }
  return { passage, via, route, variables };
}
