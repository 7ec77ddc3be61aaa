// Test files discover the mysteries by themselves: every folder under story/ the build takes for one.
import { readdirSync } from "node:fs";
import { isMysteryFolder } from "../../build/compile/mysteries.js";
import { storiesDir } from "../../build/shared/paths.js";

export const mysteries: string[] = readdirSync(storiesDir, { withFileTypes: true })
  .filter(isMysteryFolder)
  .map((e) => e.name)
  .sort();
