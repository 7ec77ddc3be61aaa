// Every `npm run` command of build/, in one list: its name, the file package.json's script runs
// (`node build/launch.js <entry>`), and one line saying what it does. The README's command list is
// written from it (`npm run docs`), and the tests read it: package.json runs exactly these
// (tests/commands/compiled-commands.test.ts), each answers --help and usage errors
// (tests/commands/commands.test.ts), and the README shows only their options (tests/docs/readme.test.ts).
// package.json's other scripts (OTHER_SCRIPTS) run no command of build/commands/.

export interface CommandEntry {
  /** `npm run <name>`. */
  readonly name: string;
  /** The command's file, which exports `command` (command.ts's defineCommand). */
  readonly entry: string;
  /** What it does, in one line of the README. */
  readonly summary: string;
}

const command = (name: string, summary: string): CommandEntry => ({
  name,
  entry: `build/commands/${name}.ts`,
  summary,
});

export const COMMANDS: readonly CommandEntry[] = [
  command(
    "build",
    "each mystery into one HTML file, `dist/<mystery>.html`, linted first, and `dist/index.html`, the page of all puzzles; `-- --test`: debug mode",
  ),
  command("proof", "a proofing copy of each mystery: every passage's text on one page, in Paperthin"),
  command(
    "dev",
    "build, serve http://127.0.0.1:8080/, rebuild and reload on every save (see [Writing and previewing](#writing-and-previewing))",
  ),
  command("new", 'a new mystery from the template (`npm run new -- "The Case of the …"`)'),
  command(
    "import",
    "Twine's edits back into the Twee files (`npm run import -- <file>`); with `--new`, a story written in Twine as a new mystery",
  ),
  command("layout", "story-map positions written into the Twee headers of passages that have none"),
  command("lint", "check every mystery without building (the build runs the same checks)"),
  command(
    "check",
    "one mystery played through in seconds: lint, every page, link and form, its route, the macros' types",
  ),
  command(
    "docs",
    "the README's macro reference, lint table and command list, and the editor's macro definitions, from their sources",
  ),
  command(
    "bench",
    "timings of the author's loop beside tweego's, output sizes, synthetic stories (`--record`: into BENCHMARKS.md)",
  ),
  command("map", "each mystery's story map, `.cache/maps/<mystery>.map.svg`"),
  command("stats", "each mystery's numbers: words and reading time, questions, clues, endings, routes"),
  command("package", "zips of the built site for itch.io and other hosts (see [Publishing](#publishing))"),
];

/** package.json's script for a command. */
export const scriptOf = (c: CommandEntry) => `node build/launch.js ${c.entry}`;

/**
 * package.json's scripts that run no command of build/commands/: the tests (tests/run.mjs), the type
 * check, the compile of the commands npm install runs, and Biome's formatter and code linter.
 */
export const OTHER_SCRIPTS: readonly string[] = ["test", "typecheck", "prepare", "format", "lint:code"];
