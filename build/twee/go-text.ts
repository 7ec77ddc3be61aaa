// Go's text rules that tweego's output follows (tweego is written in Go), so the native compiler
// can give the same bytes: strconv.Quote (Go's %q), unicode.IsSpace (bytes.TrimSpace,
// strings.Fields), strconv.FormatFloat(x, 'f', -1, 32), and how tweego reads a text file
// (io.go: not UTF-8 → Windows-1252, BOM dropped, CRLF and CR → LF). Pure.
import { isUtf8 } from "node:buffer";
import { rawByte } from "../shared/file-names.js";

/** unicode.IsSpace: JavaScript's \s without U+FEFF, plus U+0085 (NEL). */
const SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const RUNS = new RegExp(`[${SPACE}]+`);

/** unicode.IsSpace for a UTF-16 code unit (every Go space is one unit). */
export const isSpaceCode = (c: number): boolean =>
  (c >= 0x09 && c <= 0x0d) ||
  c === 0x20 ||
  c === 0x85 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000;

/** bytes.TrimSpace / strings.TrimSpace (the ends found by looking at them only: a regex for the
 *  end would try every run of spaces in a 50 MB passage). */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isSpaceCode(s.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}
const LEADING = new RegExp(`^[${SPACE}]+`);
const ONE = new RegExp(`^[${SPACE}]$`);
/** strings.TrimLeftFunc(s, unicode.IsSpace). */
export const goTrimStart = (s: string): string => s.replace(LEADING, "");
/** unicode.IsSpace, for one character. */
export const isGoSpace = (ch: string): boolean => ONE.test(ch);

/** strings.Fields: the words between runs of Go spaces. */
export const goFields = (s: string): string[] => s.split(RUNS).filter(Boolean);

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT: Readonly<Record<string, string>> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/**
 * strconv.Quote, which tweego's %q uses: backslash and double quote escaped, printable runes
 * as they are, the rest as \a…\v, \xHH, \uHHHH or \UHHHHHHHH. (Go 1.19's tables are Unicode
 * 13; a character assigned later counts as printable here and not in tweego.)
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    const raw = rawByte(ch); // a file name's byte that is not UTF-8 (shared/file-names.ts): Go's \xHH
    if (raw !== undefined) out += `\\x${hex(raw, 2)}`;
    else if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (SHORT[ch]) out += SHORT[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

/** Digits and exponent of a number in exponential notation → plain decimal notation. */
function plainDecimal(exponential: string): string {
  const [, sign, int, frac = "", exp] = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exponential)!;
  const digits = `${int}${frac}`.replace(/0+$/, "") || "0";
  const point = 1 + Number(exp); // digits before the decimal point
  const whole = point <= 0 ? "0" : digits.slice(0, point).padEnd(point, "0");
  const fraction = point < 0 ? "0".repeat(-point) + digits : digits.slice(Math.max(point, 0));
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** strconv.FormatFloat(x, 'f', -1, 32): as a float32, the fewest digits that read back the same, no exponent. */
export function goFloat32(x: number): string {
  const f = Math.fround(x);
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  for (let digits = 1; digits <= 9; digits++) {
    const e = f.toExponential(digits - 1);
    if (Math.fround(Number(e)) === f) return plainDecimal(e);
  }
  return plainDecimal(f.toExponential(8));
}

/** Windows-1252's 0x80–0x9F; tweego's charset tables read the five unassigned bytes as U+FFFD. */
const CP1252_HIGH =
  "\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd" +
  "\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/**
 * A text file as tweego reads it: UTF-8, or Windows-1252 when it is not valid UTF-8 (tweego's
 * fallback, silent without -c); a leading BOM dropped; CRLF and lone CR made LF.
 */
export function readText(bytes: Uint8Array): { text: string; windows1252: boolean } {
  const windows1252 = !isUtf8(bytes);
  const text = windows1252
    ? decodeWindows1252(bytes)
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  const bomless = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Most files have no CR: a look costs less than a replace over megabytes.
  return { text: bomless.includes("\r") ? bomless.replace(/\r\n?/g, "\n") : bomless, windows1252 };
}

/**
 * A JSON object's value for a Go struct field, as encoding/json finds it: keys match the
 * field's name case-insensitively (with ſ as s, K as k), the last matching key wins, and null
 * counts as absent.
 */
export function goJsonField(obj: Readonly<Record<string, unknown>>, name: string): unknown {
  const fold = (s: string) => s.replace(/\u017f/g, "s").toLowerCase();
  let value: unknown;
  for (const [key, v] of Object.entries(obj)) if (fold(key) === fold(name)) value = v;
  return value ?? undefined;
}
