// What a built story file is made of, read back from the file itself. Pure: HTML in, byte counts
// out; the parts add up to the file's size.
import { GENERATED } from "../compile/build-inputs.js";
import { splitCode } from "../compile/html.js";
import { MEDIA_TAGS } from "../story-format/passage-kinds.js";

export interface SizeBreakdown {
  /** The SugarCube template: engine, its CSS and the page around the story data. */
  readonly runtime: number;
  /** Story passages as stored (markup and attributes included). */
  readonly passages: number;
  /** Pictures: Twine.image passages holding data URIs. */
  readonly assets: number;
  /** The bundled macros (macros/ → story-macros.js). */
  readonly macros: number;
  /** The shared stylesheet (styles/ → story-styles.css). */
  readonly stylesheet: number;
  /** The mystery's own .js and .css files (config.js, its own CSS). */
  readonly storyCode: number;
  readonly total: number;
}

const size = (s: string) => Buffer.byteLength(s);

/**
 * The chunks of a joined script or stylesheet, by joinCode's `/* twine-user-… #n: "name" *\/` comments.
 * With no comment there was one source, and the build always adds the generated one: `only`.
 */
function chunks(joined: string, only: string): { name: string; bytes: number }[] {
  const split = splitCode(joined);
  if (!split) return [{ name: only, bytes: size(joined) }];
  return split.map((c) => ({ name: c.name, bytes: size(joined.slice(c.from, c.to)) }));
}

export function sizeBreakdown(html: string): SizeBreakdown {
  let passages = 0;
  let assets = 0;
  for (const [whole, tags] of html.matchAll(/<tw-passagedata [^>]*?tags="([^"]*)"[^>]*>[^]*?<\/tw-passagedata>/g)) {
    if (tags!.split(" ").includes(MEDIA_TAGS.picture)) assets += size(whole);
    else passages += size(whole);
  }
  let macros = 0;
  let stylesheet = 0;
  let storyCode = 0;
  const script = /<script role="script" id="twine-user-script"[^>]*>([^]*?)<\/script>/.exec(html)?.[1] ?? "";
  const style = /<style role="stylesheet" id="twine-user-stylesheet"[^>]*>([^]*?)<\/style>/.exec(html)?.[1] ?? "";
  for (const c of chunks(script, GENERATED.script))
    c.name === GENERATED.script ? (macros += c.bytes) : (storyCode += c.bytes);
  for (const c of chunks(style, GENERATED.stylesheet))
    c.name === GENERATED.stylesheet ? (stylesheet += c.bytes) : (storyCode += c.bytes);
  const total = size(html);
  return {
    runtime: total - passages - assets - macros - stylesheet - storyCode,
    passages,
    assets,
    macros,
    stylesheet,
    storyCode,
    total,
  };
}
