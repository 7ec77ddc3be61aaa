// The browser entry point: esbuild bundles this into the Story JavaScript, where SugarCube's
// `Macro`, `State`, `Story`, `Engine` and `setup` are in scope.
import { installA11y } from "./a11y.js";
import { macros } from "./all.js";
import { clueStore } from "./clues.js";
import { checkArgs } from "./define.js";
import { installSidebar } from "./sidebar.js";

setup.clues = clueStore(() => State.variables);

installSidebar();
installA11y();

for (const macro of macros) {
  Macro.add(macro.spec.name, {
    handler() {
      const args: unknown[] = Array.from(this.args);
      const problem = checkArgs(macro.spec, args, (name) => Story.has(name));
      if (problem) return this.error(problem);
      macro.render(this.output, args as never);
    },
  });
}
