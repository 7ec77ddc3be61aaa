// A passage renamed: every reference to it in a passage's text, as SugarCube reads them (links.ts,
// wikifier.ts), rewritten to the new name: [[links]] in all their forms, [img[…][link]], the passage
// arguments of SugarCube's macros (<<goto>>, <<link>>, <<button>>, <<include>>, <<actions>>,
// <<choice>>…) and of ours (their specs' roles say which), and data-passage. Twine's
// own rename rewrites only [[links]] (twine-links.ts's twineRename). A reference this cannot
// rewrite, because its target is computed at play time and may name the passage (a `…` expression,
// @data-passage, or a quoted name in code such as <<set $next to "Old">>), is returned, not guessed
// at. Pure.
import { passageArgs } from "./links.js";
import { scanPassage } from "./scan.js";
import { lexSquare, type Square } from "./wikifier.js";
import type { MacroArg } from "../reading.js";
import type { MacroRoles } from "../macro-roles.js";
import { escapeAttrIn, unescapeJs } from "../../shared/escapes.js";

export interface Unrewritable {
  /** Into the passage text. */
  readonly offset: number;
  readonly what: string;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const quoteLike = (quote: string, value: string) =>
  quote + value.replace(/\\/g, "\\\\").replace(new RegExp(quote, "g"), `\\${quote}`).replace(/\n/g, "\\n") + quote;
const LITERAL = /^"((?:\\.|[^"\\])*)"$|^'((?:\\.|[^'\\])*)'$/;
/** Whether code text holds the name as a string literal. */
const namesIn = (code: string, name: string) =>
  [...code.matchAll(/"((?:\\.|[^"\\\n])*)"|'((?:\\.|[^'\\\n])*)'/g)].some((m) => unescapeJs(m[1] ?? m[2]!) === name);

/** The edit that makes one component of square markup (raw text at `at`) name `to` instead of `from`. */
function componentEdit(raw: string, at: number, from: string, to: string, link: boolean): Edit | undefined {
  const lead = raw.length - raw.trimStart().length;
  let core = raw.trim();
  let start = at + lead;
  if (link && core.startsWith("~")) {
    core = core.slice(1);
    start++;
  }
  const literal = LITERAL.exec(core);
  if (literal) {
    return unescapeJs(literal[1] ?? literal[2]!) === from
      ? { start, end: start + core.length, text: quoteLike(core[0]!, to) }
      : undefined;
  }
  return core === from ? { start, end: start + core.length, text: to } : undefined;
}

/** The edits to `[[…]]` or `[img[…]…]` markup at `start` (its source, link), from SugarCube's lexer's parts. */
function squareEdits(text: string, start: number, square: Square, from: string, to: string): Edit[] {
  const coreStart = start + (square.isLink ? 2 : 1 + ("<>".includes(text[start + 1]!) ? 1 : 0) + 4);
  const main = (square.isLink ? square.link : square.source) ?? "";
  const label = square.text ?? "";
  const sep = square.delim === "ltr" ? (text[coreStart + label.length] === "|" ? 1 : 2) : 2;
  const mainAt = square.delim === "ltr" ? coreStart + label.length + sep : coreStart;
  const coreLength = square.delim === "none" ? main.length : main.length + sep + label.length;
  const edits = [componentEdit(main, mainAt, from, to, square.isLink)];
  if (!square.isLink && square.link !== undefined)
    edits.push(componentEdit(square.link, coreStart + coreLength + 2, from, to, true));
  return edits.filter((e): e is Edit => e !== undefined);
}

