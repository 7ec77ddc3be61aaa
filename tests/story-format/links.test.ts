// passageLinks: every passage a SugarCube passage refers to, read as SugarCube 2.31 reads it.
// Small cases for each form, the 50ms story's real passages, and a cross-check against the real
// engine: what it renders as links is what passageLinks says.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creator } from "../../build/compile/build-inputs.js";
import { compileNative } from "../../build/compile/compile.js";
import { passageLinks as sugarcubeLinks } from "../../build/story-format/sugarcube/scan.js";
import { type LinkKind, MOVE_KINDS, type PassageLink } from "../../build/story-format/reading.js";
import { macroRoles } from "../../build/story-format/macro-roles.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { storiesDir } from "../../build/shared/paths.js";
import { parseTwee } from "../../build/twee/twee.js";
import { openStory, type Player } from "../harness/player.js";

/** SugarCube's reading with our macros' passage arguments, as their specs say. */
const passageLinks = (text: string) => sugarcubeLinks(text, macroRoles(ourMacroSpecs()));
/** `kind:target` (with `!` when dynamic), in text order. */
const refs = (text: string) => passageLinks(text).map((l) => `${l.kind}:${l.target}${l.dynamic ? "!" : ""}`);

describe("[[link]] markup", () => {
  it.each([
    ["[[Target]]", ["link:Target"]],
    ["[[Go|Target]]", ["link:Target"]],
    ["[[Go->Target]]", ["link:Target"]],
    ["[[Target<-Go]]", ["link:Target"]],
    ["[[Go back -> Client]]", ["link:Client"]],
    ["[[ Go back  ->  Client ]]", ["link:Client"]],
    ["[[Target <- Go back]]", ["link:Target"]],
    ["[[  Spaced name  ]]", ["link:Spaced name"]],
    ["[[Yes->curl 3]] [[No->curl 3]]", ["link:curl 3", "link:curl 3"]],
    ["[[Run slow.js -> Run slow.js]]", ["link:Run slow.js"]],
    ["[[Don't split the POST request into 2 packets -> send 1 packet]]", ["link:send 1 packet"]],
  ])("%s", (text, expected) => expect(refs(text)).toEqual(expected));

  it.each([
    // SugarCube splits at the first delimiter (| -> or <-), not the last like Twine's map does.
    ["[[A->B->C]]", ["link:B->C"]],
    ["[[A|B->C]]", ["link:B->C"]],
    ["[[A->B|C]]", ["link:B|C"]],
    ["[[T<-a->b]]", ["link:T"]],
    // Arrows and bars inside a quoted link text are text.
    ['[["a -> b"|Target]]', ["link:Target"]],
    ['[["a | b"->Target]]', ["link:Target"]],
    ['[[Target<-"x -> y"]]', ["link:Target"]],
    // A link text with square brackets in it.
    ["[[see [1]|Target]]", ["link:Target"]],
  ])("delimiters: %s", (text, expected) => expect(refs(text)).toEqual(expected));

  it.each([
    ["[[Go|Target][$x to 1]]", ["link:Target"]],
    ["[[Target][$x to 1]]", ["link:Target"]],
    ["[[Go->Target][$visited to true]]", ["link:Target"]],
    ['[[Go|Target][$s to "a]]b"]]', ["link:Target"]],
    ["[[Go|Target][$s to 'a]]b']]", ["link:Target"]],
    ["[[Go|Target][$a to [1, [2]]]]", ["link:Target"]],
  ])("setter: %s", (text, expected) => expect(refs(text)).toEqual(expected));

  it.each([
    ["[[Docs|https://example.org/x]]", []],
    ["[[mailto:me@example.org]]", []],
    ["[[Go|~https://not-a-url]]", ["link:https://not-a-url"]],
    ["[[Go|~Target]]", ["link:Target"]],
    ["[[Go|$next]]", ["link:$next!"]],
    ["[[Go|_temp]]", ["link:_temp!"]],
    ['[[Go|"Quoted name"]]', ["link:Quoted name"]],
    ['[[Go|"Room " + $n]]', ['link:"Room " + $n!']],
    ["[[Go|setup.next]]", ["link:setup.next!"]],
  ])("external and computed targets: %s", (text, expected) => expect(refs(text)).toEqual(expected));

  it.each([
    ["[[no end", []],
    ["[[split\nacross lines]]", []],
    ["[[a]b]]", []],
    ['[["unclosed quote|T]]', []],
    ["[[[Target]]]", ["link:Target"]],
    // Empty targets: SugarCube still makes a link, to a passage named "" (the engine shows it broken).
    ["[[]] [[Go->]] [[|]]", ["link:", "link:", "link:"]],
    ["[[bad]x]] then [[Good]]", ["link:Good"]],
  ])("broken markup: %s", (text, expected) => expect(refs(text)).toEqual(expected));
});

