// The twine-link check and `npm run lint -- --fix`: `[[…]]` links that Twine's story map reads
// differently from SugarCube, reported where they are, and rewritten so both read them alike.
// (Twine's own reader is compared with ours in twine-links.test.ts.)
import { describe, expect, it } from "vitest";
import { fixTwineLinks } from "../../build/lint/fix-twine-links.js";
import { type Diagnostic, formatDiagnostic, lintMystery } from "../../build/lint/lint.js";
import type { SourceFile } from "../../build/sources/sources.js";
import { parseTwee } from "../../build/twee/twee.js";

const IFID = "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0";
const file = (p: string, text: string): SourceFile => ({ path: p, content: Buffer.from(text) });
const special = file(
  "story/x/special.twee",
  `:: StoryTitle\nT\n\n:: StoryData\n{"ifid": "${IFID}", "format": "SugarCube", "format-version": "2.31.1"}\n`,
);
const story = (text: string) => [special, file("story/x/a.twee", text)];
const twineLinks = (ds: Diagnostic[]) => ds.filter((d) => d.code === "twine-link").map((d) => formatDiagnostic(d));

describe("the twine-link check", () => {
  const hub = (line: string) => story(`:: Start\n${line}\n\n:: Client [ending]\nThe end.\n`);

  it.each([
    [
      "[[Go back -> Client]]",
      `story/x/a.twee:2:1: error: Twine's story map reads this link's target as " Client", SugarCube as "Client": the map shows a broken link to " Client"\n  fix: write it as [[Go back->Client]] (\`npm run lint -- --fix\` does this)`,
    ],
    [
      "Go [[Client <- back]]",
      `story/x/a.twee:2:4: error: Twine's story map reads this link's target as "Client ", SugarCube as "Client": the map shows a broken link to "Client "\n  fix: write it as [[Client<-back]] (\`npm run lint -- --fix\` does this)`,
    ],
    [
      "[[Go | Client]]",
      `story/x/a.twee:2:1: error: Twine's story map reads this link's target as " Client", SugarCube as "Client": the map shows a broken link to " Client"\n  fix: write it as [[Go|Client]] (\`npm run lint -- --fix\` does this)`,
    ],
    [
      "[[Go|~Client]]",
      `story/x/a.twee:2:1: error: Twine's story map reads this link's target as "~Client", SugarCube as "Client": the map shows a broken link to "~Client"\n  fix: write it as [[Go|Client]] (\`npm run lint -- --fix\` does this)`,
    ],
    [
      "[[a->b->Client]]",
      `story/x/a.twee:2:1: error: Twine's story map reads this link's target as "Client", SugarCube as "b->Client": the map shows an arrow to "Client"\n  fix: write the link so both read "b->Client": no spaces around "->", "<-" or "|", no "->" or "|" in the link text, or rename the passage`,
    ],
  ])("%s", (line, expected) => {
    expect(twineLinks(lintMystery(hub(line)))).toEqual([expected]);
  });

  it("a link that Twine's map reads as the end of a stray [[ before it", () => {
    expect(twineLinks(lintMystery(hub("[[x]y [[Client]]")))).toEqual([
      `story/x/a.twee:2:7: error: Twine's story map reads this link to "Client" as the end of an earlier "[[" on its line: it shows a broken link to "x]y [[Client"\n  fix: close or remove the stray "[[" before this link`,
    ]);
  });

  it("the same with an unclosed [[ before the link", () => {
    expect(twineLinks(lintMystery(hub("[[x [[Client]] [[Start]]")))).toEqual([
      `story/x/a.twee:2:5: error: Twine's story map reads this link to "Client" as the end of an earlier "[[" on its line: it shows a broken link to "x [[Client"\n  fix: close or remove the stray "[[" before this link`,
    ]);
  });

  it("warns where only Twine sees a link (a comment, verbatim text) and on computed targets", () => {
    const ds = twineLinks(lintMystery(hub('/* [[Client]] */ """[[Nowhere]]""" [[Go|$next]] [[Client]]')));
    expect(ds.map((d) => d.split("\n")[0])).toEqual([
      `story/x/a.twee:2:4: warning: Twine's story map shows an arrow to "Client" here, but SugarCube does not read a link here (in a comment, verbatim text or code, or malformed link markup)`,
      `story/x/a.twee:2:21: warning: Twine's story map shows a broken link to "Nowhere" here, but SugarCube does not read a link here (in a comment, verbatim text or code, or malformed link markup)`,
      `story/x/a.twee:2:36: warning: Twine's story map reads the computed target "$next" as a passage name and shows a broken link to "$next"`,
    ]);
  });

  it("is quiet when both read the same target, in every form", () => {
    expect(
      twineLinks(
        lintMystery(
          hub(
            '[[Client]] [[Go->Client]] [[Go|Client]] [[Client<-Go]] [[Go|Client][$x to 1]] <<link [[Go|Client]]>><</link>> [["a -> b"->Client]]',
          ),
        ),
      ),
    ).toEqual([]);
  });

  it("points at the right column on a text line escaped as \\::", () => {
    const ds = twineLinks(lintMystery(hub("\\::1 localhost [[Go -> Client]]")));
    expect(ds[0]).toMatch(/^story\/x\/a\.twee:2:16: error: /);
  });
});

describe("fixTwineLinks", () => {
  it("rewrites every fixable link in place and leaves every other byte as it was", () => {
    const source = [
      ':: Start [hub] {"position":"1,2"}\r',
      "Hello   \r",
      "<div>[[Go back -> Client]] and [[Client <- Also]]</div>\r",
      "\\::1 localhost [[ Client ]]\r",
      "/* [[Old -> Client]] */ [[a->b->Client]]\r",
      "\r",
      ":: Client [ending]\n",
      "[[Start|Start]]\t\n",
    ].join("\n");
    const { fixes, contents } = fixTwineLinks(story(source));
    const fixed = contents.get("story/x/a.twee")!;
    expect(fixed).toBe(
      source
        .replace("[[Go back -> Client]]", "[[Go back->Client]]")
        .replace("[[Client <- Also]]", "[[Client<-Also]]")
        .replace("[[ Client ]]", "[[Client]]"),
    );
    expect(fixes.map((f) => `${f.line}:${f.column} ${f.from} → ${f.to}`)).toEqual([
      "3:6 [[Go back -> Client]] → [[Go back->Client]]",
      "3:32 [[Client <- Also]] → [[Client<-Also]]",
      "4:16 [[ Client ]] → [[Client]]",
    ]);
    // SugarCube reads the same links as before; what is left is what cannot be rewritten alone.
    const left = twineLinks(lintMystery([special, file("story/x/a.twee", fixed)]));
    expect(left.map((d) => d.split(":").slice(0, 4).join(":"))).toEqual([
      "story/x/a.twee:5:4: warning",
      "story/x/a.twee:5:25: error",
    ]);
    expect(parseTwee(fixed, "a.twee").map((p) => p.name)).toEqual(["Start", "Client"]);
  });

  it("changes nothing when there is nothing to fix", () => {
    expect(fixTwineLinks(story(":: Start\n[[Client]]\n:: Client\n[[Start]]\n")).contents.size).toBe(0);
  });
});
