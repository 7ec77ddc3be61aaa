// `npm run proof [-- <mystery>…]`: `npm run build -- --proof` under its own name, so that its
// `--help` and usage line are about a proofing copy, not the whole build.
import { command as build } from "./build.js";
import { defineCommand, runCommand } from "./command.js";

const { compiler, stories, out } = build.spec.options;

export const command = defineCommand(
  {
    name: "npm run proof",
    usage: "-- [<mystery>…] [--compiler auto|tweego|native] [--stories DIR] [--out DIR]",
    description:
      "builds a proofing copy of each mystery, <out>/<mystery>.proof.html: every passage's text on one page in the " +
      "Paperthin format, to read the whole story through. The same as `npm run build -- --proof`.",
    arguments: build.spec.arguments,
    options: { compiler, stories, out },
    examples: [
      ["npm run proof", "a proofing copy of every mystery"],
      ["npm run proof -- 50ms-request", "one mystery's: dist/50ms-request.proof.html"],
    ],
  },
  ({ values, positionals }) => build.run({ values: { ...values, test: false, proof: true }, positionals }),
);

runCommand(import.meta.url, command);
