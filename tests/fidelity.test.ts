// Every passage reads like the published original: the seed's source (tests/seed/) rendered as
// the original widgets would on a first visit with nothing typed, against our passage rendered
// by the real engine in the same state. Markup and whitespace do not count; words do.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
import { beforeAll, describe, expect, it } from "vitest";
import { type Player, sharedStory } from "./harness/player.js";
import { visibleText } from "./harness/text.js";

const seedLines = readFileSync(new URL("./seed/000_cdb17a1d73b1d4e2.txt", import.meta.url), "utf8").split("\n");

/** Seed line → passage, from the seed README's passage map (line 4 is the widget passage). */
const SEED_PASSAGES: Readonly<Record<number, string>> = {
  5: "StoryCaption", 6: "Start", 7: "Landing", 8: "Reproduce", 9: "Code", 10: "Client",
  11: "Run slow.js", 12: "curl", 13: "curl 2", 14: "curl 3", 15: "ping", 16: "ping 2", 17: "strace",
  18: "strace interpretation", 19: "strace interpretation 2", 20: "strace 3", 21: "tcpdump",
  22: "tcpdump 2", 23: "tcpdump 3", 24: "termshark", 25: "termshark interpretation", 26: "termshark 3",
  27: "diagnosis", 28: "nagle", 29: "Server", 30: "top", 31: "top 2", 32: "strace server",
  33: "strace server 2", 34: "strace server 3", 35: "strace server 4", 36: "strace server 5",
  37: "strace server 6", 38: "strace server 7", 39: "What to do", 40: "how fix", 41: "disable nagle",
  42: "disable delayed ACKs", 43: "send 1 packet", 44: "win", 45: "Epilogue",
};

/**
 * The intended differences from the seed (the fixes its README asks for), applied to the seed's
 * text. Each must still match the seed, so this list cannot silently go stale.
 */
const INTENDED: readonly { passage: string; seed: string; ours: string; why: string }[] = [
  { passage: "win", seed: " image by brgfx", ours: "", why: "credit line of a stock picture we no longer use (replaced by our own drawing)" },
];

/** The seed's SugarCube source → the HTML its widgets render on a first visit, nothing typed. */
function renderSeed(source: string): string {
  const q = '"((?:[^"\\\\]|\\\\.)*)"';
  return source
    .replace(/<<init>>/g, "")
    .replace(new RegExp(`<<newinfo ${q}>>`, "g"), (_, clue: string) =>
      `<div><h2>you've found new information!!</h2><p>Adding <strong>"${clue}"</strong> to your "What you know" list.</p></div>`)
    .replace(new RegExp(`<<ask(?:-area)? ${q} ${q} ${q}>>`, "g"), (_, question: string) =>
      `<div><div>${question}</div><div>Submit</div><div>I don't know</div></div>`)
    .replace(/<<you-said [^>]*>>/g, "") // empty answer: the widget prints nothing
    .replace(/<<if !\$\w+ eq "">>[\s\S]*?<<\/if>>/g, "") // likewise
    .replace(/<<if \$knowledge\.size eq 0>>([\s\S]*?)<<else>>[\s\S]*?<<\/if>>/g, "$1") // no clues yet
    .replace(/\[\[([^\]]*?)\s*(?:->|\|)\s*[^\]]*?\]\]/g, "$1")
    .replace(/\[\[([^\]]*?)\]\]/g, "$1")
    .replace(/<\?xml[^>]*\?>/g, "")
    .replace(/<\/?html>/g, "")
    // SugarCube only takes well-formed tags as HTML: "E..<Qc@.>" in a packet dump stays text.
    .replace(/<(?!\/?[A-Za-z][\w-]*(?:\s[^<>]*)?\/?>)/g, "&lt;")
    // SugarCube's em dash markup, everywhere but in code listings.
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part) => (part.startsWith("<pre") ? part : part.replace(/--/g, "\u2014")))
    .join("");
}

function seedText(line: number): string {
  const fragment = JSDOM.fragment(renderSeed(seedLines[line - 1]!));
  let text = visibleText(fragment);
  for (const d of INTENDED.filter((d) => d.passage === SEED_PASSAGES[line])) {
    if (!text.includes(d.seed)) throw new Error(`intended difference for ${d.passage} no longer matches the seed: ${d.seed}`);
    text = text.replace(d.seed, d.ours);
  }
  return text;
}

describe("50ms-request matches the seed's text", () => {
  let player: Player;
  beforeAll(async () => {
    player = await sharedStory("50ms-request");
  });

  it("has every seed passage and no story passage the seed lacks", () => {
    const ours = player.sugarcube.Story.lookupWith(
      (p) => !p.tags.some((t) => ["Twine.image", "script", "stylesheet"].includes(t)),
    ).map((p) => p.title);
    const special = ["StoryInit"];
    expect(ours.filter((n) => !special.includes(n)).sort()).toEqual(Object.values(SEED_PASSAGES).sort());
  });

  it.each(Object.entries(SEED_PASSAGES).filter(([, name]) => name !== "StoryCaption"))(
    "line %s: %s",
    (line, name) => {
      player.fresh(name);
      expect(player.passage()).toBe(name);
      expect(visibleText(player.view())).toBe(seedText(Number(line)));
    },
  );

  it("StoryCaption, before any clue", () => {
    player.fresh("Start");
    expect(visibleText(player.document.querySelector("#story-caption")!)).toBe(seedText(5));
  });
});
