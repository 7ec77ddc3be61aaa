// The README's macro reference and the editor's macro definitions, generated from the macro specs
// beside their handlers (`npm run docs`). A test fails when either is stale.
import { readmeFile, refresh, withReference } from "../docs/reference.js";
import { defineCommand, runCommand } from "./command.js";
import { editorConfig, editorConfigFile } from "../docs/editor-config.js";
import { loadMacroSpecs } from "../bundle/macro-specs.js";


export const command = defineCommand(
  {
    name: "npm run docs",
    usage: "",
    description:
      "writes the macro reference in README.md and the editor's macro definitions (t3lt.twee-config.yaml) from the " +
      "macro specs in macros/*.ts, and says which files changed. A test fails when either is stale.",
    positionals: { max: 0 },
    options: {},
    examples: [["npm run docs", "after changing a macro's name, arguments or help"]],
  },
  async () => {
    const specs = await loadMacroSpecs();
    await refresh(readmeFile, (old) => withReference(old, specs));
    await refresh(editorConfigFile, () => editorConfig(specs));
    return 0;
  },
);

runCommand(import.meta.url, command);
