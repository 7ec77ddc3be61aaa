// The README's macro reference and the editor's macro definitions, generated from the macro specs
// beside their handlers, the README's lint table from the lint codes' registry and its command list
// from the commands' (`npm run docs`). A test fails when any is stale.
import { readmeFile, refresh, withReference } from "../docs/reference.js";
import { defineCommand, runCommand } from "./command.js";
import { editorConfig, editorConfigFile } from "../docs/editor-config.js";
import { withLintTable } from "../docs/lint-table.js";
import { withCommandList } from "../docs/command-list.js";
import { COMMANDS } from "./registry.js";
import { loadMacroSpecs } from "../bundle/macro-specs.js";

export const command = defineCommand(
  {
    name: "npm run docs",
    usage: "",
    description:
      "writes the macro reference in README.md and the editor's macro definitions (t3lt.twee-config.yaml) from the " +
      "macro specs in macros/*.ts, README.md's lint table from build/lint/codes.ts and its command list from " +
      "build/commands/registry.ts, and says which files changed. " +
      "A test fails when any is stale.",
    positionals: { max: 0 },
    options: {},
    examples: [["npm run docs", "after changing a macro's name, arguments or help"]],
  },
  async () => {
    const specs = await loadMacroSpecs();
    await refresh(readmeFile, (old) => withCommandList(withLintTable(withReference(old, specs)), COMMANDS));
    await refresh(editorConfigFile, () => editorConfig(specs));
    return 0;
  },
);

runCommand(import.meta.url, command);
