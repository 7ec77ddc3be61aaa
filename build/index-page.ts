// dist/index.html, "all puzzles": one entry per mystery (title, one-line teaser, link), the page
// each mystery's "Back to all puzzles" link reaches. Pure; self-contained like the stories.
import { escapeHtml } from "./html.js";

export interface PuzzleEntry {
  /** The mystery's folder name: its file is `<slug>.html`. */
  readonly slug: string;
  readonly title: string;
  readonly teaser: string;
}

export interface IndexOptions {
  /** Link each mystery's story map, <slug>.map.svg (npm run dev draws them; npm run build does not). */
  readonly maps?: boolean;
}

export function indexPage(puzzles: readonly PuzzleEntry[], options: IndexOptions = {}): string {
  const items = puzzles
    .map(
      (p) =>
        `    <li>\n      <a href="${escapeHtml(encodeURIComponent(p.slug))}.html">${escapeHtml(p.title)}</a>\n` +
        `      <p>${escapeHtml(p.teaser)}</p>\n` +
        (options.maps ? `      <p class="map"><a href="${escapeHtml(encodeURIComponent(p.slug))}.map.svg">story map</a></p>\n` : "") +
        "    </li>",
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>All puzzles: debugging mysteries</title>
  <style>
    body { font: 18px/1.5 system-ui, sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em; background: #111; color: #eee; }
    a { color: #68d; font-size: 1.2em; }
    li { margin-bottom: 1.5em; }
    li p { margin: 0.25em 0 0; color: #bbb; }
    li p.map a { font-size: 0.85em; }
  </style>
</head>
<body>
  <h1>All puzzles</h1>
  <p>Debugging mysteries: investigate a real-looking bug with real tools, collect clues, find the cause.</p>
  <ul>
${items}
  </ul>
</body>
</html>
`;
}
