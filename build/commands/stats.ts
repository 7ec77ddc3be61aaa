// `npm run stats [-- <mystery>…] [--json] [--stories DIR]`: each mystery's numbers (mystery-stats.ts)
// as a block of text, or with --json one array of objects for tools. Exit 1 when a mystery
// cannot be read (its error names the file and line), after printing the others.
import path from "node:path";
import { chosenMysteries, mysteriesArgument, storiesOption } from "./mystery-args.js";
import { formatStats, type MysteryStats, readStats } from "../overview/mystery-stats.js";
import { defineCommand, runCommand } from "./command.js";
import { formatError } from "../shared/errors.js";
import { loadMacroSpecs } from "../bundle/macro-specs.js";

export const command = defineCommand(
  {
    name: "npm run stats",
    usage: "-- [<mystery>…] [--json] [--stories DIR]",
    description:
      "each mystery's numbers: passages, words of story text (markup left out; code listings counted apart) and a " +
      "reading time, questions, clues, endings, the shortest route from Start to each ending, the clues a player " +
      "can collect before each ending, and clues no route reaches. Exit 1 when a mystery cannot be read (its error " +
      "names the file and line), after printing the others.",
    arguments: [mysteriesArgument],
    options: {
      json: {
        type: "boolean",
        description:
          "print one JSON array of objects (mystery, passages, words, clues, endings, shortestRoute, …) instead",
      },
      stories: storiesOption,
    },
    examples: [
      ["npm run stats", "every mystery, as text"],
      ["npm run stats -- 50ms-request --json", "one mystery, for tools"],
    ],
  },
  async ({ values, positionals }) => {
    const stories = path.resolve(values.stories);
    const mysteries = await chosenMysteries(positionals, stories);
    const specs = await loadMacroSpecs();
    const all: MysteryStats[] = [];
    let failed = 0;
    for (const mystery of mysteries) {
      try {
        all.push(await readStats(stories, mystery, specs));
      } catch (error) {
        failed++;
        console.error(formatError(error));
      }
    }
    console.log(values.json ? JSON.stringify(all, null, 2) : all.map(formatStats).join("\n\n"));
    return failed ? 1 : 0;
  },
);

runCommand(import.meta.url, command);
