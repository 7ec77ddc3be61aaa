// The README's lint table: every lint code with its severity and doc, from lint/codes.ts. Pure.
import { lintCodeDocs } from "../lint/codes.js";
import { type Block, withBlock } from "./readme-blocks.js";

const BLOCK: Block = { name: "lint-codes", source: "build/lint/codes.ts" };

export const lintTable = (): string =>
  [
    "| check | severity | code |",
    "| --- | --- | --- |",
    ...lintCodeDocs().map((c) => `| ${c.doc} | ${c.severity} | \`${c.code}\` |`),
  ].join("\n");

/** The README with its lint table replaced by a fresh one. */
export const withLintTable = (readme: string): string => withBlock(readme, BLOCK, lintTable());
