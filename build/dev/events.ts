// The dev server's event stream (Server-Sent Events at /__dev/events) to every open page:
// `reload` with the files a build wrote (each page reloads if its own file is one of them),
// `error` with what is failing, `ok` once nothing is. A page that connects late gets the current
// state at once: the failures, or a reload if its file was rewritten after it was served.
// Each event after a build names the source files that build was for (`changed`), so a script
// that saved a file can wait for the event of its own save, not the next one that comes.
import type { IncomingMessage, ServerResponse } from "node:http";
import { BuildError, BuildErrors, formatLocation } from "../shared/errors.js";

/** A failure as the in-page overlay shows it. */
export interface ShownProblem {
  /** What failed: a mystery's name, "macros and styles" or "index". */
  readonly source: string;
  /** file:line:col, when known. */
  readonly where?: string;
  readonly message: string;
  readonly fix?: string;
}

/** A failure as overlay entries: one per problem (the lint finds several at once). */
export function showable(source: string, error: unknown): ShownProblem[] {
  if (error instanceof BuildErrors) return error.errors.flatMap((e) => showable(source, e));
  if (error instanceof BuildError) {
    return [
      {
        source,
        where: error.location ? formatLocation(error.location) : undefined,
        message: error.message,
        fix: error.fix,
      },
    ];
  }
  return [{ source, message: error instanceof Error ? error.message : String(error) }];
}

export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private problems: readonly ShownProblem[] = [];
  /** Counts builds that wrote files; pages carry the number they were served with. */
  private build = 0;
  /** Each file's last build number (files relative to the out folder, with /). */
  private readonly writtenIn = new Map<string, number>();

  get generation(): number {
    return this.build;
  }

  /** Starts an event stream for a page showing `page`, served at build number `servedWith`. */
  connect(req: IncomingMessage, res: ServerResponse, page: string | undefined, servedWith: number | undefined): void {
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
    });
    // A short retry, so pages find a restarted server quickly.
    res.write("retry: 500\n\n");
    this.clients.add(res);
    const drop = () => this.clients.delete(res);
    req.on("close", drop);
    res.on("error", drop);
    const rewritten = page === undefined ? this.build : (this.writtenIn.get(page) ?? 0);
    if (servedWith !== undefined && servedWith < rewritten)
      this.send(res, "reload", { build: this.build, files: [page] });
    else if (this.problems.length > 0) this.send(res, "error", { problems: this.problems });
  }

  /**
   * After a build: which files it wrote (relative to the out folder), what is failing now, and
   * the changed source files the build was for.
   */
  built(files: readonly string[], problems: readonly ShownProblem[], changed: readonly string[] = []): void {
    const wasFailing = this.problems.length > 0;
    this.problems = problems;
    if (files.length > 0) {
      this.build++;
      for (const file of files) this.writtenIn.set(file, this.build);
      this.broadcast("reload", { build: this.build, files, changed });
    }
    // Pages that did not reload still need to know: show the failure, or take its box away.
    if (problems.length > 0) this.broadcast("error", { problems, changed });
    else if (wasFailing) this.broadcast("ok", { changed });
  }

  /** Ends every stream (on shutdown). */
  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private broadcast(event: string, data: unknown): void {
    for (const res of this.clients) this.send(res, event, data);
  }

  private send(res: ServerResponse, event: string, data: unknown): void {
    if (res.writableEnded || res.destroyed) return void this.clients.delete(res);
    // JSON keeps the data on one line, as an SSE data field needs.
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}
