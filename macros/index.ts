// The browser entry point: esbuild bundles this into the Story JavaScript, where SugarCube's
// `Macro`, `State`, `Story`, `Engine` and `setup` are in scope.
import { installA11y } from "./a11y.js";
import { macros } from "./all.js";
import { clueStore, countClues } from "./clues.js";
import { installCopyButtons } from "./copy.js";
import { checkArgs, registration } from "./define.js";
import { installProgress } from "./progress.js";
import { installSidebar } from "./sidebar.js";
import { readStored, sessionKey, writeStored } from "./storage.js";
import { installWayOn } from "./way-on.js";

/** The story's IFID names its records in the browser's storage (storage.ts). */
const ifid = Story.ifId || document.title;

// Every passage's source, to count the clues: Story.filter is 2.37's name for 2.31's lookupWith.
const story = Story as unknown as { filter?: (f: (p: { text: string }) => boolean) => { text: string }[] };
const passages = typeof story.filter === "function" ? story.filter(() => true) : Story.lookupWith(() => true);
const shownKey = sessionKey(ifid, "shown");
setup.clues = clueStore(() => State.variables, countClues(passages.map((p) => p.text)), {
  read: () => readStored("sessionStorage", shownKey),
  write: (value) => writeStored("sessionStorage", shownKey, value),
});

// Links to passages already played look visited (styles/layout.css).
Config.addVisitedLinkClass = true;

installSidebar(ifid);
installA11y();
installCopyButtons();
installProgress(ifid);
installWayOn(ifid);

for (const macro of macros) {
  Macro.add(macro.spec.name, {
    // A container, as its spec says (the lint and the editor config read the same `container`).
    ...registration(macro.spec),
    handler() {
      const args: unknown[] = Array.from(this.args);
      const problem = checkArgs(macro.spec, args, (name) => Story.has(name));
      if (problem) return this.error(problem);
      macro.render(this.output, args as never);
    },
  });
}
