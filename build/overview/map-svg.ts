// The story map as one plain SVG (no script): a box per passage where Twine's map puts it, named
// like the passage, with a <title> (hover) telling its clues and where it is; an arrow per link
// or form target; start, endings, clue passages, special passages and pictures marked by colour
// AND by a word on the box (so the map reads in greyscale too); the usual route drawn over the
// arrows in orange; a legend above. Pure: graph in, text out.
import type { Box } from "../twine/box-grid.js";
import type { GraphLink, GraphPassage, Role, StoryGraph } from "./map-graph.js";
import { escapeXml, GLYPH, NAME_SIZE, nameSize, wrapName } from "./map-text.js";

const MARGIN = 30;
const BADGE_SIZE = 9;
const ROUTE_COLOUR = "#e8590c";

interface Look {
  readonly fill: string;
  readonly stroke: string;
  readonly width: number;
  readonly dash?: string;
  readonly word: string;
  readonly legend: string;
}

const LOOK: Readonly<Record<Role | "clue", Look>> = {
  start: { fill: "#e3efff", stroke: "#1c5fb8", width: 3, word: "START", legend: "start passage" },
  ending: { fill: "#e0f2e3", stroke: "#2e7d32", width: 3, word: "ENDING", legend: "ending (tagged ending)" },
  clue: { fill: "#fff1bf", stroke: "#a87b00", width: 2, word: "CLUE", legend: "clue" },
  page: { fill: "#ffffff", stroke: "#8a8a8a", width: 1, word: "", legend: "passage" },
  special: {
    fill: "#f0f0f0",
    stroke: "#9a9a9a",
    width: 1,
    dash: "4 3",
    word: "SPECIAL",
    legend: "special (StoryInit, StoryCaption…)",
  },
  picture: { fill: "#f3edf9", stroke: "#8466aa", width: 1, dash: "4 3", word: "PICTURE", legend: "picture" },
};

const num = (n: number) => String(Math.round(n * 10) / 10);

/** The look of a box: start and endings first, then clues, then the rest. */
function lookOf(p: GraphPassage): Look {
  if (p.role === "page" && p.clues.length > 0) return LOOK.clue;
  return LOOK[p.role];
}

/** The words on a box above its name: its role, its clues, its questions. */
function badges(p: GraphPassage): string {
  const words = [LOOK[p.role].word];
  if (p.clues.length > 0) words.push(p.clues.length === 1 ? "CLUE" : `${p.clues.length} CLUES`);
  if (p.questions > 0) words.push(p.questions === 1 ? "ASKS" : `ASKS ×${p.questions}`);
  return words.filter(Boolean).join(" · ");
}

/** The hover text of a box. */
function tooltip(p: GraphPassage): string {
  const lines = [p.name];
  const role = badges(p);
  if (role) lines.push(role.toLowerCase());
  for (const clue of p.clues) lines.push(`clue: ${clue}`);
  if (p.tags.length > 0) lines.push(`tags: ${p.tags.join(" ")}`);
  lines.push(`${p.file}:${p.line}`);
  return lines.join("\n");
}

