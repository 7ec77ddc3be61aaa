// A story page printed as a player would print it (Chromium's page.pdf, A4): what is on paper.
import type { Page } from "playwright-core";
import { contrastOnWhite, pdfText } from "./pdf-text.js";

export interface Printed {
  readonly pages: number;
  /** The passage's first paragraph and its first listing's last line, as the page shows them;
   *  whether each is on paper (whitespace aside: long lines wrap). */
  readonly first: { text: string; printed: boolean };
  readonly lastLine: { text: string; printed: boolean };
  /** The sidebar's texts that are on paper (title, author, clues, menu, way back). */
  readonly sidebarPrinted: string[];
  /** Runs of text printed paler than 4.5:1 on white. */
  readonly pale: string[];
}

/** Prints the page shown and reads the PDF. */
export async function printPage(page: Page): Promise<Printed> {
  const seen = await page.evaluate(() => ({
    first: (document.querySelector("#passages .passage p")?.textContent ?? "").trim(),
    last:
      (document.querySelector("#passages .passage pre:not(.you-said-answer)")?.textContent ?? "")
        .trim()
        .split("\n")
        .at(-1) ?? "",
    sidebar: Array.from(
      document.querySelectorAll("#ui-bar-body li, #story-title, #story-author, .back-to-puzzles, #menu-core a"),
      (el) => (el.textContent ?? "").trim(),
    ),
  }));
  const pdf = pdfText(await page.pdf({ format: "A4" }));
  const squeeze = (s: string) => s.replace(/\s+/g, "");
  const text = squeeze(pdf.runs.map((r) => r.text).join(""));
  const first = squeeze(seen.first).slice(0, 60);
  return {
    pages: pdf.pages,
    first: { text: seen.first, printed: first !== "" && text.includes(first) },
    lastLine: { text: seen.last, printed: seen.last !== "" && text.includes(squeeze(seen.last)) },
    sidebarPrinted: seen.sidebar.filter((s) => s.length > 3 && text.includes(squeeze(s))),
    pale: pdf.runs
      .filter((r) => r.text.trim() && contrastOnWhite(r.colour) < 4.5)
      .map((r) => `${r.text} (${r.colour.join(", ")})`),
  };
}
