// The changed lines between two texts, as a unified diff (`-` before, `+` after, two lines of
// context): how an edit Twine made to code that has no file to go back to (our macros' bundle, the
// built styles) is saved for the author to carry over by hand. Pure.

const CONTEXT = 2;
/** Past this many lines between the first and last change, lines are matched only at the ends. */
const MAX_MIDDLE = 4000;

type Op = { kind: " " | "-" | "+"; line: string };

/** The longest common subsequence of two line lists, as diff operations. */
function lcs(a: readonly string[], b: readonly string[]): Op[] {
  if (a.length * b.length > MAX_MIDDLE * MAX_MIDDLE || a.length === 0 || b.length === 0) {
    return [...a.map((line) => ({ kind: "-" as const, line })), ...b.map((line) => ({ kind: "+" as const, line }))];
  }
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i++]! });
      j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) ops.push({ kind: "-", line: a[i++]! });
    else ops.push({ kind: "+", line: b[j++]! });
  }
  while (i < a.length) ops.push({ kind: "-", line: a[i++]! });
  while (j < b.length) ops.push({ kind: "+", line: b[j++]! });
  return ops;
}

/** `before` → `after` as unified diff hunks under `--- from` / `+++ to`; "" when they are the same. */
export function lineDiff(before: string, after: string, from: string, to: string): string {
  if (before === after) return "";
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const ops: Op[] = [
    ...a.slice(0, start).map((line) => ({ kind: " " as const, line })),
    ...lcs(a.slice(start, a.length - end), b.slice(start, b.length - end)),
    ...a.slice(a.length - end).map((line) => ({ kind: " " as const, line })),
  ];
  // Hunks: each change with CONTEXT unchanged lines around it, near ones merged.
  const out = [`--- ${from}`, `+++ ${to}`];
  const changed = ops.map((o, k) => (o.kind === " " ? -1 : k)).filter((k) => k >= 0);
  let k = 0;
  while (k < changed.length) {
    let last = k;
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= 2 * CONTEXT + 1) last++;
    const from_ = Math.max(0, changed[k]! - CONTEXT);
    const to_ = Math.min(ops.length, changed[last]! + CONTEXT + 1);
    const aStart = ops.slice(0, from_).filter((o) => o.kind !== "+").length + 1;
    const bStart = ops.slice(0, from_).filter((o) => o.kind !== "-").length + 1;
    const hunk = ops.slice(from_, to_);
    out.push(
      `@@ -${aStart},${hunk.filter((o) => o.kind !== "+").length} +${bStart},${hunk.filter((o) => o.kind !== "-").length} @@`,
    );
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    k = last + 1;
  }
  return `${out.join("\n")}\n`;
}
