// Every passage a SugarCube 2 passage's text refers to, read the way SugarCube 2.31's wikifier
// reads it (wikifier.ts mirrors its patterns and lexers): markup is scanned left to right and, at each
// place, the first of its parsers that matches wins, so verbatim text, comments, <html>, <script>
// and <svg> blocks hide what is inside them, and macro arguments are not markup. Pure.
//
// Found: [[links]] (all forms, with setters), [img[…][link]], <<link>> <<button>> <<click>>
// <<actions>> <<choice>> <<back>> <<return>> <<goto>> <<include>> <<display>>, the passage arguments
// of our macros (their specs say which: ourMacroLinks), and data-passage on HTML (and SVG
// <a>/<image>) elements. External URLs are not passage references and are left out.
import {
  ATTR_NAME,
  ATTR_VALUE,
  BLOCKS,
  closeTag,
  CSS_IMAGE,
  lexSquare,
  MACRO,
  macroArgs,
  matchedGroup,
  type Square,
  TAG,
  TOKEN_NUMBERED,
  URL,
  VARIABLE,
  VOID_TAGS,
} from "./wikifier.js";
import { decodeEntities, unescapeJs } from "../../shared/escapes.js";
import type { LinkKind, LocatedLink, MacroArg, MacroCall, NakedVariable, Scan } from "../reading.js";
import type { MacroRoles } from "../macro-roles.js";

const URL_START = new RegExp(`^${URL}`, "i");
const BARE_EXPRESSION = new RegExp(`^${VARIABLE}|^(?:setup|settings)[.[]`);
const MEDIA_TAGS: Readonly<Record<string, LinkKind>> = {
  img: "image",
  audio: "media",
  video: "media",
  source: "media",
  track: "media",
};

type Add = (target: string, kind: LinkKind, offset: number, dynamic?: boolean, markupEnd?: number) => void;

/**
 * A passage id as SugarCube resolves one (evalPassageId): a plain name stays a name, a single
 * string literal is its value, and anything that reads as an expression is known only at play time.
 */
