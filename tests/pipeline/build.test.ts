// The build as an author meets it: one self-contained Twine 2 file, the same bytes every time,
// errors that name file and line, and a failed build that leaves the last good file alone.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { command as build } from "../../build/commands/build.js";
import { BuildError } from "../../build/shared/errors.js";
import { storiesDir } from "../../build/shared/paths.js";
import { runInProcess, runProcess } from "../harness/cli.js";
import { storyFile } from "../harness/player.js";
import { scratchStories, scratchStory } from "../harness/scratch.js";
import { ALSO_BUILT } from "../harness/tweego.js";

/** `npm run build -- …` in this process; `process` below runs the real one. */
const cli = (...args: string[]) => runInProcess(build, args);

async function buildError(promise: Promise<unknown>): Promise<BuildError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BuildError);
  return error as BuildError;
}

describe("the built 50ms-request.html", () => {
  let html: string;
  let doc: Document;
  beforeAll(() => {
    html = readFileSync(storyFile("50ms-request"), "utf8");
    doc = new JSDOM(html).window.document;
  });

  it("carries Twine 2 story data per the HTML output spec", () => {
    const data = doc.querySelector("tw-storydata")!;
    // Exactly the SugarCube its StoryData names, though a newer one may be found (beside tweego, on TWEEGO_PATH).
    const named = /"format-version": "([^"]+)"/.exec(
      readFileSync(path.join(storiesDir, "50ms-request", "special.twee"), "utf8"),
    )?.[1];
    expect(data.getAttribute("name")).toBe("The Case of the 50ms Request");
    expect(data.getAttribute("ifid")).toBe("9F53470D-0918-466D-9AA0-8B5E6A3C8EB0");
    expect(data.getAttribute("format")).toBe("SugarCube");
    expect(data.getAttribute("format-version")).toBe(named);
    expect(doc.title).toBe("The Case of the 50ms Request");
    const start = doc.querySelector(`tw-passagedata[pid="${data.getAttribute("startnode")}"]`);
    expect(start?.getAttribute("name")).toBe("Start");
    const pids = Array.from(doc.querySelectorAll("tw-passagedata"), (p) => p.getAttribute("pid"));
    expect(new Set(pids).size).toBe(pids.length);
    for (const p of doc.querySelectorAll("tw-passagedata")) {
      expect(p.getAttribute("position"), p.getAttribute("name")!).toMatch(/^\d+(\.\d+)?,\d+(\.\d+)?$/);
      expect(p.getAttribute("size")).toMatch(/^\d+,\d+$/);
    }
    expect(doc.querySelector('tw-tag[name="ending"]')?.getAttribute("color")).toBe("green");
    expect(doc.querySelector('tw-passagedata[name="Epilogue"]')?.getAttribute("tags")).toBe("ending");
  });

  it("embeds the passage text exactly as written in the Twee source", async () => {
    const { loadStory } = await import("../../build/model/story.js");
    const files = readdirSync(path.join(storiesDir, "50ms-request")).filter((f) => f.endsWith(".twee"));
    const story = loadStory(
      files.map((f) => ({ path: f, content: readFileSync(path.join(storiesDir, "50ms-request", f)) })),
    );
    for (const p of story.passages) {
      expect(doc.querySelector(`tw-passagedata[name="${p.name}"]`)?.textContent, p.name).toBe(p.text);
    }
  });

  it("holds the macros and styles, and SugarCube's own licence notice", () => {
    const script = doc.querySelector("#twine-user-script")!.textContent!;
    for (const name of ["newinfo", "ask", "ask-area", "you-said"])
      expect(script).toMatch(new RegExp(`name: ?"${name}"`));
    expect(doc.querySelector("#twine-user-stylesheet")!.textContent).toContain(".newinfo");
    expect(html).toMatch(/SugarCube \(v2\.31\.1\)/);
  });

  it("is self-contained: images are inlined, nothing is loaded from elsewhere", () => {
    const images = Array.from(doc.querySelectorAll('tw-passagedata[tags="Twine.image"]'));
    expect(images.map((p) => p.getAttribute("name")).sort()).toEqual(
      ["nagle-ack-every-packet", "nagle-delayed-ack", "nagle-waiting", "win-picture"].sort(),
    );
    for (const p of images) {
      // Whichever is smaller: percent-encoded SVG text, or base64.
      const [, b64, text] = /^data:image\/svg\+xml(?:;base64,(.+)|,(.+))$/.exec(p.textContent!)!;
      const svg = b64 ? Buffer.from(b64, "base64").toString("utf8") : decodeURIComponent(text!);
      expect(svg).toMatch(/<svg[\s>]/);
      expect(svg, "optimised by svgo: no indentation left").not.toMatch(/>\n\s+</);
      expect(svg, "Inkscape editor metadata").not.toMatch(/inkscape|sodipodi|<metadata/);
    }
    // No element that fetches: scripts, stylesheets, images, frames all come from the file (the favicon is a data: URI).
    for (const el of doc.querySelectorAll(
      'script[src], link[href]:not([href^="data:"]), img[src], iframe, object, embed',
    )) {
      expect.fail(`external resource: ${el.outerHTML.slice(0, 120)}`);
    }
    expect(html).not.toContain("ck.page"); // the seed's newsletter script
    expect(html).not.toContain("freepik");
  });

  it("is reproducible: the same input gives the same bytes", async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), "repro-")), "again.html");
    await buildStory({ dir: path.join(storiesDir, "50ms-request"), outFile: out }, "native");
    const again = readFileSync(out, "utf8");
    // The tests' copy comes from tweego on a machine that has it (CI); then the global setup also
    // built it natively, into .cache/also-built/native/: compare like with like.
    const native = /creator="Tweego"/.test(html)
      ? readFileSync(storyFile(`${ALSO_BUILT.native}/50ms-request`), "utf8")
      : html;
    expect(again).toBe(native);
  });
});

