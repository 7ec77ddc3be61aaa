// A mystery's name is a folder directly under the stories folder, and becomes <name>.html in the
// out folder: so no path separators, no `.` or `..`, nothing hidden, no control characters.
// Checked wherever a name comes from the command line or an author.
import { UsageError } from "./errors.js";

/** Why `name` cannot be a mystery's name, or undefined when it can. */
export function mysteryNameProblem(name: string): string | undefined {
  if (name === "") return "it is empty";
  if (/[/\\]/.test(name)) return "it contains a path separator (a mystery is one folder directly under story/)";
  if (name === "." || name === "..") return `"${name}" is not a folder name`;
  if (name.startsWith(".")) return "it starts with a dot (a hidden folder)";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: it looks for control characters, to refuse them
  if (/[\u0000-\u001f\u007f]/.test(name)) return "it contains a control character";
  return undefined;
}

/** Throws a UsageError (exit 2 from a command) when `name` is not a possible mystery name. */
export function checkMysteryName(name: string): string {
  const problem = mysteryNameProblem(name);
  if (problem) throw new UsageError(`"${name}" is not a mystery name: ${problem}`);
  return name;
}
