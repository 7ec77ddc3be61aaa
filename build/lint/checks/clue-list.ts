// A half-migrated story: clues are recorded by one of our macros (a spec that `stores` them: our
// clue macro keeps $clues, setup.clues), while a passage (most often StoryCaption) shows a list
// of its own that nothing fills any more: a variable read as a collection ($knowledge.size,
// `range $knowledge`) that nothing adds to, only sets up empty. The old widgets filled it; with
// them gone the sidebar says "nothing yet!" right after "you've found new information!!".
import { type Diagnostic, error, type Where } from "../../shared/diagnostic.js";
import { isScript } from "../../story-format/passage-kinds.js";
import { locate, type Mystery } from "../checked-mystery.js";
import { scriptVariables } from "./variables.js";
import { ownDefinitions } from "./macro-clash.js";

const NAME = String.raw`\$([A-Za-z_][\w$]*)`;
/** Reading a variable as a collection: its size, a look-up, or a loop over it. */
const AS_LIST = new RegExp(
  String.raw`${NAME}\s*\.\s*(?:size|length|has|includes|forEach|values|keys|entries)\b|\brange\s+${NAME}`,
  "g",
);
/** Filling one: adding to it, or setting an item. */
const ADDS = new RegExp(String.raw`${NAME}\s*(?:\.\s*(?:add|push|unshift|splice|set)\s*\(|\[[^\]]*\]\s*=(?!=))`, "g");
/** An assignment, with what follows it on its line (looked at, not consumed: another may follow). */
const ASSIGNS = new RegExp(String.raw`${NAME}\s*(?:to\b|=(?!=))(?=([^\n]{0,80}))`, "g");
/** A quoted variable name, as a macro that stores into it takes it. */
const STORED_INTO = new RegExp(String.raw`["'\x60]${NAME}["'\x60]`, "g");
/** What only sets a list up, empty. */
const EMPTY = /^\s*(?:new\s+(?:Set|Map|Array)\s*\(\s*\)|\[\s*\]|\{\s*\})\s*(?:[;,)]|$)/;

/** The whole text of each macro tag of the mystery's markup (and its macro's name), with its passage and offset. */
function macroTags(m: Mystery): { p: Parameters<typeof locate>[0]; offset: number; text: string; macro?: string }[] {
  const tags: ReturnType<typeof macroTags> = [];
  for (const [p, scan] of m.scans) {
    for (const call of scan.macros)
      tags.push({ p, offset: call.offset, text: p.text.slice(call.offset, call.end), macro: call.name });
    for (const v of scan.variables) tags.push({ p, offset: v.offset, text: v.text }); // naked $x.length, printed
  }
  return tags;
}

export function clueListChecks(m: Mystery): Diagnostic[] {
  const recorders = m.specs.filter((s) => (s.stores ?? []).length > 0);
  const redefined = new Set(ownDefinitions(m).map((d) => d.name));
  const ours = recorders.filter((s) => !redefined.has(s.name));
  const used = ours.find((s) => [...m.scans.values()].some((scan) => scan.macros.some((c) => c.name === s.name)));
  if (!used) return [];

  const tags = macroTags(m);
  const filled = new Set<string>(recorders.flatMap((s) => s.stores ?? []));
  for (const p of m.passages.filter(isScript)) for (const n of scriptVariables(p.text)) filled.add(n);
  for (const { text, macro } of tags)
    if (m.profile.macros.scripts.has(macro ?? "")) for (const n of scriptVariables(text)) filled.add(n);
  // Generously, anywhere in the text (setter links too): an addition, an assignment of anything but
  // an empty list, or a name given to a macro that stores into it (our forms, <<textbox "$x">>).
  for (const text of [...m.scans.keys()].map((p) => p.text)) {
    for (const a of text.matchAll(ADDS)) filled.add(a[1]!);
    for (const a of text.matchAll(ASSIGNS)) if (!EMPTY.test(a[2]!.split(/>>|\]\]/)[0]!)) filled.add(a[1]!);
    for (const a of text.matchAll(STORED_INTO)) filled.add(a[1]!);
  }

  const found: Diagnostic[] = [];
  const reported = new Set<string>(); // one per passage and variable
  for (const { p, offset, text } of tags) {
    for (const r of text.matchAll(AS_LIST)) {
      const name = r[1] ?? r[2]!;
      const key = `${p.file}\0${p.name}\0${name}`;
      if (filled.has(name) || reported.has(key)) continue;
      reported.add(key);
      found.push(staleList(locate(p, offset + r.index + r[0].indexOf("$")), name, used.name, used.stores![0]!));
    }
  }
  return found;
}

function staleList(where: Where, name: string, macro: string, store: string): Diagnostic {
  return error(
    where,
    "stale-clue-list",
    `$${name} is shown here as a list, but nothing adds to it: the clues <<${macro}>> finds go to our clue list ($${store}, setup.${store}), so this one stays empty`,
    {
      fix:
        `show ours instead: <<for _clue range setup.${store}.list()>><li>_clue</li><</for>>, as a new mystery's StoryCaption does ` +
        `(<div class="what-you-know">…</div>), and remove $${name} and its set-up; \`npm run import -- <file> --new NAME\` does this for a story written with the original widgets`,
    },
  );
}
