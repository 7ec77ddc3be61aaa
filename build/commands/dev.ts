// `npm run dev [-- <mystery>…] [--port N] [--stories DIR] [--out DIR] [--no-open]`: builds every
// mystery and the index, serves the out folder on http://127.0.0.1:<port>/ (default 8080, or $PORT;
// 0 picks a free port), and rebuilds on every save; open pages reload themselves, or show what
// failed over the last good build. Also: --compiler (as npm run build), --macros/--styles FILE
// (other entry files). Prints exactly one `serving <url>` line on stdout, once the first build is
// done: scripts wait for it.
import path from "node:path";
import type { CompilerChoice } from "../pipeline/build-story.js";
import { COMPILERS } from "../pipeline/build-story.js";
import { runDev } from "../dev/session.js";
import { defineCommand, type OptionSpec, type Parsed, runCommand } from "./command.js";
import { UsageError } from "../shared/errors.js";
import { checkMysteryName } from "../shared/names.js";
import { allMysteries, checkKnown, outFolder, storiesOption } from "./mystery-args.js";
import { display, distDir, macrosEntry, stylesEntry } from "../shared/paths.js";

function parsePort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`);
  return port;
}

const options = {
  port: {
    type: "string",
    value: "N",
    description: "the port; 0 picks a free one",
    default: process.env.PORT || "8080",
    shownDefault: "8080, or $PORT",
  },
  "no-open": { type: "boolean", description: "do not open the browser (it opens only when run from a terminal)" },
  stories: storiesOption,
  out: {
    type: "string",
    value: "DIR",
    description: "where the HTML files go, and what is served",
    default: distDir,
    shownDefault: display(distDir),
  },
  compiler: {
    type: "string",
    value: "NAME",
    description: "as for npm run build",
    choices: COMPILERS,
    default: process.env.STORY_COMPILER || "auto",
    shownDefault: "auto, or $STORY_COMPILER",
  },
  macros: {
    type: "string",
    value: "FILE",
    description: "the macros' browser entry",
    default: macrosEntry,
    shownDefault: display(macrosEntry),
  },
  styles: {
    type: "string",
    value: "FILE",
    description: "the stylesheet's entry",
    default: stylesEntry,
    shownDefault: display(stylesEntry),
  },
} satisfies Record<string, OptionSpec>;

export const command = defineCommand(
  {
    name: "npm run dev",
    usage: "-- [<mystery>…] [--port N] [--no-open] [--stories DIR] [--out DIR] [--compiler NAME]",
    description:
      "builds every mystery and the index, serves the out folder on http://127.0.0.1:<port>/ (this machine only), " +
      "and rebuilds on every save of a passage, macro or stylesheet: open pages reload themselves, or show what " +
      "failed over the last good build. Ctrl-C stops it.",
    arguments: [["<mystery>…", "build and watch only these (default: every one)"]],
    options,
    examples: [
      ["npm run dev", "every mystery, on http://127.0.0.1:8080/"],
      ["npm run dev -- 50ms-request --port 0", "one mystery, on any free port"],
    ],
  },
  (args) => main(args),
);

async function main({ values, positionals }: Parsed<typeof options>): Promise<number> {
  positionals.forEach(checkMysteryName);
  const compiler = values.compiler as CompilerChoice;
  const port = parsePort(values.port);
  const stories = path.resolve(values.stories);
  const entries = { macros: path.resolve(values.macros), styles: path.resolve(values.styles) };
  const known = await allMysteries(stories);
  checkKnown(positionals, known, stories);
  const out = await outFolder(values.out);

  return runDev({
    stories,
    out,
    only: [...new Set(positionals)],
    known,
    compiler,
    entries,
    port,
    open: !values["no-open"],
  });
}

runCommand(import.meta.url, command);
