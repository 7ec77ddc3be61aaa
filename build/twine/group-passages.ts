// Which Twee file each passage of a story brought in from Twine goes to: a few files by area of
// the story, as an author splits one by hand (the 50ms story's start-and-hubs, client, server,
// solution), never one file per passage. The areas come from the links, as a player meets them:
// a breadth-first walk from the start passage finds the story's first hub, the first passage
// with two or more branches of at least MIN_BRANCH passages; each such branch (the passages first
// reached through it) is a file named after it, and the way to the hub, the hub and its small
// branches are start.twee. Links are used rather than Twine's map positions, which a Twee file
// may not have and which an author arranges for the eye. The format's special passages go to
// special.twee, widgets to widgets.twee, passages no link reaches to unlinked.twee. The links are
// read by the story's format (its profile), with our macros' passage arguments (their roles). Pure.
import type { MacroRoles } from "../story-format/macro-roles.js";
import type { StoryFormatProfile } from "../story-format/profile.js";
import { slug } from "./import-plan.js";
import type { TwinePassage } from "./twine-read.js";

/** A branch this big or bigger gets a file of its own. */
const MIN_BRANCH = 3;

export interface Group {
  /** The file's name in the mystery's folder. */
  readonly file: string;
  readonly passages: TwinePassage[];
}

export interface Grouping {
  readonly groups: Group[];
  /** How the story's passages were split, for the report. */
  readonly rule: string;
}

/** The breadth-first tree over the links from `start`: each passage's children, in walk order. */
function walk(
  start: string,
  byName: ReadonlyMap<string, TwinePassage>,
  read: (text: string) => ReturnType<StoryFormatProfile["scan"]>,
): { order: string[]; parent: Map<string, string>; children: Map<string, string[]> } {
  const order: string[] = [];
  const parent = new Map<string, string>();
  const children = new Map<string, string[]>();
  const seen = new Set([start]);
  for (let queue = byName.has(start) ? [start] : [], i = 0; i < queue.length; i++) {
    const name = queue[i]!;
    order.push(name);
    children.set(name, []);
    for (const link of read(byName.get(name)!.text).links) {
      if (link.dynamic || !byName.has(link.target) || seen.has(link.target)) continue;
      seen.add(link.target);
      parent.set(link.target, name);
      children.get(name)!.push(link.target);
      queue.push(link.target);
    }
  }
  return { order, parent, children };
}

/** Splits the story's passages (not StoryTitle and StoryData) into files. */
export function groupPassages(
  passages: readonly TwinePassage[],
  start: string,
  profile: StoryFormatProfile,
  roles: MacroRoles,
): Grouping {
  const files = new Map<string, TwinePassage[]>();
  const put = (file: string, p: TwinePassage) => files.set(file, [...(files.get(file) ?? []), p]);
  const { isSpecial, isWidget } = profile.kinds;
  const pages = passages.filter((p) => !isSpecial(p) && !isWidget(p));
  const byName = new Map(pages.map((p) => [p.name, p] as const));
  const { order, parent, children } = walk(start, byName, (text) => profile.scan(text, roles));
  const size = new Map<string, number>();
  for (const name of [...order].reverse())
    size.set(name, 1 + children.get(name)!.reduce((n, c) => n + size.get(c)!, 0));
  const big = (name: string) => children.get(name)!.filter((c) => size.get(c)! >= MIN_BRANCH);
  const hub = order.find((name) => big(name).length >= 2);

  const taken = new Set(["special", "widgets", "start", "unlinked", "story"]);
  const branchFile = new Map<string, string>();
  for (const branch of hub ? big(hub) : []) {
    let base = slug(branch);
    for (let n = 2; taken.has(base); n++) base = `${slug(branch)}-${n}`;
    taken.add(base);
    branchFile.set(branch, `${base}.twee`);
  }
  /** The file of a reached page: its branch's under the hub, else start.twee (story.twee when there is no hub). */
  const fileOf = (name: string): string => {
    if (!hub) return "story.twee";
    for (let at = name; parent.has(at); at = parent.get(at)!)
      if (parent.get(at) === hub) return branchFile.get(at) ?? "start.twee";
    return "start.twee";
  };
  const reached = new Set(order);
  const rule = hub
    ? `by branch of the story's first hub, "${hub}": ${[...branchFile].map(([b, f]) => `${f} holds "${b}" and the passages first reached through it`).join("; ")}; ` +
      `start.twee holds the way there, the hub and its small branches`
    : `one file, story.twee: no passage has two branches of ${MIN_BRANCH} or more passages to split the story by`;
  for (const p of passages) {
    if (isSpecial(p)) put("special.twee", p);
    else if (isWidget(p)) put("widgets.twee", p);
    else put(reached.has(p.name) ? fileOf(p.name) : "unlinked.twee", p);
  }
  const rank = (file: string) =>
    ["special.twee", "widgets.twee", "start.twee", "story.twee", ...branchFile.values(), "unlinked.twee"].indexOf(file);
  const groups = [...files].map(([file, ps]) => ({ file, passages: ps })).sort((a, b) => rank(a.file) - rank(b.file));
  return {
    groups,
    rule:
      reached.size < pages.length ? `${rule}; unlinked.twee holds the passages no link from the start reaches` : rule,
  };
}
