// The base of an import: the story as the build Twine was given published it, found by the build
// mark in Twine's copy (compile/build-mark.ts): the files as they are when they still hash the
// same, else the build's record in this project's cache (pipeline/build-record.ts), else the
// commit that holds those files (base-git.ts). Not found: the import asks which side wins.
import path from "node:path";
import { type BuildMark, codeHash, type OwnFile, storyHash } from "../compile/build-mark.js";
import { loadStory } from "../model/story.js";
import { findFormat } from "../installed-formats/format.js";
import { storyDataHtml } from "../compile/html.js";
import { optimiseImages } from "../sources/images.js";
import { creator, GENERATED, withBundle } from "../compile/build-inputs.js";
import type { Story } from "../model/story.js";
import { buildsDir, recordedCode, recordedFiles } from "../pipeline/build-record.js";
import { display, shown } from "../shared/paths.js";
import { committedFiles } from "./base-git.js";
import type { CodeKind, CodePassage, OurCode } from "./code-chunks.js";
import { readTwineHtml, type TwineStory } from "./twine-read.js";
import { isPrivate, isScript, isStylesheet } from "../story-format/passage-kinds.js";

/** A story as loaded and as Twine reads it once published. */
export interface Loaded {
  readonly story: Story;
  readonly published: TwineStory;
}

export interface Base extends Loaded {
  /** Where it was found, for the report. */
  readonly from: string;
}

/** A story's files → the story, and what it publishes read back as Twine reads it. */
export function publishedStory(files: Parameters<typeof loadStory>[0]): Loaded {
  const story = loadStory(files);
  const format = findFormat(story.data.format, story.data.formatVersion, story.data.source);
  return { story, published: readTwineHtml(storyDataHtml(story, format, creator), "(published)")[0]! };
}

/** The base for `mark`, or undefined; `current` is the mystery as it is now. */
export async function findBase(
  dir: string,
  mark: BuildMark,
  own: readonly OwnFile[],
  current: Loaded,
): Promise<Base | undefined> {
  if (storyHash(own) === mark.story) return { ...current, from: "the files as they are (unchanged since that build)" };
  let files = await recordedFiles(dir, mark);
  let from = `this project's record of the build (${shown(buildsDir(dir))}/)`;
  if (!files || storyHash(files) !== mark.story) {
    const committed = await committedFiles(dir, mark.story);
    if (!committed) return undefined;
    ({ files } = committed);
    from = `git commit ${committed.commit.slice(0, 12)}, which holds the files of that build`;
  }
  try {
    const sources = files.map((f) => ({ path: display(path.join(dir, f.path)), content: f.content }));
    return { ...publishedStory(withBundle(await optimiseImages(sources), { script: "", stylesheet: "" }).files), from };
  } catch {
    return undefined; // a build of files that do not load (built without the lint) is no base
  }
}

/** A story's script or stylesheet passages, in the order the build joins them (compile/html.ts). */
export function codePassages(story: Story, kind: CodeKind): CodePassage[] {
  const live = story.passages.filter((p) => !isPrivate(p));
  return live
    .filter((p) => (kind === "script" ? isScript(p) : isStylesheet(p) && !isScript(p)))
    .map((p) => ({ name: p.name, file: p.file, text: p.text }));
}

/** Our macros' or styles' part of the Story JavaScript or Stylesheet, with the build's own copy when this project has it. */
export async function ourCode(
  dir: string,
  kind: CodeKind,
  hash: string | undefined,
  current: string,
): Promise<OurCode> {
  const base =
    hash === undefined ? undefined : codeHash(current) === hash ? current.trim() : await recordedCode(dir, hash);
  return { name: kind === "script" ? GENERATED.script : GENERATED.stylesheet, hash, base, current };
}
