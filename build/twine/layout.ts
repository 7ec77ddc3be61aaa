// Where each passage goes on Twine's story map, for passages that have no place yet. Pure and
// deterministic: the same passages always get the same positions.
//
// The rule: the story reads from the top left. A breadth-first walk from the start passage over
// the links (in link order) gives each passage a depth, and each depth is a column, left to
// right. Within the walk's tree a passage's first branch stays on its row and the other branches
// go below it, each with as many rows as it has leaves, so a hub's choices stack top to bottom in
// the order they are written and a chain of passages (curl → curl 2 → curl 3) reads as one row.
// Columns are as wide, and rows as tall, as their widest and tallest box, with a 25 px gap.
// Passages no link reaches go to rows of their own below everything, in source order.
// Existing positions are kept; a new box that would overlap or touch any other box (closer than
// the gap) moves down to the first free place, and its branches follow it.

import { type Box, BoxGrid } from "./box-grid.js";

export interface LayoutPassage {
  readonly name: string;
  /** "x,y" (top left, pixels) when the passage already has a place: it is kept. */
  readonly position?: string;
  /** "w,h"; 100,100 when absent. */
  readonly size?: string;
  /** Passages this one leads to or pulls in, in text order; names of no passage are ignored. */
  readonly links: readonly string[];
}

export interface LayoutOptions {
  /** Top left of the map, where the start passage goes. Tweego's grid starts at 100,100. */
  readonly origin?: { readonly x: number; readonly y: number };
  /** Space between boxes. Tweego's grid: 100 px boxes, 25 px apart. */
  readonly gap?: number;
  /** The area for unreachable passages wraps after this many default-width columns at least. */
  readonly minWrapColumns?: number;
}

export const DEFAULT_SIZE = { w: 100, h: 100 } as const;

/** "x,y" or "w,h" → numbers; undefined when absent or malformed. */
export function parsePair(value: string | undefined): [number, number] | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value ?? "");
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function sizeOf(p: { size?: string }): { w: number; h: number } {
  const s = parsePair(p.size);
  return s && s[0] > 0 && s[1] > 0 ? { w: s[0], h: s[1] } : DEFAULT_SIZE;
}

/** The passage's box, when it has a position. */
export function boxOf(p: { position?: string; size?: string }): Box | undefined {
  const at = parsePair(p.position);
  return at && { x: at[0], y: at[1], ...sizeOf(p) };
}

/** Two boxes are closer than `gap` (0: they overlap). */
export const crowds = (a: Box, b: Box, gap = 0) =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

/** The breadth-first tree from `start`: passages in walk order, each with its parent and depth. */
function walkFrom(start: string, byName: ReadonlyMap<string, LayoutPassage>) {
  const order: string[] = [];
  const parent = new Map<string, string>();
  const depth = new Map<string, number>();
  const children = new Map<string, string[]>();
  if (!byName.has(start)) return { order, parent, depth, children };
  depth.set(start, 0);
  for (let i = 0, queue = [start]; i < queue.length; i++) {
    const name = queue[i]!;
    order.push(name);
    children.set(name, []);
    for (const next of byName.get(name)!.links) {
      if (!byName.has(next) || depth.has(next)) continue;
      depth.set(next, depth.get(name)! + 1);
      parent.set(next, name);
      children.get(name)!.push(next);
      queue.push(next);
    }
  }
  return { order, parent, depth, children };
}

/** Running totals of sizes with gaps between: where each column (or row) starts. */
function starts(sizes: readonly number[], origin: number, gap: number): number[] {
  const out: number[] = [];
  let at = origin;
  for (const size of sizes) {
    out.push(at);
    at += size + gap;
  }
  return out;
}

