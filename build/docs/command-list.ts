// The README's command list: each `npm run` command and what it does, from the commands' registry
// (build/commands/registry.ts, above this layer: commands/docs.ts hands it over). Pure.
import { type Block, withBlock } from "./readme-blocks.js";

const BLOCK: Block = { name: "commands", source: "build/commands/registry.ts" };

export interface ListedCommand {
  readonly name: string;
  readonly summary: string;
}

export const commandList = (commands: readonly ListedCommand[]): string =>
  [
    "| command | what it does |",
    "| --- | --- |",
    ...commands.map((c) => `| \`npm run ${c.name}\` | ${c.summary} |`),
  ].join("\n");

/** The README with its command list replaced by a fresh one. */
export const withCommandList = (readme: string, commands: readonly ListedCommand[]): string =>
  withBlock(readme, BLOCK, commandList(commands));