function passageId(raw: string): { target: string; dynamic: boolean } {
  const literal = /^"((?:\\.|[^"\\])*)"$|^'((?:\\.|[^'\\])*)'$/.exec(raw);
  // SugarCube's evalText keeps the raw text when the string is blank.
  if (literal)
    return {
      target: unescapeJs(literal[1] ?? literal[2]!).trim() === "" ? raw : unescapeJs(literal[1] ?? literal[2]!),
      dynamic: false,
    };
  return { target: raw, dynamic: /^(?:[$_][$A-Za-z_]|["'\x60]|(?:setup|settings)[.[])/.test(raw) };
}

/** The references in one piece of square-bracketed markup: an image's source, and where it leads. */
function squareRefs(square: Square, kind: LinkKind, offset: number, add: Add): void {
  if (square.source !== undefined) {
    const { target, dynamic } = passageId(square.source.trim());
    if (target !== "" && !target.startsWith("data:") && !URL_START.test(target)) add(target, "image", offset, dynamic);
  }
  if (square.link === undefined) return;
  let link = square.link.trim();
  const internal = link.startsWith("~");
  if (internal) link = link.slice(1);
  const { target, dynamic } = passageId(link);
  const markupEnd = square.isLink ? offset + square.end : undefined;
  // An empty [[…]] target is still a link for SugarCube: to a passage named "", which never exists.
  if ((target !== "" || square.isLink) && (internal || !URL_START.test(target)))
    add(target, kind, offset, dynamic, markupEnd);
}

/** Where a macro argument leads, if it names a passage. */
function argRefs(arg: MacroArg | undefined, kind: LinkKind, base: number, add: Add): void {
  if (!arg) return;
  const at = base + arg.offset;
  if (arg.type === "square") {
    const square = lexSquare(arg.text, 0);
    if (square && square.end === arg.text.length) squareRefs(square, kind, at, add);
  } else if (arg.type === "string") add(unescapeJs(arg.text.slice(1, -1)), kind, at);
  else if (arg.type === "expression") add(arg.text.slice(1, -1).trim(), kind, at, true);
  else add(arg.text, kind, at, BARE_EXPRESSION.test(arg.text));
}

const square0 = (args: readonly MacroArg[]) => (args[0]?.type === "square" ? [args[0]] : []);
/** The macros that name passages, and which of their arguments do (as SugarCube 2.31 reads them). */
const MACRO_ARGS: Readonly<
  Record<string, { kind: LinkKind; pick: (args: readonly MacroArg[]) => readonly (MacroArg | undefined)[] }>
> = {
  link: { kind: "link", pick: (a) => [a[0]?.type === "square" ? a[0] : a[1]] },
  button: { kind: "link", pick: (a) => [a[0]?.type === "square" ? a[0] : a[1]] },
  click: { kind: "link", pick: (a) => [a[0]?.type === "square" ? a[0] : a[1]] },
  back: { kind: "link", pick: square0 },
  return: { kind: "link", pick: square0 },
  choice: { kind: "link", pick: (a) => [a[0]] },
  actions: { kind: "link", pick: (a) => a },
  goto: { kind: "goto", pick: (a) => [a[0]] },
  include: { kind: "include", pick: (a) => [a[0]] },
  display: { kind: "include", pick: (a) => [a[0]] },
};

/** The arguments of a call of one of SugarCube's macros that name passages, as SugarCube 2.31 reads them ([] for other macros). */
export const passageArgs = (name: string, args: readonly MacroArg[]): readonly (MacroArg | undefined)[] =>
  Object.hasOwn(MACRO_ARGS, name) ? MACRO_ARGS[name]!.pick(args) : [];

/** One macro call at `at`; returns where scanning goes on, or null when it is not a macro. */
function macro(s: string, at: number, add: Add, call: (c: MacroCall) => void): number | null {
  MACRO.lastIndex = at;
  const m = MACRO.exec(s);
  if (!m) return null;
  const name = m[1]!;
  const end = at + m[0].length;
  const raw = m[2]!;
  const base = end - 2 - raw.length;
  const args = macroArgs(raw);
  const value = (a: MacroArg) => (a.type === "string" ? { value: unescapeJs(a.text.slice(1, -1)) } : {});
  call({
    name,
    offset: at,
    end,
    args: args ? args.map((a) => ({ ...a, offset: base + a.offset, ...value(a) })) : null,
  });
  if (name === "script") {
    const close = /<<(?:\/|end)script\s*>>/g;
    close.lastIndex = end;
    const found = close.exec(s);
    if (found) call({ name: "/script", offset: found.index, end: close.lastIndex, args: [] });
    return found ? close.lastIndex : end;
  }
  if (!args) return end;
  const which = MACRO_ARGS[name];
  if (which) for (const arg of which.pick(args)) argRefs(arg, which.kind, base, add);
  return end;
}

const DATA_PASSAGE = /data-passage/i;

/** data-passage on an HTML element (or, inside SVG, on <a> and <image>). */
function tagRefs(s: string, tag: string, at: number, add: Add, inSvg: boolean): void {
  // Only a data-passage attribute (plain, @ or sc-eval:) refers to a passage: most tags have none,
  // and need no search for their closing tag (which runs on to the end of a long listing).
  if (!DATA_PASSAGE.test(tag)) return;
  const name = /^<(\w+)/.exec(tag)![1]!.toLowerCase();
  let kind: LinkKind | undefined = MEDIA_TAGS[name] ?? "data-passage";
  if (inSvg) kind = name === "a" ? "data-passage" : name === "image" ? "image" : undefined;
  if (!kind) return;
  if (!inSvg && !VOID_TAGS.has(name) && !tag.endsWith("/>")) {
    const close = closeTag(name);
    close.lastIndex = at;
    if (!close.test(s)) return; // SugarCube reports the missing closing tag and does nothing else
  }
  const attrs = new Map<string, { value: string; offset: number }>();
  const attr = new RegExp(`\\s+(${ATTR_NAME})(?:\\s*=\\s*(${ATTR_VALUE}))?`, "g");
  for (let m: RegExpExecArray | null; (m = attr.exec(tag)); ) {
    const key = m[1]!.toLowerCase();
    const value = (m[2] ?? "").replace(/^(["'])([^]*)\1$/, "$2");
    if (!attrs.has(key))
      attrs.set(key, { value: decodeEntities(value), offset: at + m.index + m[0].length - m[0].trimStart().length });
  }
  const directive = attrs.get("@data-passage") ?? attrs.get("sc-eval:data-passage");
  const plain = attrs.get("data-passage");
  if (directive) {
    // Always evaluated: only a single string literal is known before play.
    const { target, dynamic } = passageId(directive.value.trim());
    add(target, kind, directive.offset, dynamic || target === directive.value.trim());
  } else if (plain && plain.value !== "") {
    const { target, dynamic } = passageId(plain.value);
    add(target, kind, plain.offset, dynamic);
  }
}

/** An Add that puts each reference into `into` with its line in `text`; empty targets (no markup) are left out. */
function collector(text: string, into: LocatedLink[]): Add {
  // Lines counted on from the last reference (they come mostly in text order), not from the top each time.
  let [counted, lines] = [0, 1];
  const lineOf = (offset: number) => {
    if (offset < counted) [counted, lines] = [0, 1];
    for (let i = text.indexOf("\n", counted); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) lines++;
    counted = offset;
    return lines;
  };
  return (target, kind, offset, dynamic, markupEnd) => {
    if (target === "" && markupEnd === undefined) return;
    into.push({
      target,
      kind,
      line: lineOf(offset),
      offset,
      ...(dynamic ? { dynamic: true as const } : {}),
      ...(markupEnd === undefined ? {} : { markupEnd }),
    });
  };
}

/** Every passage reference, macro tag and naked variable in a passage's text as SugarCube reads it,
 *  in text order, with offsets (our macros' passage arguments aside: ourMacroLinks). */
export function readPassage(text: string): Scan {
  const links: LocatedLink[] = [];
  const macros: MacroCall[] = [];
  const variables: NakedVariable[] = [];
  const add = collector(text, links);
  const call = (c: MacroCall) => void macros.push(c);

  const token = new RegExp(TOKEN_NUMBERED);
  for (let m: RegExpExecArray | null; (m = token.exec(text)); ) {
    const at = m.index;
    const group = matchedGroup(m);
    let end = token.lastIndex;
    if (group === "macro") end = macro(text, at, add, call) ?? end;
    else if (group === "variable") variables.push({ text: m[0], offset: at });
    else if (group === "link" || group === "image") {
      const square = lexSquare(text, at);
      if (square) {
        squareRefs({ ...square, end: square.end - at }, "link", at, add); // its end, relative like a macro argument's
        end = square.end;
      }
    } else if (group === "tag") tagRefs(text, m[0], at, add, false);
    else if (group in BLOCKS) {
      const block = BLOCKS[group]!;
      block.lastIndex = at;
      const whole = block.exec(text);
      if (whole) {
        end = block.lastIndex;
        const inner = whole[1] ?? "";
        const innerAt = at + whole[0].indexOf(">") + 1;
        if (group === "style") {
          for (const css of inner.matchAll(CSS_IMAGE)) {
            const square = lexSquare(css[0], 0);
            if (square) squareRefs({ ...square, link: undefined }, "image", innerAt + css.index, add);
          }
        } else if (group === "svg") {
          for (const t of inner.matchAll(new RegExp(TAG, "g"))) tagRefs(inner, t[0], innerAt + t.index, add, true);
        }
      }
    }
    token.lastIndex = end;
  }
  return { links, macros, variables };
}

/**
 * The passage arguments of our macros in a text SugarCube read as `scan` (their specs say which,
 * `roles`), as SugarCube evaluates them: a quoted name, `[[…]]` markup, or an expression.
 */
export function ourMacroLinks(text: string, scan: Scan, roles: MacroRoles): LocatedLink[] {
  const found: LocatedLink[] = [];
  const add = collector(text, found);
  for (const call of scan.macros) {
    const params = call.args && roles.passageArgs.get(call.name);
    if (!params?.length) continue;
    for (const i of params) argRefs(call.args![i], "our-macro", 0, add);
  }
  return found;
}
