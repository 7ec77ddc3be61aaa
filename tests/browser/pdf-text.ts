// The text of a PDF that Chromium printed (page.pdf): what a player gets on paper, page by page,
// with the colour each run of text was painted in. Just enough of PDF for Chromium's (Skia's)
// output: objects with direct lengths, Flate-compressed streams, Type 0 fonts whose ToUnicode
// maps give the characters, and the text operators Tf, Tj, TJ and rg. Not a general PDF reader.
import { inflateSync } from "node:zlib";

export interface PdfText {
  readonly pages: number;
  /** Each run of text (a Tj or TJ), in the order it is drawn, with its fill colour (r, g, b in 0–1). */
  readonly runs: { text: string; colour: [number, number, number] }[];
}

interface PdfObject {
  readonly dict: string;
  readonly stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const latin = pdf.toString("latin1");
  const found = new Map<number, PdfObject>();
  for (const m of latin.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.search(/stream\r?\n/);
    if (at === -1) {
      found.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const start = m.index! + m[0].indexOf(body) + at + body.slice(at).indexOf("\n") + 1;
    const raw = pdf.subarray(start, start + length);
    found.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return found;
}

/** A ToUnicode CMap: character code (hex) → text. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const text = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(m[1]!.toUpperCase(), text(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const [from, to, first] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
      for (let code = from; code <= to; code++)
        map.set(code.toString(16).toUpperCase().padStart(m[1]!.length, "0"), String.fromCodePoint(first + code - from));
    }
  }
  return map;
}

const TOKEN = /<([0-9A-Fa-f\s]*)>|\[|\]|\/([^\s/<>[\]()]+)|(-?\d*\.?\d+)|([A-Za-z'"*]+)/g;

/** The text runs of a PDF that Chromium printed. */
export function pdfText(pdf: Buffer): PdfText {
  const all = objects(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const fonts = new Map<number, Map<string, string>>();
  const fontMap = (id: number) => {
    if (!fonts.has(id))
      fonts.set(id, toUnicode(all.get(ref(all.get(id)?.dict ?? "", "ToUnicode"))?.stream?.toString("latin1") ?? ""));
    return fonts.get(id)!;
  };
  const runs: PdfText["runs"] = [];
  let pages = 0;
  for (const page of all.values()) {
    if (!/\/Type \/Page\b/.test(page.dict)) continue;
    pages++;
    const fontNames = new Map(
      [...(/\/Font\s*<<([^>]*)>>/.exec(page.dict)?.[1]?.matchAll(/\/(\S+) (\d+) 0 R/g) ?? [])].map((m) => [
        m[1]!,
        Number(m[2]),
      ]),
    );
    const contents = /\/Contents \[([^\]]*)\]/.exec(page.dict)?.[1] ?? `${ref(page.dict, "Contents")} 0 R`;
    const content = [...contents.matchAll(/(\d+) 0 R/g)]
      .map((m) => all.get(Number(m[1]))?.stream?.toString("latin1") ?? "")
      .join("\n");
    let font = new Map<string, string>();
    let colour: [number, number, number] = [0, 0, 0];
    const operands: string[] = [];
    let inArray: string[] | null = null;
    const decode = (hex: string) =>
      (hex.replace(/\s/g, "").toUpperCase().match(/.{4}/g) ?? []).map((code) => font.get(code) ?? "\uFFFD").join("");
    for (const m of content.matchAll(TOKEN)) {
      const [token, hex, name, number, operator] = m;
      if (token === "[") inArray = [];
      else if (token === "]") {
        operands.push((inArray ?? []).join(""));
        inArray = null;
      } else if (hex !== undefined) (inArray ?? operands).push(decode(hex));
      else if (inArray)
        continue; // kerning numbers inside a TJ array
      else if (name !== undefined || number !== undefined) operands.push(name ?? number!);
      else if (operator) {
        if (operator === "Tf") font = fontMap(fontNames.get(operands.at(-2) ?? "") ?? -1);
        else if (operator === "rg") colour = operands.slice(-3).map(Number) as [number, number, number];
        else if ((operator === "Tj" || operator === "TJ") && operands.length > 0)
          runs.push({ text: operands.at(-1)!, colour });
        operands.length = 0;
      }
    }
  }
  return { pages, runs };
}

/** WCAG's contrast of an sRGB colour (0–1 channels) against white. */
export function contrastOnWhite([r, g, b]: [number, number, number]): number {
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return 1.05 / (luminance + 0.05);
}
