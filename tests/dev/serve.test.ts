// npm run dev's web server on its own (in this process, no build): a large page streams to slow
// clients without a copy each, a missing file is a 404, and nothing outside the out folder is
// served, by a path or a link, nor anything but a regular file.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventHub } from "../../build/dev/events.js";
import { type DevServer, isLocalHost, startServer } from "../../build/dev/serve.js";
import { rawGet } from "../harness/dev-server.js";

const MB = 1024 * 1024;

/** Sends a GET and stops reading after the first bytes, as a slow or stuck client does. */
function stalledGet(port: number, file: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () =>
      socket.write(`GET /${file} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`),
    );
    socket.once("data", (chunk: Buffer) => {
      expect(chunk.toString("latin1")).toMatch(/^HTTP\/1\.1 200 /);
      socket.pause();
      resolve(socket);
    });
    socket.on("error", reject);
  });
}

describe("the dev server", () => {
  let out: string;
  let server: DevServer;
  const hub = new EventHub();

  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), "serve-"));
    // A 24 MiB page (the size that took 2.5 GB with 20 stalled clients when each held a copy).
    const page = `<!DOCTYPE html>\n<html><body>\n<p>${"x".repeat(24 * MB)}</p>\n</body>\n</html>\n`;
    writeFileSync(path.join(out, "big.html"), page);
    writeFileSync(path.join(out, "small.html"), "<!DOCTYPE html>\n<html><body>\n<p>hi</p>\n</body>\n</html>\n");
    server = await startServer(out, 0, hub);
  });
  afterAll(async () => {
    await server.close();
    rmSync(out, { recursive: true, force: true });
  });

  it("streams a large page: 20 clients that stop reading hold no copy of it each", async () => {
    const before = process.memoryUsage().rss;
    const sockets = await Promise.all(Array.from({ length: 20 }, () => stalledGet(server.port, "big.html")));
    const grown = process.memoryUsage().rss - before;
    for (const s of sockets) s.destroy();
    // A copy per client would be 20 × 24 MiB (and more as UTF-16 strings); a stream is a few
    // 64 KiB buffers per client plus what the kernel queues.
    expect(grown / MB, "MiB more resident memory with 20 stalled clients").toBeLessThan(150);
  });

  it("sends the page whole, with the dev script before </body>", async () => {
    const res = await fetch(`${server.url}small.html`);
    const text = await res.text();
    expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    expect(text).toMatch(
      /^<!DOCTYPE html>\n<html><body>\n<p>hi<\/p>\n<script data-dev-build="0">[^]*<\/script>\n<\/body>\n<\/html>\n$/,
    );
    const head = await fetch(`${server.url}small.html`, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(res.headers.get("content-length"));
    expect(await head.text()).toBe("");
  });

  it("answers only requests for this machine at its port: a rebound DNS name gets a 403 and no page", async () => {
    const get = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.get(
          { host: "127.0.0.1", port: server.port, path: "/small.html", headers: { host } },
          (res) => {
            let body = "";
            res.on("data", (chunk: Buffer) => (body += chunk.toString()));
            res.on("end", () => resolve({ status: res.statusCode!, body }));
          },
        );
        req.on("error", reject);
      });
    for (const host of [
      `127.0.0.1:${server.port}`,
      `localhost:${server.port}`,
      `LOCALHOST:${server.port}`,
      `[::1]:${server.port}`,
    ]) {
      expect((await get(host)).status, host).toBe(200);
    }
    for (const host of [
      `evil.example:${server.port}`,
      "evil.example",
      `127.0.0.1.evil.example:${server.port}`,
      `localhost:${server.port + 1}`,
      "localhost",
    ]) {
      const r = await get(host);
      expect(r.status, host).toBe(403);
      expect(r.body, host).not.toContain("<p>hi</p>");
    }
    expect(isLocalHost(undefined, 8080)).toBe(false);
    expect(isLocalHost("localhost", 80)).toBe(true);
  });

  it("answers 404 for a missing file and never serves a file outside the out folder", async () => {
    const missing = await fetch(`${server.url}no-such-mystery.html`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("404 Not found");
    for (const sneaky of [
      "/../../../../etc/passwd",
      "/..%2f..%2f..%2f..%2fetc%2fpasswd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/story/../../dev.ts",
    ]) {
      const r = await rawGet(server.url, sneaky);
      expect([403, 404], sneaky).toContain(r.status);
      expect(r.body, sneaky).not.toContain("root:");
    }
  });

  it("serves no symlink that leads out of the out folder, and only regular files", async () => {
    symlinkSync("/etc/passwd", path.join(out, "passwd.html"));
    symlinkSync("/etc", path.join(out, "etc"));
    symlinkSync("small.html", path.join(out, "same.html")); // inside: served
    mkdirSync(path.join(out, "folder"));
    try {
      for (const sneaky of ["/passwd.html", "/etc/passwd", "/etc/hostname", "/folder"]) {
        const r = await rawGet(server.url, sneaky);
        expect(r.status, sneaky).toBe(404);
        expect(r.body, sneaky).not.toContain("root:");
      }
      expect((await rawGet(server.url, "/same.html")).status).toBe(200);
    } finally {
      for (const f of ["passwd.html", "etc", "same.html"]) unlinkSync(path.join(out, f));
      rmSync(path.join(out, "folder"), { recursive: true });
    }
  });

  it("serves no symbolic link out of the out folder", async () => {
    symlinkSync("/etc/passwd", path.join(out, "passwd.html"));
    symlinkSync("/", path.join(out, "root"));
    for (const p of ["passwd.html", "root/etc/passwd", "root/etc/hostname"]) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).not.toContain("root:");
    }
  });
});
