// Media: the pictures, sounds, videos and text tracks a mystery's folder holds become Twine.image,
// Twine.audio, Twine.video and Twine.vtt passages (sources/sources.ts), and SugarCube 2.31 uses such a
// passage only where its kind fits (its profile's mediaElements): <img> and [img[…]] a Twine.image,
// <audio> a Twine.audio, <video> a Twine.video, <track> a Twine.vtt, <source> that of its
// <audio>/<video>/<picture>; <<cacheaudio>> (its audioSources) takes Twine.audio passages by name,
// and a stylesheet's [img[…]] a Twine.image.
// Anything else shows nothing, or is fetched at play time, and the file is no longer self-contained.
import { type Diagnostic, error, warning } from "../../shared/diagnostic.js";
import { hasMediaTag, isScript, isStylesheet, MEDIA_TAGS, type MediaTag } from "../../story-format/passage-kinds.js";
import { locate, type Mystery } from "../checked-mystery.js";
import { suggest } from "../suggest.js";

const URL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

const FILES: Readonly<Record<MediaTag, string>> = {
  [MEDIA_TAGS.picture]: "a picture (.svg, .png, .jpg, .gif, .webp …)",
  [MEDIA_TAGS.audio]: "a sound (.mp3, .ogg, .m4a, .wav …)",
  [MEDIA_TAGS.video]: "a video (.mp4, .webm, .ogv)",
  [MEDIA_TAGS.track]: "a text track (.vtt)",
};

/** The element whose attribute is at `offset`, or null for markup ([img[…]]); <source> as its parent's kind. */
function elementAt(text: string, offset: number): string | null {
  const open = text.lastIndexOf("<", offset);
  if (open === -1 || text.lastIndexOf(">", offset) > open) return null;
  const name = /^<(\w+)/.exec(text.slice(open))?.[1]?.toLowerCase() ?? null;
  if (name !== "source") return name;
  const parents = ["audio", "video", "picture"].map((p) => ({ p, at: text.toLowerCase().lastIndexOf(`<${p}`, open) }));
  return parents.sort((a, b) => b.at - a.at).find((x) => x.at !== -1)?.p ?? null;
}

const mediaNames = (m: Mystery, tag: MediaTag) =>
  [...m.byName.values()].filter((p) => hasMediaTag(p, tag)).map((p) => p.name);

export function mediaChecks(m: Mystery): Diagnostic[] {
  const found: Diagnostic[] = [];
  const wrongKind = (at: Parameters<typeof error>[0], what: string, target: string, want: MediaTag) => {
    const has = m.byName.get(target)!.tags.find((t) => t.startsWith("Twine.")) ?? "not a media passage";
    found.push(
      error(at, "media-type", `${what} names "${target}" (${has}); SugarCube shows only a ${want} passage there`, {
        fix: `name a ${want} passage: ${FILES[want]} file in the mystery's folder, by its name up to the first dot`,
        suggestion: suggest(target, mediaNames(m, want)),
      }),
    );
  };

  for (const [p, scan] of m.scans) {
    for (const link of scan.links) {
      if ((link.kind !== "image" && link.kind !== "media") || link.dynamic || !m.byName.has(link.target)) continue;
      const element = elementAt(p.text, link.offset);
      const want = element === null ? MEDIA_TAGS.picture : m.profile.passages.mediaElements[element];
      if (want && !hasMediaTag(m.byName.get(link.target)!, want)) {
        wrongKind(locate(p, link.offset), element === null ? "[img[…]]" : `<${element}>`, link.target, want);
      }
    }
    for (const call of scan.macros) {
      if (!m.profile.macros.audioSources.has(call.name) || !call.args) continue;
      for (const source of call.args.slice(1)) {
        if (source.value === undefined || URL.test(source.value) || /^\w+\|/.test(source.value)) continue;
        const at = locate(p, source.offset);
        if (m.byName.has(source.value)) {
          if (!hasMediaTag(m.byName.get(source.value)!, MEDIA_TAGS.audio))
            wrongKind(at, `<<${call.name}>>`, source.value, MEDIA_TAGS.audio);
        } else {
          found.push(
            warning(
              at,
              "media-fetched",
              `<<${call.name}>> source "${source.value}" is not a passage: it would be fetched at play time`,
              {
                fix: `put the sound in the mystery's folder and name its passage (the file name up to its first dot)`,
                suggestion: suggest(source.value, mediaNames(m, MEDIA_TAGS.audio)),
              },
            ),
          );
        }
      }
    }
  }

  // Stylesheets are not markup, but SugarCube turns their [img[…]] into url(…) of the picture.
  for (const p of m.passages.filter((q) => isStylesheet(q) && !isScript(q))) {
    for (const css of p.text.matchAll(/\[[<>]?[Ii][Mm][Gg]\[([^\]]*?)\]\]/g)) {
      const target = css[1]!.slice(css[1]!.lastIndexOf("|") + 1);
      if (URL.test(target)) continue;
      const at = locate(p, css.index + css[0].indexOf(target, 4));
      if (!m.byName.has(target)) {
        found.push(
          error(at, "missing-passage", `image "${target}" is not a passage`, {
            fix: "put the file in the mystery's folder (images/ for pictures) and use its passage name: the file name up to its first dot",
            suggestion: suggest(target, mediaNames(m, MEDIA_TAGS.picture)),
          }),
        );
      } else if (!hasMediaTag(m.byName.get(target)!, MEDIA_TAGS.picture))
        wrongKind(at, "a stylesheet's [img[…]]", target, MEDIA_TAGS.picture);
    }
  }
  return found;
}
