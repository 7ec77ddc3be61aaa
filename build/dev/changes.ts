// The changed files npm run dev builds, checked again: chokidar drops a second change to a file
// within 50 ms of the first (no event at all), so each changed file is stamped when the build
// that reads it starts, and compared again when the build ends and once more after that window.
// rebuild.ts builds again whatever differs.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";

/** chokidar's window for dropping a second change (50 ms), and a little more. */
export const RECHECK_MS = 60;

const EMPTY = "empty:";

/** What a file holds now: its modification time (ns), size and content. */
export async function stampOf(file: string): Promise<string> {
  const s = await stat(file, { bigint: true }).catch(() => null);
  if (!s) return "missing";
  if (!s.isFile()) return s.isDirectory() ? "folder" : "other";
  if (s.size === 0n) return `${EMPTY}${s.mtimeNs}`;
  const content = await readFile(file).catch(() => null);
  return content ? `${s.mtimeNs}:${s.size}:${createHash("sha1").update(content).digest("hex")}` : "missing";
}

export class ChangedFiles {
  /** Changed, not stamped yet: when each must be checked again (performance.now() ms). */
  private readonly noted = new Map<string, number>();
  /** Stamped when a build started; checked again until `due`. */
  private readonly checking = new Map<string, { stamp: string; due: number }>();

  note(file: string): void {
    this.noted.set(file, performance.now() + RECHECK_MS);
  }

  /** Stamps the noted files: what the build about to start will read. */
  async stampForBuild(): Promise<void> {
    for (const [file, due] of [...this.noted]) {
      this.noted.delete(file);
      this.checking.set(file, { stamp: await stampOf(file), due });
    }
  }

  /**
   * A changed file found empty and still inside its window: an editor writing in place
   * truncates first, so it is probably half-written: rebuild.ts looks at it again every few ms.
   */
  waitingForWrite(): boolean {
    const now = performance.now();
    return [...this.checking.values()].some((c) => c.stamp.startsWith(EMPTY) && c.due > now);
  }

  /** Whether a file changed since its stamp (the build in progress read something else). */
  async moved(): Promise<boolean> {
    for (const [file, { stamp }] of [...this.checking]) if ((await stampOf(file)) !== stamp) return true;
    return false;
  }

  /** The files that changed since their stamp (to note again); files unchanged past their window are done. */
  async recheck(): Promise<string[]> {
    const now = performance.now();
    const changed: string[] = [];
    for (const [file, { stamp, due }] of [...this.checking]) {
      if ((await stampOf(file)) !== stamp) {
        this.checking.delete(file);
        changed.push(file);
      } else if (now >= due) this.checking.delete(file);
    }
    return changed;
  }

  /** No file is waiting to be checked again. */
  get settled(): boolean {
    return this.checking.size === 0;
  }

  /** When the next file is due to be checked again, if any. */
  nextDue(): number | undefined {
    return this.checking.size === 0 ? undefined : Math.min(...[...this.checking.values()].map((c) => c.due));
  }
}
