// The page of all puzzles: what it says about each mystery (teaser, tools, time, author, how far
// this player got), read from the built dist/index.html, its script run in jsdom over records as
// the stories keep them; and its pure parts, the byline's HTML and the reading time.
import { readFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { bylineFact, creditHtml } from "../../build/site/index-page.js";
import { catalogueKey, progressKey } from "../../macros/storage.js";
import { distDir, storiesDir } from "../../build/shared/paths.js";
import { readPuzzle } from "../../build/site/puzzles.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { playMinutes, storyProseWords, WORDS_PER_MINUTE } from "../../build/overview/reading-time.js";
import type { Passage } from "../../build/twee/twee.js";
import { mysteries } from "../harness/mysteries.js";

const index = () => new JSDOM(readFileSync(path.join(distDir, "index.html"), "utf8")).window.document;
const facts = (item: Element) =>
  Object.fromEntries(
    Array.from(item.querySelectorAll(".facts dt"), (dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent?.trim(),
    ]),
  );

describe("the index page", () => {
  it.each(mysteries)("shows %s's title, teaser, tools, time and author", async (m) => {
    const puzzle = await readPuzzle(path.join(storiesDir, m), ourMacroSpecs());
    const item = Array.from(index().querySelectorAll("li.puzzle")).find(
      (li) => li.querySelector("h2 a")?.getAttribute("href") === `${m}.html`,
    );
    expect(item, `an entry linking ${m}.html`).toBeDefined();
    expect(item!.querySelector("h2")!.textContent).toBe(puzzle.title);
    expect(item!.querySelector(".teaser")!.textContent).toBe(puzzle.teaser);
    const shown = facts(item!);
    expect(shown.Time).toBe(`about ${puzzle.minutes} minutes`);
    expect(puzzle.minutes, "minutes, rounded to 5").toBeGreaterThanOrEqual(5);
    expect(puzzle.minutes % 5).toBe(0);
    // Both of ours say which tools and who: an author's mystery without them just omits the lines.
    expect(puzzle.tools.length, `${m}/tools.txt`).toBeGreaterThan(0);
    expect(shown.Tools).toBe(puzzle.tools.join(", "));
    expect(shown.By, "the StoryAuthor byline, after By").toBeTruthy();
    expect(shown.By, "the row says By once").not.toMatch(/^by\b/i);
  });

  it("credits Julia Evans for the 50ms mystery, linking her original", () => {
    const item = Array.from(index().querySelectorAll("li.puzzle")).find(
      (li) => li.querySelector("h2 a")?.getAttribute("href") === "50ms-request.html",
    )!;
    const by = Array.from(item.querySelectorAll(".facts dt")).find((dt) => dt.textContent === "By")!
      .nextElementSibling!;
    expect(by.textContent).toContain("Julia Evans");
    expect(Array.from(by.querySelectorAll("a"), (a) => a.getAttribute("href"))).toContain(
      "https://mysteries.wizardzines.com/50ms-request.html",
    );
  });

  it("is one self-contained page, with a language and a main landmark", () => {
    const doc = index();
    expect(doc.documentElement.lang).toBe("en");
    expect(doc.querySelectorAll("main")).toHaveLength(1);
    expect(
      doc.querySelectorAll('script[src], link:not([href^="data:"]), img'),
      "nothing loaded from elsewhere",
    ).toHaveLength(0);
  });
});

describe("how far the player got", () => {
  /** The built page with its script run over `records` (IFID → record) in localStorage. */
  const played = (records: Record<string, unknown>) => {
    const dom = new JSDOM(readFileSync(path.join(distDir, "index.html"), "utf8"), {
      url: "http://127.0.0.1/puzzles/index.html",
      runScripts: "dangerously",
      beforeParse(window) {
        for (const [ifid, record] of Object.entries(records))
          window.localStorage.setItem(progressKey(ifid), JSON.stringify(record));
      },
    });
    const items = Array.from(dom.window.document.querySelectorAll<HTMLElement>("li.puzzle"));
    return { dom, items, marks: items.map((li) => li.querySelector<HTMLElement>(".progress")!) };
  };

  it("marks each mystery not started, in progress or solved, from the stories' own records", () => {
    const { items } = played({});
    const [a, b] = items.map((li) => li.dataset.ifid!);
    expect(a && b, "each entry carries its story's IFID").toBeTruthy();
    const { marks } = played({ [a!]: { found: 3, of: 6, solved: false }, [b!]: { found: 8, of: 8, solved: true } });
    expect(marks.map((m) => [m.hidden, m.dataset.state, m.textContent])).toEqual([
      [false, "in-progress", "In progress: 3 of 6 clues"],
      [false, "solved", "Solved"],
    ]);
    expect(played({}).marks.map((m) => [m.hidden, m.textContent])).toEqual(items.map(() => [false, "Not started"]));
    expect(played({ [a!]: {} }).marks[0]!.textContent, "a record without counts").toBe("In progress");
    expect(played({ [a!]: "not a record" }).marks[0]!.textContent, "a value that is no record").toBe("Not started");
  });

  it("without its script, says nothing rather than something wrong", () => {
    const doc = index();
    expect(Array.from(doc.querySelectorAll<HTMLElement>(".progress"), (m) => m.hidden)).toEqual(
      mysteries.map(() => true),
    );
  });

  it("lists its mysteries in order, under its folder, for the stories' way on after an ending", () => {
    const { dom, items } = played({});
    const listed = JSON.parse(dom.window.localStorage.getItem(catalogueKey("http://127.0.0.1/puzzles/"))!) as unknown[];
    expect(listed).toEqual(
      items.map((li) => ({
        ifid: li.dataset.ifid,
        title: li.querySelector("h2")!.textContent,
        href: li.querySelector("h2 a")!.getAttribute("href"),
      })),
    );
  });
});

describe("bylineFact", () => {
  it('says "By" once, and shows a byline that does not start with it whole, as "Credit"', () => {
    expect(bylineFact('By <a href="https://jvns.ca/">Julia Evans</a> (story)')).toEqual({
      term: "By",
      html: '<a href="https://jvns.ca/">Julia Evans</a> (story)',
    });
    expect(bylineFact("An original mystery by us")).toEqual({ term: "Credit", html: "An original mystery by us" });
  });
});

describe("creditHtml", () => {
  it("keeps the byline's text and its http(s) links", () => {
    expect(creditHtml('Story by <a href="https://jvns.ca/">Julia Evans</a> &amp; friends')).toBe(
      'Story by <a href="https://jvns.ca/">Julia Evans</a> &amp; friends',
    );
  });
  it("drops every other tag and attribute, and escapes the rest", () => {
    expect(
      creditHtml('<b>Bold</b> <a href="javascript:alert(1)">x</a> <img src=x onerror=alert(1)> "quotes" & 5 < 6'),
    ).toBe("Bold x &quot;quotes&quot; &amp; 5 &lt; 6");
    expect(creditHtml('<a href="https://a.example/" onclick="alert(1)">a <i>b</i></a>')).toBe(
      '<a href="https://a.example/">a b</a>',
    );
  });
  it("shows a character reference as its character, as the story's sidebar does", () => {
    expect(creditHtml("Julia&nbsp;Evans &#38; Ren&#xE9;e &LT;3")).toBe("Julia Evans &amp; Renée &lt;3");
  });
});

describe("reading time", () => {
  const passage = (name: string, text: string, tags: string[] = []): Passage =>
    ({ name, tags, text, metadata: {}, file: "x.twee", line: 1 }) as Passage;

  const minutes = (passages: Passage[]) => playMinutes(storyProseWords(passages, ourMacroSpecs()));

  it("counts prose words, not listings, markup, link targets or macro names (words.ts, as npm run stats)", () => {
    const text = [
      "<p>You run <code>ping</code>:</p>",
      '<pre>"""$ ping mysterybox\nPING mysterybox (1.2.3.4) 56(84) bytes of data."""</pre>',
      '<<ask "What does this mean?" "$why" "ping 2">>',
      "[[Go back -> Client]]",
    ].join("\n");
    // "You run ping", "What does this mean?", "Go back"
    expect(storyProseWords([passage("Start", text)], ourMacroSpecs())).toBe(3 + 4 + 2);
  });

  it("reads the story's pages at WORDS_PER_MINUTE, rounded to 5 minutes, at least 5", () => {
    const words = (n: number) => Array.from({ length: n }, () => "word").join(" ");
    expect(minutes([passage("Start", words(10))])).toBe(5);
    expect(
      minutes([passage("Start", `${words(WORDS_PER_MINUTE * 12)} [[B]]`), passage("B", words(WORDS_PER_MINUTE * 3))]),
    ).toBe(15);
    // Only what a player can reach: a draft no link reaches is not part of the game.
    expect(minutes([passage("Start", words(10)), passage("Draft", words(WORDS_PER_MINUTE * 30))])).toBe(5);
    // Special passages and code are not pages.
    expect(
      minutes([passage("StoryCaption", words(WORDS_PER_MINUTE * 30)), passage("S", words(9999), ["script"])]),
    ).toBe(5);
  });
});