describe("[img[…]] markup", () => {
  it.each([
    ["[img[pic]]", ["image:pic"]],
    ["[img[A diagram|pic]]", ["image:pic"]],
    ["[img[pic][Next]]", ["image:pic", "link:Next"]],
    ["[<img[pic][Next][$x to 1]]", ["image:pic", "link:Next"]],
    ["[>IMG[Title|pic][Next]]", ["image:pic", "link:Next"]],
    ["[img[https://example.org/a.png][Next]]", ["link:Next"]],
    ["[img[data:image/png;base64,AAAA]]", []],
    ["[img[pic][https://example.org]]", ["image:pic"]],
  ])("%s", (text, expected) => expect(refs(text)).toEqual(expected));
});

describe("macros", () => {
  it.each([
    ['<<link "Go" "Target">><</link>>', ["link:Target"]],
    ["<<link 'Go' 'Target'>><</link>>", ["link:Target"]],
    ["<<link [[Go->Target]]>><</link>>", ["link:Target"]],
    ["<<link [[Go|Target][$x to 1]]>><</link>>", ["link:Target"]],
    ["<<link [img[pic][Target]]>><</link>>", ["image:pic", "link:Target"]],
    ['<<link "Only text">><</link>>', []],
    ['<<link "a >> b" "Target">><</link>>', ["link:Target"]],
    ['<<link "say \\"hi\\"" "Tar\\"get">><</link>>', ['link:Tar"get']],
    ['<<button "Go" "Target">><</button>>', ["link:Target"]],
    ['<<click "Go" "Target">><</click>>', ["link:Target"]],
    ['<<goto "Target">>', ["goto:Target"]],
    ["<<goto [[Target]]>>", ["goto:Target"]],
    ["<<goto Target>>", ["goto:Target"]],
    ["<<goto $next>>", ["goto:$next!"]],
    ['<<goto `"Room " + $n`>>', ['goto:"Room " + $n!']],
    ["<<goto setup.next>>", ["goto:setup.next!"]],
    ['<<include "Part">>', ["include:Part"]],
    ['<<include "Part" "div">>', ["include:Part"]],
    ["<<include [[Part]]>>", ["include:Part"]],
    ['<<display "Part">>', ["include:Part"]],
    ["<<back [[Target]]>>", ["link:Target"]],
    ['<<back "Just text">>', []],
    ["<<return [[Back|Target]]>>", ["link:Target"]],
    ['<<actions "A" [[b|B]] "C">>', ["link:A", "link:B", "link:C"]],
    ['<<choice "C" "text">>', ["link:C"]],
    ['<<ask "What?" "$answer" "Target">>', ["our-macro:Target"]],
    ['<<ask-area "Which lines?" "$strace" "strace interpretation">>', ["our-macro:strace interpretation"]],
    ['<<ask "q" "$v">>', []],
  ])("%s", (text, expected) => expect(refs(text)).toEqual(expected));

  it.each([
    ['<<set $x to "[[Not a link]]">>', []],
    ['<<run setup.go("[[Not]]")>>', []],
    ['<<if $x is "[[Not]]">>[[Yes]]<</if>>', ["link:Yes"]],
    ['<<script>>Engine.play("[[Not]]"); /* <<goto "Not">> */<</script>>[[After]]', ["link:After"]],
    ['<<link "Go">><<goto "Inside">><</link>>', ["goto:Inside"]],
    ["<< not a macro [[Still a link]]", ["link:Still a link"]],
    ['<<goto "unterminated>> [[After]]', ["link:After"]],
    ['<<newinfo "The server is only 0.5ms away">>', []],
  ])("arguments are not markup: %s", (text, expected) => expect(refs(text)).toEqual(expected));
});

