// build/compile/: a mystery's files → story → HTML, with the native compiler or tweego, plus the
// macro bundle and specs, story formats and pictures. Imports build/twee/ and build/shared/.
//
// The npm-native compiler: source files → Twine 2 HTML, with tweego's rules and output layout.
import { BuildError } from "../shared/errors.js";
import { findFormat, type FoundFormat, type StoryFormat } from "./format.js";
import { type Creator, type PublishOptions, storyHtml } from "./html.js";
import { filePassages, type SourceFile } from "./sources.js";
import { assembleStory, type Story } from "./story.js";
import type { Passage } from "../twee/twee.js";
import { isScript, isStylesheet } from "../story-format/passage-kinds.js";

export interface Compiled {
  readonly html: string;
  readonly story: Story;
  readonly format: StoryFormat;
}

/** Script and style text is embedded raw, so it must not close its own element. */
export function checkEmbeddable(p: Passage): void {
  const closer = isScript(p) ? "</script" : isStylesheet(p) ? "</style" : null;
  if (closer && p.text.toLowerCase().includes(closer)) {
    throw new BuildError(
      `${isScript(p) ? "script" : "stylesheet"} contains "${closer}", which would end it early in the HTML`,
      { file: p.file, line: p.text.slice(0, p.text.toLowerCase().indexOf(closer)).split("\n").length },
      `write it as "${closer.replace("/", "\\/")}" inside strings`,
    );
  }
}

export function loadStory(files: readonly SourceFile[]): Story {
  const passages = files.flatMap(filePassages);
  passages.forEach(checkEmbeddable);
  return assembleStory(passages);
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
