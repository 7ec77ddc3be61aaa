// Twine's Story JavaScript and Stylesheet, merged back part by part. The build joins the script
// (or stylesheet) passages with a comment naming each (compile/html.ts, as tweego does), so Twine's
// copy splits back into them: a part that is a file of the mystery (config.js, its own .js/.css, a
// Twee passage tagged script) merges three ways like a passage; the part that is our macros or
// styles has no file to go back to, and is checked against its hash in the build mark: code added
// after it in Twine goes to the end of the mystery's own code, any other edit is set aside as the
// changed lines. Pure.
import { codeHash, readMark } from "../compile/build-mark.js";
import { codeMarker } from "../compile/html.js";
import { lineDiff } from "./line-diff.js";
import type { Conflict, Resolve } from "./merge.js";

export type CodeKind = "script" | "stylesheet";

/** A script or stylesheet passage of a story, in the order the build joins them. */
export interface CodePassage {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

/** Our macros' or styles' part: its name, its hash in the mark, and its text when known. */
export interface OurCode {
  readonly name: string;
  readonly hash: string | undefined;
  /** As the build Twine was given embedded it, when this project still has it. */
  readonly base: string | undefined;
  /** As the files make it now. */
  readonly current: string;
}

export interface CodeOutcome {
  /** Parts taken from Twine: the passage (by file and name) and its new text. */
  readonly writes: { readonly file: string; readonly name: string; readonly text: string }[];
  /** Code Twine added just before or after ours, for the end of the mystery's own code. */
  appended?: string;
  /** Twine's edit of our code, which has no file to go back to: the changed lines. `whole`: the
   *  code's part lines are gone, so no edit can be told apart, and all of it is compared. */
  setAside?: { readonly diff: string; readonly whole: boolean };
  readonly conflicts: Conflict[];
}

const WHAT: Readonly<Record<CodeKind, string>> = { script: "Story JavaScript", stylesheet: "Story Stylesheet" };

/** Twine's code split into the passages the build joined (by their comments), or undefined when they are not all there. */
export function splitByNames(code: string, kind: CodeKind, names: readonly string[]): string[] | undefined {
  if (names.length <= 1) return [code];
  const starts: { at: number; body: number }[] = [];
  let from = 0;
  for (const [i, name] of names.entries()) {
    const header = codeMarker(kind, i + 1, name);
    const at = code.indexOf(header, from);
    if (at === -1 || (at > 0 && code[at - 1] !== "\n") || (i === 0 && code.slice(0, at).trim() !== ""))
      return undefined;
    starts.push({ at, body: at + header.length });
    from = at + header.length;
  }
  return starts.map((s, i) => code.slice(s.body, i + 1 < starts.length ? starts[i + 1]!.at : code.length));
}

/** Text after `ours` in `chunk` (added in Twine), when the chunk is ours with something after it. */
function addedAfter(chunk: string, ours: OurCode): string | undefined {
  const text = chunk.trim();
  if (ours.base !== undefined) return text.startsWith(ours.base) ? text.slice(ours.base.length) : undefined;
  // Only its hash is known: try where lines end, from the last (code is added at the end).
  for (let at = text.lastIndexOf("\n"), n = 0; at > 0 && n < 200; at = text.lastIndexOf("\n", at - 1), n++) {
    if (codeHash(text.slice(0, at)) === ours.hash) return text.slice(at);
  }
  return undefined;
}

/**
 * Merges Twine's `code` back. `base`: the code passages of the build Twine was given (undefined
 * when not found); `disk`: as the files hold them now; `ours`: our macros' or styles' part.
 */
export function mergeCode(
  kind: CodeKind,
  code: string,
  base: readonly CodePassage[] | undefined,
  disk: readonly CodePassage[],
  ours: OurCode,
  resolve: Resolve,
): CodeOutcome {
  const outcome: CodeOutcome = { writes: [], conflicts: [] };
  const parts = base ?? [
    ...disk.filter((p) => p.name !== ours.name),
    { name: ours.name, file: ours.name, text: ours.current },
  ];
  const chunks = splitByNames(
    code,
    kind,
    parts.map((p) => p.name),
  );
  const baseCode = () => parts.map((p) => (p.name === ours.name ? (ours.base ?? ours.current) : p.text)).join("\n");
  if (!chunks) {
    outcome.setAside = {
      diff: lineDiff(baseCode(), code, `${WHAT[kind]} (the build)`, `${WHAT[kind]} (Twine)`),
      whole: true,
    };
    return outcome;
  }
  for (const [i, p] of parts.entries()) {
    let chunk = chunks[i]!;
    if (p.name === ours.name) {
      let before = "";
      if (kind === "script") {
        const marked = readMark(chunk);
        if (marked) ({ before, after: chunk } = marked);
        else if (ours.hash !== undefined) {
          const diff = lineDiff(
            ours.base ?? ours.current,
            chunk,
            `${p.name} (the build)`,
            `${p.name} (Twine: its build-mark line is gone)`,
          );
          outcome.setAside = { diff, whole: false };
          continue;
        }
      }
      const hash = ours.hash ?? codeHash(ours.current);
      const added =
        codeHash(chunk) === hash
          ? ""
          : addedAfter(chunk, ours.hash === undefined ? { ...ours, base: ours.current } : ours);
      if (added === undefined) {
        const from = `${p.name} (the build${ours.base ? "" : "'s own copy is not at hand: as the files make it now"})`;
        outcome.setAside = {
          diff: lineDiff(ours.base ?? ours.current, chunk.trim(), from, `${p.name} (Twine)`),
          whole: false,
        };
      }
      const extra = [before.trim(), added?.trim() ?? ""].filter(Boolean).join("\n");
      if (extra) outcome.appended = extra;
      continue;
    }
    const now = disk.find((d) => d.file === p.file && d.name === p.name);
    const [t, b, o] = [chunk.trim(), p.text.trim(), now?.text.trim()];
    if (t === b || t === o) continue;
    const side = base && o === b ? "twine" : resolve(p.name);
    if (side === "twine" && now) outcome.writes.push({ file: p.file, name: p.name, text: chunk.replace(/\s+$/, "") });
    else if (side === undefined) {
      const what = !now
        ? "changed in Twine, deleted on disk"
        : base
          ? "changed in Twine and on disk"
          : "differs, and the base is unknown";
      outcome.conflicts.push({
        key: p.name,
        what: `${WHAT[kind]}'s part from ${p.file}: ${what}`,
        twine: t,
        disk: o ?? "(no such file)",
      });
    }
  }
  return outcome;
}
