// Which passages are what, decided here and nowhere else (tests/architecture.test.ts fails on a
// tag or special-name test anywhere else in build/): code, media and pictures, Twine's private
// ones, StoryTitle and StoryData, tweego's compiler passages, on Twine's map, endings, as Twee 3,
// Twine 2 and tweego have them whatever the format; and, from a format's facts (FormatPassages),
// its widgets, its special passages, what it keeps out of its story, renders as markup, or shows
// as a page. Pure.

/** What a kind is read off: a passage's name and tags. */
export interface Kinded {
  readonly name: string;
  readonly tags: readonly string[];
}

/** The two Twee 3 passages that become story data, not passages. */
export const STORY_TITLE = "StoryTitle";
export const STORY_DATA = "StoryData";
/** Media passages' tags (Twine 2 and tweego), by what they hold. */
export const MEDIA_TAGS = {
  picture: "Twine.image",
  audio: "Twine.audio",
  video: "Twine.video",
  track: "Twine.vtt",
} as const;
export type MediaTag = (typeof MEDIA_TAGS)[keyof typeof MEDIA_TAGS];
const [SCRIPT, STYLESHEET, PRIVATE, ENDING] = ["script", "stylesheet", "Twine.private", "ending"];
const [SETTINGS, INCLUDES] = ["StorySettings", "StoryIncludes"];
/** tweego's special passages: the compiler reads them; no story shows them. */
const COMPILER_PASSAGES: ReadonlySet<string> = new Set([STORY_TITLE, STORY_DATA, SETTINGS, INCLUDES]);

const tagged = (p: Kinded, tag: string) => p.tags.includes(tag);

export const isStoryTitle = (p: Kinded) => p.name === STORY_TITLE;
export const isStoryData = (p: Kinded) => p.name === STORY_DATA;
/** StoryTitle or StoryData. */
export const isStoryMetadata = (p: Kinded) => isStoryTitle(p) || isStoryData(p);
/** tweego's StorySettings (Twine 1's settings) and StoryIncludes. */
export const isStorySettings = (p: Kinded) => p.name === SETTINGS;
export const isStoryIncludes = (p: Kinded) => p.name === INCLUDES;
export const isCompilerPassage = (p: Kinded) => COMPILER_PASSAGES.has(p.name);
/** Tagged script: the Story JavaScript (one tagged script and stylesheet too). */
export const isScript = (p: Kinded) => tagged(p, SCRIPT);
/** Tagged stylesheet (a passage tagged both is published as script: `isStylesheet(p) && !isScript(p)`). */
export const isStylesheet = (p: Kinded) => tagged(p, STYLESHEET);
export const isCode = (p: Kinded) => isScript(p) || isStylesheet(p);
/** Tagged Twine.private: Twine and tweego leave it out of what they publish. */
export const isPrivate = (p: Kinded) => tagged(p, PRIVATE);
export const isPicture = (p: Kinded) => tagged(p, MEDIA_TAGS.picture);
export const hasMediaTag = (p: Kinded, tag: MediaTag) => tagged(p, tag);
export const isMedia = (p: Kinded) => Object.values(MEDIA_TAGS).some((t) => tagged(p, t));
/** Tagged ending: the story ends there (our convention: the lint's dead-end check and the overview read it). */
export const isEnding = (p: Kinded) => tagged(p, ENDING);
/** What Twine's story map shows: what a build publishes as <tw-passagedata> (not code, private, StoryTitle or StoryData). */
export const onTwineMap = (p: Kinded) => !isCode(p) && !isPrivate(p) && !isStoryMetadata(p);
/** A passage of the story as a build counts them: not code, not a picture. */
export const isStoryPassage = (p: Kinded) => !isCode(p) && !isPicture(p);

/** A story format's facts about passages (its profile's `passages`). */
export interface FormatPassages {
  /** Passages the engine shows or runs by itself, on every page or at start-up. */
  readonly special: ReadonlySet<string>;
  /** The special passage run at start-up, before the first page (where a new game's variables are set). */
  readonly init: string;
  /** The special passage shown beside every page (where our clue list goes). */
  readonly caption: string;
  /** The special passage with the story's byline. */
  readonly byline: string;
  /** The tag of passages that define macros in markup. */
  readonly widgetTag: string;
  /** Tags, beyond Twine.private, of passages the engine neither shows nor renders. */
  readonly ignoredTags: readonly string[];
  /** Which media passage each HTML element (and the format's [img[…]]: "img") takes. */
  readonly mediaElements: Readonly<Record<string, MediaTag>>;
}

/** A format's kinds of passages. */
export interface PassageKinds {
  readonly isWidget: (p: Kinded) => boolean;
  readonly isSpecial: (p: Kinded) => boolean;
  readonly isInit: (p: Kinded) => boolean;
  readonly isCaption: (p: Kinded) => boolean;
  readonly isByline: (p: Kinded) => boolean;
  /** A name a link, <<goto>> or <<include>> can go to: the engine's story has it. */
  readonly inStory: <P extends Kinded>(p: P | undefined) => p is P;
  /** What the engine renders as markup: not code, media, ignored, StoryTitle or StoryData. */
  readonly isMarkup: (p: Kinded) => boolean;
  /** A page a player reads through: not special, code, a widget or a picture. */
  readonly isPage: (p: Kinded) => boolean;
}

export function passageKinds(facts: FormatPassages): PassageKinds {
  const isWidget = (p: Kinded) => tagged(p, facts.widgetTag);
  const ignored = (p: Kinded) => isPrivate(p) || facts.ignoredTags.some((t) => tagged(p, t));
  const isSpecial = (p: Kinded) => facts.special.has(p.name);
  return {
    isWidget,
    isSpecial,
    isInit: (p) => p.name === facts.init,
    isCaption: (p) => p.name === facts.caption,
    isByline: (p) => p.name === facts.byline,
    inStory: <P extends Kinded>(p: P | undefined): p is P =>
      p !== undefined && !isCode(p) && !isWidget(p) && !ignored(p) && !isStoryMetadata(p),
    isMarkup: (p) => !isCode(p) && !isMedia(p) && !ignored(p) && !isStoryMetadata(p),
    isPage: (p) => !isSpecial(p) && !isCode(p) && !isWidget(p) && !isPicture(p),
  };
}
