// Test files discover the mysteries by themselves: every folder under story/ the build takes for one,
// or only the one `npm run check -- <mystery>` names (CHECK_MYSTERY).
import { readdirSync } from "node:fs";
import { isMysteryFolder } from "../../build/sources/mystery-files.js";
import { storiesDir } from "../../build/shared/paths.js";

export const mysteries: string[] = readdirSync(storiesDir, { withFileTypes: true })
  .filter(isMysteryFolder)
  .map((e) => e.name)
  .filter((name) => !process.env.CHECK_MYSTERY || name === process.env.CHECK_MYSTERY)
  .sort();

/**
 * Under `npm run check -- <mystery>`: only what depends on the mystery's own files (every page,
 * link and form, its usual route and clues). What depends on the engine and our macros alone
 * (markup typed into forms, history moves, saves, reloads) is left to `npm test`, not registered.
 */
export const quickCheck: boolean = Boolean(process.env.CHECK_MYSTERY);
