// The command-line arguments that name mysteries, shared by the commands that take them: the
// `--stories DIR` option, the `<mystery>…` argument, and which mysteries a command then runs on.
import { listMysteries } from "../compile/mysteries.js";
import type { OptionSpec } from "./command.js";
import { BuildError } from "../shared/errors.js";
import { checkMysteryName } from "../shared/names.js";
import { display, shown, storiesDir } from "../shared/paths.js";

export const storiesOption = {
  type: "string",
  value: "DIR",
  description: "the folder of mysteries",
  default: storiesDir,
  shownDefault: display(storiesDir),
} as const satisfies OptionSpec;

export const mysteriesArgument = ["<mystery>…", "folder names under the stories folder (default: every one)"] as const;

/** Every mystery under `stories`; a clear error when there is no such folder. */
export const allMysteries = (stories: string): Promise<string[]> =>
  listMysteries(stories).catch(() => {
    throw new BuildError(`no stories folder at ${shown(stories)}`, undefined, "pass the folder of mysteries with --stories DIR");
  });

/** The mysteries named on the command line (each checked), else every one under `stories`. */
export async function chosenMysteries(positionals: readonly string[], stories: string): Promise<string[]> {
  positionals.forEach(checkMysteryName);
  return positionals.length > 0 ? [...positionals] : allMysteries(stories);
}
