// The benchmark's scratch project, and the rebuild times of `npm run dev` in it: from the write of
// a passage, a macro or the CSS to the new HTML on disk.
import { cp, mkdtemp, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { OUR_ENV } from "./run.js";
import { type Summary, summarize } from "./summary.js";
import { type DevProcess, startDev } from "../dev/dev-process.js";
import { root } from "../shared/paths.js";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A copy of what the build reads, with node_modules linked: edits here are safe. No .cache/: it starts as a fresh checkout does. */
export async function scratchProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "mystery-bench-"));
  for (const part of ["build", "macros", "styles", "story", "package.json", "tsconfig.json"]) {
    await cp(path.join(root, part), path.join(dir, part), { recursive: true });
  }
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Starts `npm run dev` (of `mysteries`, or all) in the scratch project on a free port; resolves once it serves. */
export async function startBenchDev(dir: string, ...mysteries: string[]): Promise<DevProcess> {
  const dev = await startDev(["--port", "0", "--no-open", ...mysteries], { cwd: dir, env: OUR_ENV, timeout: 30_000 });
  if (!dev.url) throw new Error(`npm run dev exited before serving:\n${dev.stdout()}${dev.stderr()}`);
  return dev;
}

/** Waits until every file contains `marker`; ms since `since`. Polls stat (cheap) every 2 ms. */
async function waitForMarker(files: readonly string[], marker: string, since: number): Promise<number> {
  const pending = new Set(files);
  const seen = new Map<string, number>();
  while (pending.size > 0) {
    if (performance.now() - since > 30_000)
      throw new Error(`no rebuild containing ${marker} within 30 s: ${[...pending].join(", ")}`);
    for (const file of pending) {
      const mtime = (await stat(file)).mtimeMs;
      if (seen.get(file) === mtime) continue;
      seen.set(file, mtime);
      if ((await readFile(file, "utf8")).includes(marker)) pending.delete(file);
    }
    if (pending.size > 0) await sleep(2);
  }
  return performance.now() - since;
}

interface Edit {
  readonly what: string;
  readonly file: string;
  /** The text to append, carrying a marker that must show up in the output. */
  readonly append: (marker: string) => string;
  /** Which outputs must change: one mystery for a passage, all for macros and CSS. */
  readonly outputs: readonly string[];
}

/** Rebuild times after a passage, a macro and a CSS edit, each `runs` times. */
export async function editRebuilds(
  dir: string,
  mysteries: readonly string[],
  first: string,
  runs: number,
): Promise<[string, Summary][]> {
  const out = (m: string) => path.join(dir, "dist", `${m}.html`);
  const twee = (await readdir(path.join(dir, "story", first))).filter((f) => f.endsWith(".twee")).sort();
  // Markers that survive minifying: a passage's text, a string the macros keep, a CSS rule.
  const edits: Edit[] = [
    {
      what: `passage edit (${first})`,
      file: path.join(dir, "story", first, twee[0]!),
      append: (m) => `\n${m}\n`,
      outputs: [out(first)],
    },
    {
      what: "macro edit (all mysteries)",
      file: path.join(dir, "macros", "all.ts"),
      append: (m) => `\n(globalThis as Record<string, unknown>).x = "${m}";\n`,
      outputs: mysteries.map(out),
    },
    {
      what: "CSS edit (all mysteries)",
      file: path.join(dir, "styles", "index.css"),
      append: (m) => `\n.${m} { color: red; }\n`,
      outputs: mysteries.map(out),
    },
  ];
  const dev = await startBenchDev(dir);
  try {
    const results: [string, Summary][] = [];
    for (const edit of edits) {
      const original = await readFile(edit.file, "utf8");
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const marker = `bench${Math.random().toString(36).slice(2, 10)}`;
        await sleep(150); // let the previous rebuild settle, so each edit is measured alone
        const since = performance.now();
        await writeFile(edit.file, original + edit.append(marker));
        samples.push(await waitForMarker(edit.outputs, marker, since));
      }
      await writeFile(edit.file, original);
      results.push([edit.what, summarize(samples)]);
    }
    return results;
  } finally {
    dev.signal("SIGINT");
    await dev.exited;
  }
}
