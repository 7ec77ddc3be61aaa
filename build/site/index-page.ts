// dist/index.html, "all puzzles": for each mystery its title (the link), its teaser, the tools the
// player uses, about how long it takes and who wrote it; the page each mystery's "Back to all
// puzzles" link reaches. Pure; self-contained like the stories, and readable on a phone.
import { escapeHtml } from "../compile/html.js";

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
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e: string) => ENTITIES[e]!);
const text = (s: string) => escapeHtml(decode(s.replace(/<[^>]*>/g, "")).replace(/\s+/g, " "));

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
    html += `<a href="${escapeHtml(decode(m[1]!))}">${text(m[2]!)}</a>`;
    at = m.index + m[0].length;
  }
  return (html + text(source.slice(at))).trim();
}

const fact = (term: string, value: string) => `        <div><dt>${term}</dt><dd>${value}</dd></div>`;

export interface IndexOptions {
  /** Link each mystery's story map, <slug>.map.svg (npm run dev draws them; npm run build does not). */
  readonly maps?: boolean;
}

function entry(p: PuzzleEntry, options: IndexOptions): string {
  const facts = [
    p.tools.length > 0 ? fact("Tools", p.tools.map(escapeHtml).join(", ")) : "",
    fact("Time", `about ${p.minutes} minutes`),
    p.credit.trim() ? fact("By", creditHtml(p.credit)) : "",
    options.maps ? fact("Map", `<a href="${escapeHtml(encodeURIComponent(p.slug))}.map.svg">story map</a>`) : "",
  ].filter(Boolean);
  return [
    `    <li class="puzzle">`,
    `      <h2><a href="${escapeHtml(encodeURIComponent(p.slug))}.html">${escapeHtml(p.title)}</a></h2>`,
    `      <p class="teaser">${escapeHtml(p.teaser)}</p>`,
    `      <dl class="facts">`,
    ...facts,
    `      </dl>`,
    `    </li>`,
  ].join("\n");
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
    a:focus-visible { outline: 3px solid #ffcc4d; outline-offset: 2px; }
    .teaser { margin: 0 0 0.75em; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0; color: #ccc; font-size: 0.9em; }
    .facts div { display: contents; }
    .facts dt { font-weight: 600; color: #eee; }
    .facts dd { margin: 0; overflow-wrap: anywhere; }
    @media (max-width: 30em) {
      body { padding-top: 1em; }
      .puzzle { padding: 0.75em 1em; }
      .facts { grid-template-columns: 1fr; gap: 0; }
      .facts dd { margin-bottom: 0.4em; }
    }`;

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
</body>
</html>
`;
}
