// An import plan (import-planner.ts) → the exact new content of every file it touches, checked
// before anything is written: each edited Twee file still holds every passage it did, changed
// only where the plan says (a file pruning empties is removed); no new file lands on an existing
// one; and the mystery, as it would be, still loads and passes the whole lint (`npm run lint`'s
// checks: its errors refuse the import, at file:line:col with their fix; its warnings are
// returned). Pure: the caller reads the files and writes them all or none (write-all.ts), in a
// real run and a dry run alike.
import { loadStory } from "../model/story.js";
import { BuildError, formatError } from "../shared/errors.js";
import type { ImportPlan } from "./import-planner.js";
import type { SourceFile } from "../sources/sources.js";
import { editTwee, type PassageEdit } from "../twee/twee-edit.js";
import { type Passage, parseTwee } from "../twee/twee.js";
import { editableText, isSourceFile, NOT_UTF8_FIX } from "../sources/sources.js";
import type { MacroSpec } from "../../macros/define.js";
import { type Diagnostic, formatDiagnostic, lintMystery } from "../lint/lint.js";

/** Project-relative path → new content, or null to delete. */
export type PlannedFiles = Map<string, string | Buffer | null>;

const same = (a: Passage, b: { name: string; tags: readonly string[]; text: string; metadata: Passage["metadata"] }) =>
  a.name === b.name &&
  a.text === b.text &&
  a.tags.join(" ") === b.tags.join(" ") &&
  (a.metadata.position ?? "") === (b.metadata.position ?? "") &&
  (a.metadata.size ?? "") === (b.metadata.size ?? "");

/** What is wrong with `after` as the result of applying `edits` to `before` (empty: exactly what was meant). */
function editProblems(file: string, before: string, after: string, edits: ReadonlyMap<string, PassageEdit>): string[] {
  const old = parseTwee(before, file);
  let now: Passage[];
  try {
    now = parseTwee(after, file);
  } catch (e) {
    return [`${file} would not read back as Twee: ${formatError(e)}`];
  }
  const byName = new Map(now.map((p) => [p.name, p]));
  const problems: string[] = [];
  let kept = 0;
  for (const p of old) {
    const e = edits.get(p.name);
    if (e === null) continue;
    kept++;
    const want = {
      name: e?.name ?? p.name,
      tags: e?.tags ?? p.tags,
      text: e?.text ?? p.text,
      metadata: e?.metadata ?? p.metadata,
    };
    const got = byName.get(want.name);
    if (!got || !same(got, want))
      problems.push(`${file}: passage ${JSON.stringify(want.name)} would not come out as planned`);
  }
  if (now.length !== kept) problems.push(`${file} would hold ${now.length} passages instead of ${kept}`);
  return problems;
}

/**
 * The new content of every file the plan touches, and every reason not to write them.
 * @param files the mystery's source files as they are now (readSources)
 * @param existing every file in the mystery's folder, sources or not (project-relative)
 */
export function planFiles(
  plan: ImportPlan,
  files: readonly SourceFile[],
  existing: ReadonlySet<string>,
  specs?: readonly MacroSpec[],
): { changes: PlannedFiles; problems: string[]; warnings: Diagnostic[] } {
  const problems = [...plan.problems];
  const changes: PlannedFiles = new Map();
  const current = new Map(files.map((f) => [f.path, f.content]));
  for (const [file, edits] of plan.edits) {
    const bytes = current.get(file);
    if (bytes === undefined) {
      problems.push(`${file} is not a source file of the mystery any more`);
      continue;
    }
    const before = editableText({ path: file, content: bytes });
    if (before === null) {
      problems.push(`${file} is not UTF-8, so Twine's edits cannot be written into it: ${NOT_UTF8_FIX}`);
      continue;
    }
    try {
      const after = editTwee(before, file, edits);
      problems.push(...editProblems(file, before, after, edits));
      // A file whose every passage was pruned goes, rather than stay as an empty file.
      const emptied = [...edits.values()].includes(null) && after.trim() === "" && parseTwee(after, file).length === 0;
      if (emptied) changes.set(file, null);
      else if (after !== before) changes.set(file, after);
    } catch (e) {
      problems.push(`${file} could not be edited: ${formatError(e)}`);
    }
  }
  for (const [file, content] of plan.writes) {
    if ((existing.has(file) || current.has(file)) && !plan.replaces.has(file)) {
      problems.push(`${file} already exists, and the import does not mean to replace it: nothing was written`);
    }
    changes.set(file, content);
  }
  for (const [from, to] of plan.moves) {
    if (existing.has(to) || current.has(to))
      problems.push(`${to} already exists, and the import does not mean to replace it: nothing was written`);
    const content = current.get(from);
    if (content === undefined) problems.push(`${from} is not a source file of the mystery any more`);
    else changes.set(to, content);
  }
  for (const file of plan.deletes) changes.set(file, null);
  // The mystery as it would be: it must still load.
  const after = [...files.filter((f) => !changes.has(f.path))];
  for (const [file, content] of changes)
    if (content !== null && isSourceFile(file)) after.push({ path: file, content: Buffer.from(content) });
  try {
    loadStory(after);
  } catch (e) {
    problems.push(
      `after the import the mystery would not build: ${e instanceof BuildError ? formatError(e) : String(e)}`,
    );
    return { changes, problems, warnings: [] };
  }
  if (!specs) return { changes, problems, warnings: [] };
  const diagnostics = lintMystery(after, specs);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    problems.push(
      `after the import the mystery would not build; the lint (as npm run lint) finds:\n${errors.map((d) => indent(formatDiagnostic(d))).join("\n")}`,
    );
  }
  return { changes, problems, warnings: diagnostics.filter((d) => d.severity !== "error") };
}

const indent = (text: string) => text.replace(/^/gm, "    ");
