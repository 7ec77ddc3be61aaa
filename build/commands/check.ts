// `npm run check -- <mystery>`: one mystery checked in seconds (pipeline/check-mystery.ts): its
// lint, a jsdom walk of every passage, link and form, its usual route with clue checks, and the
// macros type-checked; then what the tests reached. Exit 1 when any part fails, 2 for a bad
// command line or a mystery that is not there.
import { checkMystery } from "../pipeline/check-mystery.js";
import { listMysteries } from "../sources/mystery-files.js";
import { UsageError } from "../shared/errors.js";
import { checkMysteryName } from "../shared/names.js";
import { defineCommand, runCommand } from "./command.js";

export const command = defineCommand(
  {
    name: "npm run check",
    usage: "-- <mystery>",
    description:
      "checks one mystery of story/ quickly, as npm test would: its lint, every passage, link and form played in the " +
      "real SugarCube under jsdom, its usual route (route.json) with its clues, and the macros' TypeScript type-checked; " +
      "then prints what the tests reached (passages, links, forms, clues) out of how many there are. Exit 1 when any " +
      "part fails. npm test still runs everything, for every mystery.",
    arguments: [["<mystery>", "a folder name under story/"]],
    positionals: { min: 1, max: 1 },
    options: {},
    examples: [
      ["npm run check -- 50ms-request", "the 50ms mystery, in seconds"],
      ["npm run check -- pool-that-ran-dry", "another one"],
    ],
  },
  async ({ positionals }) => {
    const mystery = checkMysteryName(positionals[0]!);
    const known = await listMysteries();
    if (!known.includes(mystery))
      throw new UsageError(`no mystery "${mystery}" in story/ (there are: ${known.join(", ")})`);
    const started = performance.now();
    const result = await checkMystery(mystery);
    const failed = Object.entries(result)
      .filter(([, r]) => r === "failed")
      .map(([part]) => part);
    const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
    console.log(
      failed.length === 0
        ? `check ${mystery}: passed in ${took}`
        : `check ${mystery}: FAILED (${failed.join(", ")}) in ${took}`,
    );
    return failed.length === 0 ? 0 : 1;
  },
);

runCommand(import.meta.url, command);
