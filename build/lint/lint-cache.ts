// The lint's diagnostics of a mystery's files, kept in .cache/lint/ (see shared/result-cache.ts):
// a build of a mystery whose files, macro specs and our code are as they were last time reports
// the same diagnostics without checking again (the checks are much of such a build). The lint is
// a pure function of exactly those and of the story formats found (lint.ts reads no other file,
// clock or setting), so a hit is what lintMystery would return now.
import type { MacroSpec } from "../../macros/define.js";
import { type FoundFormat, storyFormats } from "../installed-formats/format.js";
import type { SourceFile } from "../sources/sources.js";
import type { Diagnostic } from "../shared/diagnostic.js";
import { cachedResult, resultCacheDir } from "../shared/result-cache.js";
import { lintMystery } from "./lint.js";

export const lintCacheDir = resultCacheDir("lint");

/** lintMystery(files, specs, head, formats), or its diagnostics from last time for the same files, specs, formats and code; `name` names the entry (the mystery). */
export const cachedLint = (
  name: string,
  files: readonly SourceFile[],
  specs: readonly MacroSpec[],
  head: readonly SourceFile[] = [],
  formats: readonly FoundFormat[] = storyFormats(),
): Promise<Diagnostic[]> =>
  cachedResult("lint", name, { files: [...files, ...head], data: { specs, formats } }, () =>
    lintMystery(files, specs, head, formats),
  );
