// Boxes on the story map, found by where they are: a grid of square cells, each listing the boxes
// that overlap it, so "which boxes are near this one" looks at a few cells instead of every box
// (layout.ts places thousands of passages; checking each against all was quadratic).

/** A passage's box on the map, in map pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export class BoxGrid {
  private readonly cells = new Map<string, Box[]>();

  constructor(private readonly cell = 250) {}

  private span(from: number, to: number): [number, number] {
    return [Math.floor(from / this.cell), Math.floor(to / this.cell)];
  }

  add(box: Box): void {
    const [x0, x1] = this.span(box.x, box.x + box.w);
    const [y0, y1] = this.span(box.y, box.y + box.h);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const key = `${cx},${cy}`;
        const list = this.cells.get(key);
        if (list) list.push(box);
        else this.cells.set(key, [box]);
      }
    }
  }

  /** Every box that `test` accepts among those within `margin` of `box` (each once). */
  near(box: Box, margin: number, test: (other: Box) => boolean): Box[] {
    const [x0, x1] = this.span(box.x - margin, box.x + box.w + margin);
    const [y0, y1] = this.span(box.y - margin, box.y + box.h + margin);
    const found = new Set<Box>();
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        for (const other of this.cells.get(`${cx},${cy}`) ?? []) if (!found.has(other) && test(other)) found.add(other);
      }
    }
    return [...found];
  }
}
