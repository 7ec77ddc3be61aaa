// dist/index.html, "all puzzles": for each mystery its title (the link), its teaser, the tools the
// player uses, about how long it takes and who wrote it, and how far this player got (not started,
// in progress, solved: from the records the stories keep in the player's own browser, read by a
// small script; nothing leaves the browser); the page each mystery's "Back to all puzzles" link
// reaches. Pure; self-contained like the stories, and readable on a phone.
import { decodeEntities, escapeHtml } from "../shared/escapes.js";
import { catalogueKey, progressKey } from "../../macros/storage.js";

export interface PuzzleEntry {
  /** The mystery's folder name: its file is `<slug>.html`. */
  readonly slug: string;
  readonly title: string;
  readonly teaser: string;
  /** The tools the player uses (tools.txt), in the author's order; may be empty. */
  readonly tools: readonly string[];
  /** About how long it takes, in minutes (from the word count: reading-time.ts). */
  readonly minutes: number;
  /** The StoryAuthor passage's source, the byline SugarCube shows in the sidebar; may be empty. */
  readonly credit: string;
  /** StoryData's IFID: the story's records in the player's browser are kept under it. */
  readonly ifid: string;
}

const text = (s: string) => escapeHtml(decodeEntities(s.replace(/<[^>]*>/g, "")).replace(/\s+/g, " "));

/**
 * A byline's source (HTML, as written for SugarCube's sidebar) as safe HTML for the index: its
 * text, and its links to http(s) addresses; every other tag is dropped and everything is escaped.
 */
export function creditHtml(source: string): string {
  const link = /<a\b[^>]*?\bhref\s*=\s*"(https?:\/\/[^"]*)"[^>]*>([\s\S]*?)<\/a>/gi;
  let html = "";
  let at = 0;
  for (const m of source.matchAll(link)) {
    html += text(source.slice(at, m.index));
    html += `<a href="${escapeHtml(decodeEntities(m[1]!))}">${text(m[2]!)}</a>`;
    at = m.index + m[0].length;
  }
  return (html + text(source.slice(at))).trim();
}

/** The byline's row: "By" and the names when the byline starts with "By" (the row says it once),
 *  else "Credit" and the whole line ("An original mystery by…" reads wrong after "By"). */
export function bylineFact(credit: string): { term: "By" | "Credit"; html: string } {
  const source = credit.trim();
  const by = /^by\s+/i.exec(source);
  return by
    ? { term: "By", html: creditHtml(source.slice(by[0].length)) }
    : { term: "Credit", html: creditHtml(source) };
}

const fact = (term: string, value: string) => `        <div><dt>${term}</dt><dd>${value}</dd></div>`;

export interface IndexOptions {
  /** Link each mystery's story map, <slug>.map.svg (npm run dev draws them; npm run build does not). */
  readonly maps?: boolean;
}

function entry(p: PuzzleEntry, options: IndexOptions): string {
  const byline = bylineFact(p.credit);
  const facts = [
    p.tools.length > 0 ? fact("Tools", p.tools.map(escapeHtml).join(", ")) : "",
    fact("Time", `about ${p.minutes} minutes`),
    p.credit.trim() ? fact(byline.term, byline.html) : "",
    options.maps ? fact("Map", `<a href="${escapeHtml(encodeURIComponent(p.slug))}.map.svg">story map</a>`) : "",
  ].filter(Boolean);
  return [
    p.ifid
      ? `    <li class="puzzle" data-ifid="${escapeHtml(p.ifid)}" data-progress-key="${escapeHtml(progressKey(p.ifid))}">`
      : `    <li class="puzzle">`,
    `      <h2><a href="${escapeHtml(encodeURIComponent(p.slug))}.html">${escapeHtml(p.title)}</a></h2>`,
    p.ifid ? `      <p class="progress" hidden></p>` : "",
    `      <p class="teaser">${escapeHtml(p.teaser)}</p>`,
    `      <dl class="facts">`,
    ...facts,
    `      </dl>`,
    `    </li>`,
  ]
    .filter(Boolean)
    .join("\n");
}

