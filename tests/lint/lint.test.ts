// The story linter's checks, each on a small broken story, reported at the exact file:line:column.
// The command and the real mysteries are in lint-cli.test.ts; our macros' arguments in
// macro-args.test.ts.
import { describe, expect, it } from "vitest";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { lintMystery } from "../../build/lint/lint.js";
import { editDistance, suggest } from "../../build/lint/suggest.js";
import { DATA, errors, file, first, IFID, lint, only, special } from "./small-story.js";

describe("structure", () => {
  it("reports every malformed header and reads on past them", () => {
    const ds = lintMystery([
      special(),
      file(
        "story/x/a.twee",
        'stray\n:: Start\n[[Next]] [[Meta]] [[Name]]\n::   \nnameless\n:: Next [ending\nfine\n:: Meta [ending] {"position":"here"}\nx\n:: Name [ending] junk\n',
      ),
    ]);
    expect(ds.map(first)).toEqual([
      "story/x/a.twee:1:1: error: text before the first passage header",
      "story/x/a.twee:4:1: error: passage header has no name",
      "story/x/a.twee:6:9: error: tag block is not closed",
      'story/x/a.twee:8:18: error: passage metadata "position" must be a string like "100,200"',
      'story/x/a.twee:10:18: error: unexpected text after the passage header: "junk"',
    ]);
    expect(new Set(ds.map((d) => d.code))).toEqual(new Set(["twee-syntax"]));
    expect(ds[1]!.fix).toBe("write a name after the colons, like `:: Start`");
  });

  it("reports each duplicate passage at the second, naming the first, across files", () => {
    const ds = lint(":: Start\n[[Start]]\n", file("story/x/b.twee", "\n:: Start\nagain\n"));
    expect(errors(ds)).toEqual([
      'story/x/b.twee:2:4: error: duplicate passage name "Start" (first defined at story/x/a.twee:1)',
    ]);
    expect(ds[0]!.code).toBe("duplicate-passage");
  });

  it("points at the place StoryData's JSON breaks", () => {
    const ds = lintMystery([
      special(`{"ifid": "${IFID}",\n  "start": "Start",}`),
      file("story/x/a.twee", ":: Start [ending]\nHi"),
    ]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ file: "story/x/special.twee", line: 6, column: 20, code: "bad-storydata" });
    expect(ds[0]!.message).toMatch(/^StoryData is not valid JSON \(/);
  });

  it.each([
    ['{"format": "SugarCube"}', "missing-ifid", "story/x/special.twee:4:4: error: StoryData has no IFID"],
    [
      '{"ifid": "not-an-ifid"}',
      "bad-ifid",
      'story/x/special.twee:5:2: error: StoryData "ifid" is not an uppercase UUID v4: not-an-ifid',
    ],
    [
      `{"ifid": "${IFID.toLowerCase()}"}`,
      "bad-ifid",
      `story/x/special.twee:5:2: error: StoryData "ifid" must be uppercase: ${IFID.toLowerCase()}`,
    ],
  ])("IFID: %s", (data, code, line) => {
    const [d, ...rest] = lintMystery([special(data), file("story/x/a.twee", ":: Start\nThe end.")]).filter(
      (x) => x.severity === "error",
    );
    expect(rest).toEqual([]);
    expect(first(d!)).toBe(line);
    expect(d!.code).toBe(code);
    expect(d!.fix).toMatch(
      data.includes(IFID.toLowerCase())
        ? `write it as "ifid": "${IFID}"`
        : /"ifid": "[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-/,
    );
  });

  it("requires a StoryTitle and a StoryData", () => {
    expect(errors(lintMystery([file("story/x/a.twee", ":: Start\nHi")]))).toEqual([
      "story/x/a.twee:1:1: error: the story has no StoryData",
      "story/x/a.twee:1:1: error: the story has no StoryTitle",
    ]);
    const empty = lintMystery([file("story/x/a.twee", `:: StoryTitle\n\n:: StoryData\n${DATA}\n:: Start\nHi`)]);
    expect(errors(empty)).toEqual(["story/x/a.twee:1:4: error: the story has no StoryTitle"]);
  });

  it("requires the start passage, with a did-you-mean", () => {
    const ds = lintMystery([
      special(DATA.replace("}", ', "start": "Strat"}')),
      file("story/x/a.twee", ":: Start [ending]\nHi"),
    ]);
    expect(ds.map(first)).toEqual(['story/x/special.twee:5:101: error: the start passage "Strat" does not exist']);
    expect(ds[0]).toMatchObject({ code: "missing-start", suggestion: "Start" });
    const lower = lintMystery([special(), file("story/x/a.twee", ":: start [ending]\nHi")]);
    expect(lower.map(first)).toEqual(['story/x/special.twee:4:4: error: the start passage "Start" does not exist']);
    expect(lower[0]!.suggestion).toBe("start");
  });

  it("finds a script that would close its own <script> element", () => {
    const ds = lint(":: Start\nHi", file("story/x/config.js", '// ok\nconst s = "</script>";\n'));
    expect(errors(ds)).toEqual([
      'story/x/config.js:2:12: error: script contains "</script", which would end it early in the HTML',
    ]);
  });
});

