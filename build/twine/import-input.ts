// The file given to `npm run import`, checked before it is read and read keeping only what
// Twine's import reads: a folder, a device, an empty file or one over IMPORT_CAP is refused by
// its size and kind; what cannot be a Twine file (binary, or not starting as HTML or Twee does)
// by its first bytes, before the rest is read; and an HTML file is read in chunks that keep only
// its <tw-storydata> elements, so memory follows the story, not the file (a 100 MB page holding
// a small story costs a small story). Lines left out are kept as bare newlines, so a message
// still names the file's own line numbers.
import { open } from "node:fs/promises";
import { BuildError } from "../shared/errors.js";
import { shown } from "../shared/paths.js";

/** The largest file import reads: Twine's files are a few MiB, even with pictures in them. */
export const IMPORT_CAP = 256 * 1024 * 1024;
/** How much of the start of a file decides whether it can be a Twine file. */
const HEAD = 64 * 1024;
const CHUNK = 1024 * 1024;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`;
const GIVE = "give a story published or archived by Twine 2 (.html), or its Twee export (.twee)";

/** Why a file that starts with `head` cannot be a Twine file of its kind, or undefined when it can be. */
function notTwine(head: Buffer, twee: boolean): string | undefined {
  if (head.length === 0) return "it is empty";
  if (head.includes(0)) return "it is not text (it has NUL bytes near its start)";
  const start = head
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (start === "") return "it holds only blank space";
  const shownStart = JSON.stringify(start.slice(0, 20));
  if (twee && !start.startsWith("::"))
    return `a Twee file starts with a passage header ("::"), and this one starts with ${shownStart}`;
  if (!twee && !start.startsWith("<"))
    return `an HTML file starts with a tag ("<"), and this one starts with ${shownStart}`;
  return undefined;
}

type State = "out" | "in" | "raw" | "close";
const OPEN = /<tw-storydata\b/i;
/** Inside story data: its end, or a <script>/<style>, whose text may hold anything until its own end. */
const INSIDE = /<\/tw-storydata\b|<(script|style)\b/i;
/** The longest token a chunk may cut in two. */
const LONGEST = "</tw-storydata".length + 1;
const newlines = (text: string) => "\n".repeat(text.match(/\n/g)?.length ?? 0);

/**
 * An HTML file's text, pushed chunk by chunk, with everything outside its <tw-storydata> elements
 * left out but its newlines. A story data element that never ends is kept to the end of the file
 * (twine-read.ts refuses it as cut off).
 */
export class StoryDataFilter {
  private state: State = "out";
  private raw = "";
  private carry = "";
  private readonly parts: string[] = [];

  push(text: string): void {
    let buf = this.carry + text;
    for (;;) {
      const found = this.next(buf);
      if (!found) {
        // No whole token: keep the end, which may be the start of one, for the next chunk.
        const cut = Math.max(0, buf.length - LONGEST);
        this.keep(buf.slice(0, cut));
        this.carry = buf.slice(cut);
        return;
      }
      this.keep(buf.slice(0, found.at));
      this.parts.push(buf.slice(found.at, found.end)); // the token itself belongs to the story data
      buf = buf.slice(found.end);
      this.state = found.after;
    }
  }

  /** The kept text, once the whole file has been pushed. */
  end(): string {
    this.keep(this.carry);
    this.carry = "";
    return this.parts.join("");
  }

  private keep(text: string): void {
    if (text) this.parts.push(this.state === "out" ? newlines(text) : text);
  }

  /** Where the next token of the current state is in `buf`, and the state after it. */
  private next(buf: string): { at: number; end: number; after: State } | undefined {
    if (this.state === "out") {
      const m = OPEN.exec(buf);
      return m && m.index + m[0].length < buf.length
        ? { at: m.index, end: m.index + m[0].length, after: "in" }
        : undefined;
    }
    if (this.state === "close") {
      const at = buf.indexOf(">");
      return at === -1 ? undefined : { at, end: at + 1, after: "out" };
    }
    if (this.state === "raw") {
      const at = buf.toLowerCase().indexOf(`</${this.raw}`);
      return at === -1 ? undefined : { at, end: at + 2 + this.raw.length, after: "in" };
    }
    const m = INSIDE.exec(buf);
    if (!m || m.index + m[0].length >= buf.length) return undefined; // \b needs the character after it
    if (m[1]) this.raw = m[1].toLowerCase();
    return { at: m.index, end: m.index + m[0].length, after: m[1] ? "raw" : "close" };
  }
}

/**
 * The text of a file to import, as Twine's import reads it: a Twee file whole, an HTML file's
 * story data only (see the top). Refuses, naming the file, what cannot be a Twine file.
 */
export async function readImportInput(file: string, twee: boolean, cap = IMPORT_CAP): Promise<string> {
  const handle = await open(file, "r");
  try {
    const info = await handle.stat();
    const refuse = (why: string, fix = GIVE) =>
      new BuildError(`${shown(file)} cannot be imported: ${why}`, undefined, fix);
    if (info.isDirectory())
      throw refuse(
        "it is a folder, not a file",
        "name the file itself: a story published or archived by Twine 2 (.html), or its Twee export (.twee)",
      );
    if (!info.isFile()) throw refuse("it is not a regular file");
    if (info.size > cap) {
      throw refuse(
        `it is ${mib(info.size)}, and import reads files of up to ${mib(cap)}`,
        `check that this is the Twine file you meant: ${GIVE}`,
      );
    }
    const head = Buffer.alloc(Math.min(HEAD, info.size));
    await handle.read(head, 0, head.length, 0);
    const problem = notTwine(head, twee);
    if (problem) throw refuse(`${problem}, so it is no Twine file`);
    if (twee) return (await handle.readFile()).toString("utf8");
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true }); // as readFile(…, "utf8") reads it
    const filter = new StoryDataFilter();
    const chunk = Buffer.alloc(CHUNK);
    for (let at = 0; ; ) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, at);
      if (bytesRead === 0) break;
      at += bytesRead;
      filter.push(decoder.decode(chunk.subarray(0, bytesRead), { stream: true }));
    }
    filter.push(decoder.decode());
    return filter.end();
  } finally {
    await handle.close();
  }
}
