// Twee escapes that tweego 2.1.1 reads differently from Twine and the native compiler: a text
// line written `\::` (Twine's Export as Twee writes it so for a line starting with `::`; tweego
// keeps the backslash in the passage) and a name with an escaped space at either end (Twine's
// `:: \ Name`; tweego trims the space after unescaping). The native build reads both as Twine
// does; the author should know a tweego build of the same folder differs.
import { goTrimSpace } from "../../twee/go-text.js";
import type { LocatedPassage } from "../../twee/twee.js";
import { type Diagnostic, warning } from "../../shared/diagnostic.js";
import type { Mystery } from "../checked-mystery.js";

const TEXT_LINE =
  "tweego 2.1.1 does not unescape a text line starting with `\\::` (it shows the backslash); the native build shows `::`, as Twine does";

function textLineWarnings(p: LocatedPassage): Diagnostic[] {
  // escapedLines count from the first line of the (trimmed) text, which starts at textAt.
  return p.escapedLines.map((i) =>
    warning(
      { file: p.file, line: p.textAt.line + i, column: i === 0 ? p.textAt.column : 1 },
      "tweego-escape",
      TEXT_LINE,
      {
        fix: "reword the line so it does not start with `::` (e.g. indent it), if the story may be built with tweego",
      },
    ),
  );
}

function nameWarning(p: LocatedPassage): Diagnostic[] {
  if (goTrimSpace(p.name) === p.name) return [];
  return [
    warning(
      { file: p.file, line: p.line, column: p.nameColumn },
      "tweego-escape",
      `passage name ${JSON.stringify(p.name)} starts or ends with an escaped space: Twine and the native build keep it, tweego 2.1.1 trims it`,
      { fix: `rename the passage to ${JSON.stringify(goTrimSpace(p.name))} (and its links)` },
    ),
  ];
}

export const tweegoEscapeChecks = (mystery: Mystery): Diagnostic[] =>
  mystery.passages.flatMap((p) => [...nameWarning(p), ...textLineWarnings(p)]);
