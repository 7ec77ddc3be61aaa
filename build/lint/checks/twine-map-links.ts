// `[[…]]` links that Twine's story map reads differently from the story format, SugarCube
// (story-format/link-differences.ts): the map would show a broken link or a wrong arrow, and
// renaming a passage in Twine would not update the link. Errors where the two disagree on a link
// the format follows (with the rewrite that `npm run lint -- --fix` applies); warnings where only
// Twine sees a link.
import { type LinkDifference, linkDifferences } from "../../story-format/link-differences.js";
import { onTwineMap } from "../../story-format/passage-kinds.js";
import { type Diagnostic, error, warning } from "../../shared/diagnostic.js";
import { locate, type Mystery } from "../checked-mystery.js";

const q = JSON.stringify;

function describe(
  d: LinkDifference,
  exists: (name: string) => boolean,
  format: string,
): { message: string; fix?: string; severity: "error" | "warning" } {
  const shows = (t: string) => (exists(t) ? `an arrow to ${q(t)}` : `a broken link to ${q(t)}`);
  const rewrite = d.rewrite && `write it as ${d.rewrite} (\`npm run lint -- --fix\` does this)`;
  switch (d.kind) {
    case "target":
      if (d.swallowed) {
        return {
          severity: "error",
          message: `Twine's story map reads this link to ${q(d.format)} as the end of an earlier "[[" on its line: it shows ${d.twine === undefined ? "no arrow" : shows(d.twine)}`,
          fix: rewrite ?? `close or remove the stray "[[" before this link`,
        };
      }
      return {
        severity: "error",
        message:
          d.twine === undefined
            ? `Twine's story map draws no arrow for this link to ${q(d.format)}: it reads the target as a web address or as empty`
            : `Twine's story map reads this link's target as ${q(d.twine)}, ${format} as ${q(d.format)}: the map shows ${shows(d.twine)}`,
        fix:
          rewrite ??
          `write the link so both read ${q(d.format)}: no spaces around "->", "<-" or "|", no "->" or "|" in the link text, or rename the passage`,
      };
    case "missing":
      return {
        severity: "error",
        message: `Twine's story map draws no arrow for this link to ${q(d.format)}: it reads an earlier "[[" on this line up to this link's "]]"`,
        fix: `close or remove the stray "[[" before this link`,
      };
    case "extra":
      return {
        severity: "warning",
        message: `Twine's story map shows ${shows(d.twine!)} here, but ${format} does not read a link here (in a comment, verbatim text or code, or malformed link markup)`,
        fix: `if it should be a link, fix its markup; if not, keep "[[" out of it (in HTML text, "&#91;[" shows as "[[")`,
      };
    case "computed":
      return {
        severity: "warning",
        message: `Twine's story map reads the computed target ${q(d.format)} as a passage name and shows ${shows(d.twine ?? d.format!)}`,
        fix: `to keep it off the map, use <<link "text" ${d.format}>><</link>>, which Twine's map does not read`,
      };
  }
}

export function twineLinkChecks(m: Mystery): Diagnostic[] {
  const shown = m.passages.filter(onTwineMap);
  const names = new Set(shown.map((p) => p.name));
  const found: Diagnostic[] = [];
  for (const p of shown) {
    for (const d of linkDifferences(m.profile, p.text, m.scans.get(p)?.links ?? [], (name) => names.has(name))) {
      const { severity, message, fix } = describe(d, (name) => names.has(name), m.profile.name);
      found.push(
        (severity === "error" ? error : warning)(locate(p, d.offset), "twine-link", message, fix ? { fix } : {}),
      );
    }
  }
  return found;
}