function passageBox(p: GraphPassage, at: Box, onRoute: boolean): string {
  const look = lookOf(p);
  const dash = look.dash ? ` stroke-dasharray="${look.dash}"` : "";
  const pad = 6;
  const top = at.y + pad + BADGE_SIZE;
  const size = nameSize(p.name, at.w - pad * 2);
  const line = Math.round(size * 1.2);
  const room = Math.max(1, Math.floor((at.h - pad * 2 - BADGE_SIZE - 4) / line));
  const lines = wrapName(p.name, at.w - pad * 2, room, size);
  const badge = badges(p);
  const parts = [
    `<g class="passage" data-name="${escapeXml(p.name)}" data-role="${p.role}"${p.clues.length ? ` data-clues="${p.clues.length}"` : ""}>`,
    `<title>${escapeXml(tooltip(p))}</title>`,
    onRoute
      ? `<rect class="on-route" x="${num(at.x - 4)}" y="${num(at.y - 4)}" width="${num(at.w + 8)}" height="${num(at.h + 8)}" rx="6" fill="none" stroke="${ROUTE_COLOUR}" stroke-width="2"/>`
      : "",
    `<rect class="box" x="${num(at.x)}" y="${num(at.y)}" width="${num(at.w)}" height="${num(at.h)}" rx="4" fill="${look.fill}" stroke="${look.stroke}" stroke-width="${look.width}"${dash}/>`,
    badge
      ? `<text class="badge" x="${num(at.x + pad)}" y="${num(top)}" fill="${look.stroke === LOOK.page.stroke ? "#555" : look.stroke}">${escapeXml(badge)}</text>`
      : "",
    `<text class="name" x="${num(at.x + at.w / 2)}" y="${num(top + 4 + (line * (room - lines.length)) / 2)}"${size === NAME_SIZE ? "" : ` style="font-size: ${size}px"`}>`,
    ...lines.map((l) => `<tspan x="${num(at.x + at.w / 2)}" dy="${line}">${escapeXml(l)}</tspan>`),
    "</text>",
    "</g>",
  ];
  return parts.filter(Boolean).join("");
}

const centre = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

/** Where the line from the box's centre towards `to` leaves the box, `gap` further out. */
function exit(b: Box, to: { x: number; y: number }, gap = 3): { x: number; y: number } {
  const c = centre(b);
  const [dx, dy] = [to.x - c.x, to.y - c.y];
  const t = Math.min(dx === 0 ? Infinity : b.w / 2 / Math.abs(dx), dy === 0 ? Infinity : b.h / 2 / Math.abs(dy));
  const len = Math.hypot(dx, dy) || 1;
  return { x: c.x + dx * t + (dx / len) * gap, y: c.y + dy * t + (dy / len) * gap };
}

/** A gently curved path from box a to box b (straight when `straight`); a small loop for a link to itself. */
function arrowPath(a: Box, b: Box, straight: boolean): string {
  if (a === b) {
    const [x, y] = [a.x + a.w, a.y + a.h / 4];
    return `M${num(x)},${num(y)} c 28,-22 28,30 2,${num(a.h / 4)}`;
  }
  const [ca, cb] = [centre(a), centre(b)];
  const len = Math.hypot(cb.x - ca.x, cb.y - ca.y) || 1;
  const bend = straight ? 0 : Math.min(40, len * 0.12);
  // Bend to the right of the direction of travel, so A→B and B→A never share a line.
  const control = {
    x: (ca.x + cb.x) / 2 - ((cb.y - ca.y) / len) * bend,
    y: (ca.y + cb.y) / 2 + ((cb.x - ca.x) / len) * bend,
  };
  const [from, to] = [exit(a, control), exit(b, control)];
  return `M${num(from.x)},${num(from.y)} Q${num(control.x)},${num(control.y)} ${num(to.x)},${num(to.y)}`;
}

interface Arrow {
  readonly from: string;
  readonly to: string;
  readonly kind: GraphLink["kind"];
  readonly both: boolean;
}

/** One arrow per pair and kind: a link both ways is one line with two heads, as on Twine's map. */
function arrowsOf(links: readonly GraphLink[]): Arrow[] {
  const has = new Set(links.map((l) => JSON.stringify([l.from, l.to, l.kind])));
  const arrows: Arrow[] = [];
  for (const l of links) {
    const back = l.from !== l.to && has.has(JSON.stringify([l.to, l.from, l.kind]));
    if (back && l.from > l.to) continue; // drawn from the other end
    arrows.push({ from: l.from, to: l.to, kind: l.kind, both: back });
  }
  return arrows;
}