describe("links to missing passages", () => {
  const withClient = (line: string) =>
    lint(
      `:: Start\n${line}\n\n:: Client\n[[Start]]\n`,
      file("story/x/images/pic.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"),
    );

  it.each([
    ["[[Clinet]]", 1, "link to missing passage"],
    ["Go [[there|Clinet]]", 4, "link to missing passage"],
    ["[[there->Clinet]]", 1, "link to missing passage"],
    ["[[Clinet<-there]]", 1, "link to missing passage"],
    ["[[there|Clinet][$x to 1]]", 1, "link to missing passage"],
    ["[img[pic][Clinet]]", 1, "link to missing passage"],
    ['<<link "there" "Clinet">><</link>>', 16, "link to missing passage"],
    ["<<button [[there|Clinet]]>><</button>>", 10, "link to missing passage"],
    ['<<goto "Clinet">>', 8, "<<goto>> to missing passage"],
    ['<<include "Clinet">>', 11, "<<include>> of missing passage"],
    ['<a data-passage="Clinet">there</a>', 4, "data-passage names missing passage"],
  ])("%s", (text, column, what) => {
    const ds = withClient(text);
    expect(errors(ds)).toEqual([`story/x/a.twee:2:${column}: error: ${what} "Clinet"`]);
    expect(ds.find((d) => d.severity === "error")).toMatchObject({ code: "missing-passage", suggestion: "Client" });
  });

  it("finds a missing image passage, and images that exist", () => {
    const ds = withClient('<img data-passage="pic"> <img data-passage="pics">');
    expect(errors(ds)).toEqual(['story/x/a.twee:2:31: error: image "pics" is not a passage']);
    expect(only("missing-passage", ds)[0]!.suggestion).toBe("pic");
  });

  it("leaves targets known only at play time alone", () => {
    expect(errors(withClient('[[Go|$next]] <<goto $where>> <<link "x" `$p`>><</link>> [[Client]]'))).toEqual([]);
  });

  it("counts lines and columns past the blank lines and indentation the parser trims", () => {
    const ds = lint(":: Start\n\n\n   [[Nope]] and [[Client]]\n  [[Nope 2]]\n:: Client\n[[Start]]");
    expect(errors(ds)).toEqual([
      'story/x/a.twee:4:4: error: link to missing passage "Nope"',
      'story/x/a.twee:5:3: error: link to missing passage "Nope 2"',
    ]);
  });

  it("suggests a case-only difference first, and nothing for a name far from every passage", () => {
    const ds = lint(":: Start\n[[client]] [[Somewhere else entirely]]\n:: Client\n[[Start]]");
    expect(only("missing-passage", ds).map((d) => d.suggestion)).toEqual(["Client", undefined]);
  });

  it("says why a link to a widget passage fails", () => {
    const ds = lint(':: Start\n[[Widgets]]\n:: Widgets [widget]\n<<widget "w">>x<</widget>>');
    expect(errors(ds)).toEqual(['story/x/a.twee:2:1: error: link to missing passage "Widgets"']);
    expect(only("missing-passage", ds)[0]!.fix).toBe(
      '"Widgets" is tagged widget; SugarCube keeps such passages out of the story',
    );
  });
});

