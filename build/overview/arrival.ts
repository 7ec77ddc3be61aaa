// What a player has on arriving at a passage (npm run dev's "play from here"): the route that
// reaches it, the usual route in route.json where that passes it, else the shortest route the
// story graph finds from the start; and the story variables that route leaves: each list a
// macro collects into (the clues), and each answer a form stores on the way (the route file's
// answer, else what the form's "I don't know" stores, an empty answer). Which macro collects and
// which one asks is read from the macro specs (the graph's roles), never from their names. Pure.
import type { MacroCall } from "../story-format/reading.js";
import { moves, type StoryGraph } from "./map-graph.js";
import { walk } from "./mystery-stats.js";

export interface Arrival {
  readonly passage: string;
  /** "usual": along route.json; "shortest": the story graph's shortest route; "none": no route reaches it. */
  readonly via: "usual" | "shortest" | "none";
  /** From the start passage to this one, both included ([this one] when no route reaches it). */
  readonly route: readonly string[];
  /** Story variables (names without `$`) as the route leaves them, before this passage shows. */
  readonly variables: Readonly<Record<string, string | readonly string[]>>;
}

/** The passages from the start to `passage` (both included) and how they were found. */
function routeTo(graph: StoryGraph, passage: string): { via: Arrival["via"]; route: string[] } {
  const usual = graph.route?.steps ?? [];
  const at = usual.indexOf(passage);
  if (at !== -1) return { via: "usual", route: usual.slice(0, at + 1) };
  const endings = new Set(graph.passages.filter((p) => p.role === "ending").map((p) => p.name));
  // The graph's moves: its links, forms (our macros' passage arguments) and <<goto>>s.
  const { parent } = walk(graph, moves(graph), (n) => endings.has(n));
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
  answers: Readonly<Record<string, string>>,
  passage: string,
): Arrival | undefined {
  const byName = new Map(graph.passages.map((p) => [p.name, p]));
  if (!byName.has(passage)) return undefined;
  const { profile, roles } = graph;
  const { via, route } = routeTo(graph, passage);
  const variables: Record<string, string | string[]> = {};
  const arg = (args: MacroCall["args"], i: number) => args?.[i]?.value;
  for (let i = 0; i + 1 < route.length; i++) {
    const [from, to] = [route[i]!, route[i + 1]!];
    const { macros, links } = profile.scan(byName.get(from)?.text ?? "", roles);
    // A plain link is taken when there is one and the route file gives no answer to type instead.
    const linked = links.some((l) => l.kind !== "our-macro" && l.target === to);
    for (const call of macros) {
      const collects = roles.collects.get(call.name);
      const clue = collects && arg(call.args, collects.text);
      if (collects && clue !== undefined) {
        const list = (variables[collects.list] as string[] | undefined) ?? [];
        variables[collects.list] = list.includes(clue) ? list : [...list, clue];
      }
      const asks = roles.asks.get(call.name);
      const variable = asks && arg(call.args, asks.variable);
      if (asks && variable?.startsWith("$") && arg(call.args, asks.passage) === to) {
        if (answers[variable] !== undefined || !linked) variables[variable.slice(1)] = answers[variable] ?? "";
      }
    }
  }
  return { passage, via, route, variables };
}