describe("build errors", () => {
  it("a Twee mistake fails with file:line:column, exits non-zero, and keeps the last good file (a real process)", async () => {
    const { stories, out, dir } = scratchStory();
    const real = (...args: string[]) => runProcess("build/commands/build.ts", args);
    const good = await real("--stories", stories, "--out", out, "--compiler", "native");
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/built .*50ms-request\.html \(\d+ KiB, 43 passages\) with native .*SugarCube 2\.31\.1/);
    const before = readFileSync(path.join(out, "50ms-request.html"));

    const file = path.join(dir, "server.twee");
    const lines = readFileSync(file, "utf8").split("\n");
    const line = lines.findIndex((l) => l.startsWith(":: top 2")) + 1;
    lines[line - 1] = ":: top 2 [broken";
    writeFileSync(file, lines.join("\n"));

    const bad = await real("--stories", stories, "--out", out, "--compiler", "native");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`50ms-request/server.twee:${line}:10: error: tag block is not closed`);
    expect(bad.stderr).toContain("fix: ");
    expect(readFileSync(path.join(out, "50ms-request.html")).equals(before)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(["50ms-request.html", "index.html"]); // no temp files left behind
  });

  it("a bad StoryData names its file and the line of the key at fault", async () => {
    const { dir, out } = scratchStory();
    const file = path.join(dir, "special.twee");
    writeFileSync(file, readFileSync(file, "utf8").replace('"start": "Start"', '"start": "Begin"'));
    const error = await buildError(buildStory({ dir, outFile: path.join(out, "x.html") }, "native"));
    expect(error.message).toBe('the start passage "Begin" does not exist');
    expect(error.location?.file).toMatch(/50ms-request\/special\.twee$/);
    expect(error.location?.line).toBe(9); // "start": "Begin"
  });

  it("a TypeScript syntax error in a macro names the file and line", async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), "macro-error-"));
    const macros = path.join(base, "index.ts");
    writeFileSync(macros, "const ok: number = 1;\nconst broken = (;\n");
    const error = await buildError(
      buildStory({ ...mysteryTarget("50ms-request", storiesDir, base), entries: { macros } }, "native"),
    );
    expect(error.location).toMatchObject({ line: 2, column: 17 });
    expect(error.location?.file).toMatch(/index\.ts$/);
    expect(readdirSync(base)).toEqual(["index.ts"]);
  });

  it("a CSS error names the file and line", async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), "css-error-"));
    const styles = path.join(base, "index.css");
    writeFileSync(styles, "/* shared styles */\n@import '../missing.css';\n.a { color: red; }\n");
    const error = await buildError(
      buildStory({ ...mysteryTarget("50ms-request", storiesDir, base), entries: { styles } }, "native"),
    );
    expect(error.location).toMatchObject({ line: 2 });
    expect(error.message).toMatch(/missing\.css/);
  });

  it("rejects an unknown mystery or compiler with a usable message", async () => {
    const none = await cli("no-such-mystery");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no mystery named "no-such-mystery" in story/');
    expect(none.stderr).toContain("fix: use one of: 50ms-request");
    const bad = await cli("--compiler", "gcc");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--compiler must be one of auto, tweego, native");
  });
});