describe("macros", () => {
  it.each([
    ['<<newinfoo "x">>', "macro <<newinfoo>> does not exist", "newinfo"],
    ["<<iff true>>x<</iff>>", "macro <<iff>> does not exist", "if"],
    ["<<frobnicate>>", "macro <<frobnicate>> does not exist", undefined],
  ])("unknown: %s", (text, message, suggestion) => {
    const ds = lint(`:: Start [ending]\n${text}`);
    expect(errors(ds)).toEqual([`story/x/a.twee:2:1: error: ${message}`]);
    expect(ds[0]!.code).toBe("unknown-macro");
    expect(ds[0]!.suggestion).toBe(suggestion);
  });

  it("knows SugarCube's macros and child tags, ours, widgets and Macro.add in scripts", () => {
    const text = [
      ":: Start [ending]",
      "<<if $a>>x<<elseif $b>>y<<else>>z<</if>> <<switch 1>><<case 1>>a<<default>>b<</switch>>",
      "<<for _i range [1, 2]>><<if _i is 2>><<break>><<else>><<continue>><</if>><</for>> <<nobr>>x<<endnobr>>",
      '<<timed 1s>>a<<next>>b<</timed>> <<cycle "$c">><<option "a">><<optionsfrom [1]>><</cycle>> <<= 1>> <<- 2>>',
      '<<newinfo "a clue">> <<mywidget>> <<scripted>> <<fromjs>> <<other>> <<script>>var a = "<<nope>>";<</script>>',
      ':: Widgets [widget]\n<<widget "mywidget">>hi<</widget>>',
      ":: Script [script]\nMacro.add('scripted', { handler() {} });",
    ].join("\n");
    const js = file("story/x/macros.js", 'Macro.add(["fromjs", "other"], { tags: null, handler() {} });\n');
    expect(lint(text, js)).toEqual([]);
  });

  it("finds unclosed containers, stray closing tags and child tags outside their parent", () => {
    const ds = lint(':: Start [ending]\n<<if true>>open\n<</for>>\n<<else>>\n<<link "x">>y');
    expect(ds.map(first)).toEqual([
      "story/x/a.twee:2:1: error: cannot find a closing tag for macro <<if>>",
      "story/x/a.twee:3:1: error: closing tag <</for>> has no opening <<for>>",
      "story/x/a.twee:4:1: error: child tag <<else>> was found outside of a call to its parent macro <<if>>",
      "story/x/a.twee:5:1: error: cannot find a closing tag for macro <<link>>",
    ]);
    const child = lint(":: Start [ending]\n<<case 1>>");
    expect(child.map(first)).toEqual([
      "story/x/a.twee:2:1: error: child tag <<case>> was found outside of a call to its parent macro <<switch>>",
    ]);
    expect([...ds, ...child].map((d) => d.code)).toEqual([
      "unclosed-macro",
      "unmatched-close",
      "misplaced-child",
      "unclosed-macro",
      "misplaced-child",
    ]);
  });

  it("requires the closing tag of a container macro of ours", () => {
    const box = { name: "box", description: "", params: [], container: true, example: "<<box>>…<</box>>" };
    const files = [special(), file("story/x/a.twee", ":: Start [ending]\n<<box>>a<</box>> <<box>>b")];
    expect(lintMystery(files, [...ourMacroSpecs(), box]).map(first)).toEqual([
      "story/x/a.twee:2:18: error: cannot find a closing tag for macro <<box>>",
    ]);
  });
});

describe("the story map (warnings)", () => {
  it("finds passages nothing reaches, and exempts special, included, image, widget and caption-linked ones", () => {
    const text = [
      ":: Start\n[[Next]]",
      ':: Next [ending]\n<<include "Part">> <img data-passage="pic">',
      ":: Part\nShown inside Next.",
      ":: StoryCaption\n[[Menu item]]",
      ":: Menu item\n[[Start]]",
      ':: Widgets [widget]\n<<widget "w">>x<</widget>>',
      ":: PassageDone\ndone",
      ":: Lonely\n[[Start]]",
      // tweego's compiler special passages: read by the compiler, neither unreachable nor dead ends.
      ":: StorySettings\nundo:off",
      ":: StoryIncludes\nother.twee",
    ].join("\n");
    const ds = lint(text, file("story/x/images/pic.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"));
    expect(ds.map(first)).toEqual([
      'story/x/a.twee:15:4: warning: passage "Lonely" cannot be reached from the start passage "Start"',
    ]);
    expect(ds[0]!.code).toBe("unreachable");
  });

  it("finds dead ends: no link, form, <<goto>>, <<back>> or <<return>>, here or in what the passage includes", () => {
    const text = [
      ":: Start\n[[A]] [[B]] [[C]] [[D]] [[E]]",
      ":: A\nNothing to do.",
      ":: B [ending]\nThe end.",
      ":: C\n<<back>>",
      ':: D\n<<ask "Q?" "$a" "Start">>',
      ':: E\n<<include "F">>',
      ":: F\n[[Start]]",
    ].join("\n");
    const ds = lint(text);
    expect(ds.map(first)).toEqual([
      'story/x/a.twee:3:4: warning: passage "A" has no way on (no link, form, <<goto>>, <<back>> or <<return>>)',
    ]);
    expect(ds[0]).toMatchObject({
      code: "dead-end",
      fix: "add a link onwards, or tag it `ending` if the story ends here",
    });
  });
});

describe("did you mean", () => {
  it("measures transpositions as one edit", () => {
    expect(editDistance("Clinet", "Client")).toBe(1);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("prefers a case-only difference, then the nearest, and stays quiet when nothing is near", () => {
    expect(suggest("client", ["Clients", "Client"])).toBe("Client");
    expect(suggest("strace servr", ["strace server", "strace server 2"])).toBe("strace server");
    expect(suggest("ss", ["ssh", "top"])).toBe("ssh");
    expect(suggest("Elsewhere", ["Start", "Client"])).toBeUndefined();
  });
});
