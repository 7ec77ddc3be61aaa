// chokidar → changed paths, handed on at once: the events of one moment (an editor's write,
// rename and chmod of one save arrive together) go out as one batch, with no wait. A change
// chokidar does not report (it drops a second change to a file within 50 ms of the first) is
// caught by the rebuilder, which checks each changed file again after that window (rebuild.ts).
//
// Symbolic links are not followed (chokidar would otherwise walk `up -> ..` or `root -> /`
// for ever); the build's folder walk says which links it leaves out (walk.ts).
import path from "node:path";
import { watch } from "chokidar";
import { isInside } from "../shared/paths.js";
import { trace } from "./trace.js";

export interface WatchOptions {
  /** Folders not to watch (the out folder, if it is inside a watched one). */
  readonly ignore: readonly string[];
  readonly onBatch: (paths: string[]) => void;
  readonly onError: (error: unknown) => void;
}

export interface Watcher {
  close(): Promise<void>;
}

/** Hidden files (editor swap files, our own temp files), backups and dependencies. */
const noise = (base: string) => base.startsWith(".") || base.endsWith("~") || base === "node_modules";

/** Watches `dirs`; resolves once chokidar has scanned them, so every later edit is seen. */
export async function watchBatches(dirs: readonly string[], options: WatchOptions): Promise<Watcher> {
  const roots = new Set(dirs.map((d) => path.resolve(d)));
  const ignored = (file: string) => {
    const full = path.resolve(file);
    if (roots.has(full)) return false;
    return (
      options.ignore.some((dir) => full === path.resolve(dir) || isInside(dir, full)) || noise(path.basename(full))
    );
  };
  const watcher = watch([...roots], { ignoreInitial: true, ignored, followSymlinks: false });
  let pending = new Set<string>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batch = [...pending];
    pending = new Set();
    options.onBatch(batch);
  };
  watcher.on("all", (event, file) => {
    trace("watcher", event, file);
    pending.add(path.resolve(file));
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush); // after the other events already queued, not after a delay
    }
  });
  watcher.on("error", options.onError);
  await new Promise<void>((resolve) => watcher.once("ready", resolve));
  return {
    close: async () => {
      pending.clear();
      await watcher.close();
    },
  };
}
