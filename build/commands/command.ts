// build/commands/: one thin entry point per npm script (parse arguments, call one function, print),
// and this shared parsing, --help and exit codes. May import every other folder; nothing imports it.
//
// Every command's command line in one shape: a spec next to the command (what it does, its
// arguments, options with defaults, examples) gives `--help`, the parsing, and the errors.
// `--help`/`-h` prints the help and exits 0; an unknown option or a bad value prints one line
// naming it and the usage, exit 2; a user's mistake is `file:line:col: error: …` + fix, exit 1;
// anything else is reported as an internal error (a bug of ours), exit 1.
//
// A new command: `export const command = defineCommand({ …spec }, async ({ values, positionals }) => 0)`
// and `runCommand(import.meta.url, command)` at the bottom of its file.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatError, UsageError } from "../shared/errors.js";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** One letter, as `-p`. */
  readonly short?: string;
  /** The value's name in the help: DIR, N, NAME. */
  readonly value?: string;
  readonly description: string;
  /** The value when the option is not given (strings only; booleans default to false). */
  readonly default?: string;
  /** How the help shows the default, when not the value itself (e.g. "8080, or $PORT"). */
  readonly shownDefault?: string;
  /** The only values accepted. */
  readonly choices?: readonly string[];
  /** May be given more than once (strings only): its value is the list, in order. */
  readonly multiple?: boolean;
}

export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  /** As the author types it: "npm run build". */
  readonly name: string;
  /** The usage line after the name, e.g. "-- [<mystery>…] [--test | --proof] [--out DIR]". */
  readonly usage: string;
  /** What it does: the help's first paragraph. */
  readonly description: string;
  /** Positional arguments: [name, meaning]. */
  readonly arguments?: readonly (readonly [string, string])[];
  /** How many positional arguments it takes (default: any number). */
  readonly positionals?: { readonly min?: number; readonly max?: number };
  readonly options: O;
  /** [command line, what it does]: two or three. */
  readonly examples: readonly (readonly [string, string])[];
}

type ValueOf<S extends OptionSpec> = S["type"] extends "boolean"
  ? boolean
  : S extends { multiple: true }
    ? string[]
    : S extends { default: string }
      ? string
      : string | undefined;
export type Values<O extends Record<string, OptionSpec>> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export interface Parsed<O extends Record<string, OptionSpec>> {
  readonly values: Values<O>;
  readonly positionals: string[];
}

export interface Command<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  readonly spec: CommandSpec<O>;
  readonly run: (args: Parsed<O>) => Promise<number>;
}

/** Any command, whatever its options (for lists of commands). */
// biome-ignore lint/suspicious/noExplicitAny: each run takes its own options' values: no one Command<O> holds them all
export type AnyCommand = Command<any>;

export function defineCommand<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  run: (args: Parsed<O>) => Promise<number>,
): Command<O> {
  return { spec, run };
}

const HELP: OptionSpec = { type: "boolean", short: "h", description: "show this help" };

const flag = (name: string, o: OptionSpec) =>
  `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`;

/** Two columns, the second aligned. */
function columns(rows: readonly (readonly [string, string])[], indent = "  "): string[] {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `${indent}${a.padEnd(width)}  ${b}`.trimEnd());
}

export function usageLine(spec: CommandSpec): string {
  return `usage: ${spec.name}${spec.usage ? ` ${spec.usage}` : ""}`;
}

