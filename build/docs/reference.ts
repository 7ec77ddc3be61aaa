// build/docs/: what is generated from a source of truth: from the macro specs, the README's macro
// reference and the editor config; from lint/codes.ts, the README's lint table; and the README's
// command list from the commands' registry (given by commands/docs.ts). Imports build/lint/,
// build/bundle/ (the specs) and below.
//
// The README's macro reference, generated from the macro specs beside their handlers, and
// refresh(), which writes a generated file only when its text changed.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type MacroSpec, usage } from "../../macros/define.js";
import { ourMacroSpecs } from "../bundle/macro-specs.js";
import { display, root } from "../shared/paths.js";
import { writeAtomic } from "../shared/output.js";
import { type Block, withBlock } from "./readme-blocks.js";

const BLOCK: Block = { name: "macro-reference", source: "macros/*.ts" };
export const readmeFile = path.join(root, "README.md");

function section(spec: MacroSpec): string {
  const params = spec.params.map((p) => `| \`${p.name}\` | ${p.kind} | ${p.description} |`);
  return [
    `### \`${usage(spec)}\``,
    "",
    spec.description,
    "",
    "| argument | kind | meaning |",
    "| --- | --- | --- |",
    ...params,
    "",
    "```",
    spec.example,
    "```",
  ].join("\n");
}

const sections = (specs: readonly MacroSpec[]) => specs.map(section).join("\n\n");

/** The README with its reference block replaced by a fresh one. */
export const withReference = (readme: string, specs: readonly MacroSpec[] = ourMacroSpecs()): string =>
  withBlock(readme, BLOCK, sections(specs));

/** Writes `file` when its text differs (atomically, as every output); says which. */
export async function refresh(file: string, update: (old: string) => string): Promise<void> {
  const old = await readFile(file, "utf8").catch(() => "");
  const next = update(old);
  if (next !== old) await writeAtomic(file, next);
  console.log(`${display(file)} ${next === old ? "is up to date" : "updated"}`);
}
