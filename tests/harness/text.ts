// What a reader sees as text: block boundaries become spaces, whitespace is collapsed. Used on
// both sides of comparisons, so markup differences that do not change the words do not count.
// The controls our macros add around a story's text (a listing's Copy button: data-story-ui) are
// the game's, not the story's words, and are left out.

const BLOCKS = new Set([
  "ADDRESS",
  "BLOCKQUOTE",
  "BR",
  "BUTTON",
  "DD",
  "DIV",
  "DL",
  "DT",
  "FIGURE",
  "FORM",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HR",
  "IMG",
  "INPUT",
  "LABEL",
  "LI",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "TABLE",
  "TD",
  "TEXTAREA",
  "TH",
  "TR",
  "UL",
]);
const SKIP = new Set(["SCRIPT", "STYLE", "SVG", "svg", "TEMPLATE", "NOSCRIPT"]);

export function visibleText(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3) parts.push(n.nodeValue ?? "");
    if (n.nodeType !== 1 && n.nodeType !== 11) return;
    const tag = (n as Element).tagName ?? "";
    if (SKIP.has(tag) || (n as Element).hasAttribute?.("data-story-ui")) return;
    const block = BLOCKS.has(tag);
    if (block) parts.push(" ");
    n.childNodes.forEach(walk);
    if (block) parts.push(" ");
  };
  walk(node);
  return parts.join("").replace(/\s+/g, " ").trim();
}
