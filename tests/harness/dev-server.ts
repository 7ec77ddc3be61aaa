// For the npm run dev tests (node and browser): a scratch copy of a mystery with its own macros
// and styles, the dev CLI running on it as a child process, a Server-Sent Events reader, and a
// test's saves waiting for the build each caused.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { type DevProcess, startDev as startDevProcess } from "../../build/dev/dev-process.js";
import { root } from "../../build/shared/paths.js";
import { onTestFinished } from "vitest";
import { type Scratch, scratchStory } from "./scratch.js";

export interface DevScratch extends Scratch {
  /** Copies of macros/ and styles/ (so a test may break them); pass with devArgs(). */
  readonly macros: string;
  readonly styles: string;
}

export function devScratch(mystery = "50ms-request"): DevScratch {
  const scratch = scratchStory(mystery);
  const base = path.dirname(scratch.stories);
  for (const dir of ["macros", "styles"]) cpSync(path.join(root, dir), path.join(base, dir), { recursive: true });
  return { ...scratch, macros: path.join(base, "macros"), styles: path.join(base, "styles") };
}

/** Deletes the scratch copy (after its dev server has been stopped). */
export const removeScratch = (s: DevScratch | undefined) =>
  s && rmSync(path.dirname(s.stories), { recursive: true, force: true });

/** The CLI flags that point npm run dev at a scratch copy, on any free port. */
export const devArgs = (s: DevScratch): string[] => [
  "--stories",
  s.stories,
  "--out",
  s.out,
  "--macros",
  path.join(s.macros, "index.ts"),
  "--styles",
  path.join(s.styles, "index.css"),
  "--no-open",
];

export type { DevProcess } from "../../build/dev/dev-process.js";

/**
 * npm run dev on `args`, with no compiler or port from the environment of whoever runs the tests,
 * and DEV_TRACE on: a failing test prints its build decisions (dev.test.ts).
 */
export const startDev = (args: readonly string[], timeout?: number): Promise<DevProcess> =>
  startDevProcess(args, { env: { STORY_COMPILER: "", PORT: "", DEV_TRACE: "1" }, timeout });

export interface DevEvent {
  readonly event: string;
  readonly data: string;
}

/** The source files the build behind `e` was for (events.ts), as npm run dev names them. */
export function changedIn(e: DevEvent): string[] {
  try {
    return (JSON.parse(e.data) as { changed?: string[] }).changed ?? [];
  } catch {
    return [];
  }
}

/** An open /__dev/events stream, every event kept in order. */
export class EventReader {
  readonly events: DevEvent[] = [];
  ended = false;
  private readonly request: http.ClientRequest;
  private readonly waiters = new Set<() => void>();
  /** Resolves once the server has answered (the stream is open and gets every later event). */
  readonly ready: Promise<void>;

  constructor(url: string) {
    let buffer = "";
    let opened: () => void = () => {};
    this.ready = new Promise((resolve) => (opened = resolve));
    this.request = http.get(new URL("__dev/events", url), (res) => {
      opened();
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            block
              .split("\n")
              .filter((l) => l.startsWith(`${name}:`))
              .map((l) => l.slice(name.length + 1).trimStart())
              .join("\n");
          if (block.split("\n").some((l) => l.startsWith("event:") || l.startsWith("data:"))) {
            this.events.push({ event: field("event") || "message", data: field("data") });
          }
        }
        this.wake();
      });
      res.on("end", () => {
        this.ended = true;
        this.wake();
      });
    });
    this.request.on("error", () => {
      this.ended = true;
      this.wake();
    });
  }

  /** The first event named `name` at index `from` or later; waits for it up to `timeout` ms. */
  next(name: string, from: number, timeout?: number): Promise<DevEvent> {
    return this.until([name], from, () => true, timeout);
  }

  /**
   * The first event named one of `names`, at index `from` or later, that `match` accepts: e.g. the
   * build for the file a test saved, whose output has the test's text. A test waits for the event
   * its own edit caused this way, never for "the next one" (a late one of an earlier edit).
   * The default wait is long (a busy machine can be very slow), and under the
   * jsdom project's 60 s test timeout.
   */
  async until(
    names: readonly string[],
    from: number,
    match: (e: DevEvent) => boolean,
    timeout = 50_000,
  ): Promise<DevEvent> {
    const name = names.join(" or ");
    const found = () => this.events.slice(from).find((e) => names.includes(e.event) && match(e));
    const deadline = Date.now() + timeout;
    while (!found()) {
      if (this.ended)
        throw new Error(`the event stream ended before a "${name}" event; got ${JSON.stringify(this.events)}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching "${name}" event in ${timeout} ms; got ${JSON.stringify(this.events.slice(from))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return found()!;
  }

  /** Resolves once the server has ended the stream. */
  async end(timeout = 5_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!this.ended && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.request.destroy();
  }

  private wake(): void {
    for (const w of this.waiters) w();
    this.waiters.clear();
  }
}

/** A raw GET, so the path reaches the server exactly as written (fetch would tidy up `..`). */
export function rawGet(url: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

/**
 * A test's saves under npm run dev, read by `events` (the reader of its event stream). `save`
 * writes `text` to `file` and waits for the first `event` of a build for that file that `check`
 * accepts (by default, any): the event this save caused. `restoreAfter` puts `file` back as it is
 * now when the test ends, so a failed test does not fail the next ones.
 */
export function devSaves(events: () => EventReader) {
  async function save(
    file: string,
    text: string,
    event: "reload" | "error" | "ok" | "any" = "reload",
    check: (e: DevEvent) => boolean = () => true,
  ) {
    const from = events().events.length;
    writeFileSync(file, text);
    const names = event === "any" ? ["reload", "error", "ok"] : [event];
    return events().until(names, from, (e) => changedIn(e).includes(file) && check(e));
  }
  const restoreAfter = (file: string) => {
    const original = readFileSync(file, "utf8");
    onTestFinished(async () => {
      if (readFileSync(file, "utf8") !== original) await save(file, original, "any").catch(() => {});
    });
    return original;
  };
  return { save, restoreAfter };
}
