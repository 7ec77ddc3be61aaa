// Two mysteries with one IFID: Twine keeps one story per IFID (importing the second replaces the
// first in its library), `npm run import` matches a Twine file to its mystery by IFID, and the
// index page would list two stories a player's tools take for one. An error at each StoryData:
// `npm run lint` reports it, and the build fails those mysteries (site/build-all.ts).
import path from "node:path";
import { listMysteries, readTweeFiles } from "../sources/mystery-files.js";
import { filePassagesTolerant, type SourceFile } from "../sources/sources.js";
import { parseStoryDataTolerant } from "../model/story.js";
import { type Diagnostic, error, type Where } from "../shared/diagnostic.js";
import { header, locate } from "./checked-mystery.js";
import { isStoryData } from "../story-format/passage-kinds.js";

export interface MysteryIfid {
  readonly mystery: string;
  readonly ifid: string;
  /** The IFID's value in StoryData. */
  readonly where: Where;
}

/** The IFID a mystery's StoryData names (uppercase, as Twine compares them), read past any other mistake; undefined when it names none. */
export function storyIfid(files: readonly SourceFile[]): { ifid: string; where: Where } | undefined {
  const data = files.flatMap((f) => filePassagesTolerant(f).passages).find(isStoryData);
  const ifid = data && parseStoryDataTolerant(data).data?.ifid;
  if (!data || !ifid) return undefined;
  const key = data.text.search(/"ifid"/i);
  return { ifid: ifid.toUpperCase(), where: key === -1 ? header(data) : locate(data, key) };
}

/** An error for each mystery whose IFID another one has too. */
export function sharedIfidChecks(all: readonly MysteryIfid[]): { mystery: string; diagnostic: Diagnostic }[] {
  const found: { mystery: string; diagnostic: Diagnostic }[] = [];
  for (const m of all) {
    const others = all.filter((o) => o !== m && o.ifid === m.ifid);
    if (others.length === 0) continue;
    const named = others.map((o) => `"${o.mystery}" (${o.where.file}:${o.where.line}:${o.where.column})`).join(", ");
    const message = `mystery ${named} has this IFID too, ${m.ifid}: Twine keeps one story per IFID, and \`npm run import\` finds a mystery by it`;
    const fix =
      'give the copy a new IFID of its own, an uppercase UUID v4 (node -e "console.log(crypto.randomUUID().toUpperCase())"), and keep the original\'s';
    found.push({ mystery: m.mystery, diagnostic: error(m.where, "shared-ifid", message, { fix }) });
  }
  return found;
}

/** Each mystery's IFID under `stories`: from the files in `checked` where given, every other one
 *  from its Twee files alone, read leniently (a draft that cannot be read is left out). */
export async function mysteryIfids(
  stories: string,
  checked: ReadonlyMap<string, readonly SourceFile[]> = new Map(),
): Promise<MysteryIfid[]> {
  const all = await listMysteries(stories);
  const found = await Promise.all(
    all.map(async (mystery) => {
      const files = checked.get(mystery) ?? (await readTweeFiles(path.join(stories, mystery)).catch(() => undefined));
      const ifid = files && storyIfid(files);
      return ifid ? [{ mystery, ...ifid }] : [];
    }),
  );
  return found.flat();
}