describe("data-passage", () => {
  it.each([
    ['<a data-passage="Target">Go</a>', ["data-passage:Target"]],
    ["<button data-passage='Target'>Go</button>", ["data-passage:Target"]],
    ["<span class=x data-passage=Target>Go</span>", ["data-passage:Target"]],
    ['<a DATA-PASSAGE="Target" data-setter="$x to 1">Go</a>', ["data-passage:Target"]],
    ['<a data-passage="Tom &amp; Jerry">Go</a>', ["data-passage:Tom & Jerry"]],
    ['<a title="data-passage=Fake" data-passage="Real">Go</a>', ["data-passage:Real"]],
    ['<a data-passage="First" data-passage="Second">Go</a>', ["data-passage:First"]],
    ['<a @data-passage="$next">Go</a>', ["data-passage:$next!"]],
    ["<a sc-eval:data-passage=\"'Literal'\">Go</a>", ["data-passage:Literal"]],
    ['<a data-passage="$next">Go</a>', ["data-passage:$next!"]],
    ['<a data-passage="">Go</a>', []],
    ['<a data-passage="Unclosed">Go', []],
    ['<img data-passage="nagle-waiting" alt="Diagram">', ["image:nagle-waiting"]],
    ['<img src="x.png" data-passage="pic"/>', ["image:pic"]],
    ['<audio data-passage="sound"></audio>', ["media:sound"]],
    ['<p><img data-passage="win-picture" alt="Bar chart"></p>', ["image:win-picture"]],
  ])("%s", (text, expected) => expect(refs(text)).toEqual(expected));

  it.each([
    ['<svg><a data-passage="Target"><rect/></a></svg>', ["data-passage:Target"]],
    ['<svg viewBox="0 0 1 1"><image data-passage="pic"/><rect data-passage="No"/></svg>', ["image:pic"]],
    ["<svg><text>[[Not a link]]</text></svg>[[After]]", ["link:After"]],
  ])("inside <svg>: %s", (text, expected) => expect(refs(text)).toEqual(expected));
});

describe("what is not markup", () => {
  it.each([
    ['<pre>"""[[Not]] <<goto "Not">> <a data-passage="Not">"""</pre>', []],
    ["<nowiki>[[Not]]</nowiki>", []],
    ["<NoWiki>[[Not]]</NoWiki>", []],
    ["{{{[[Not]]}}}", []],
    ["{{{\n[[Not]]\n}}}\n[[After]]", ["link:After"]],
    ["/* [[Not]] */", []],
    ["/% [[Not]] %/", []],
    ["<!-- [[Not]] -->", []],
    ["<html>[[Not]]</html>", []],
    ["<script>var s = '[[Not]]';</script>", []],
    ["<style>.x { background: [img[bg]] } /* [[Not]] */</style>", ["image:bg"]],
    ["see https://example.org/[[Not]] and [[Yes]]", ["link:Yes"]],
    ['<a href="[[Not]]">x</a>', []],
  ])("%s", (text, expected) => expect(refs(text)).toEqual(expected));

  it("unclosed verbatim and comment openers are plain text, and what follows is markup", () => {
    expect(refs('""" [[One]]')).toEqual(["link:One"]);
    expect(refs("/* [[One]]")).toEqual(["link:One"]);
    expect(refs("<nowiki>[[One]]")).toEqual(["link:One"]);
  });

  it("as SugarCube does, only a bare <script> or <style> hides its text", () => {
    expect(refs('<script type="text/x">[[Shown]]</script>')).toEqual(["link:Shown"]);
  });

  it("verbatim blocks hide strace and tcpdump output, arrows and brackets included", () => {
    const text = [
      "<p>strace:</p>",
      '<pre>"""15:29:50.008666 getsockname(4, {sa_family=AF_INET}, [128->16]) = 0',
      '13:43:25.428436 execve("/usr/bin/node", ["node", "slow.js"], 0x7ffd97b262a0 /* 24 vars */) = 0',
      '[[not a link]] <<goto "nowhere">> <16:13:09>',
      '"""</pre>',
      '<<ask "Which part of this is the slow part?" "$strace_slow_2" "strace server 6">>',
    ].join("\n");
    expect(passageLinks(text)).toEqual([{ target: "strace server 6", kind: "our-macro", line: 6 }]);
    // SugarCube's own reading knows nothing of our macros: their specs say where they go.
    expect(sugarcubeLinks(text)).toEqual([]);
  });
});