function arrowElement(arrow: Arrow, boxes: ReadonlyMap<string, Box>, css: string, head: string): string {
  const d = arrowPath(boxes.get(arrow.from)!, boxes.get(arrow.to)!, arrow.both);
  const start = arrow.both ? ` marker-start="url(#${head})"` : "";
  const title = `${arrow.from} ${arrow.both ? "↔" : "→"} ${arrow.to}`;
  return (
    `<path class="${css}" data-from="${escapeXml(arrow.from)}" data-to="${escapeXml(arrow.to)}"${arrow.both ? ' data-both="true"' : ""} ` +
    `d="${d}" marker-end="url(#${head})"${start}><title>${escapeXml(title)}</title></path>`
  );
}

/** The route's steps as arrows: each pair of passages it goes between, once, with the directions it takes. */
function routeArrows(steps: readonly string[], boxes: ReadonlyMap<string, Box>): Arrow[] {
  const taken = new Set<string>();
  for (let i = 1; i < steps.length; i++) {
    if (boxes.has(steps[i - 1]!) && boxes.has(steps[i]!)) taken.add(JSON.stringify([steps[i - 1], steps[i]]));
  }
  return arrowsOf(
    [...taken].map((k) => JSON.parse(k) as [string, string]).map(([from, to]) => ({ from, to, kind: "move" as const })),
  );
}

interface LegendItem {
  readonly width: number;
  readonly draw: (x: number, y: number) => string;
}

function legendItems(graph: StoryGraph): LegendItem[] {
  const label = (x: number, y: number, text: string) =>
    `<text class="legend" x="${x}" y="${y + 15}">${escapeXml(text)}</text>`;
  const textWidth = (text: string) => Math.ceil(text.length * 12 * GLYPH);
  const swatch = (look: Look, text: string): LegendItem => ({
    width: 40 + textWidth(text),
    draw: (x, y) =>
      `<rect x="${x}" y="${y + 2}" width="30" height="18" rx="3" fill="${look.fill}" stroke="${look.stroke}" stroke-width="${look.width}"${look.dash ? ` stroke-dasharray="${look.dash}"` : ""}/>` +
      label(x + 38, y, text),
  });
  const line = (css: string, head: string, text: string): LegendItem => ({
    width: 52 + textWidth(text),
    draw: (x, y) =>
      `<path class="${css}" d="M${x},${y + 11} H${x + 40}" marker-end="url(#${head})"/>${label(x + 50, y, text)}`,
  });
  const roles: (Role | "clue")[] = ["start", "clue", "ending", "page", "special", "picture"];
  const present = new Set(graph.passages.map((p) => (p.role === "page" && p.clues.length > 0 ? "clue" : p.role)));
  // Our macros that record clues and those that are questions, as their specs say (the first question stands for all).
  const named = (names: readonly string[]) => (names.length > 0 ? ` (${names.map((n) => `<<${n}>>`).join(", ")})` : "");
  const legendOf = (r: Role | "clue") =>
    r === "clue" ? `${LOOK.clue.legend}${named(graph.macros.clues)}` : LOOK[r].legend;
  const items = roles
    .filter((r) => present.has(r) || r === "clue" || r === "ending")
    .map((r) => swatch(LOOK[r], legendOf(r)));
  const asks = `ASKS: a question${named(graph.macros.questions.slice(0, 1))}`;
  items.push({ width: textWidth(asks), draw: (x, y) => label(x, y, asks) });
  items.push(line("link", "head", "link or form"));
  if (graph.links.some((l) => l.kind === "shows"))
    items.push(line("shows", "head-shows", "shown inside (<<include>>, picture)"));
  if (graph.route) items.push(line("route", "head-route", "the usual route (route.json)"));
  return items;
}

/** Legend rows that fit `width`; returns the SVG and its height. */
function legend(graph: StoryGraph, x0: number, y0: number, width: number): { svg: string; height: number } {
  const rows: string[] = [];
  let [x, y] = [x0, y0];
  for (const item of legendItems(graph)) {
    if (x > x0 && x + item.width > x0 + width) [x, y] = [x0, y + 26];
    rows.push(item.draw(x, y));
    x += item.width + 22;
  }
  return { svg: rows.join("\n"), height: y - y0 + 26 };
}

