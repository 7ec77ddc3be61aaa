import { CLUES_VARIABLE, PLAYTHROUGH_VARIABLE } from "./clues.js";
import type { MacroDefinition } from "./define.js";
import { element } from "./dom.js";

/** `<<newinfo "clue">>`: records a clue; the first time in a playthrough only, shows and announces
 *  it (not again after Back and Forward, or a reload: clues.ts). */
export const newinfo: MacroDefinition<[clue: string]> = {
  spec: {
    name: "newinfo",
    description:
      'Records a clue in the "What you know" list. The first time the player finds it in a playthrough, shows a "you\'ve found new information!!" box naming the clue (which screen readers hear once, from a polite live region).',
    params: [{ name: "clue", kind: "text", description: "The clue, as one short sentence." }],
    container: false,
    example: '<<newinfo "The server is only 0.5ms away">>',
    stores: [CLUES_VARIABLE, PLAYTHROUGH_VARIABLE],
    collects: CLUES_VARIABLE,
  },
  render(output, [clue]) {
    if (!setup.clues.add(clue) || !setup.clues.firstShowing(clue)) return;
    output.append(
      element(
        "div",
        // Announced once by the live region in a11y.ts, which reads data-clue.
        { class: "newinfo", "data-clue": clue },
        element("h2", {}, "you've found new information!!"),
        element("p", {}, "Adding ", element("strong", {}, `"${clue}"`), ' to your "What you know" list.'),
      ),
    );
  },
};
