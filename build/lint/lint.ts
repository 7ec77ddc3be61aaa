// build/lint/: every check of a mystery's files (checks/, one per concern). Imports build/model/,
// build/story-format/ and below (never build/compile/: the lint runs before the compiler).
//
// The story linter: a mystery's source files in, every problem found out, sorted by place.
// Pure (no file system), so the build, the dev server and the tests call it the same way.
import type { MacroSpec } from "../../macros/define.js";
import { ourMacroSpecs } from "../bundle/macro-specs.js";
import { type FoundFormat, storyFormats } from "../installed-formats/format.js";
import type { SourceFile } from "../sources/sources.js";
import { encodingChecks } from "./checks/encoding.js";
import { clueListChecks } from "./checks/clue-list.js";
import { graphChecks } from "./checks/graph.js";
import { headChecks } from "./checks/head.js";
import { linkChecks } from "./checks/missing-passages.js";
import { macroArgChecks } from "./checks/macro-args.js";
import { macroClashChecks } from "./checks/macro-clash.js";
import { macroChecks } from "./checks/macros.js";
import { mediaChecks } from "./checks/media.js";
import { structureChecks } from "./checks/structure.js";
import { tweegoEscapeChecks } from "./checks/tweego-escapes.js";
import { twineLinkChecks } from "./checks/twine-map-links.js";
import { variableChecks } from "./checks/variables.js";
import { compareDiagnostics, type Diagnostic } from "../shared/diagnostic.js";
import { readMystery } from "./checked-mystery.js";

/** Our macros' specs, read from macros/ (bundle/macro-specs.ts), not imported: a broken macro is an error at its line, not a crash. */

/**
 * Every problem in one mystery's files (as readSources gives them) and the head.html files its
 * page gets (compile/head-files.ts), sorted by file, line, column; `formats` are the story formats
 * found (where tweego finds them, by default).
 */
export function lintMystery(
  files: readonly SourceFile[],
  specs: readonly MacroSpec[] = ourMacroSpecs(),
  head: readonly SourceFile[] = [],
  formats: readonly FoundFormat[] = storyFormats(),
): Diagnostic[] {
  const mystery = readMystery(files, specs, formats);
  return [
    ...structureChecks(mystery),
    ...linkChecks(mystery),
    ...twineLinkChecks(mystery),
    ...macroChecks(mystery),
    ...macroArgChecks(mystery),
    ...macroClashChecks(mystery),
    ...clueListChecks(mystery),
    ...graphChecks(mystery),
    ...mediaChecks(mystery),
    ...tweegoEscapeChecks(mystery),
    ...encodingChecks(files),
    ...headChecks(head),
    ...variableChecks(mystery),
  ].sort(compareDiagnostics);
}

export {
  type Diagnostic,
  formatDiagnostic,
  formatDiagnostics,
  hasErrors,
  summary,
  toBuildError,
} from "../shared/diagnostic.js";
