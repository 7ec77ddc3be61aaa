// Every macro we ship, in one list: the browser entry registers it; docs and lint read it.
// Importing this has no side effects, so Node tools can read the specs.
import { ask, askArea } from "./ask.js";
import type { MacroDefinition } from "./define.js";
import { newinfo } from "./newinfo.js";
import { youSaid } from "./you-said.js";

export const macros: readonly MacroDefinition<never>[] = [newinfo, ask, askArea, youSaid];