/** `text` in lines of at most `width` characters, broken between words. */
function wrap(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

export function helpText(spec: CommandSpec): string {
  const options = Object.entries({ ...spec.options, help: HELP }).map(([name, o]): [string, string] => {
    const shown = o.shownDefault ?? o.default;
    const choices = o.choices ? ` (one of ${o.choices.join(", ")})` : "";
    return [flag(name, o), `${o.description}${choices}${shown !== undefined ? ` (default: ${shown})` : ""}`];
  });
  return [
    ...wrap(`${spec.name}: ${spec.description}`),
    "",
    usageLine(spec),
    ...(spec.arguments?.length ? ["", "arguments:", ...columns(spec.arguments)] : []),
    "",
    "options:",
    ...columns(options),
    "",
    "examples:",
    ...columns(spec.examples),
    "",
  ].join("\n");
}

/**
 * An unknown option; when it does not look like one (`--Dashing Title`) and the command takes
 * arguments, it was meant as an argument: say that `--` ends the options.
 */
function unknownOption(spec: CommandSpec, raw: string): UsageError {
  const takesArguments = (spec.positionals?.max ?? Infinity) > 0;
  if (!takesArguments || /^--?[a-z][a-z0-9-]*$/.test(raw)) return new UsageError(`unknown option ${raw}`);
  const quoted = /[\s"'$`\\]/.test(raw) ? `"${raw.replace(/["$`\\]/g, "\\$&")}"` : raw;
  return new UsageError(
    `unknown option ${raw}`,
    `an argument that starts with "-" goes after a "--", which ends the options: ${spec.name} -- -- ${quoted}`,
  );
}

/** Parses `argv` against the spec; "help" when --help/-h is there; throws UsageError on a bad command line. */
export function parseCommand<O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: readonly string[],
): Parsed<O> | "help" {
  const all: Record<string, OptionSpec> = { ...spec.options, help: HELP };
  const config = Object.fromEntries(
    Object.entries(all).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
  );
  // Not strict: the errors are ours, one line each, naming the option as typed.
  const { tokens } = parseArgs({
    args: [...argv],
    options: config,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  if (tokens.some((t) => t.kind === "option" && t.name === "help")) return "help";
  const values: Record<string, string | string[] | boolean | undefined> = {};
  for (const [name, o] of Object.entries(spec.options))
    values[name] = o.type === "boolean" ? false : o.multiple ? [] : o.default;
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === "positional") positionals.push(t.value);
    if (t.kind !== "option") continue;
    const o = spec.options[t.name];
    if (!o) throw unknownOption(spec, t.rawName);
    if (o.type === "boolean") {
      if (t.inlineValue) throw new UsageError(`${t.rawName} takes no value, got "${t.value}"`);
      values[t.name] = true;
      continue;
    }
    // A string option at the end of the line, or followed by another option, has no value.
    if (
      t.value === undefined ||
      (!t.inlineValue && t.value.startsWith("-") && t.value !== "-" && !/^-\d/.test(t.value))
    ) {
      throw new UsageError(`${t.rawName} needs a value (${o.value ?? "VALUE"})`);
    }
    // An empty value (`--stories=`, `--out ""`) would mean the working folder: never what was meant.
    if (t.value === "") throw new UsageError(`${t.rawName} needs a value (${o.value ?? "VALUE"}), not an empty one`);
    if (o.choices && !o.choices.includes(t.value)) {
      throw new UsageError(`${t.rawName} must be one of ${o.choices.join(", ")}, got "${t.value}"`);
    }
    if (o.multiple) (values[t.name] as string[]).push(t.value);
    else values[t.name] = t.value;
  }
  // A default from the environment must be a valid choice too.
  for (const [name, o] of Object.entries(spec.options)) {
    const v = values[name];
    if (typeof v === "string" && o.choices && !o.choices.includes(v)) {
      throw new UsageError(
        `--${name} must be one of ${o.choices.join(", ")}, got "${v}" (${o.shownDefault ?? "its default"})`,
      );
    }
  }
  const { min = 0, max = Infinity } = spec.positionals ?? {};
  if (positionals.length < min)
    throw new UsageError(`missing ${spec.arguments?.[positionals.length]?.[0] ?? "argument"}`);
  if (positionals.length > max) throw new UsageError(`unexpected argument "${positionals[max]}"`);
  return { values: values as Values<O>, positionals };
}

/** Runs a command on `argv` as its CLI does: help, usage errors, user errors; returns the exit code. */
export async function execute<O extends Record<string, OptionSpec>>(
  command: Command<O>,
  argv: readonly string[],
): Promise<number> {
  try {
    const parsed = parseCommand(command.spec, argv);
    if (parsed === "help") {
      process.stdout.write(helpText(command.spec));
      return 0;
    }
    return await command.run(parsed);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}${error.fix ? `\n  fix: ${error.fix}` : ""}\n${usageLine(command.spec)}`);
      return 2;
    }
    console.error(formatError(error));
    return 1;
  }
}

/** Runs `command` when its file is the one node was started with (not when a test imports it). */
export function runCommand<O extends Record<string, OptionSpec>>(moduleUrl: string, command: Command<O>): void {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  void execute(command, process.argv.slice(2)).then((code) => (process.exitCode = code));
}