describe("the build runs the lint", () => {
  it("fails on lint errors, reporting every one at its file:line:column, and keeps the last good file", async () => {
    const { stories, out, dir } = scratchStory();
    expect((await cli("--stories", stories, "--out", out, "--compiler", "native")).code).toBe(0);
    const before = readFileSync(path.join(out, "50ms-request.html"));
    const file = path.join(dir, "client.twee");
    const text = readFileSync(file, "utf8");
    const lines = text.split("\n");
    const first = lines.findIndex((l) => l.includes("[[")) + 1;
    const second = lines.findIndex((l, i) => i >= first && l.includes("[[")) + 1;
    lines[first - 1] += " [[Clinet]]";
    lines[second - 1] += ' <<goto "Nowhere at all">>';
    writeFileSync(file, lines.join("\n"));

    const bad = await cli("--stories", stories, "--out", out, "--compiler", "native");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      new RegExp(
        `50ms-request/client\\.twee:${first}:\\d+: error: link to missing passage "Clinet" \\(did you mean "Client"\\?\\)`,
      ),
    );
    expect(bad.stderr).toMatch(new RegExp(`50ms-request/client\\.twee:${second}:\\d+: error: .*"Nowhere at all"`));
    expect(readFileSync(path.join(out, "50ms-request.html")).equals(before)).toBe(true);
  });

  it("fails each of two mysteries that share an IFID, naming the other's StoryData, and builds the rest", async () => {
    const { stories, out, dirs } = scratchStories(["50ms-request", "pool-that-ran-dry"]);
    cpSync(dirs["50ms-request"]!, path.join(stories, "copied"), { recursive: true }); // a copied folder
    const native = ["--stories", stories, "--out", out, "--compiler", "native"];
    const all = await cli(...native);
    expect(all.code, all.stderr).toBe(1);
    const at = String.raw`special\.twee:\d+:\d+`;
    expect(all.stderr).toMatch(
      new RegExp(`copied/${at}: error: mystery "50ms-request" \\(.*50ms-request/${at}\\) has this IFID too`),
    );
    expect(all.stderr).toMatch(
      new RegExp(`50ms-request/${at}: error: mystery "copied" \\(.*copied/${at}\\) has this IFID too`),
    );
    expect(all.stderr).toContain("give the copy a new IFID of its own");
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith(".html"))
        .sort(),
      "pages written",
    ).toEqual(["index.html", "pool-that-ran-dry.html"]);
    expect((await cli("pool-that-ran-dry", ...native)).code, "a mystery with an IFID of its own").toBe(0);
    const one = await cli("copied", ...native);
    expect([one.code, /shared-ifid|has this IFID too/.test(one.stderr)], "the copy alone").toEqual([1, true]);
    expect(existsSync(path.join(out, "copied.html"))).toBe(false);
  });

  it("prints lint warnings and still builds", async () => {
    const { stories, out, dir } = scratchStory();
    writeFileSync(path.join(dir, "extra.twee"), ":: A forgotten passage\nNothing links here, and it leads nowhere.\n");
    const r = await cli("--stories", stories, "--out", out, "--compiler", "native");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /50ms-request\/extra\.twee:1:\d+: warning: passage "A forgotten passage" cannot be reached/,
    );
    expect(readFileSync(path.join(out, "50ms-request.html"), "utf8")).toContain("A forgotten passage");
  });
});
