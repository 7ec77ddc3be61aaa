// The same story on SugarCube 2.37, the version Twine 2.10+ plays and re-publishes an imported
// story with, and the one tweego's release carries (and picks, being the highest 2.x): our built
// file's story data poured into 2.37.3's page template, as any publisher of a story format does.
// The format comes from the shared oracles (../shared/oracles/, see its README), or
// $SUGARCUBE_237_FORMAT; a machine without it is told so and the 2.37 checks do not run there.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { root } from "../../build/shared/paths.js";
import { storyFile } from "../harness/player.js";

export const SUGARCUBE_237_FORMAT =
  process.env.SUGARCUBE_237_FORMAT?.trim() ||
  path.resolve(root, "..", "shared", "oracles", "tweego", "storyformats", "sugarcube-2", "format.js");

/** Why the 2.37 checks cannot run here, in one line, or undefined when they can. */
export function missing237(): string | undefined {
  if (existsSync(SUGARCUBE_237_FORMAT)) return undefined;
  return `SugarCube 2.37 checks not run: no format.js at ${SUGARCUBE_237_FORMAT} (set SUGARCUBE_237_FORMAT to SugarCube 2.37's format.js)`;
}

/** The format file's template and version: `window.storyFormat({...})` holds JSON. */
function readFormat(file: string): { version: string; source: string } {
  const text = readFileSync(file, "utf8");
  const json = JSON.parse(text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"))) as {
    version: string;
    source: string;
  };
  if (!json.version.startsWith("2.37.")) throw new Error(`${file} is SugarCube ${json.version}, not 2.37`);
  return json;
}

/** Writes dist/<mystery>.html's story into SugarCube 2.37's template, in a temporary folder;
 *  returns the new file's path. */
export function storyOn237(mystery: string): string {
  const html = readFileSync(storyFile(mystery), "utf8");
  const data = /<tw-storydata\b[\s\S]*<\/tw-storydata>/.exec(html)?.[0];
  const name = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1];
  if (!data || name === undefined) throw new Error(`${storyFile(mystery)} has no <tw-storydata> or <title>`);
  const { version, source } = readFormat(SUGARCUBE_237_FORMAT);
  const page = source
    .replaceAll("{{STORY_NAME}}", () => name)
    .replaceAll("{{STORY_DATA}}", () => data.replace(/format-version="[^"]*"/, `format-version="${version}"`));
  const file = path.join(mkdtempSync(path.join(tmpdir(), `sugarcube-237-${mystery}-`)), `${mystery}.html`);
  writeFileSync(file, page);
  return file;
}
