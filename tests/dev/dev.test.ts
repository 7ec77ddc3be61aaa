// npm run dev as an author meets it, without a browser: the CLI on a scratch copy of a mystery,
// its web server, its event stream, and what happens on a good edit, a broken one and the fix.
// Every test waits for the event its own save caused (the build for the file it wrote, whose
// output has its text), never for "the next event": a late event of an earlier test must not
// satisfy a later one, however slow the machine.
import { existsSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { mapFile } from "../../build/overview/map.js";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed, onTestFinished } from "vitest";
import {
  changedIn,
  type DevEvent,
  type DevProcess,
  type DevScratch,
  devArgs,
  devSaves,
  devScratch,
  EventReader,
  removeScratch,
  startDev,
} from "../harness/dev-server.js";

const read = (file: string) => readFileSync(file, "utf8");
const problemsOf = (e: DevEvent) =>
  (JSON.parse(e.data) as { problems: { where?: string; message: string; fix?: string; source: string }[] }).problems;

describe("npm run dev", () => {
  let s: DevScratch;
  let dev: DevProcess;
  let events: EventReader;
  const running: DevProcess[] = [];
  const outFile = () => path.join(s.out, "50ms-request.html");
  const alive = () => dev.child.exitCode === null && dev.child.signalCode === null;
  const { save, restoreAfter } = devSaves(() => events);

  beforeAll(async () => {
    s = devScratch();
    // A link back up inside a mystery: chokidar used to walk it for ever, and dev never started.
    symlinkSync("..", path.join(s.dir, "up"));
    dev = await startDev([...devArgs(s), "--port", "0"]);
    running.push(dev);
    expect(dev.url, `the serving line\n${dev.stderr()}`).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    events = new EventReader(dev.url);
    await events.ready;
  });
  // When a test fails, what npm run dev said (with DEV_TRACE=1, also each build decision).
  beforeEach(() =>
    onTestFailed(() =>
      console.error(`npm run dev's stderr, last lines:\n${dev?.stderr().split("\n").slice(-150).join("\n")}`),
    ),
  );
  afterAll(async () => {
    events?.close();
    for (const p of running) p.kill();
    await Promise.all(running.map((p) => p.exited));
    removeScratch(s);
  });

  it("builds everything first, then prints one serving line and each mystery's URL", () => {
    const lines = dev.stdout().split("\n");
    const serving = lines.findIndex((l) => l.startsWith("serving "));
    expect(
      lines.filter((l) => l.startsWith("serving ")),
      "serving lines",
    ).toHaveLength(1);
    expect(lines.slice(0, serving).join("\n")).toMatch(/built .*50ms-request\.html in \d+ ms/);
    expect(lines.slice(0, serving).join("\n")).toMatch(/built .*index\.html in \d+ ms/);
    expect(lines[serving + 1]).toBe(`  50ms-request: ${dev.url}50ms-request.html`);
  });

  it("starts with a symlink back up in a mystery, and says once that it is not followed", () => {
    const link = path.join(s.dir, "up");
    const warnings = dev
      .stderr()
      .split("\n")
      .filter((l) => l.includes("symbolic link not followed"));
    expect(warnings).toEqual([
      `${link}: warning: symbolic link not followed: it points to a folder above it (..); the build reads real folders only, as tweego does`,
    ]);
  });

  it("serves the index and the story with the dev script added to the response only", async () => {
    const index = await fetch(dev.url);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await index.text()).toContain('href="50ms-request.html"');

    const page = await fetch(`${dev.url}50ms-request.html`);
    expect(page.status).toBe(200);
    const served = await page.text();
    const onDisk = read(outFile());
    expect(Number(page.headers.get("content-length"))).toBe(Buffer.byteLength(served));
    expect(served).toMatch(/<script data-dev-build="\d+">[^]*\/__dev\/events[^]*<\/script>\n<\/body>/);
    expect(onDisk, "the file on disk stays publishable").not.toContain("__dev");
    expect(
      served.replace(/<script data-dev-build="\d+">[^]*?<\/script>\n/, "") === onDisk,
      "the file as it is on disk, plus the script",
    ).toBe(true);
  });

  it("draws the story map, links it from the index, and serves it with the dev script in the response only", async () => {
    expect(await (await fetch(dev.url)).text()).toContain('<a href="50ms-request.map.svg">story map</a>');
    const map = await fetch(`${dev.url}50ms-request.map.svg`);
    expect(map.headers.get("content-type")).toBe("image/svg+xml");
    const served = await map.text();
    const onDisk = readFileSync(mapFile(s.stories, "50ms-request"), "utf8");
    expect(existsSync(path.join(s.out, "50ms-request.map.svg")), "a map in the out folder, which is published").toBe(
      false,
    );
    expect(onDisk, "the map on disk has no script").not.toContain("<script");
    expect(onDisk).toContain('data-name="strace server 7"');
    // It names its story page: its boxes link to playing from each passage (play-from.ts).
    expect(served).toMatch(
      /<script data-dev-build="\d+" data-story-page="50ms-request\.html"><!\[CDATA\[[^]*\/__dev\/events[^]*\]\]><\/script>\n<\/svg>/,
    );
    expect(served.replace(/<script data-dev-build="\d+"[^>]*>[^]*?<\/script>\n/, "")).toBe(onDisk);
  });

  it("a passage edit rebuilds the file on disk and sends reload for that file", async () => {
    const file = path.join(s.dir, "server.twee");
    restoreAfter(file);
    const reload = await save(
      file,
      read(file).replace("You run <code>htop</code>", "You run <code>htop</code> (edited-in-dev)"),
    );
    expect(JSON.parse(reload.data).files, "the files written, for pages to know whether they changed").toEqual([
      "50ms-request.html",
      "50ms-request.map.svg",
      "index.html",
    ]);
    expect(read(outFile()).includes("(edited-in-dev)")).toBe(true);
    expect(dev.stdout()).toMatch(/rebuilt .*50ms-request\.html in \d+ ms/);
  });

  it("a save of the project's story/head.html rebuilds every page with it (waiting for the build that read it whole)", async () => {
    const [file, meta] = [path.join(s.stories, "head.html"), '<meta name="theme-color" content="#123456">'];
    onTestFinished(() =>
      save(file, "", "any").then(
        () => {},
        () => {},
      ),
    ); // an empty head.html adds nothing
    await save(
      file,
      `${meta}\n`,
      "reload",
      () => read(outFile()).includes(meta) && read(path.join(s.out, "index.html")).includes(meta),
    );
    for (const page of [outFile(), path.join(s.out, "index.html")])
      expect(read(page), page).toContain(`${meta}\n</head>`);
  });

  it("a broken edit sends error with file:line, keeps the last good file and the process; the fix reloads", async () => {
    const file = path.join(s.dir, "server.twee");
    const original = restoreAfter(file);
    const good = readFileSync(outFile());
    const broken = original.split("\n").length + 1;
    const error = await save(file, `${original}\n:: Broken [tag\nsome text\n`, "error");
    const [problem] = problemsOf(error);
    expect(problem?.where).toMatch(new RegExp(`50ms-request/server\\.twee:${broken}:\\d+$`));
    expect(problem?.message).toBe("tag block is not closed");
    expect(problem?.fix).toBeTruthy();
    expect(readFileSync(outFile()).equals(good), "the last good build stays on disk").toBe(true);
    expect(alive(), "the dev process is still running").toBe(true);
    expect(dev.stderr()).toContain(`server.twee:${broken}`);

    // A page opened now learns of the failure at once.
    const late = new EventReader(dev.url);
    try {
      expect(problemsOf(await late.next("error", 0))[0]?.where).toMatch(/server\.twee:/);
    } finally {
      late.close();
    }

    await save(file, original, "reload");
    expect(readFileSync(outFile()).equals(good), "the fixed file builds as before").toBe(true);
  });

  it("a syntax error in a macro's TypeScript sends error naming the .ts file and line; the fix reloads", async () => {
    const file = path.join(s.macros, "clues.ts");
    const before = restoreAfter(file);
    const good = readFileSync(outFile());
    const line = before.split("\n").length + 1;
    const error = await save(file, `${before}\nconst broken: number = ;\n`, "error");
    const [problem] = problemsOf(error);
    expect(problem?.where).toMatch(new RegExp(`macros/clues\\.ts:${line}:\\d+$`));
    expect(problem?.source).toBe("macros and styles");
    expect(readFileSync(outFile()).equals(good)).toBe(true);
    expect(alive()).toBe(true);
    await save(file, before, "reload");
  });

  it("a macro that throws while loading sends error naming its .ts file and line; the fix reloads", async () => {
    const file = path.join(s.macros, "you-said.ts");
    const before = restoreAfter(file);
    const line = before.split("\n").length + 1;
    const error = await save(file, `${before}\nthrow new Error("boom while loading");\n`, "error");
    const [problem] = problemsOf(error);
    expect(problem?.where).toMatch(new RegExp(`macros/you-said\\.ts:${line}:\\d+$`));
    expect(problem?.message).toBe("the macros throw while loading: boom while loading");
    expect(problem?.fix).toBeTruthy();
    expect(alive()).toBe(true);
    await save(file, before, "reload");
  });

  it("reads the macro specs again when macros/ changes: its lint is npm run lint's", async () => {
    const passage = path.join(s.dir, "typed.twee");
    const all = path.join(s.macros, "all.ts");
    const before = restoreAfter(all);
    onTestFinished(async () => {
      if (!existsSync(passage)) return;
      const from = events.events.length;
      unlinkSync(passage);
      await events.until(["reload", "error", "ok"], from, (e) => changedIn(e).includes(passage)).catch(() => {});
    });
    // A passage using a macro that does not exist yet: an error.
    const unknown = await save(passage, ':: Typed [ending]\n<<you-typed "You typed:" $typed>>\n', "error");
    expect(problemsOf(unknown).map((p) => p.message)).toContain("macro <<you-typed>> does not exist");
    // The macro is added: the same passage is now fine, without restarting npm run dev.
    const added = before.replace(
      "export const macros: readonly MacroDefinition<never>[] = [newinfo, ask, askArea, youSaid];",
      'export const macros: readonly MacroDefinition<never>[] = [newinfo, ask, askArea, youSaid, { ...youSaid, spec: { ...youSaid.spec, name: "you-typed" } }];',
    );
    expect(added).not.toBe(before);
    await save(all, added, "ok");
    expect(read(outFile()).includes("you-typed"), "the mystery is built with the new macro").toBe(true);
  });

  it("two saves in quick succession: the file on disk ends up with the second", async () => {
    const file = path.join(s.dir, "start-and-hubs.twee");
    const original = restoreAfter(file);
    const from = events.events.length;
    writeFileSync(file, original.replace("Hello!", "Hello (first save)!"));
    await new Promise((resolve) => setTimeout(resolve, 30)); // an editor's second write, inside chokidar's 50 ms
    writeFileSync(file, original.replace("Hello!", "Hello (second save)!"));
    await events.until(
      ["reload"],
      from,
      (e) => changedIn(e).includes(file) && read(outFile()).includes("Hello (second save)!"),
    );
    expect(read(outFile()).includes("(first save)")).toBe(false);
  });

  it("save broken, then save fixed at once: the fixed file is always built", async () => {
    const file = path.join(s.dir, "start-and-hubs.twee");
    const original = restoreAfter(file);
    const from = events.events.length;
    writeFileSync(file, `${original}\n:: Broken [tag\n`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const fixed = original.replace("Hello!", "Hello (fixed at once)!");
    writeFileSync(file, fixed);
    await events.until(
      ["reload"],
      from,
      (e) => changedIn(e).includes(file) && read(outFile()).includes("Hello (fixed at once)!"),
    );
    // Nothing is failing once it is built: the last word on this file is not an error.
    const last = events.events
      .slice(from)
      .filter((e) => changedIn(e).includes(file))
      .at(-1);
    expect(last?.event).not.toBe("error");
  });

  it("a stylesheet edit rebuilds the stories with the new CSS", async () => {
    const file = path.join(s.styles, "layout.css");
    const before = restoreAfter(file);
    await save(file, `${before}\n.dev-test-marker { color: rebeccapurple; }\n`, "reload", () =>
      read(outFile()).includes(".dev-test-marker"),
    );
  });

  it("a link to / added while it runs is not followed (said once), and the next edit still builds", async () => {
    const link = path.join(s.dir, "root");
    symlinkSync("/", link);
    onTestFinished(() => unlinkSync(link));
    const file = path.join(s.dir, "solution.twee");
    const original = restoreAfter(file);
    await save(file, `${original}\n`, "reload");
    await save(file, `${original}\n\n`, "reload");
    const warnings = dev
      .stderr()
      .split("\n")
      .filter((l) => l.startsWith(`${link}: warning`));
    expect(warnings).toEqual([
      `${link}: warning: symbolic link not followed: it points to a folder above it, outside the project (/); the build reads real folders only, as tweego does`,
    ]);
  });

  it("a busy port is one clear message and exit code 1", async () => {
    const port = new URL(dev.url).port;
    const second = await startDev([...devArgs(s), "--port", port]);
    running.push(second);
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(second.stderr()).toContain(
      `error: port ${port} is already in use (another npm run dev?)\n  fix: stop the other server, or run npm run dev -- --port ${Number(port) + 1}\n`,
    );
    expect(second.stdout()).not.toContain("serving");
  });

  it("stops on SIGTERM to the process alone (as a process manager sends it): exit code 0, port closed", async () => {
    const other = await startDev([...devArgs(s), "--port", "0"]);
    running.push(other);
    other.child.kill("SIGTERM");
    expect(await other.exited).toEqual({ code: 0, signal: null });
    const refused = await fetch(other.url).then(
      () => "answered",
      () => "refused",
    );
    expect(refused, "the server has stopped").toBe("refused");
  });

  it("stops on Ctrl-C (SIGINT to the process group) with exit code 0, ending the event streams", async () => {
    dev.signal("SIGINT");
    const { code, signal } = await dev.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    await events.end();
    expect(events.ended).toBe(true);
    expect(dev.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  });
});
