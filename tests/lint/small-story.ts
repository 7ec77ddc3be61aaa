// A small story for the lint's tests: special.twee (StoryTitle, StoryData), then the text under
// test as story/x/a.twee, linted with every check but the variables' (tested in
// variables.test.ts); and how a diagnostic reads.
import { type Diagnostic, formatDiagnostic, lintMystery } from "../../build/lint/lint.js";
import type { SourceFile } from "../../build/sources/sources.js";

export const IFID = "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0";
export const DATA = `{"ifid": "${IFID}", "format": "SugarCube", "format-version": "2.31.1"}`;
export const file = (p: string, text: string): SourceFile => ({ path: p, content: Buffer.from(text) });
/** StoryTitle on line 1 and StoryData on line 4 (its JSON from line 5) of story/x/special.twee. */
export const special = (data = DATA) => file("story/x/special.twee", `:: StoryTitle\nT\n\n:: StoryData\n${data}\n`);
/** The variable checks' own findings, tested in variables.test.ts: these small stories store answers they never show. */
const VARIABLE_CODES = new Set(["unset-variable", "unused-answer"]);
/** A story: special.twee, then `text` as story/x/a.twee (and any more files); all but the variable checks. */
export const lint = (text: string, ...more: SourceFile[]) =>
  lintMystery([special(), file("story/x/a.twee", text), ...more]).filter((d) => !VARIABLE_CODES.has(d.code));

/** The `file:line:col: severity: message` line. */
export const first = (d: Diagnostic) => formatDiagnostic(d).split("\n")[0];
export const only = (code: string, ds: Diagnostic[]) => ds.filter((d) => d.code === code);
export const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === "error").map(first);
