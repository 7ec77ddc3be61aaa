// tweego's own warnings about its compiler special passages (story.go's add, storydata.go's
// unmarshalStorySettings), in tweego 2.1.1's words, for the native compiler: a build says the
// same whichever compiler runs. tweego.ts places tweego's printed warnings the same way (the
// passage's header line), so the two lists are equal. Pure.
import type { Diagnostic } from "../shared/diagnostic.js";
import { goQuote, goTrimSpace } from "../twee/go-text.js";
import type { Passage } from "../twee/twee.js";
import { isStoryIncludes, isStorySettings } from "../story-format/passage-kinds.js";

const STORY_INCLUDES =
  'Ignoring "StoryIncludes" compiler special passage; and it is recommended that you remove it.  Tweego allows you ' +
  "to specify project files and/or directories to recursively search for such files on the command line.  Thus, in " +
  "practice, you only need to specify a project's root directory and Tweego will find all of its files automatically.";

/** Its StorySettings lines without a colon, and the obsolete entries (ifid, zoom) it has, as tweego reads them. */
function settingsWarnings(text: string): string[] {
  const warnings: string[] = [];
  const obsolete: string[] = [];
  for (const raw of text.split("\n")) {
    const line = goTrimSpace(raw);
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon === -1) {
      warnings.push(`Malformed "StorySettings" entry; skipping ${goQuote(line)}.`);
      continue;
    }
    const key = goTrimSpace(line.slice(0, colon)).toLowerCase();
    if (key === "ifid" || key === "zoom") obsolete.push(`"${key}"`);
  }
  if (obsolete.length > 0) {
    const [entries, pronoun] = obsolete.length === 1 ? ["entry", "it"] : ["entries", "them"];
    warnings.push(
      `Detected obsolete "StorySettings" ${entries}: ${obsolete.join(", ")}.  Please remove ${pronoun} from the ` +
        `"StorySettings" special passage.  If doing so leaves the passage empty, please remove it as well.`,
    );
  }
  return warnings;
}

/** The warnings tweego prints for these passages (in load order), at each one's header line. */
export function compilerPassageWarnings(passages: readonly Passage[]): Diagnostic[] {
  return passages.flatMap((p) => {
    const texts = isStoryIncludes(p) ? [STORY_INCLUDES] : isStorySettings(p) ? settingsWarnings(p.text) : [];
    return texts.map(
      (text) =>
        ({
          file: p.file,
          line: p.line,
          column: 1,
          severity: "warning",
          code: "tweego",
          message: `tweego: ${text}`,
        }) as const,
    );
  });
}
