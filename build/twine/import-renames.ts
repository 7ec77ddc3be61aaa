// Renames that keep the story building, and prunes that do not break it. Twine rewrites only
// [[links]] when a passage is renamed; the import rewrites every other reference the build knows
// (the story format's renameReferences: macro arguments that name passages, its macros' and ours
// by their specs' roles, data-passage, [img[…][…]]) in every passage as it will be, and the usual
// route in route.json. A reference it cannot rewrite (a computed target that may name the passage)
// refuses the import, naming it; so does --prune of a passage something still links to. Pure.
import { twineRename } from "../twee/twine-links.js";
import { profileFor } from "../story-format/formats.js";
import type { MacroRoles } from "../story-format/macro-roles.js";
import { isScript } from "../story-format/passage-kinds.js";
import { unescapeJs } from "../shared/escapes.js";
import type { Passage } from "../twee/twee.js";
import type { Story } from "../model/story.js";
import type { Merged } from "./merge.js";
import { type ImportPlan, shown } from "./import-plan.js";
const lineIn = (p: Passage, text: string, offset: number) => p.line + text.slice(0, offset).split("\n").length;

export interface Route {
  readonly file: string;
  readonly text: string;
}

/** The passages as they will be, by their name now: a disk passage's final text, or an added one's. */
function finalTexts(
  merged: Merged,
  source: Story,
): { name: string; file: string; p?: Passage; text: string; set(text: string): void }[] {
  const out: ReturnType<typeof finalTexts> = [];
  // What the format renders as markup: what references can be in.
  const { isMarkup } = profileFor(source.data.format).kinds;
  for (const p of source.passages.filter(isMarkup)) {
    const change = merged.changes.get(p.name);
    if (change === null) continue;
    out.push({
      name: change?.name ?? p.name,
      file: p.file,
      p,
      text: change?.text ?? p.text,
      set: (text) => merged.changes.set(p.name, { ...change, text }),
    });
  }
  merged.added.forEach((a, i) => {
    if (isMarkup(a))
      out.push({ name: a.name, file: "(new)", text: a.text, set: (text) => (merged.added[i] = { ...a, text }) });
  });
  return out;
}

/** Rewrites every reference to each passage Twine renamed; returns route.json as it will be. */
export function followRenames(
  merged: Merged,
  source: Story,
  route: Route | undefined,
  roles: MacroRoles,
  plan: ImportPlan,
): Route | undefined {
  if (merged.renames.size === 0) return route;
  const format = profileFor(source.data.format);
  const renames = [...merged.renames];
  for (const passage of finalTexts(merged, source)) {
    // First the [[links]] Twine rewrote in its copy (this text may be the disk's), then what it did not.
    let text = renames.reduce((t, [from, to]) => twineRename(t, from, to), passage.text);
    let rewritten = 0;
    for (const [from, to] of renames) {
      const result = format.renameReferences(text, from, to, roles);
      for (const u of result.unrewritable) {
        const where = passage.p
          ? `${passage.file}:${lineIn(passage.p, text, u.offset)}`
          : `Twine's new passage ${JSON.stringify(passage.name)}`;
        plan.problems.push(
          `${where}: passage ${JSON.stringify(passage.name)} has ${u.what}; the import cannot rewrite it for Twine's rename of ${JSON.stringify(from)} → ${JSON.stringify(to)}. ` +
            `Fix: make it name ${JSON.stringify(to)} on disk (or not name the passage), then import again`,
        );
      }
      text = result.text;
      rewritten += result.rewritten;
    }
    if (text !== passage.text) passage.set(text);
    if (rewritten > 0) plan.report.rewritten.push(`${rewritten} in ${shown(passage.name)} (${passage.file})`);
  }
  // The mystery's own code (config.js, its .js files) is not rewritten: a quoted name there is refused.
  for (const p of source.passages.filter(isScript)) {
    for (const [from, to] of renames) {
      if (
        [...p.text.matchAll(/"((?:\\.|[^"\\\n])*)"|'((?:\\.|[^'\\\n])*)'/g)].some(
          (m) => unescapeJs(m[1] ?? m[2]!) === from,
        )
      ) {
        plan.problems.push(
          `${p.file}: names the passage ${JSON.stringify(from)} in code, which Twine renamed to ${JSON.stringify(to)} and the import cannot rewrite. ` +
            `Fix: make it name ${JSON.stringify(to)}, then import again`,
        );
      }
    }
  }
  return route && renameInRoute(route, merged.renames, plan);
}

/** route.json with the renamed passages' new names (its layout redone as two-space JSON when it changes). */
function renameInRoute(route: Route, renames: ReadonlyMap<string, string>, plan: ImportPlan): Route {
  let value: { route?: unknown };
  try {
    value = JSON.parse(route.text) as { route?: unknown };
  } catch {
    return route; // not JSON: the route tests say so, naming the file
  }
  if (!Array.isArray(value.route)) return route;
  let count = 0;
  value.route = value.route.map((name: unknown) => {
    if (typeof name !== "string" || !renames.has(name)) return name;
    count++;
    return renames.get(name);
  });
  if (count === 0) return route;
  const text = `${JSON.stringify(value, null, 2)}\n`;
  plan.writes.set(route.file, text);
  plan.replaces.add(route.file);
  plan.report.rewritten.push(`${count} in the usual route (${route.file})`);
  return { file: route.file, text };
}

/** --prune of a passage something still links to (a passage as it will be, or the usual route) is refused, naming them. */
export function pruneProblems(
  merged: Merged,
  source: Story,
  route: Route | undefined,
  roles: MacroRoles,
  plan: ImportPlan,
): void {
  const pruned = [...merged.changes].filter(([, c]) => c === null).map(([name]) => name);
  if (pruned.length === 0) return;
  const texts = finalTexts(merged, source);
  let routeNames: unknown[] = [];
  try {
    routeNames = route ? ((JSON.parse(route.text) as { route?: unknown[] }).route ?? []) : [];
  } catch {
    // not JSON: not read
  }
  for (const name of pruned) {
    const linkers = texts
      .filter(
        (t) =>
          t.name !== name &&
          profileFor(source.data.format)
            .scan(t.text, roles)
            .links.some((l) => l.target === name && !l.dynamic),
      )
      .map((t) => `${shown(t.name)} (${t.file})`);
    if (Array.isArray(routeNames) && routeNames.includes(name)) linkers.push(`the usual route (${route!.file})`);
    if (linkers.length === 0) continue;
    const at = source.passages.find((p) => p.name === name);
    plan.problems.push(
      `--prune would delete ${JSON.stringify(name)} (${at?.file ?? "?"}), which is still linked from ${linkers.join(", ")}. ` +
        `Fix: remove those links (in Twine or on disk) first, or import without --prune (or with --take disk:${name}) to keep it`,
    );
  }
}
