// Which passages a save changed: npm run dev prints, after each rebuild, the play-from link of the
// passage just edited (play-from.ts). Each Twee file's passages are remembered as last read (all
// of them when the session starts), and a save is compared with that, passage by passage.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isTweeFile } from "../sources/sources.js";
import { parseTweeTolerant } from "../twee/twee.js";

/** Passage name → its header tags and text, as one string to compare. */
function passagesOf(file: string): Map<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined; // deleted, or a folder
  }
  return new Map(parseTweeTolerant(text, file).passages.map((p) => [p.name, JSON.stringify([p.tags, p.text])]));
}

export class PassageEdits {
  private readonly known = new Map<string, Map<string, string>>();

  /** Remembers every Twee file under `dir` (the stories folder, when the session starts). */
  rememberAll(dir: string): void {
    let entries: string[];
    try {
      entries = readdirSync(dir, { recursive: true, encoding: "utf8" });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!isTweeFile(entry) || entry.split(path.sep).some((part) => part.startsWith("."))) continue;
      const passages = passagesOf(path.join(dir, entry));
      if (passages) this.known.set(path.join(dir, entry), passages);
    }
  }

  /** The passages of Twee file `file` that are new or changed since it was last read; remembers it as it is now. */
  edited(file: string): string[] {
    if (!isTweeFile(file)) return [];
    const before = this.known.get(file) ?? new Map<string, string>();
    const now = passagesOf(file);
    if (!now) {
      this.known.delete(file);
      return [];
    }
    this.known.set(file, now);
    return [...now].filter(([name, text]) => before.get(name) !== text).map(([name]) => name);
  }
}
