// `npm run bench [-- --runs N] [--scale-runs N] [--test-runs N] [--no-tests] [--no-scale] [--record]`:
// how fast and how small, as tables of medians and spreads, with the real tweego alongside when it
// is there ($TWEEGO, or ../shared/oracles/tweego/tweego), run in turn with ours (A B A B …).
// Builds run on a scratch copy of the project (edits never touch the real sources); `npm test`
// runs in the project itself. --record writes BENCHMARKS.md. Timings are measured here, never
// asserted in tests.
import { runBench } from "../bench/bench.js";
import { defineCommand, runCommand } from "./command.js";

export const command = defineCommand(
  {
    name: "npm run bench",
    usage: "-- [--runs N] [--scale-runs N] [--test-runs N] [--no-tests] [--no-scale] [--record]",
    description:
      "times the author's loop on a scratch copy of the project and prints tables of medians and spreads: the cold " +
      "build paired with the real tweego on the same Twee (when $TWEEGO or ../shared/oracles/tweego/tweego is there), " +
      "output sizes against tweego's, synthetic stories at 1×, 10× and 100× for build, lint and layout, the rebuild " +
      "after a passage, macro and CSS edit under npm run dev (file write to new HTML on disk), and the test times.",
    positionals: { max: 0 },
    options: {
      runs: {
        type: "string",
        value: "N",
        description: "runs of each build timing (paired with tweego's)",
        default: "9",
      },
      "scale-runs": { type: "string", value: "N", description: "runs of each synthetic-story timing", default: "3" },
      "test-runs": { type: "string", value: "N", description: "runs of each test timing", default: "3" },
      "no-tests": { type: "boolean", description: "skip the (slow) test timings" },
      "no-scale": { type: "boolean", description: "skip the synthetic 1×/10×/100× stories" },
      record: { type: "boolean", description: "also write the tables to BENCHMARKS.md" },
    },
    examples: [
      ["npm run bench -- --no-tests", "the build, size, scaling and rebuild figures only"],
      ["npm run bench -- --runs 15 --record", "more runs, written to BENCHMARKS.md"],
    ],
  },
  (args) => runBench(args.values),
);

runCommand(import.meta.url, command);
