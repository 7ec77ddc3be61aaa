// A passage renamed: every reference SugarCube reads rewritten (build/story-format/sugarcube/rename.ts), what cannot
// be rewritten reported, and Twine's own rename of [[links]] mirrored exactly (twine-links.ts's
// twineRename against Twine 2.11.1's passage editor).
import { describe, expect, it } from "vitest";
import { renameReferences } from "../../build/story-format/sugarcube/rename.js";
import { macroRoles } from "../../build/story-format/macro-roles.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { twineRename } from "../../build/twee/twine-links.js";
import { describeWithTwine } from "../harness/twine-oracle.js";

/** Our macros, as their specs say: ask's third argument names a passage; newinfo's does not. */
const ours = macroRoles(ourMacroSpecs());
const rename = (text: string, to = "Client machine") => renameReferences(text, "Client", to, ours);

describe("renameReferences", () => {
  it.each([
    [
      "[[Client]] [[Go->Client]] [[Go|Client]] [[Client<-Go]] [[ Go -> Client ]] [[Go|Client][$x to 1]] [[~Client]]",
      "[[Client machine]] [[Go->Client machine]] [[Go|Client machine]] [[Client machine<-Go]] [[ Go -> Client machine ]] [[Go|Client machine][$x to 1]] [[~Client machine]]",
    ],
    [
      '<<goto "Client">> <<goto Client>> <<include \'Client\'>> <<choice "Client">> <<actions [[Client]] "Client">>',
      '<<goto "Client machine">> <<goto "Client machine">> <<include \'Client machine\'>> <<choice "Client machine">> <<actions [[Client machine]] "Client machine">>',
    ],
    [
      '<<link "Client" "Client">><</link>> <<button [[Go|Client]]>><</button>> <<ask "Where?" "$a" "Client">>',
      '<<link "Client" "Client machine">><</link>> <<button [[Go|Client machine]]>><</button>> <<ask "Where?" "$a" "Client machine">>',
    ],
    [
      '<img data-passage="Client" alt="x"> <a data-passage=\'Client\'>x</a> [img[Client]] [img[pic][Client]] [img[t|pic][Client]]',
      '<img data-passage="Client machine" alt="x"> <a data-passage=\'Client machine\'>x</a> [img[Client machine]] [img[pic][Client machine]] [img[t|pic][Client machine]]',
    ],
  ])("rewrites %s", (text, want) => {
    expect(rename(text)).toEqual({ text: want, rewritten: want.split("Client machine").length - 1, unrewritable: [] });
  });

  it("leaves what is not a reference: labels, our macros' text, other names, verbatim text", () => {
    const text =
      '<<newinfo "Client">> <<link "Client" "Server">><</link>> [[Clientele]] """[[Client]]""" /* [[Client]] */ Client';
    expect(rename(text)).toEqual({ text, rewritten: 0, unrewritable: [] });
  });

  it("reports what may name the passage but is computed at play time", () => {
    const text =
      '<<goto `$x ? "Client" : "Server"`>> <<set $next to "Client">> <a @data-passage="\'Client\'">x</a> <<goto $next>>';
    expect(rename(text).unrewritable.map((u) => u.what)).toEqual([
      'a computed passage name, `$x ? "Client" : "Server"`',
      '<<set>> names it in code, "Client", which may be a passage it goes to',
      "@data-passage=\"'Client'\", a computed passage name",
    ]);
  });

  it("reports a new name no link form can hold", () => {
    expect(rename("[[Go->Client]]", "a]]b").unrewritable).toEqual([
      { offset: 6, what: 'a reference that cannot be written with the name "a]]b"' },
    ]);
  });
});

describeWithTwine("twineRename", (twine) => {
  it("rewrites a passage's text exactly as Twine's passage editor does when another passage is renamed", () => {
    const forms =
      '[[Client]] [[Go->Client]] [[Go|Client]] [[Client<-Go]] [[Go|Client][$x to 1]] [[ Client]] [[Go->Client ]] <<goto "Client">> [[Clientele]] [[a->b->Client]]';
    const twee = `:: StoryTitle\nT\n\n:: StoryData\n{"ifid":"9F53470D-0918-466D-9AA0-8B5E6A3C8EB0"}\n\n:: Client\nHere.\n\n:: Links\n${forms}\n`;
    const library = twine().libraryImport("t.twee", twee).stories;
    for (const to of ["Client machine", "A $1 name", "Dollar$&"]) {
      const renamed = twine().editPassage(library, library[0]!, "Client", { name: to })[0]!;
      expect(twineRename(forms, "Client", to), to).toBe(renamed.passages.find((p) => p.name === "Links")!.text);
    }
  });
});
