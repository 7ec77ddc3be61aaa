// SugarCube 2 as the tools read it: the profile (../profile.ts) made of this folder's modules, the
// special passages of its documentation, and its parameter types in the Twee 3 Language Tools.
import type { LinkParts, StoryFormatProfile } from "../profile.js";
import { MEDIA_TAGS, passageKinds, type FormatPassages } from "../passage-kinds.js";
import {
  BASE_VERSION,
  BUILTIN_MACROS,
  CHILD_TAGS,
  engineMacros,
  NEWER_MACROS,
  REMOVED_MACROS,
  ROLES,
  WIDGET_VARIABLES,
} from "./macros.js";
import { renameReferences } from "./rename.js";
import { scanPassage } from "./scan.js";
import { readSquare } from "./wikifier.js";
import { passageWords, proseWords } from "./words.js";

const PASSAGES: FormatPassages = {
  special: new Set([
    ...[
      "StoryInit",
      "StoryCaption",
      "StoryMenu",
      "StoryBanner",
      "StoryAuthor",
      "StorySubtitle",
      "StoryTitle",
      "StoryDisplayTitle",
    ],
    ...["StoryData", "StoryShare", "StoryInterface", "PassageReady", "PassageDone", "PassageHeader", "PassageFooter"],
  ]),
  init: "StoryInit",
  caption: "StoryCaption",
  byline: "StoryAuthor",
  widgetTag: "widget",
  // SugarCube 2.31 keeps these out of its Story (Story.has is false for them), as it does code and widgets.
  ignoredTags: ["annotation"],
  // It uses a media passage only where its kind fits: <img> and [img[…]] a picture, <audio> a sound…
  mediaElements: {
    img: MEDIA_TAGS.picture,
    image: MEDIA_TAGS.picture,
    picture: MEDIA_TAGS.picture,
    audio: MEDIA_TAGS.audio,
    video: MEDIA_TAGS.video,
    track: MEDIA_TAGS.track,
  },
};

function linkParts(raw: string): LinkParts | undefined {
  const square = readSquare(raw);
  if (!square?.isLink || square.link === undefined) return undefined;
  const style =
    square.delim === "rtl"
      ? "rtl"
      : square.delim === "none"
        ? "none"
        : raw.startsWith("->", 2 + square.text!.length)
          ? "arrow"
          : "bar";
  return { link: square.link.trim(), text: square.text?.trim(), setter: square.setter?.trim(), style };
}

/** SugarCube's link target of a whole `[[…]]` (no trailing text), or undefined. */
function linkTarget(raw: string): string | undefined {
  const found = scanPassage(raw).links.filter((l) => l.markupEnd !== undefined);
  if (found.length !== 1 || found[0]!.offset !== 0 || found[0]!.markupEnd !== raw.length || found[0]!.dynamic)
    return undefined;
  return found[0]!.target;
}

export const sugarcube: StoryFormatProfile = {
  name: "SugarCube",
  major: "2",
  baseVersion: BASE_VERSION,
  engineVersion: (named, installed) =>
    named?.startsWith("2.") ? named : (installed.filter((v) => v.startsWith("2.")).at(-1) ?? BASE_VERSION),
  scan: scanPassage,
  linkParts,
  linkTarget,
  renameReferences,
  passageWords,
  proseWords,
  macros: {
    engine: engineMacros,
    builtin: BUILTIN_MACROS,
    childTags: CHILD_TAGS,
    newer: NEWER_MACROS,
    removed: REMOVED_MACROS,
    widgetVariables: WIDGET_VARIABLES,
    ...ROLES,
  },
  passages: PASSAGES,
  kinds: passageKinds(PASSAGES),
  editor: {
    t3ltSection: "sugarcube-2",
    // T3LT's parameter types (its docs/parameters.md and src/sugarcube-2/parameters.ts) for our
    // kinds. Any of them also accepts a $variable, setup/settings access or an `expression`, whose
    // value T3LT cannot know.
    t3ltTypes: {
      // `string` is a quoted string only; T3LT's `text` also takes numbers, booleans and barewords,
      // so a clue of 42 would pass.
      text: "string",
      // A quoted "$name": T3LT's receiver is exactly "a string that starts with a sigil".
      "variable-name": "receiver",
      // A passage name; T3LT warns when no passage in the workspace has it (hence .vscode/settings.json
      // keeps test fixtures and the new-mystery template (build/site/template/) out of its passage list).
      passage: "passage",
      // The story variable itself, unquoted.
      answer: "var",
    },
  },
};
