// A picture as a data URI, whichever is smaller: base64 (+33%), or, for SVG, which is text, the
// UTF-8 text percent-encoded where a URL or the HTML around the passage would misread it (`%`,
// `#`, quotes, `<`, `>`, `&`, controls, non-ASCII). Spaces stay as they are: a data URL keeps
// them. Pure.

/** Anything but printable ASCII that needs no escape in a data URL's path nor in HTML text. */
const ESCAPED = /[^ !$()*+,\-./0-9:;=?@A-Z[\\\]^_`a-z{|}~]/gu;

const percentEscape = (ch: string) =>
  ch.charCodeAt(0) < 0x80 ? `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}` : encodeURIComponent(ch); // UTF-8 bytes, each %XX

export const percentEncode = (text: string): string => text.replace(ESCAPED, percentEscape);

export function dataUri(type: string, content: Buffer): string {
  const base64 = `data:${type};base64,${content.toString("base64")}`;
  if (type !== "image/svg+xml") return base64;
  const text = content.toString("utf8");
  if (!Buffer.from(text, "utf8").equals(content)) return base64; // not UTF-8 text after all
  const encoded = `data:${type},${percentEncode(text)}`;
  return encoded.length < base64.length ? encoded : base64;
}
