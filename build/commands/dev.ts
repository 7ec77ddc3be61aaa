// `npm run dev [-- <mystery>…] [--port N] [--stories DIR] [--out DIR] [--no-open]`: builds every
// mystery and the index, serves the out folder on http://127.0.0.1:<port>/ (default 8080, or $PORT;
// 0 picks a free port), and rebuilds on every save; open pages reload themselves, or show what
// failed over the last good build. Also: --compiler (as npm run build), --macros/--styles FILE
// (other entry files). Prints exactly one `serving <url>` line on stdout, once the first build is
// done: scripts wait for it.
import { spawn } from "node:child_process";
import path from "node:path";
import { type CompilerChoice, compilerName, listMysteries, resolveCompiler } from "../pipeline/build-story.js";
import { COMPILERS } from "./build.js";
import { defineCommand, type OptionSpec, type Parsed, runCommand } from "./command.js";
import { BuildError, formatError, UsageError } from "../shared/errors.js";
import { EventHub, showable } from "../dev/events.js";
import { formatDiagnostics } from "../lint/lint.js";
import { checkMysteryName } from "../shared/names.js";
import { storiesOption } from "./mystery-args.js";
import { display, distDir, macrosEntry, shown, stylesEntry } from "../shared/paths.js";
import { createRebuilder, type Outcome, type Problem } from "../dev/rebuild.js";
import { startServer } from "../dev/serve.js";
import { watchBatches } from "../dev/watch.js";

/** How long shutdown may take before the process just exits. */
const SHUTDOWN_MS = 700;

function parsePort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`);
  return port;
}

const shownPath = shown;

/** Problems with the same error as one (a Twee error fails both its mystery and the index). */
function grouped(problems: readonly Problem[]): { error: unknown; sources: string[]; outFiles: string[] }[] {
  const groups = new Map<string, { error: unknown; sources: string[]; outFiles: string[] }>();
  for (const { error, source, outFile } of problems) {
    const key = formatError(error);
    const group = groups.get(key) ?? { error, sources: [], outFiles: [] };
    group.sources.push(source);
    if (outFile) group.outFiles.push(shownPath(outFile));
    groups.set(key, group);
  }
  return [...groups.values()];
}

function report(outcome: Outcome, out: string): void {
  for (const { file, ms, warnings = [] } of outcome.written) {
    console.log(`${outcome.first ? "built" : "rebuilt"} ${shownPath(file)} in ${ms} ms`);
    if (warnings.length > 0) console.error(formatDiagnostics(warnings));
  }
  for (const { error, outFiles } of grouped(outcome.failed)) {
    console.error(formatError(error));
    const kept =
      outFiles.length > 0
        ? `${outFiles.join(" and ")} left as ${outFiles.length > 1 ? "they were" : "it was"}`
        : `nothing rebuilt; ${shownPath(out)}/ left as it was`;
    console.error(`  (${kept}; watching for the fix)`);
  }
}

/** Opens the URL in the desktop's browser; only from a terminal, so scripts and CI never do. */
function openBrowser(url: string): void {
  const [command, ...args] =
    process.platform === "darwin" ? ["open", url] : process.platform === "win32" ? ["cmd", "/c", "start", "", url] : ["xdg-open", url];
  const child = spawn(command!, args, { detached: true, stdio: "ignore" });
  child.on("error", () => {}); // no opener installed: the URL is printed anyway
  child.unref();
}

const options = {
  port: { type: "string", value: "N", description: "the port; 0 picks a free one", default: process.env.PORT || "8080", shownDefault: "8080, or $PORT" },
  "no-open": { type: "boolean", description: "do not open the browser (it opens only when run from a terminal)" },
  stories: storiesOption,
  out: { type: "string", value: "DIR", description: "where the HTML files go, and what is served", default: distDir, shownDefault: display(distDir) },
  compiler: {
    type: "string",
    value: "NAME",
    description: "as for npm run build",
    choices: COMPILERS,
    default: process.env.STORY_COMPILER || "auto",
    shownDefault: "auto, or $STORY_COMPILER",
  },
  macros: { type: "string", value: "FILE", description: "the macros' browser entry", default: macrosEntry, shownDefault: display(macrosEntry) },
  styles: { type: "string", value: "FILE", description: "the stylesheet's entry", default: stylesEntry, shownDefault: display(stylesEntry) },
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
  const [stories, out] = [path.resolve(values.stories), path.resolve(values.out)];
  const entries = { macros: path.resolve(values.macros), styles: path.resolve(values.styles) };
  const known = await listMysteries(stories).catch(() => {
    throw new BuildError(`no stories folder at ${stories}`, undefined, "pass the folder of mysteries with --stories DIR");
  });
  const unknown = positionals.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw new BuildError(`no mystery named "${unknown[0]}" in ${shownPath(stories)}/`, undefined, `use one of: ${known.join(", ") || "(none)"}`);
  }

  const hub = new EventHub();
  const server = await startServer(out, port, hub); // first: a busy port fails before any work
  const stopped = new Promise<void>((resolve) => {
    // `on`, not `once`: a second Ctrl-C during shutdown must not kill the process mid-cleanup.
    process.on("SIGINT", () => resolve());
    process.on("SIGTERM", () => resolve());
  });
  let closeAll: () => Promise<unknown> = () => server.close();
  try {
    // Resolved once: every rebuild uses this compiler, and a tweego that stops working fails the
    // rebuild (shown like any build error) rather than quietly becoming the native compiler.
    const resolved = await resolveCompiler(compiler);
    console.log(`compiling with ${compilerName(resolved)}`);
    const rebuilder = await createRebuilder({
      stories,
      out,
      only: positionals,
      compiler: resolved,
      entries,
      onDone: (outcome) => {
        report(outcome, out);
        const problems = grouped(outcome.problems).flatMap((g) => showable(g.sources.join(", "), g.error));
        hub.built(
          outcome.written.map((w) => path.relative(out, w.file).split(path.sep).join("/")),
          problems,
          outcome.changed.map(shownPath),
        );
      },
    });
    closeAll = () => Promise.allSettled([server.close()]).then(() => rebuilder.dispose());
    const watcher = await watchBatches([stories, path.dirname(entries.macros), path.dirname(entries.styles)], {
      ignore: [out],
      onBatch: (paths) => void rebuilder.changed(paths),
      onError: (error) => console.error(`watching: ${error instanceof Error ? error.message : String(error)}`),
    });
    closeAll = () => Promise.allSettled([watcher.close(), server.close()]).then(() => rebuilder.dispose());
    await rebuilder.changed([]); // the first, full build

    const listed = positionals.length > 0 ? positionals : known;
    const urls = listed.map((mystery) => `\n  ${mystery}: ${server.url}${encodeURIComponent(mystery)}.html`);
    console.log(`serving ${server.url}${urls.join("")}`); // one write: readers see the URLs with it
    if (!values["no-open"] && process.stdout.isTTY) openBrowser(server.url);
    await stopped;
  } finally {
    // Close everything, but never let a slow build or a stuck socket hold the exit.
    const timeout = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_MS).unref());
    await Promise.race([closeAll().catch(() => {}), timeout]);
    setTimeout(() => process.exit(), 100).unref();
  }
  return 0;
}

runCommand(import.meta.url, command);
