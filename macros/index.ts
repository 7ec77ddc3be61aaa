// The browser entry point: esbuild bundles this into the Story JavaScript, where SugarCube's
// `Macro`, `State`, `Story`, `Engine` and `setup` are in scope.
import { installA11y } from "./a11y.js";
import { macros } from "./all.js";
import { clueStore } from "./clues.js";
import { checkArgs } from "./define.js";

setup.clues = clueStore(() => State.variables);

// The sidebar starts open at every width: on a phone it is a bar above the passage
// (styles/sidebar.css), so the "What you know" list shows without a tap; the toggle still closes it.
Config.ui.stowBarInitially = false;
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