/** The edit for one macro argument naming a passage, or why it cannot be rewritten. */
function argEdit(text: string, arg: MacroArg, from: string, to: string): Edit | Unrewritable | undefined {
  if (arg.type === "string") {
    return unescapeJs(arg.text.slice(1, -1)) === from
      ? { start: arg.offset, end: arg.offset + arg.text.length, text: quoteLike(arg.text[0]!, to) }
      : undefined;
  }
  if (arg.type === "square") {
    const square = lexSquare(text, arg.offset);
    const edits = square ? squareEdits(text, arg.offset, square, from, to) : [];
    return edits[0];
  }
  if (arg.type === "expression")
    return namesIn(arg.text, from) ? { offset: arg.offset, what: `a computed passage name, ${arg.text}` } : undefined;
  if (arg.text !== from) return undefined;
  return {
    start: arg.offset,
    end: arg.offset + arg.text.length,
    text: /^[^\s"'`[\]<>$_][^\s"'`<>]*$/.test(to) ? to : quoteLike('"', to),
  };
}

const DATA_PASSAGE = /^(@|sc-eval:)?data-passage\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;

/**
 * `text` with every reference to `from` naming `to`, how many were rewritten, and the references
 * that may name `from` but cannot be rewritten (their targets are computed).
 */
export function renameReferences(
  text: string,
  from: string,
  to: string,
  roles: MacroRoles,
): { text: string; rewritten: number; unrewritable: Unrewritable[] } {
  const scan = scanPassage(text);
  const edits: Edit[] = [];
  const unrewritable: Unrewritable[] = [];
  const add = (e: Edit | Unrewritable | undefined) => {
    if (!e) return;
    if ("what" in e) unrewritable.push(e);
    else if (!edits.some((d) => d.start === e.start)) edits.push(e);
  };
  const macroArgs = new Set<number>();
  for (const call of scan.macros) {
    if (!call.args) continue;
    const params = roles.passageArgs.get(call.name);
    const named = params ? params.map((i) => call.args![i]) : passageArgs(call.name, call.args);
    for (const arg of named) {
      if (!arg) continue;
      macroArgs.add(arg.offset);
      add(argEdit(text, arg, from, to));
    }
    // A quoted name anywhere else in a macro's arguments is code that may go to it (<<set $next to "Old">>).
    for (const arg of call.args) {
      if (macroArgs.has(arg.offset) || params || named.length > 0) continue;
      const value = arg.type === "string" ? unescapeJs(arg.text.slice(1, -1)) : undefined;
      if (value === from || (arg.type === "expression" && namesIn(arg.text, from))) {
        add({
          offset: arg.offset,
          what: `<<${call.name}>> names it in code, ${arg.text}, which may be a passage it goes to`,
        });
      }
    }
  }
  for (const link of scan.links) {
    if (macroArgs.has(link.offset)) continue;
    if (text[link.offset] === "[") {
      const square = lexSquare(text, link.offset);
      if (square && !link.dynamic) for (const e of squareEdits(text, link.offset, square, from, to)) add(e);
      else if (link.dynamic && namesIn(link.target, from))
        add({ offset: link.offset, what: `a link to a computed passage name, ${link.target}` });
      continue;
    }
    const attr = DATA_PASSAGE.exec(text.slice(link.offset));
    if (!attr) continue;
    if (attr[1]) {
      if (namesIn(attr[2] ?? attr[3] ?? attr[4] ?? "", from))
        add({ offset: link.offset, what: `${attr[0]}, a computed passage name` });
    } else if (link.target === from && !link.dynamic) {
      const quote = attr[3] !== undefined ? "'" : '"';
      const end = link.offset + attr[0].length;
      const value = attr[2] ?? attr[3] ?? attr[4]!;
      add({
        start: end - value.length - (attr[4] === undefined ? 2 : 0),
        end,
        text: `${quote}${escapeAttrIn(to, quote)}${quote}`,
      });
    }
  }
  if (edits.length === 0) return { text, rewritten: 0, unrewritable };
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  out += text.slice(at);
  // Read back as SugarCube reads it: every rewritten place now names `to` (a name such as "a->b" cannot be every kind of link).
  const count = (t: string, name: string) => scanPassage(t).links.filter((l) => l.target === name && !l.dynamic).length;
  if (count(out, from) !== 0 || count(out, to) !== count(text, to) + count(text, from)) {
    unrewritable.push({
      offset: edits[0]!.start,
      what: `a reference that cannot be written with the name ${JSON.stringify(to)}`,
    });
  }
  return { text: out, rewritten: edits.length, unrewritable };
}
