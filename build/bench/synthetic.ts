// A synthetic mystery `factor` times the size of a real one, for the benchmark's scaling runs:
// every passage of the model repeated in `factor` copies, each copy's names suffixed and its links
// pointing within the copy, each copy's Start leading on to the next one's, so the whole story is
// one playable, lint-clean chain. Copies share the model's files (client.twee holds every copy's
// client passages), so files grow with the story as they do when an author writes on. Positions
// are left out, so `npm run layout` has every passage to place. Generated, never committed.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { readSources } from "../sources/mystery-files.js";
import { root } from "../shared/paths.js";
import { TEASER_FILE } from "../site/puzzles.js";
import { passageTwee } from "../twee/twee-edit.js";
import { parseTwee, type Passage } from "../twee/twee.js";
import { isTweeFile } from "../sources/sources.js";
import { OUR_FORMAT } from "../story-format/formats.js";
import { isCode } from "../story-format/passage-kinds.js";

/** Passages that exist once per story, whatever its size: special passages, code and widgets. */
const once = (p: Passage) => OUR_FORMAT.kinds.isSpecial(p) || isCode(p) || OUR_FORMAT.kinds.isWidget(p);

/** `name` in copy `k` (0-based); copy 0 keeps the model's names. */
export const copyName = (name: string, k: number) => (k === 0 ? name : `${name} (${k + 1})`);

/** The targets in a passage's text renamed by `rename` when it knows them: links, quoted passage
 *  arguments of macros and data-passage attributes, the ways the model refers to passages. */
function renameRefs(text: string, rename: (target: string) => string | undefined): string {
  const swap = (s: string) => {
    const target = s.trim();
    const to = rename(target);
    return to === undefined ? s : s.replace(target, to);
  };
  return text
    .replace(/\[\[([^\]]*)\]/g, (_whole, body: string) => {
      const bar = body.lastIndexOf("|");
      const right = body.lastIndexOf("->");
      const left = body.indexOf("<-");
      if (bar >= 0) return `[[${body.slice(0, bar + 1)}${swap(body.slice(bar + 1))}]`;
      if (right >= 0) return `[[${body.slice(0, right + 2)}${swap(body.slice(right + 2))}]`;
      if (left >= 0) return `[[${swap(body.slice(0, left))}${body.slice(left)}]`;
      return `[[${swap(body)}]`;
    })
    .replace(/(<<[\w-]+\s[^>]*?)"([^"]+)"(\s*>>)/g, (whole, head: string, arg: string, tail: string) => {
      const to = rename(arg);
      return to === undefined ? whole : `${head}"${to}"${tail}`;
    })
    .replace(/data-passage="([^"]+)"/g, (whole, target: string) => {
      const to = rename(target);
      return to === undefined ? whole : `data-passage="${to}"`;
    });
}

export interface SyntheticStory {
  readonly mystery: string;
  readonly dir: string;
  /** Story passages (not special ones, code or pictures). */
  readonly passages: number;
  readonly bytes: number;
}

/** Writes `<stories>/<name>/`: the mystery in `modelDir`, `factor` times over. */
export async function writeSyntheticStory(
  modelDir: string,
  stories: string,
  name: string,
  factor: number,
): Promise<SyntheticStory> {
  const dir = path.join(stories, name);
  await mkdir(dir, { recursive: true });
  const sources = await readSources(modelDir);
  const twee = sources.filter((f) => isTweeFile(f.path));
  const byFile = twee.map((f) => ({ file: f, passages: parseTwee(f.content.toString("utf8"), f.path) }));
  const model = byFile.flatMap((f) => f.passages);
  const renamed = new Set(model.filter((p) => !once(p)).map((p) => p.name));
  const start = model.find((p) => p.name === "Start");
  let passages = 0;
  let bytes = 0;
  for (const { file, passages: own } of byFile) {
    const parts: string[] = [];
    for (let k = 0; k < factor; k++) {
      for (const p of own) {
        if (once(p) && k > 0) continue;
        let text = once(p) ? p.text : renameRefs(p.text, (t) => (renamed.has(t) ? copyName(t, k) : undefined));
        if (p === start && k + 1 < factor)
          text += `\n<div class="nav">[[The next case->${copyName("Start", k + 1)}]]</div>`;
        if (!once(p)) passages++;
        parts.push(passageTwee({ name: once(p) ? p.name : copyName(p.name, k), tags: p.tags, metadata: {}, text }));
      }
    }
    const content = parts.join("");
    bytes += Buffer.byteLength(content);
    await writeFile(path.join(dir, path.relative(modelDir, path.resolve(root, file.path))), content);
  }
  for (const f of sources.filter((s) => !twee.includes(s))) {
    const to = path.join(dir, path.relative(modelDir, path.resolve(root, f.path)));
    await mkdir(path.dirname(to), { recursive: true });
    await writeFile(to, f.content);
    bytes += f.content.length;
  }
  // The index page shows each mystery's teaser.
  const teaser = await readFile(path.join(modelDir, TEASER_FILE)).catch(() =>
    Buffer.from(`A synthetic mystery, ${factor}× ${path.basename(modelDir)}.\n`),
  );
  await writeFile(path.join(dir, TEASER_FILE), teaser);
  return { mystery: name, dir, passages, bytes };
}
