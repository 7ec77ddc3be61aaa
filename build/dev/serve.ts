// npm run dev's web server: node:http on 127.0.0.1 only (a dev server is not for the network),
// serving the out folder as it is on disk, with the dev client added to each HTML response
// and story map (never to the files, which stay publishable) and the event stream at /__dev/events.
// Only requests for this machine's names are answered (isLocalHost), and only regular files whose
// real path is inside the out folder are served (a symbolic link out of it is a 404); each file is
// streamed from an open descriptor: a slow client holds a small buffer, not a copy of the page,
// and a build renaming a new file over it never tears a response.
import { readFileSync } from "node:fs";
import { type FileHandle, open, realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BuildError } from "../shared/errors.js";
import type { EventHub } from "./events.js";
import { escapeHtml } from "../shared/escapes.js";
import { isInside } from "../shared/paths.js";

export const HOST = "127.0.0.1";
export const EVENTS_PATH = "/__dev/events";
/** Where the dev client asks what a player has on arriving at a passage (play-from.ts). */
export const PLAY_FROM_PATH = "/__dev/play-from";

/** What the session adds to the server: "play from here" (play-from.ts). */
export interface PlayFrom {
  /** The page and passage of a /__dev/play-from request → the JSON to answer. */
  arrival(page: string, passage: string): Promise<unknown>;
  /** The story page of the mystery a story map is named after (`/<mystery>.map.svg`), if it is one. */
  pageOfMap(mystery: string): string | undefined;
}

/** The in-page script, read once. */
export const devClient = readFileSync(new URL("./dev-client.js", import.meta.url), "utf8");

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
};

const clientTag = (generation: number) => `<script data-dev-build="${generation}">\n${devClient}</script>\n`;

/** `html` with the dev client just before its last </body> (the story data may quote the tag). */
export function injectClient(html: string, generation: number): string {
  const tag = clientTag(generation);
  const at = html.toLowerCase().lastIndexOf("</body>");
  return at === -1 ? html + tag : html.slice(0, at) + tag + html.slice(at);
}

/** How the dev client goes into a page (before its last </body>) or a story map (before </svg>, as XML,
 *  naming its story page: each box links to playing from there). */
const LIVE: Readonly<Record<string, { close: string; tag: (generation: number, page?: string) => string }>> = {
  ".html": { close: "</body>", tag: clientTag },
  ".svg": {
    close: "</svg>",
    tag: (generation, page) =>
      `<script data-dev-build="${generation}"${page ? ` data-story-page="${escapeHtml(page)}"` : ""}><![CDATA[\n${devClient}]]></script>\n`,
  },
};

/** How far from the end of a file its closing tag is looked for (ours end with `</body>\n</html>\n`). */
const TAIL = 64 * 1024;

/** Where in the file the dev client goes: before the last `close` near its end, else at the end. */
async function injectionPoint(handle: FileHandle, size: number, close: string): Promise<number> {
  const length = Math.min(size, TAIL);
  const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
  const at = buffer.toString("latin1").toLowerCase().lastIndexOf(close);
  return at === -1 ? size : size - length + at;
}

export interface DevServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

type Found = { file: string } | { status: 400 | 403 | 404 };

const isFile = async (file: string) => (await stat(file).catch(() => null))?.isFile() ?? false;

/**
 * The file a URL path names inside `root`: never one outside it (by its path, or by its real
 * path through a symbolic link), nor a hidden one (temp files), nor anything but a regular file.
 */
async function find(root: string, pathname: string): Promise<Found> {
  let name: string;
  try {
    name = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (name.includes("\0")) return { status: 400 };
  let file = path.resolve(path.join(root, name));
  if (file !== root && !isInside(root, file)) return { status: 403 };
  if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, "index.html");
  const [realRoot, real] = await Promise.all([realpath(root).catch(() => null), realpath(file).catch(() => null)]);
  if (!realRoot || !real || !isInside(realRoot, real)) return { status: 404 };
  if (
    path
      .relative(realRoot, real)
      .split(path.sep)
      .some((part) => part.startsWith("."))
  )
    return { status: 404 };
  return (await isFile(real)) ? { file: real } : { status: 404 };
}

const STATUS_TEXT = { 400: "Bad request", 403: "Forbidden", 404: "Not found" } as const;

