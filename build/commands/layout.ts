// `npm run layout [-- <mystery>…] [--stories DIR]`: gives every Twee passage that has no place on
// Twine's story map a position (build/twine/layout.ts), written into its header in place. Passages that
// already have one keep it, so a second run changes nothing.
import path from "node:path";
import { chosenMysteries, mysteriesArgument, storiesOption } from "./mystery-args.js";
import { layoutMystery, summary } from "../twine/layout-mystery.js";
import { defineCommand, runCommand } from "./command.js";
import { formatError } from "../shared/errors.js";

export const command = defineCommand(
  {
    name: "npm run layout",
    usage: "-- [<mystery>…] [--stories DIR]",
    description:
      "gives every Twee passage that has no place on Twine's story map a position (start at the top left, each hub " +
      "before its branches), written into its passage header in place. Passages that already have one keep it, so " +
      "a second run changes nothing.",
    arguments: [mysteriesArgument],
    options: {
      stories: storiesOption,
    },
    examples: [
      ["npm run layout", "every mystery"],
      ["npm run layout -- stale-cache", "one mystery, after adding passages"],
    ],
  },
  async ({ values, positionals }) => {
    const stories = path.resolve(values.stories);
    const mysteries = await chosenMysteries(positionals, stories);
    let failed = 0;
    for (const mystery of mysteries) {
      try {
        console.log(summary(await layoutMystery(path.join(stories, mystery))));
      } catch (error) {
        failed++;
        console.error(formatError(error));
        console.error(`layout of ${mystery} failed; its files are left as they were`);
      }
    }
    return failed ? 1 : 0;
  },
);

runCommand(import.meta.url, command);