function summaryLine(graph: StoryGraph): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const clues = new Set(graph.passages.flatMap((p) => p.clues)).size;
  const endings = graph.passages.filter((p) => p.role === "ending").length;
  const parts = [plural(graph.passages.length, "passage"), plural(clues, "clue"), plural(endings, "ending")];
  if (graph.route) parts.push(`usual route: ${plural(graph.route.steps.length, "passage")} from ${graph.start}`);
  return parts.join(" · ");
}

export function mapSvg(graph: StoryGraph): string {
  const boxes0 = graph.passages.map((p) => p.box);
  const [minX, minY] = [Math.min(...boxes0.map((b) => b.x)), Math.min(...boxes0.map((b) => b.y))];
  const [maxX, maxY] = [Math.max(...boxes0.map((b) => b.x + b.w)), Math.max(...boxes0.map((b) => b.y + b.h))];
  const width = Math.max(maxX - minX + 2 * MARGIN, 760);
  const { svg: legendSvg, height: legendHeight } = legend(graph, MARGIN, MARGIN + 36, width - 2 * MARGIN);
  const top = MARGIN + 36 + legendHeight + 24;
  const height = top + (maxY - minY) + MARGIN;
  // Twine's coordinates, moved so the map starts below the legend.
  const boxes = new Map(
    graph.passages.map((p) => [p.name, { ...p.box, x: p.box.x - minX + MARGIN, y: p.box.y - minY + top }] as const),
  );
  const onRoute = new Set(graph.route?.steps ?? []);
  const arrows = arrowsOf(graph.links);
  // In user units, so a thick route line does not get a huge head.
  const marker = (id: string, colour: string, size = 9) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="${size}" markerHeight="${size}" orient="auto-start-reverse">` +
    `<path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;
  const title = `Story map: ${graph.title}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img" aria-labelledby="map-title map-desc" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">`,
    `<title id="map-title">${escapeXml(title)}</title>`,
    `<desc id="map-desc">${escapeXml(`${summaryLine(graph)}. Each box is a passage, placed as on Twine's story map; arrows are links and forms.`)}</desc>`,
    "<defs>",
    marker("head", "#666"),
    marker("head-shows", "#9a9a9a"),
    marker("head-route", ROUTE_COLOUR, 12),
    "<style>",
    ".link { fill: none; stroke: #666; stroke-width: 1.3; }",
    ".shows { fill: none; stroke: #9a9a9a; stroke-width: 1.2; stroke-dasharray: 5 4; }",
    `.route { fill: none; stroke: ${ROUTE_COLOUR}; stroke-width: 2.5; stroke-opacity: 0.8; }`,
    `.name { font-size: ${NAME_SIZE}px; text-anchor: middle; fill: #111; }`,
    `.badge { font-size: ${BADGE_SIZE}px; font-weight: 700; letter-spacing: 0.04em; }`,
    ".legend { font-size: 12px; fill: #222; }",
    ".heading { font-size: 20px; font-weight: 700; fill: #111; }",
    ".summary { font-size: 13px; fill: #444; }",
    "</style>",
    "</defs>",
    `<rect width="100%" height="100%" fill="#fcfcfa"/>`,
    `<text class="heading" x="${MARGIN}" y="${MARGIN + 4}">${escapeXml(graph.title)}</text>`,
    `<text class="summary" x="${MARGIN}" y="${MARGIN + 24}">${escapeXml(summaryLine(graph))}</text>`,
    legendSvg,
    '<g class="arrows">',
    ...arrows.map((a) =>
      arrowElement(a, boxes, a.kind === "move" ? "link" : "shows", a.kind === "move" ? "head" : "head-shows"),
    ),
    "</g>",
    '<g class="usual-route">',
    ...routeArrows(graph.route?.steps ?? [], boxes).map((a) => arrowElement(a, boxes, "route", "head-route")),
    "</g>",
    '<g class="passages">',
    ...graph.passages.map((p) => passageBox(p, boxes.get(p.name)!, onRoute.has(p.name))),
    "</g>",
    "</svg>",
    "",
  ].join("\n");
}
