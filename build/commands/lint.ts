// `npm run lint [-- <mystery>…] [--json] [--fix] [--stories DIR]`: checks every mystery under story/
// (or the named ones) and prints each problem as `file:line:col: severity: message`, then a
// summary line. Exit 1 when there is an error, 0 with warnings only, 2 for a bad command line
// or an unknown mystery. --json prints one array of every diagnostic instead. --fix first rewrites
// the links Twine's map reads differently from SugarCube (lint/fix-twine-links.ts), then checks.
import path from "node:path";
import type { MacroSpec } from "../../macros/define.js";
import { readSources } from "../sources/mystery-files.js";
import type { SourceFile } from "../sources/sources.js";
import { type HeadInputs, readHeadInputs } from "../compile/head-files.js";
import { chosenMysteries, mysteriesArgument, storiesOption } from "./mystery-args.js";
import { defineCommand, runCommand } from "./command.js";
import { BuildError, formatError } from "../shared/errors.js";
import { fixTwineLinks } from "../lint/fix-twine-links.js";
import { type Diagnostic, formatDiagnostics, hasErrors, lintMystery, summary } from "../lint/lint.js";
import { loadMacroSpecs } from "../bundle/macro-specs.js";
import { mysteryIfids, sharedIfidChecks } from "../lint/ifids.js";
import { storyFormats } from "../installed-formats/format.js";
import { root } from "../shared/paths.js";
import { writeAll } from "../shared/write-all.js";
import { compareDiagnostics } from "../shared/diagnostic.js";

/** The --json form: every field present, null when a diagnostic has none. */
const asJson = (mystery: string | null, d: Diagnostic) => ({
  mystery,
  file: d.file,
  line: d.line,
  column: d.column,
  severity: d.severity,
  code: d.code,
  message: d.message,
  fix: d.fix ?? null,
  suggestion: d.suggestion ?? null,
});

/** Rewrites a mystery's fixable links, all files or none, says what it did, and returns the files as they are now. */
async function fixLinks(files: Awaited<ReturnType<typeof readSources>>) {
  const { fixes, contents } = fixTwineLinks(files);
  if (fixes.length === 0) return files;
  await writeAll(new Map([...contents].map(([file, text]) => [path.join(root, file), text])));
  // On stderr, so --json output stays one JSON document.
  for (const f of fixes) console.error(`${f.file}:${f.line}:${f.column}: fixed: ${f.from} → ${f.to}`);
  return files.map((f) => (contents.has(f.path) ? { ...f, content: Buffer.from(contents.get(f.path)!) } : f));
}

/** A macro that does not load, as the one diagnostic: nothing can be checked against its specs. */
function macroDiagnostic(error: unknown): Diagnostic {
  if (!(error instanceof BuildError) || !error.location) throw error;
  const { file, line, column = 1 } = error.location;
  return {
    file,
    line,
    column,
    severity: "error",
    code: "macro-load",
    message: error.message,
    ...(error.fix ? { fix: error.fix } : {}),
  };
}

export const command = defineCommand(
  {
    name: "npm run lint",
    usage: "-- [<mystery>…] [--json] [--fix] [--stories DIR]",
    description:
      "checks mysteries without building them: Twee headers, duplicate names, StoryData, links to missing passages, " +
      "macros and their arguments, unclosed containers, unreachable passages and dead ends, head.html files. Prints each problem as " +
      "file:line:column: severity: message, with a did-you-mean and a fix, then a summary. Exits 1 on any error, " +
      "0 with warnings only, 2 for a bad command line or an unknown mystery.",
    arguments: [mysteriesArgument],
    options: {
      json: { type: "boolean", description: "print one JSON array of every diagnostic (for tools) instead" },
      fix: {
        type: "boolean",
        description:
          "first rewrite the links Twine's story map reads differently from SugarCube (all files or none; each fix is printed on stderr)",
      },
      stories: storiesOption,
    },
    examples: [
      ["npm run lint", "every mystery"],
      ["npm run lint -- 50ms-request", "one mystery"],
      ["npm run lint -- --json > problems.json", "for an editor or CI"],
      ["npm run lint -- --fix", "rewrite links like [[Go -> Client]] as [[Go->Client]], then check"],
    ],
  },
  async ({ values, positionals }) => {
    const stories = path.resolve(values.stories);
    const mysteries = await chosenMysteries(positionals, stories);
    let specs: MacroSpec[];
    try {
      specs = await loadMacroSpecs();
    } catch (error) {
      const d = macroDiagnostic(error);
      if (values.json) console.log(JSON.stringify([asJson(null, d)], null, 2));
      else
        console.log(
          `${formatDiagnostics([d])}\n${summary([d], 0)} (the macros must load before any mystery can be checked)`,
        );
      return 1;
    }
    return lintAll(stories, mysteries, specs, values.json, values.fix);
  },
);

async function lintAll(
  stories: string,
  mysteries: readonly string[],
  specs: readonly MacroSpec[],
  json: boolean,
  fix: boolean,
): Promise<number> {
  const results: { mystery: string; diagnostics: Diagnostic[] }[] = [];
  const read = new Map<string, Awaited<ReturnType<typeof readSources>>>();
  const formats = storyFormats(); // where the build finds them: the SugarCube each StoryData names must be there
  for (const mystery of mysteries) {
    let files: SourceFile[];
    let head: HeadInputs["files"];
    try {
      [files, { files: head }] = await Promise.all([
        readSources(path.join(stories, mystery)),
        readHeadInputs(path.join(stories, mystery)),
      ]);
    } catch (error) {
      console.error(formatError(error));
      return 2;
    }
    if (fix) files = await fixLinks(files);
    read.set(mystery, files);
    results.push({ mystery, diagnostics: lintMystery(files, specs, head, formats) });
  }
  // The project's head.html is every mystery's: each of its problems is said once.
  const said = new Set<string>();
  for (const r of results)
    r.diagnostics = r.diagnostics.filter((d) => !said.has(JSON.stringify(d)) && said.add(JSON.stringify(d)));
  // Across mysteries: no two may share an IFID.
  for (const { mystery, diagnostic } of sharedIfidChecks(await mysteryIfids(stories, read))) {
    const result = results.find((r) => r.mystery === mystery);
    result?.diagnostics.push(diagnostic);
    result?.diagnostics.sort(compareDiagnostics);
  }
  const all = results.flatMap((r) => r.diagnostics);
  if (json) {
    console.log(
      JSON.stringify(
        results.flatMap((r) => r.diagnostics.map((d) => asJson(r.mystery, d))),
        null,
        2,
      ),
    );
  } else {
    if (all.length > 0) console.log(formatDiagnostics(all));
    console.log(summary(all, mysteries.length));
  }
  return hasErrors(all) ? 1 : 0;
}

runCommand(import.meta.url, command);
