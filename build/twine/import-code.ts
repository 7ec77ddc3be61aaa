// Twine's Story JavaScript and Stylesheet in an import: no edit made in Twine is dropped. A part
// that is a file of the mystery goes back to that file (code-chunks.ts merges it three ways);
// code added after ours goes to the end of the mystery's own code (config.js, its last .js or
// .css, or a new file); an edit of our macros' bundle or built styles, which have no file to go
// back to, refuses the import, or with --set-aside is saved beside the mystery as the changed
// lines for the author to carry into macros/ or styles/. Pure.
import path from "node:path";
import { isTweeFile } from "../sources/sources.js";
import { codePassages } from "./base.js";
import { type CodeKind, mergeCode } from "./code-chunks.js";
import type { ImportInput, Planner } from "./import-plan.js";
import type { Resolve } from "./merge.js";

const WHAT: Readonly<
  Record<
    CodeKind,
    {
      readonly story: string;
      readonly ours: string;
      readonly home: string;
      readonly ext: string;
      readonly newFile: string;
    }
  >
> = {
  script: { story: "Story JavaScript", ours: "our macros' bundle", home: "macros/*.ts", ext: "js", newFile: "config" },
  stylesheet: {
    story: "Story Stylesheet",
    ours: "the built styles",
    home: "styles/*.css",
    ext: "css",
    newFile: "story",
  },
};

/** How many lines of a set-aside edit a refusal shows. */
const SHOWN_LINES = 12;

export function planCode(
  input: ImportInput,
  planner: Planner,
  options: { readonly resolve: Resolve; readonly setAside: boolean },
): void {
  const { plan } = planner;
  for (const kind of ["script", "stylesheet"] as const) {
    const what = WHAT[kind];
    const disk = codePassages(input.current.story, kind);
    const base = input.base && codePassages(input.base.story, kind);
    const outcome = mergeCode(kind, input.imported[kind], base, disk, input.ours[kind], options.resolve);
    plan.conflicts.push(...outcome.conflicts);
    const texts = new Map<string, string>(); // a code file's new text
    for (const w of outcome.writes) {
      const p = input.current.story.passages.find((q) => q.file === w.file && q.name === w.name);
      if (!isTweeFile(w.file) && !/\.(?:js|css)$/i.test(w.file)) {
        plan.problems.push(
          `Twine's ${what.story} changed the part made from ${w.file} (a font), which cannot be written back: undo that edit in Twine`,
        );
        continue;
      }
      if (p && isTweeFile(w.file)) planner.edit(p, { text: w.text.trim() });
      else texts.set(w.file, `${w.text}${(p?.text ?? "\n").endsWith("\n") ? "\n" : ""}`);
      plan.report.changed.push(`${w.name} (${what.story}) in ${w.file}`);
    }
    if (outcome.appended) {
      const own = disk
        .filter((p) => p.name !== input.ours[kind].name && p.file.toLowerCase().endsWith(`.${what.ext}`))
        .at(-1);
      const file = own?.file ?? planner.newFile(what.newFile, what.ext);
      const before = texts.get(file) ?? own?.text ?? "";
      texts.set(file, `${before.replace(/\s+$/, "")}${before.trim() ? "\n" : ""}${outcome.appended}\n`);
      const order = kind === "script" ? `; it now runs before ${what.ours}, as ${path.posix.basename(file)} does` : "";
      plan.report.changed.push(`${what.story} added around ${what.ours} in Twine → the end of ${file}${order}`);
    }
    for (const [file, text] of texts) {
      plan.writes.set(file, text);
      if (disk.some((p) => p.file === file)) plan.replaces.add(file);
    }
    if (outcome.setAside) setAside(outcome.setAside.diff, outcome.setAside.whole, kind, planner, options.setAside);
  }
}

/** A long line (minified code) shown around where it differs from its counterpart on the other side. */
function around(line: string, other = ""): string {
  if (line.length <= 160) return line;
  let at = 1;
  while (at < line.length && line[at] === other[at]) at++;
  const from = Math.max(1, at - 60);
  return `${line[0]}${from > 1 ? "…" : ""}${line.slice(from, at + 100)}${at + 100 < line.length ? "…" : ""} (${line.length} characters)`;
}

/** Twine's edit of our code: refused, or (--set-aside) saved beside the mystery as the changed lines. */
function setAside(diff: string, whole: boolean, kind: CodeKind, planner: Planner, goOn: boolean): void {
  const { plan } = planner;
  const what = WHAT[kind];
  const file = planner.newFile(`twine-${kind === "script" ? "macros" : "styles"}-edit`, "diff");
  if (goOn) {
    plan.writes.set(file, diff);
    plan.report.notImported.push(
      `Twine's edit of ${what.ours} (${what.story}): saved as the changed lines in ${file}; carry it into ${what.home}`,
    );
    return;
  }
  const lines = diff.split("\n").filter((l) => /^[-+@]/.test(l) && !/^(---|\+\+\+) /.test(l));
  const shownLines = lines
    .slice(0, SHOWN_LINES)
    .map((l, i) => `      ${around(l, lines[i + (l.startsWith("-") ? 1 : -1)])}`)
    .join("\n");
  const more = lines.length > SHOWN_LINES ? `\n      … ${lines.length - SHOWN_LINES} more lines` : "";
  const edited = whole
    ? `Twine's ${what.story} no longer has the comment lines that start each part (/* twine-user-${kind} #N: … */), so its edits cannot be told apart`
    : `Twine's copy of ${what.ours} (in the ${what.story}) was edited, and it has no file to go back to`;
  plan.problems.push(
    `${edited}:\n${shownLines}${more}\n` +
      `    Fix: carry the edit into ${what.home} by hand, or import with --set-aside to import the rest and save these changed lines in ${path.posix.basename(file)} beside the mystery's files (${file})`,
  );
}
