// build/dev/: npm run dev (watch, rebuild, serve, live reload). Imports build/site/, build/overview/
// and below.
//
// One `npm run dev` session: serve the out folder, build every mystery, rebuild on each batch of
// saves (rebuild.ts, watch.ts), tell open pages (events.ts, serve.ts), print what was built and
// what failed, until SIGINT or SIGTERM. Prints exactly one `serving <url>` line on stdout, once
// the first build is done: scripts wait for it.
import { spawn } from "node:child_process";
import path from "node:path";
import { compilerName, type Compiler, resolveCompiler } from "../pipeline/build-story.js";
import type { BundleEntries } from "../bundle/bundle.js";
import { formatError } from "../shared/errors.js";
import { EventHub, showable } from "./events.js";
import { formatDiagnostics } from "../lint/lint.js";
import { isInside, shown } from "../shared/paths.js";
import { mapsDir } from "../overview/map.js";
import { createRebuilder } from "./rebuild.js";
import type { Outcome, Problem } from "./outcome.js";
import { startServer } from "./serve.js";
import { playFrom, playFromUrl } from "./play-from.js";
import { PassageEdits } from "./edited.js";
import { mysteryTarget } from "../compile/build-inputs.js";
import { mysteryNameProblem } from "../shared/names.js";
import type { Rebuilder } from "./outcome.js";
import { watchBatches } from "./watch.js";
import { keptLine, rebuiltLine } from "../site/build-messages.js";

/** How long shutdown may take before the process just exits. */
const SHUTDOWN_MS = 700;

/** Problems with the same error as one (a Twee error fails both its mystery and the index). */
function grouped(problems: readonly Problem[]): { error: unknown; sources: string[]; outFiles: string[] }[] {
  const groups = new Map<string, { error: unknown; sources: string[]; outFiles: string[] }>();
  for (const { error, source, outFile } of problems) {
    const key = formatError(error);
    const group = groups.get(key) ?? { error, sources: [], outFiles: [] };
    group.sources.push(source);
    if (outFile) group.outFiles.push(outFile);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function report(outcome: Outcome, out: string): void {
  for (const { file, ms, warnings = [] } of outcome.written) {
    console.log(rebuiltLine(file, ms, outcome.first));
    if (warnings.length > 0) console.error(formatDiagnostics(warnings));
  }
  for (const { error, outFiles } of grouped(outcome.failed)) {
    console.error(formatError(error));
    console.error(`  (${keptLine(outFiles, out)}; watching for the fix)`);
  }
}

/** After a save: the play-from link of each passage it edited, in a mystery this build wrote. */
function playFromLines(outcome: Outcome, stories: string, out: string, base: string, edits: PassageEdits): string[] {
  const written = new Set(outcome.written.map((w) => w.file));
  return outcome.changed.flatMap((file) => {
    if (!isInside(stories, file)) return [];
    const mystery = path.relative(stories, file).split(path.sep)[0]!;
    if (mysteryNameProblem(mystery) || !written.has(mysteryTarget(mystery, stories, out).outFile)) return [];
    return edits.edited(file).map((passage) => `  play from "${passage}": ${playFromUrl(base, mystery, passage)}`);
  });
}

/** Opens the URL in the desktop's browser; only from a terminal, so scripts and CI never do. */
function openBrowser(url: string): void {
  const [command, ...args] =
    process.platform === "darwin"
      ? ["open", url]
      : process.platform === "win32"
        ? ["cmd", "/c", "start", "", url]
        : ["xdg-open", url];
  const child = spawn(command!, args, { detached: true, stdio: "ignore" });
  child.on("error", () => {}); // no opener installed: the URL is printed anyway
  child.unref();
}

export interface DevOptions {
  readonly stories: string;
  readonly out: string;
  /** The mysteries to build; all when empty. */
  readonly only: readonly string[];
  /** Every mystery under `stories`, for the URLs printed when `only` is empty. */
  readonly known: readonly string[];
  readonly compiler: Compiler;
  readonly entries: BundleEntries;
  readonly port: number;
  /** Open the index in the desktop's browser (only from a terminal). */
  readonly open: boolean;
}

/** Runs the session until SIGINT or SIGTERM; then closes everything and exits the process. */
export async function runDev({
  stories,
  out,
  only,
  known,
  compiler,
  entries,
  port,
  open,
}: DevOptions): Promise<number> {
  const hub = new EventHub();
  const maps = mapsDir(stories);
  let current: Rebuilder | undefined;
  // first: a busy port fails before any work
  const server = await startServer(out, port, hub, { maps, play: playFrom(stories, () => current?.specs()) });
  const edits = new PassageEdits();
  edits.rememberAll(stories);
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
      only,
      compiler: resolved,
      entries,
      onDone: (outcome) => {
        report(outcome, out);
        for (const line of playFromLines(outcome, stories, out, server.url, edits)) console.log(line);
        const problems = grouped(outcome.problems).flatMap((g) => showable(g.sources.join(", "), g.error));
        hub.built(
          outcome.written.map((w) =>
            path
              .relative(isInside(maps, w.file) ? maps : out, w.file)
              .split(path.sep)
              .join("/"),
          ),
          problems,
          outcome.changed.map(shown),
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
    current = rebuilder;
    await rebuilder.changed([]); // the first, full build

    const listed = only.length > 0 ? only : known;
    const urls = listed.map((mystery) => `\n  ${mystery}: ${server.url}${encodeURIComponent(mystery)}.html`);
    console.log(`serving ${server.url}${urls.join("")}`); // one write: readers see the URLs with it
    if (open && process.stdout.isTTY) openBrowser(server.url);
    await stopped;
  } finally {
    // Close everything, but never let a slow build or a stuck socket hold the exit.
    const timeout = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_MS).unref());
    await Promise.race([closeAll().catch(() => {}), timeout]);
    setTimeout(() => process.exit(), 100).unref();
  }
  return 0;
}
