// The same story on SugarCube 2.37, the version Twine 2.10+ plays and re-publishes an imported
// story with, and the one tweego's release carries (and picks, being the highest 2.x): our built
// file's story data poured into 2.37.3's page template, as any publisher of a story format does.
// The format is found where the other 2.37.3 tests find it (tests/harness/sugarcube.ts: TWEEGO_PATH,
// else the shared oracles); without it the 2.37 checks are skipped and the run says why, once.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { findFormat } from "../../build/installed-formats/format.js";
import { scanFormats } from "../../build/installed-formats/format-search.js";
import { storyFile } from "../harness/player.js";
import { NEWER_SUGARCUBE, newerSugarcubeDir } from "../harness/sugarcube.js";

/** Writes dist/<mystery>.html's story into SugarCube 2.37's template, in a temporary folder;
 *  returns the new file's path. */
export function storyOn237(mystery: string): string {
  const html = readFileSync(storyFile(mystery), "utf8");
  const data = /<tw-storydata\b[\s\S]*<\/tw-storydata>/.exec(html)?.[0];
  const name = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1];
  if (!data || name === undefined) throw new Error(`${storyFile(mystery)} has no <tw-storydata> or <title>`);
  if (!newerSugarcubeDir) throw new Error(`no SugarCube ${NEWER_SUGARCUBE} here (tests/harness/sugarcube.ts)`);
  const where = { file: "tests/browser/sugarcube-237.ts", line: 1 };
  const { version, source } = findFormat("SugarCube", NEWER_SUGARCUBE, where, scanFormats([newerSugarcubeDir]));
  const page = source
    .replaceAll("{{STORY_NAME}}", () => name)
    .replaceAll("{{STORY_DATA}}", () => data.replace(/format-version="[^"]*"/, `format-version="${version}"`));
  const file = path.join(mkdtempSync(path.join(tmpdir(), `sugarcube-237-${mystery}-`)), `${mystery}.html`);
  writeFileSync(file, page);
  return file;
}