describe("lines", () => {
  it("are 1-based lines of the passage text, where the target is written", () => {
    const text = ['<div class="nav">', "[[Run slow.js -> Run slow.js]]", "[[Use curl -> curl]]", "</div>"].join("\n");
    expect(passageLinks(text).map((l) => l.line)).toEqual([2, 3]);
    expect(passageLinks('<<link "Go"\n   "Target">><</link>>')).toEqual([{ target: "Target", kind: "link", line: 2 }]);
    expect(passageLinks('<a class="x"\n  data-passage="T">x</a>')).toEqual([
      { target: "T", kind: "data-passage", line: 2 },
    ]);
    expect(passageLinks('"""a\nb\nc"""\n/*\n*/\n[[After]]')[0]!.line).toBe(6);
  });

  it("the kinds that move the player are link, goto, our macros' passage arguments and data-passage", () => {
    const all: LinkKind[] = ["link", "goto", "our-macro", "data-passage", "include", "image", "media"];
    expect(all.filter((k) => MOVE_KINDS.has(k))).toEqual(["link", "goto", "our-macro", "data-passage"]);
  });
});

// The 50ms story as written: every reference it makes, per passage.
const storyDir = path.join(storiesDir, "50ms-request");
const storyPassages = readdirSync(storyDir)
  .filter((f) => f.endsWith(".twee"))
  .flatMap((f) => parseTwee(readFileSync(path.join(storyDir, f), "utf8"), f));
const byName = new Map(storyPassages.map((p) => [p.name, p]));

describe("the 50ms story's real passages", () => {
  const linksOf = (name: string): PassageLink[] => passageLinks(byName.get(name)!.text);

  it.each([
    ["Start", ["link:Landing"]],
    ["Reproduce", ["link:Code", "link:Client", "link:Server", "link:diagnosis"]],
    [
      "Client",
      ["link:Run slow.js", "link:curl", "link:ping", "link:strace", "link:tcpdump", "link:termshark", "link:Reproduce"],
    ],
    ["curl", ["our-macro:curl 2"]],
    ["curl 2", ["link:curl 3", "link:curl 3"]],
    ["strace", ["our-macro:strace interpretation"]],
    ["strace server 4", ["link:strace server 5"]],
    ["diagnosis", ["our-macro:nagle", "link:Reproduce"]],
    ["nagle", ["image:nagle-ack-every-packet", "image:nagle-delayed-ack", "image:nagle-waiting", "link:What to do"]],
    ["win", ["image:win-picture", "link:how fix", "link:Epilogue"]],
    ["Epilogue", []],
    ["StoryCaption", []],
  ])("%s", (name, expected) => expect(linksOf(name).map((l) => `${l.kind}:${l.target}`)).toEqual(expected));

  it("finds the ask-area after 640 lines of strace output, on its line", () => {
    const text = byName.get("strace")!.text;
    const line = text.split("\n").findIndex((l) => l.startsWith("<<ask-area")) + 1;
    expect(line).toBeGreaterThan(600);
    expect(linksOf("strace")).toEqual([{ target: "strace interpretation", kind: "our-macro", line }]);
  });

  it("every move and include names a passage of the story, and nothing is computed", () => {
    for (const p of storyPassages) {
      for (const l of passageLinks(p.text)) {
        expect(l.dynamic, `${p.name}: ${l.target}`).toBeUndefined();
        if (l.kind !== "image") expect(byName.has(l.target), `${p.name} → ${l.target}`).toBe(true);
      }
    }
  });
});

