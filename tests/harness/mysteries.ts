// Test files discover the mysteries by themselves: every folder under story/.
import { readdirSync } from "node:fs";
import { storiesDir } from "../../build/shared/paths.js";

export const mysteries: string[] = readdirSync(storiesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