/** The page's look: dark like the stories, one column, large enough to read on a phone. */
export const INDEX_CSS = `
    :root { color-scheme: dark; }
    body { font: 18px/1.5 system-ui, sans-serif; max-width: 40em; margin: 0 auto; padding: 2em 1em 3em; background: #111; color: #eee; }
    h1 { font-size: 1.8em; margin: 0 0 0.25em; }
    .intro { color: #ccc; margin: 0 0 2em; }
    .puzzles { list-style: none; margin: 0; padding: 0; }
    .puzzle { margin: 0 0 1.5em; padding: 1em 1.25em; border: 1px solid #444; border-radius: 8px; background: #1b1b1b; }
    .puzzle h2 { font-size: 1.3em; margin: 0 0 0.4em; line-height: 1.3; }
    a { color: #8ab4ff; }
    a:visited { color: #c3a6e8; }
    a:focus-visible { outline: 3px solid #ffcc4d; outline-offset: 2px; }
    .teaser { margin: 0 0 0.75em; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0; color: #ccc; font-size: 0.9em; }
    .facts div { display: contents; }
    .facts dt { font-weight: 600; color: #eee; }
    .facts dd { margin: 0; overflow-wrap: anywhere; }
    .progress { display: inline-block; margin: 0 0 0.6em; padding: 0.1em 0.6em; border: 1px solid #666; border-radius: 1em; font-size: 0.85em; color: #ddd; }
    .progress[data-state="in-progress"] { border-color: #e5c07b; }
    .progress[data-state="solved"] { border-color: #7fd18b; color: #bff0c6; }
    @media (prefers-color-scheme: light) {
      :root { color-scheme: light; }
      body { background: #fdfdfc; color: #1b1b1b; }
      .intro, .facts { color: #333; }
      .puzzle { border-color: #bbb; background: #f4f4f2; }
      a { color: #1a55c4; }
      a:visited { color: #6b3fa0; }
      a:focus-visible { outline-color: #1a55c4; }
      .facts dt { color: #1b1b1b; }
      .progress { border-color: #888; color: #333; }
      .progress[data-state="in-progress"] { border-color: #9a6700; }
      .progress[data-state="solved"] { border-color: #2d7a3a; color: #1e5c29; }
    }
    @media (max-width: 30em) {
      body { padding-top: 1em; }
      .puzzle { padding: 0.75em 1em; }
      .facts { grid-template-columns: 1fr; gap: 0; }
      .facts dd { margin-bottom: 0.4em; }
    }`;

/**
 * The page's only script: marks each mystery with what the player's own browser knows of it (the
 * record the story keeps: macros/progress.ts), and lists the mysteries in this page's order for
 * the stories' way on from an ending (macros/way-on.ts). Both in localStorage, under this folder.
 */
export const PROGRESS_SCRIPT = `
(function () {
  var items = Array.prototype.slice.call(document.querySelectorAll("li.puzzle[data-ifid]"));
  var read = function (key) { try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; } };
  items.forEach(function (item) {
    var mark = item.querySelector(".progress");
    var record = read(item.getAttribute("data-progress-key"));
    var state = !record || typeof record !== "object" ? "not-started" : record.solved === true ? "solved" : "in-progress";
    mark.setAttribute("data-state", state);
    mark.textContent = state === "solved" ? "Solved" : state === "not-started" ? "Not started"
      : record.of > 0 ? "In progress: " + record.found + " of " + record.of + " clues" : "In progress";
    mark.hidden = false;
  });
  try {
    localStorage.setItem(${JSON.stringify(catalogueKey(""))} + new URL(".", location.href).href, JSON.stringify(items.map(function (item) {
      var link = item.querySelector("h2 a");
      return { ifid: item.getAttribute("data-ifid"), title: link.textContent, href: link.getAttribute("href") };
    })));
  } catch (e) {}
})();
`;

export function indexPage(puzzles: readonly PuzzleEntry[], options: IndexOptions = {}): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>All puzzles: debugging mysteries</title>
  <style>${INDEX_CSS}
  </style>
</head>
<body>
<main>
  <h1>All puzzles</h1>
  <p class="intro">Debugging mysteries: investigate a real-looking bug with real tools, collect clues, find the cause. Each one plays in your browser; nothing to install.</p>
  <ul class="puzzles">
${puzzles.map((p) => entry(p, options)).join("\n")}
  </ul>
</main>
<script>${PROGRESS_SCRIPT}</script>
</body>
</html>
`;
}