// Cross-check with SugarCube itself: a story of tricky passages, compiled and run in jsdom; the
// links each passage renders (elements with data-passage, images aside) must be passageLinks'.
// (<svg> is left to the unit cases: SugarCube's jQuery lookup inside it fails under jsdom.)
const ENGINE_CASES: readonly string[] = [
  "[[A->B->C]] [[A|B->C]] [[T<-a->b]]",
  '[["a -> b"|Target]] [["x | y"->Target]] [[see [1]|Target]]',
  '[[Go|Target][$x to 1]] [[Go|Target][$s to "a]]b"]]',
  "[[Go|~Target]] [[ Spaced name ]] [[Go back -> Client]]",
  '[img[pic][Target]] <<link "Go" "Target">><</link>> <<button "Go" "Client">><</button>>',
  '<<link [[Go|Spaced name][$x to 2]]>><</link>> <<link "Only text">><</link>> <<actions "Client" [[b|Target]]>>',
  '<a data-passage="Tom &amp; Jerry">x</a> <span data-passage=Client>y</span> <a title="data-passage=Fake" data-passage="Target">z</a>',
  '<pre>"""[[Fake]] <<goto "Fake">>"""</pre> <nowiki>[[Fake]]</nowiki> {{{[[Fake]]}}} /* [[Fake]] */ /% [[Fake]] %/ <!-- [[Fake]] --> [[Client]]',
  "<html>[[Fake]]</html> <script>var s = '[[Fake]]';</script> <<set _x to \"[[Fake]]\">> [[Target]]",
  "<<script>>var s = '[[Fake]]';<</script>> <<if true>>[[Client]]<</if>> [[split\nlines]] [[broken]x]] [[Target]]",
];

describe("agrees with SugarCube 2.31's own parser", () => {
  let player: Player;
  const cases = ENGINE_CASES.map((text, i) => ({ name: `Case ${i + 1}`, text }));
  const moves = (text: string) =>
    passageLinks(text)
      .filter((l) => MOVE_KINDS.has(l.kind))
      .map((l) => l.target);

  beforeAll(async () => {
    const targets = new Set(["Fake", "pic", ...cases.flatMap((c) => passageLinks(c.text).map((l) => l.target))]);
    const twee = [
      ":: StoryTitle\nLinks",
      ':: StoryData\n{"ifid": "9F53470D-0918-466D-9AA0-8B5E6A3C8EB1", "format": "SugarCube", "format-version": "2.31.1", "start": "Start"}',
      ":: Start\nReady.",
      ...cases.map((c) => `:: ${c.name}\n${c.text}`),
      ...[...targets].map(
        (t) =>
          `:: ${t.replace(/[\\[\]{}]/g, "\\$&")}${t === "pic" ? " [Twine.image]" : ""}\n${t === "pic" ? "data:image/png;base64,AAAA" : "Here."}`,
      ),
    ].join("\n\n");
    const { html } = compileNative([{ path: "links.twee", content: Buffer.from(twee) }], creator);
    player = await openStory("links", { html });
  });
  afterAll(() => player?.close());

  it.each(cases.map((c) => [c.name, c.text] as const))("%s: %s", (name, text) => {
    player.errors.length = 0;
    player.go(name);
    const rendered = Array.from(player.view().querySelectorAll<Element>("[data-passage]"))
      .filter((el) => !["img", "image"].includes(el.tagName.toLowerCase()))
      .map((el) => el.getAttribute("data-passage"));
    expect(rendered).toEqual(moves(text));
    expect(player.errors).toEqual([]);
  });
});
