// npm run dev as an author meets it, without a browser: the CLI on a scratch copy of a mystery,
// its web server, its event stream, and what happens on a good edit, a broken one and the fix.
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type DevProcess, type DevScratch, devArgs, devScratch, EventReader, removeScratch, startDev } from "./harness/dev-server.js";

/** A raw GET, so the path reaches the server exactly as written (fetch would tidy up `..`). */
function rawGet(url: string, rawPath: string): Promise<{ status: number; body: string }> {
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

const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, "utf8")));

describe("npm run dev", () => {
  let s: DevScratch;
  let dev: DevProcess;
  let events: EventReader;
  const running: DevProcess[] = [];
  const outFile = () => path.join(s.out, "50ms-request.html");
  const alive = () => dev.child.exitCode === null && dev.child.signalCode === null;
  /** Puts `file` back as it is now when the test ends, so a failed test does not fail the next ones. */
  const restoreAfter = (file: string) => {
    const original = readFileSync(file, "utf8");
    onTestFinished(async () => {
      if (readFileSync(file, "utf8") === original) return;
      const from = events.events.length;
      writeFileSync(file, original);
      await events.next("reload", from).catch(() => {});
    });
  };

  beforeAll(async () => {
    s = devScratch();
    dev = await startDev([...devArgs(s), "--port", "0"]);
    running.push(dev);
    expect(dev.url, `the serving line\n${dev.stderr()}`).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    events = new EventReader(dev.url);
  });
  afterAll(async () => {
    events?.close();
    for (const p of running) p.kill();
    await Promise.all(running.map((p) => p.exited));
    removeScratch(s);
  });

  it("builds everything first, then prints one serving line and each mystery's URL", () => {
    const lines = dev.stdout().split("\n");
    const serving = lines.findIndex((l) => l.startsWith("serving "));
    expect(lines.filter((l) => l.startsWith("serving ")), "serving lines").toHaveLength(1);
    expect(lines.slice(0, serving).join("\n")).toMatch(/built .*50ms-request\.html in \d+ ms/);
    expect(lines.slice(0, serving).join("\n")).toMatch(/built .*index\.html in \d+ ms/);
    expect(lines[serving + 1]).toBe(`  50ms-request: ${dev.url}50ms-request.html`);
  });

  it("serves the index and the story with the dev script added to the response only", async () => {
    const index = await fetch(dev.url);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await index.text()).toContain('href="50ms-request.html"');

    const page = await fetch(`${dev.url}50ms-request.html`);
    expect(page.status).toBe(200);
    const served = await page.text();
    const onDisk = readFileSync(outFile(), "utf8");
    expect(served).toMatch(/<script data-dev-build="\d+">[^]*\/__dev\/events[^]*<\/script>\n<\/body>/);
    expect(onDisk, "the file on disk stays publishable").not.toContain("__dev");
    expect(served.replace(/<script data-dev-build="\d+">[^]*?<\/script>\n/, "")).toBe(onDisk);
  });

  it("answers 404 for a missing file and never serves a file outside the out folder", async () => {
    const missing = await fetch(`${dev.url}no-such-mystery.html`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("404 Not found");
    for (const sneaky of ["/../../../../etc/passwd", "/..%2f..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/story/../../dev.ts"]) {
      const r = await rawGet(dev.url, sneaky);
      expect([403, 404], sneaky).toContain(r.status);
      expect(r.body, sneaky).not.toContain("root:");
    }
  });

  it("draws the story map, links it from the index, and serves it with the dev script in the response only", async () => {
    expect(await (await fetch(dev.url)).text()).toContain('<a href="50ms-request.map.svg">story map</a>');
    const map = await fetch(`${dev.url}50ms-request.map.svg`);
    expect(map.headers.get("content-type")).toBe("image/svg+xml");
    const served = await map.text();
    const onDisk = readFileSync(path.join(s.out, "50ms-request.map.svg"), "utf8");
    expect(onDisk, "the map on disk has no script").not.toContain("<script");
    expect(onDisk).toContain('data-name="strace server 7"');
    expect(served).toMatch(/<script data-dev-build="\d+"><!\[CDATA\[[^]*\/__dev\/events[^]*\]\]><\/script>\n<\/svg>/);
    expect(served.replace(/<script data-dev-build="\d+">[^]*?<\/script>\n/, "")).toBe(onDisk);
  });

  it("a passage edit rebuilds the file on disk and sends reload", async () => {
    const from = events.events.length;
    edit(path.join(s.dir, "server.twee"), (t) => t.replace("You run <code>htop</code>", "You run <code>htop</code> (edited-in-dev)"));
    const reload = await events.next("reload", from);
    expect(JSON.parse(reload.data).files, "the files written, for pages to know whether they changed").toEqual([
      "50ms-request.html",
      "50ms-request.map.svg",
      "index.html",
    ]);
    expect(readFileSync(outFile(), "utf8")).toContain("(edited-in-dev)");
    expect(dev.stdout()).toMatch(/rebuilt .*50ms-request\.html in \d+ ms/);
  });

  it("a broken edit sends error with file:line, keeps the last good file and the process; the fix reloads", async () => {
    const good = readFileSync(outFile());
    const file = path.join(s.dir, "server.twee");
    restoreAfter(file);
    const lines = readFileSync(file, "utf8").split("\n");
    const broken = lines.length + 1;
    let from = events.events.length;
    writeFileSync(file, `${lines.join("\n")}\n:: Broken [tag\nsome text\n`);
    const error = await events.next("error", from);
    const { problems } = JSON.parse(error.data) as { problems: { where?: string; message: string; fix?: string }[] };
    expect(problems[0]?.where).toMatch(new RegExp(`50ms-request/server\\.twee:${broken}:\\d+$`));
    expect(problems[0]?.message).toBe("tag block is not closed");
    expect(problems[0]?.fix).toBeTruthy();
    expect(readFileSync(outFile()).equals(good), "the last good build stays on disk").toBe(true);
    expect(alive(), "the dev process is still running").toBe(true);
    expect(dev.stderr()).toContain(`server.twee:${broken}`);

    // A page opened now learns of the failure at once.
    const late = new EventReader(dev.url);
    try {
      expect(JSON.parse((await late.next("error", 0)).data).problems[0].where).toMatch(/server\.twee:/);
    } finally {
      late.close();
    }

    from = events.events.length;
    writeFileSync(file, lines.join("\n"));
    await events.next("reload", from);
    expect(readFileSync(outFile(), "utf8")).toContain("(edited-in-dev)");
  });

  it("a syntax error in a macro's TypeScript sends error naming the .ts file and line; the fix reloads", async () => {
    const file = path.join(s.macros, "clues.ts");
    restoreAfter(file);
    const before = readFileSync(file, "utf8");
    const good = readFileSync(outFile());
    const line = before.split("\n").length + 1;
    let from = events.events.length;
    writeFileSync(file, `${before}\nconst broken: number = ;\n`);
    const error = await events.next("error", from);
    const [problem] = JSON.parse(error.data).problems as { where?: string; source: string }[];
    expect(problem?.where).toMatch(new RegExp(`macros/clues\\.ts:${line}:\\d+$`));
    expect(problem?.source).toBe("macros and styles");
    expect(readFileSync(outFile()).equals(good)).toBe(true);
    expect(alive()).toBe(true);

    from = events.events.length;
    writeFileSync(file, before);
    await events.next("reload", from);
  });

  it("two saves in quick succession: the file on disk ends up with the second", async () => {
    const file = path.join(s.dir, "start-and-hubs.twee");
    const original = readFileSync(file, "utf8");
    const from = events.events.length;
    writeFileSync(file, original.replace("Hello!", "Hello (first save)!"));
    await new Promise((resolve) => setTimeout(resolve, 45)); // an editor's second write, inside chokidar's 50 ms
    writeFileSync(file, original.replace("Hello!", "Hello (second save)!"));
    for (let seen = from; !readFileSync(outFile(), "utf8").includes("Hello (second save)!"); ) {
      await events.next("reload", seen);
      seen = events.events.findIndex((e, i) => i >= seen && e.event === "reload") + 1;
    }
    expect(readFileSync(outFile(), "utf8")).not.toContain("(first save)");
  });

  it("a stylesheet edit rebuilds the stories with the new CSS", async () => {
    const from = events.events.length;
    edit(path.join(s.styles, "layout.css"), (t) => `${t}\n.dev-test-marker { color: rebeccapurple; }\n`);
    // A rebuild the previous test's second save queued may still reload first (likelier with
    // tweego's slower builds): wait for the reload of this edit, as that test does.
    for (let seen = from; !readFileSync(outFile(), "utf8").includes(".dev-test-marker"); ) {
      await events.next("reload", seen);
      seen = events.events.findIndex((e, i) => i >= seen && e.event === "reload") + 1;
    }
  });

  it("a busy port is one clear message and exit code 1", async () => {
    const port = new URL(dev.url).port;
    const second = await startDev([...devArgs(s), "--port", port]);
    running.push(second);
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(second.stderr()).toBe(
      `error: port ${port} is already in use (another npm run dev?)\n  fix: stop the other server, or run npm run dev -- --port ${Number(port) + 1}\n`,
    );
    expect(second.stdout()).not.toContain("serving");
  });

  it("stops on SIGTERM to tsx alone (as a process manager sends it): exit code 0, port closed", async () => {
    const other = await startDev([...devArgs(s), "--port", "0"]);
    running.push(other);
    const started = Date.now();
    other.child.kill("SIGTERM");
    expect(await other.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(2000);
    const refused = await fetch(other.url).then(
      () => "answered",
      () => "refused",
    );
    expect(refused, "the server (tsx's child process) has stopped too").toBe("refused");
  });

  it("stops on Ctrl-C (SIGINT to the process group) with exit code 0 within 2 s, ending the event streams", async () => {
    const started = Date.now();
    dev.signal("SIGINT");
    const { code, signal } = await dev.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(2000);
    await events.end();
    expect(events.ended).toBe(true);
    expect(dev.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  });
});
