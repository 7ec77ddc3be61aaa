// chokidar → batches of changed paths. Editors write a file several times in a row (temp file,
// rename, chmod), so events are collected until the folders have been quiet for `quietMs`, then
// handed on at once.
//
// Why 55 ms: chokidar drops a second change to the same file within 50 ms of the first, with no
// event after it. Waiting longer than that before a batch goes out means a dropped write has
// always happened before the build reads the file.
import path from "node:path";
import { watch } from "chokidar";
import { isInside } from "./paths.js";

export const QUIET_MS = 55;

export interface WatchOptions {
  /** Folders not to watch (the out folder, if it is inside a watched one). */
  readonly ignore: readonly string[];
  /** Above chokidar's 50 ms (see the top); default 55. */
  readonly quietMs?: number;
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
    return options.ignore.some((dir) => full === path.resolve(dir) || isInside(dir, full)) || noise(path.basename(full));
  };
  const watcher = watch([...roots], { ignoreInitial: true, ignored });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    const batch = [...pending];
    pending = new Set();
    options.onBatch(batch);
  };
  watcher.on("all", (_event, file) => {
    pending.add(path.resolve(file));
    clearTimeout(timer);
    timer = setTimeout(flush, options.quietMs ?? QUIET_MS);
  });
  watcher.on("error", options.onError);
  await new Promise<void>((resolve) => watcher.once("ready", resolve));
  return {
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
