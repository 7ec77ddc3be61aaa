// The command-line arguments that name mysteries and folders, shared by the commands that take
// them: the `--stories DIR` option, the `<mystery>…` argument, which mysteries a command then runs
// on, and the `--out DIR` folder. A stories folder or a mystery that is not there, or an out
// folder that cannot be one, is a bad command line (exit 2), said before any work starts.
import { stat } from "node:fs/promises";
import path from "node:path";
import { listMysteries } from "../sources/mystery-files.js";
import type { OptionSpec } from "./command.js";
import { UsageError, userError } from "../shared/errors.js";
import { checkMysteryName } from "../shared/names.js";
import { makeFolder } from "../shared/output.js";
import { display, shown, storiesDir } from "../shared/paths.js";

export const storiesOption = {
  type: "string",
  value: "DIR",
  description: "the folder of mysteries",
  default: storiesDir,
  shownDefault: display(storiesDir),
} as const satisfies OptionSpec;

export const mysteriesArgument = ["<mystery>…", "folder names under the stories folder (default: every one)"] as const;

/** Every mystery under `stories`; a usage error when there is no such folder. */
export const allMysteries = (stories: string): Promise<string[]> =>
  listMysteries(stories).catch(() => {
    throw new UsageError(`no stories folder at ${shown(stories)}`, "pass the folder of mysteries with --stories DIR");
  });

/** Throws a usage error naming the first of `names` that is not a mystery under `stories`. */
export function checkKnown(names: readonly string[], known: readonly string[], stories: string): void {
  const unknown = names.find((m) => !known.includes(m));
  if (unknown !== undefined) {
    throw new UsageError(
      `no mystery named "${unknown}" in ${shown(stories)}/`,
      `use one of: ${known.join(", ") || "(none yet: npm run new)"}`,
    );
  }
}

/** The mysteries named on the command line (each checked, each once), else every one under `stories`. */
export async function chosenMysteries(positionals: readonly string[], stories: string): Promise<string[]> {
  positionals.forEach(checkMysteryName);
  const known = await allMysteries(stories);
  checkKnown(positionals, known, stories);
  return positionals.length > 0 ? [...new Set(positionals)] : known;
}

/**
 * The `--out` folder, made when it is not there yet (one folder at a time, shared/output.ts): a
 * file in its place, or a place no folder can be made, is a usage error now rather than an
 * error from the first write.
 */
export async function outFolder(out: string, option = "--out"): Promise<string> {
  const dir = path.resolve(out);
  const found = await stat(dir).catch(() => null);
  if (found && !found.isDirectory())
    throw new UsageError(`${option} ${shown(dir)} is a file, not a folder`, `name a folder for ${option}`);
  try {
    await makeFolder(dir);
  } catch (error) {
    const why = userError(error)?.message ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`${option} ${shown(dir)}: ${why}`, `name a folder that can be written to for ${option}`);
  }
  return dir;
}