/** Positions ("x,y") for every passage that has none, keyed by name, in input order. */
export function layoutStory(
  passages: readonly LayoutPassage[],
  start: string,
  options: LayoutOptions = {},
): Map<string, string> {
  const origin = options.origin ?? { x: 100, y: 100 };
  const gap = options.gap ?? 25;
  const byName = new Map(passages.map((p) => [p.name, p]));
  const placed: Box[] = passages.flatMap((p) => boxOf(p) ?? []);
  const grid = new BoxGrid();
  for (const b of placed) grid.add(b);
  const result = new Map<string, string>();
  const actual = new Map<string, Box>();

  /**
   * The first place at or below (x, y) where a w×h box keeps `gap` from every placed box: while
   * it crowds some, it moves down to the nearest of their bottoms (plus the gap), since every
   * place above that still crowds the box that ends there.
   */
  const free = (x: number, y: number, w: number, h: number): Box => {
    for (let box = { x, y, w, h }; ; ) {
      const crowding = grid.near(box, gap, (b) => crowds(box, b, gap));
      if (crowding.length === 0) return box;
      box = { x, y: Math.min(...crowding.map((b) => b.y + b.h + gap)), w, h };
    }
  };
  const place = (p: LayoutPassage, x: number, y: number) => {
    const { w, h } = sizeOf(p);
    const box = free(Math.max(0, x), Math.max(0, y), w, h);
    placed.push(box);
    grid.add(box);
    actual.set(p.name, box);
    result.set(p.name, `${box.x},${box.y}`);
  };

  // The flow: rows from the tree (a passage's band is as many rows as its subtree has leaves).
  const { order, parent, depth, children } = walkFrom(start, byName);
  const band = new Map<string, number>();
  for (const name of [...order].reverse()) {
    band.set(
      name,
      Math.max(
        1,
        children.get(name)!.reduce((n, c) => n + band.get(c)!, 0),
      ),
    );
  }
  const row = new Map<string, number>([[start, 0]]);
  for (const name of order) {
    let next = row.get(name)!;
    for (const c of children.get(name)!) {
      row.set(c, next);
      next += band.get(c)!;
    }
  }
  const widths: number[] = [];
  const heights: number[] = [];
  for (const name of order) {
    const { w, h } = sizeOf(byName.get(name)!);
    const [c, r] = [depth.get(name)!, row.get(name)!];
    widths[c] = Math.max(widths[c] ?? 0, w);
    heights[r] = Math.max(heights[r] ?? 0, h);
  }
  const colX = starts(
    Array.from(widths, (w) => w ?? DEFAULT_SIZE.w),
    origin.x,
    gap,
  );
  const rowY = starts(
    Array.from(heights, (h) => h ?? DEFAULT_SIZE.h),
    origin.y,
    gap,
  );
  const ideal = (name: string) => ({ x: colX[depth.get(name)!]!, y: rowY[row.get(name)!]! });

  for (const name of order) {
    const p = byName.get(name)!;
    const existing = boxOf(p);
    if (existing) {
      actual.set(name, existing);
      continue;
    }
    const from = parent.get(name);
    if (from === undefined) {
      place(p, origin.x, origin.y);
      continue;
    }
    // Relative to where the parent really is, so a branch follows a moved (or hand-placed) hub.
    const [mine, theirs, there] = [ideal(name), ideal(from), actual.get(from)!];
    place(p, there.x + mine.x - theirs.x, there.y + mine.y - theirs.y);
  }

  // The rest: rows below everything, left to right, in source order.
  const rest = passages.filter((p) => !depth.has(p.name) && !boxOf(p));
  if (rest.length > 0) {
    const bottom = placed.reduce((m, b) => Math.max(m, b.y + b.h), Number.NEGATIVE_INFINITY);
    const top = placed.length === 0 ? origin.y : bottom + gap + DEFAULT_SIZE.h + gap; // one empty row between
    const flowRight = [...actual.values()].reduce((m, b) => Math.max(m, b.x + b.w), origin.x);
    const right = Math.max(flowRight, origin.x + (options.minWrapColumns ?? 8) * (DEFAULT_SIZE.w + gap) - gap);
    let [x, y, rowHeight] = [origin.x, top, 0];
    for (const p of rest) {
      const { w, h } = sizeOf(p);
      if (x > origin.x && x + w > right) [x, y, rowHeight] = [origin.x, y + rowHeight + gap, 0];
      place(p, x, y);
      const box = actual.get(p.name)!;
      x = box.x + w + gap;
      rowHeight = Math.max(rowHeight, box.y + h - y);
    }
  }
  const inInputOrder = new Map<string, string>();
  for (const p of passages) if (result.has(p.name)) inInputOrder.set(p.name, result.get(p.name)!);
  return inInputOrder;
}
