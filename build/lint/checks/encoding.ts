// Text files that are not valid UTF-8: tweego reads them as Windows-1252 without a word, and so
// does the build (go-text.ts), which is right for a file saved in that encoding and turns a
// UTF-8 file with one bad byte into mojibake throughout. Either way the author should know.
import { isUtf8 } from "node:buffer";
import path from "node:path";
import { isWindows1252, type SourceFile } from "../../sources/sources.js";
import { type Diagnostic, warning } from "../../shared/diagnostic.js";

/** The 1-based line of the first byte that is not UTF-8. */
function firstBadLine(bytes: Buffer): number {
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    if (!isUtf8(bytes.subarray(start, end === -1 ? bytes.length : end))) return line;
    if (end === -1) break;
    start = end + 1;
  }
  return line;
}

/** A text file (Twee, CSS, JavaScript, head.html) that is not UTF-8, at its first bad line. */
export const encodingWarning = (f: SourceFile): Diagnostic =>
  warning(
    { file: f.path, line: firstBadLine(f.content), column: 1 },
    "not-utf8",
    `${path.basename(f.path)} is not valid UTF-8, so it is read as Windows-1252 (as tweego reads it)`,
    { fix: "save the file as UTF-8" },
  );

export const encodingChecks = (files: readonly SourceFile[]): Diagnostic[] =>
  files.filter(isWindows1252).map(encodingWarning);