function errorPage(status: 400 | 403 | 404, pathname: string): string {
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${status} ${STATUS_TEXT[status]}</title></head>\n` +
    `<body>\n<h1>${status} ${STATUS_TEXT[status]}</h1>\n<p>${escapeHtml(pathname)} is not a file this dev server serves.</p>\n` +
    `<p><a href="/">All puzzles</a></p>\n</body>\n</html>\n`
  );
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

/** A story map's URL path: one name, no folder. */
const MAP_PATH = /^\/[^/]+\.map\.svg$/;

/** The names of this machine a browser sends as `Host:` to the server, with its port. */
const LOCAL_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Whether a request's `Host:` names this machine at the server's port. A page on another site can
 * point its own name at 127.0.0.1 (DNS rebinding) and so reach this server from the player's
 * browser, but its requests then carry that name: they are refused, so it cannot read dist/.
 */
export function isLocalHost(host: string | undefined, port: number): boolean {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host?.toLowerCase() ?? "");
  if (!m || !LOCAL_NAMES.has(m[1]!)) return false;
  return m[2] === undefined ? port === 80 : Number(m[2]) === port;
}

/** What the server serves besides `root`: the story maps' folder, and the play-from answers (play-from.ts). */
export interface Extras {
  readonly maps?: string;
  readonly play?: PlayFrom;
}

async function handle(
  root: string,
  { maps, play }: Extras,
  hub: EventHub,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isLocalHost(req.headers.host, req.socket.localPort ?? 0)) {
    const body = `This dev server answers only requests for 127.0.0.1, localhost or [::1] at port ${req.socket.localPort}.\n`;
    send(req, res, 403, TYPES[".txt"]!, body);
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  const url = new URL(req.url ?? "/", `http://${HOST}`);
  if (url.pathname === EVENTS_PATH) {
    const build = url.searchParams.get("build");
    const page = url.searchParams.get("page") ?? undefined;
    hub.connect(req, res, page, build !== null && /^\d+$/.test(build) ? Number(build) : undefined);
    return;
  }
  if (url.pathname === PLAY_FROM_PATH && play) {
    const answer = await play.arrival(url.searchParams.get("page") ?? "", url.searchParams.get("passage") ?? "");
    send(req, res, 200, TYPES[".json"]!, JSON.stringify(answer));
    return;
  }
  // A story map is served from its own folder, by the same URL it always had.
  const found = maps && MAP_PATH.test(url.pathname) ? await find(maps, url.pathname) : await find(root, url.pathname);
  if ("status" in found && url.pathname === "/favicon.ico") {
    res.writeHead(204).end(); // browsers request it; a 404 would log an error on every page
    return;
  }
  if ("status" in found) {
    // The 404 page listens too, so a page that does not exist yet appears once it is built.
    send(req, res, found.status, TYPES[".html"]!, injectClient(errorPage(found.status, url.pathname), hub.generation));
    return;
  }
  const storyPage =
    play && maps && MAP_PATH.test(url.pathname)
      ? play.pageOfMap(decodeURIComponent(url.pathname.slice(1, -".map.svg".length)))
      : undefined;
  await stream(found.file, req, res, hub.generation, storyPage);
}

/** Sends `file` from one open descriptor (the build renames new files over old ones: this one stays whole). */
async function stream(
  file: string,
  req: IncomingMessage,
  res: ServerResponse,
  generation: number,
  storyPage?: string,
): Promise<void> {
  const ext = path.extname(file).toLowerCase();
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    // Pages and story maps reload when they are built again; other files are served as they are.
    const live = ext === ".html" ? LIVE[".html"] : file.endsWith(".map.svg") ? LIVE[".svg"] : undefined;
    const tag = live ? Buffer.from(live.tag(generation, storyPage)) : Buffer.alloc(0);
    const at = live ? await injectionPoint(handle, size, live.close) : size;
    res.writeHead(200, {
      "Content-Type": TYPES[ext] ?? "application/octet-stream",
      "Content-Length": size + tag.length,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    });
    if (req.method === "HEAD") return void res.end();
    const part = (start: number, end: number) => handle.createReadStream({ start, end: end - 1, autoClose: false });
    async function* body() {
      if (at > 0) yield* part(0, at);
      if (tag.length > 0) yield tag;
      if (size > at) yield* part(at, size);
    }
    await pipeline(Readable.from(body(), { objectMode: false }), res).catch((error: NodeJS.ErrnoException) => {
      // A client that goes away mid-file is not an error of the server's.
      if (error.code !== "ERR_STREAM_PREMATURE_CLOSE" && error.code !== "EPIPE" && error.code !== "ECONNRESET")
        throw error;
    });
  } finally {
    await handle.close();
  }
}

/** Listens on 127.0.0.1:`port` (0: any free port), serving `root` and `extras`; a busy port is a BuildError saying what to do. */
export async function startServer(root: string, port: number, hub: EventHub, extras: Extras = {}): Promise<DevServer> {
  const server = createServer((req, res) => {
    handle(root, extras, hub, req, res).catch((error: unknown) => {
      console.error(`dev server: ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("internal error; see the terminal");
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, HOST, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new BuildError(
        `port ${port} is already in use (another npm run dev?)`,
        undefined,
        `stop the other server, or run npm run dev -- --port ${port + 1}`,
      );
    }
    if (code === "EACCES") {
      throw new BuildError(
        `port ${port} needs more privileges than this user has`,
        undefined,
        "use a port above 1023, e.g. --port 8080",
      );
    }
    throw error;
  }
  server.on("error", (error) => console.error(`dev server: ${error.message}`));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${actual}/`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
