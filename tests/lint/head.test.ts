// The lint's head.html checks (build/lint/checks/head.ts), each at its file:line:column, and how
// the build and npm run lint report them: a broken head.html fails the build naming its line.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { headChecks } from "../../build/lint/checks/head.js";
import { formatDiagnostic } from "../../build/lint/lint.js";
import { buildStory } from "../../build/pipeline/build-story.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { formatError } from "../../build/shared/errors.js";
import { command as lint } from "../../build/commands/lint.js";
import { runInProcess } from "../harness/cli.js";
import { scratchStories } from "../harness/scratch.js";

const check = (text: string | Buffer) =>
  headChecks([{ path: "story/x/head.html", content: Buffer.from(text) }]).map(
    (d) => formatDiagnostic(d).split("\n")[0],
  );

describe("head.html", () => {
  it("may hold what belongs in <head>: meta, link, style, inline scripts, noscript, template, comments", () => {
    const ok = [
      '<meta name="author" content="Me">',
      '<link rel="canonical" href="https://me.example/m.html">',
      '<link rel="icon" href="data:image/png;base64,AAAA">',
      "<style>@font-face { src: url(data:font/woff2;base64,AA) } body { color: red }</style>",
      '<script>console.log("<div> in a string is code")</script>',
      "<noscript><style>.js { display: none }</style></noscript>",
      "<template><div>kept for later</div></template>",
      "<!-- <div> in a comment -->",
    ].join("\r\n");
    expect(check(`\ufeff${ok}\n`)).toEqual([]);
  });

  it("must not close or open the page: </head> anywhere (the page's first one is where it goes), <body>, <!DOCTYPE>", () => {
    expect(check('<meta a>\n<meta content="</HEAD>">\n<body>\n<!doctype html>')).toEqual([
      "story/x/head.html:2:16: error: </head> in head.html: it goes inside the page's <head>, which the story format opens and closes",
      "story/x/head.html:3:1: error: <body> in head.html: it goes inside the page's <head>, which the story format opens and closes",
      "story/x/head.html:4:1: error: <!DOCTYPE> in head.html: it goes inside the page's <head>, which the story format opens and closes",
    ]);
  });

  it("must be head content: another element, or bare text, would end the head early", () => {
    expect(check('<meta a>\n  <div class="banner">Hi</div>\nstray text <p>')).toEqual([
      "story/x/head.html:2:3: error: <div> is not head content: the browser ends <head> there and puts it, and all after it, in the page's body",
      "story/x/head.html:3:1: error: text outside any element in head.html: the browser ends <head> there and shows it, and all after it, in the page's body",
      "story/x/head.html:3:12: error: <p> is not head content: the browser ends <head> there and puts it, and all after it, in the page's body",
    ]);
  });

  it("loads nothing from another host or beside the page unless data-external says it is meant", () => {
    const found = check(
      [
        '<script src="https://stats.example/s.js" defer></script>',
        '<link rel="stylesheet" href="//fonts.example/css">',
        "<style>@import url('https://fonts.example/a.css');</style>",
        '<link rel="icon" href="icon.png">',
        '<script src="https://stats.example/s.js" data-external></script>',
        '<link rel="preload stylesheet" href="extra.css" data-external="I upload it">',
      ].join("\n"),
    );
    expect(found).toEqual([
      "story/x/head.html:1:1: error: <script> in head.html loads https://stats.example/s.js from another host when the page opens: it needs the network then, and that host sees every player",
      "story/x/head.html:2:1: error: <link> in head.html loads //fonts.example/css from another host when the page opens: it needs the network then, and that host sees every player",
      "story/x/head.html:3:8: error: <style> in head.html loads https://fonts.example/a.css from another host when the page opens: it needs the network then, and that host sees every player",
      "story/x/head.html:4:1: error: <link> in head.html loads icon.png, a file beside the page, which is not published with it (the page is one file)",
    ]);
    expect(
      headChecks([{ path: "h.html", content: Buffer.from('<script src="https://x.example/a.js">') }])[0]!.fix,
    ).toMatch(/inline code, or a data: URI\), or add data-external/);
  });

  it("warns of a second <title> and of <base>, and of a file that is not UTF-8", () => {
    expect(check('<title>Mine</title>\n<base href="https://x.example/">\n<meta content="café">')).toEqual([
      "story/x/head.html:1:1: warning: <title> in head.html: the page already has one, the StoryTitle, and the browser shows the first",
      'story/x/head.html:2:1: warning: <base> in head.html changes where every link of the page points, "Back to all puzzles" too',
    ]);
    expect(check(Buffer.from('<meta>\n<meta content="caf\xe9">', "latin1"))).toEqual([
      "story/x/head.html:2:1: warning: head.html is not valid UTF-8, so it is read as Windows-1252 (as tweego reads it)",
    ]);
  });
});

describe("a head.html mistake", () => {
  it("fails the build at its line; npm run lint says the project's once for all mysteries", async () => {
    const { stories, out, dirs } = scratchStories(["50ms-request", "pool-that-ran-dry"]);
    writeFileSync(
      path.join(dirs["pool-that-ran-dry"]!, "head.html"),
      '<meta name="theme-color" content="#111">\n<div>oops</div>\n',
    );
    const target = mysteryTarget("pool-that-ran-dry", stories, out);
    const error = await buildStory(target, "native").catch((e: unknown) => e);
    expect(formatError(error)).toMatch(/story\/pool-that-ran-dry\/head\.html:2:1: error: <div> is not head content/);

    writeFileSync(path.join(stories, "head.html"), "</head>\n");
    const r = await runInProcess(lint, ["--stories", stories]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n").filter((l) => l.includes("head.html:"));
    expect(lines).toEqual([
      expect.stringMatching(/\/story\/head\.html:1:1: error: <\/head> in head\.html/),
      expect.stringMatching(/\/story\/pool-that-ran-dry\/head\.html:2:1: error: <div> is not head content/),
    ]);
    expect(readFileSync(path.join(stories, "head.html"), "utf8")).toBe("</head>\n");
  });
});
