// `npm run lint [-- <mystery>…] [--json] [--fix] [--stories DIR]`: checks every mystery under story/
// (or the named ones) and prints each problem as `file:line:col: severity: message`, then a
// summary line. Exit 1 when there is an error, 0 with warnings only, 2 for a bad command line
// or an unknown mystery. --json prints one array of every diagnostic instead. --fix first rewrites
// the links Twine's map reads differently from SugarCube (lint/fix-links.ts), then checks.
import path from "node:path";
import { parseArgs } from "node:util";
import { listMysteries, readSources } from "./build.js";
import { formatError } from "./errors.js";
import { fixTwineLinks } from "./lint/fix-links.js";
import { type Diagnostic, formatDiagnostics, hasErrors, lintMystery, summary } from "./lint/lint.js";
import { runMain } from "./main.js";
import { root, storiesDir } from "./paths.js";
import { writeAll } from "./write-all.js";

const USAGE = "usage: npm run lint [-- <mystery>…] [--json] [--fix] [--stories DIR]";

function options(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        fix: { type: "boolean", default: false },
        stories: { type: "string", default: storiesDir },
      },
    });
  } catch (e) {
    console.error(`error: ${(e as Error).message}\n${USAGE}`);
    return null;
  }
}

/** The --json form: every field present, null when a diagnostic has none. */
const asJson = (mystery: string, d: Diagnostic) => ({
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

async function main(): Promise<number> {
  const parsed = options(process.argv.slice(2));
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  const stories = path.resolve(values.stories);
  const mysteries = positionals.length > 0 ? positionals : await listMysteries(stories);
  const results: { mystery: string; diagnostics: Diagnostic[] }[] = [];
  for (const mystery of mysteries) {
    let files;
    try {
      files = await readSources(path.join(stories, mystery));
    } catch (error) {
      console.error(formatError(error));
      return 2;
    }
    if (values.fix) files = await fixLinks(files);
    results.push({ mystery, diagnostics: lintMystery(files) });
  }
  const all = results.flatMap((r) => r.diagnostics);
  if (values.json) {
    console.log(JSON.stringify(results.flatMap((r) => r.diagnostics.map((d) => asJson(r.mystery, d))), null, 2));
  } else {
    if (all.length > 0) console.log(formatDiagnostics(all));
    console.log(summary(all, mysteries.length));
  }
  return hasErrors(all) ? 1 : 0;
}

runMain(import.meta.url, main);
