// The lint's variable checks (build/lint/checks/variables.ts): a $variable read by <<you-said>>,
// <<print>>, <<if>>/<<elseif>> or naked markup that nothing stores, and an answer an <<ask>> or
// <<ask-area>> stores that nothing reads; each at its file:line:column, with a did-you-mean.
// The real mysteries and the new-mystery template staying clean is in lint-cli.test.ts/new.test.ts.
import { describe, expect, it } from "vitest";
import { type Diagnostic, formatDiagnostic, lintMystery } from "../../build/lint/lint.js";
import type { SourceFile } from "../../build/sources/sources.js";

const file = (p: string, text: string): SourceFile => ({ path: p, content: Buffer.from(text) });
const DATA = '{"ifid": "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0", "format": "SugarCube", "format-version": "2.31.1"}';
/** story/x/a.twee holds `text` (its first line is line 1); only the variable checks' findings. */
const lint = (text: string, ...more: SourceFile[]) =>
  lintMystery([
    file("story/x/special.twee", `:: StoryTitle\nT\n\n:: StoryData\n${DATA}\n`),
    file("story/x/a.twee", text),
    ...more,
  ]).filter((d) => d.code === "unset-variable" || d.code === "unused-answer");
const lines = (ds: Diagnostic[]) => ds.map((d) => formatDiagnostic(d));
/** A Start that asks for $curl_cmd and ends; `after` is the next passage's text, at line 4. */
const asked = (after: string) =>
  lint(`:: Start\n<<ask "Which curl?" "$curl_cmd" "Next">>\n\n:: Next [ending]\n${after}\n`);

describe("a variable read that nothing stores", () => {
  it.each([
    ["<<you-said>>", '<<you-said "You said:" $curl_cdm>>', 24],
    ["<<print>>", "<<print $curl_cdm.toUpperCase()>>", 9],
    ["<<=>>", "<<= $curl_cdm>>", 5],
    ["<<if>>", '<<if $curl_cdm is "">>nothing<</if>>', 6],
    ["<<elseif>>", '<<if $curl_cmd is "">>nothing<<elseif $curl_cdm.length > 3>>long<</if>>', 39],
    ["naked markup", "You typed: $curl_cdm.", 12],
  ])("%s: warns at the read, with a did-you-mean", (_, text, column) => {
    const ds = asked(text);
    const unset = ds.filter((d) => d.code === "unset-variable");
    expect(lines(unset)).toEqual([
      `story/x/a.twee:5:${column}: warning: $curl_cdm is read here, but no <<ask>>, <<ask-area>>, <<set>>, StoryInit or script stores it\n` +
        '  did you mean "$curl_cmd"?\n' +
        "  fix: fix the name, or store it first (the variable of an <<ask>>, a <<set>>, or StoryInit)",
    ]);
  });

  it("is quiet when the variable is stored: <<ask>>, <<ask-area>>, <<set>>, StoryInit, a script, an input macro, a setter link, <<for>>", () => {
    const text = [
      ':: Start\n<<ask "Q" "$a" "Next">><<ask-area "Q" "$b" "Next">><<set $c to 1, $d += 2>><<textbox "$e" "">>[[Next][$f to true]]',
      ":: Next [ending]\n<<for _i, $g range [1]>><</for>><<run State.variables.h = 1>>\n$a $b $c $d $e $f $g $h $i $j $clues",
      ":: StoryInit\n<<run setup.init($i)>>",
    ].join("\n\n");
    expect(lines(lint(text, file("story/x/config.js", 'State.variables["j"] = 0;')))).toEqual([]);
  });

  it("leaves temporary variables, code listings and quoted text alone", () => {
    const text =
      ':: Start [ending]\n<<set _t to 1>>_t <<print _t>> <pre>"""$PATH $1"""</pre> <<print "$x is text">> $$money';
    expect(lint(text)).toEqual([]);
  });
});

describe("an answer that nothing reads", () => {
  it.each([
    ["<<ask>>", '<<ask "Q" "$nobody_reads" "Next">>', 11],
    ["<<ask-area>>", '<<ask-area "Q" "$nobody_reads" "Next">>', 16],
  ])("%s: warns at the variable argument", (_, text, column) => {
    const ds = lint(`:: Start\n${text}\n\n:: Next [ending]\nThe end.\n`);
    expect(lines(ds)).toEqual([
      `story/x/a.twee:2:${column}: warning: the answer stored in $nobody_reads is never read (no <<you-said>>, <<print>>, <<if>> or $nobody_reads uses it)\n` +
        '  fix: show it back with <<you-said "You said:" $nobody_reads>>, or fix the name where it is read',
    ]);
  });

  it("a misspelt echo gives both warnings, each suggesting the other name", () => {
    const ds = asked('<<you-said "You said:" $curl_cdm>>');
    expect(ds.map((d) => [d.code, d.line, d.suggestion])).toEqual([
      ["unused-answer", 2, "$curl_cdm"],
      ["unset-variable", 5, "$curl_cmd"],
    ]);
  });

  it("counts any use as a read: an expression, a <<set>> on the right, a script", () => {
    expect(asked("<<set $copy to $curl_cmd>>$copy")).toEqual([]);
    expect(asked("<<link `$curl_cmd || 'none'`>><</link>>")).toEqual([]);
    expect(asked("<<script>>console.log(State.variables.curl_cmd)<</script>>")).toEqual([]);
  });
});
