// The published original, "The Case of the 50ms Request" by Julia Evans (tests/seed/: one line per
// passage, names lost in the extraction), and the same story written back as the Twee 3 its author
// could have kept: every passage with its published text, the widget passage and StoryCaption
// included, under the names the story's links use (the seed README's passage map).
import { readFileSync } from "node:fs";

/** The seed's lines: line n is `seedLines[n - 1]`. */
export const seedLines: readonly string[] = readFileSync(
  new URL("../seed/000_cdb17a1d73b1d4e2.txt", import.meta.url),
  "utf8",
).split("\n");

/** The seed's widget passage (line 4): its name is not in the seed; the widget tag is what matters. */
export const SEED_WIDGETS = { line: 4, name: "StoryWidgets" } as const;

/** Seed line → passage, from the seed README's passage map (line 4 is the widget passage). */
export const SEED_PASSAGES: Readonly<Record<number, string>> = {
  5: "StoryCaption",
  6: "Start",
  7: "Landing",
  8: "Reproduce",
  9: "Code",
  10: "Client",
  11: "Run slow.js",
  12: "curl",
  13: "curl 2",
  14: "curl 3",
  15: "ping",
  16: "ping 2",
  17: "strace",
  18: "strace interpretation",
  19: "strace interpretation 2",
  20: "strace 3",
  21: "tcpdump",
  22: "tcpdump 2",
  23: "tcpdump 3",
  24: "termshark",
  25: "termshark interpretation",
  26: "termshark 3",
  27: "diagnosis",
  28: "nagle",
  29: "Server",
  30: "top",
  31: "top 2",
  32: "strace server",
  33: "strace server 2",
  34: "strace server 3",
  35: "strace server 4",
  36: "strace server 5",
  37: "strace server 6",
  38: "strace server 7",
  39: "What to do",
  40: "how fix",
  41: "disable nagle",
  42: "disable delayed ACKs",
  43: "send 1 packet",
  44: "win",
  45: "Epilogue",
};

export interface SeedTweeOptions {
  readonly ifid?: string;
  /** Changes the widget passage's text (a story whose widgets differ from the original's). */
  readonly widgets?: (text: string) => string;
}

/**
 * The original as a Twee file: StoryTitle, StoryData as the original's (SugarCube 2.30.0, start
 * "Start"), the widget passage tagged widget, then every passage in the seed's order.
 */
export function seedTwee(options: SeedTweeOptions = {}): string {
  const data = {
    ifid: options.ifid ?? "6C1F6E9A-2D34-4B7E-9A51-0E5C3D2B7F48",
    format: "SugarCube",
    "format-version": "2.30.0",
    start: "Start",
  };
  const widgets = seedLines[SEED_WIDGETS.line - 1]!;
  const passages = [
    `:: StoryTitle\nThe Case of the 50ms Request`,
    `:: StoryData\n${JSON.stringify(data, null, 2)}`,
    `:: ${SEED_WIDGETS.name} [widget]\n${options.widgets ? options.widgets(widgets) : widgets}`,
    ...Object.entries(SEED_PASSAGES).map(([line, name]) => `:: ${name}\n${seedLines[Number(line) - 1]}`),
  ];
  return `${passages.join("\n\n")}\n`;
}
