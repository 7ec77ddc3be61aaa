// build/compile/: a mystery's files → story → HTML, with the native compiler or tweego, plus
// the page's head. Above build/lint/, which runs before it; imports build/model/ and below.
//
// The npm-native compiler: source files → Twine 2 HTML, with tweego's rules and output layout.
import { findFormat, type FoundFormat, type StoryFormat } from "../installed-formats/format.js";
import { type Creator, type PublishOptions, storyHtml } from "./html.js";
import type { SourceFile } from "../sources/sources.js";
import { loadStory, type Story } from "../model/story.js";

export interface Compiled {
  readonly html: string;
  readonly story: Story;
  readonly format: StoryFormat;
}

/** Compiles with the story's format (of `formats`, where tweego finds them by default), or into a proof with `proofing` (a proofing format). */
export function compileNative(
  files: readonly SourceFile[],
  creator: Creator,
  options: PublishOptions & { proofing?: StoryFormat; formats?: readonly FoundFormat[] } = {},
): Compiled {
  const story = loadStory(files);
  const format = findFormat(story.data.format, story.data.formatVersion, story.data.source, options.formats);
  return { html: storyHtml(story, format, creator, options, options.proofing), story, format };
}
