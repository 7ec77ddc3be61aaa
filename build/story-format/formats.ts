// The story formats these tools know, by the name StoryData gives (any case), and the one our
// macros (macros/) are written for: the format every mystery is built with.
import type { StoryFormatProfile } from "./profile.js";
import { sugarcube } from "./sugarcube/profile.js";

const KNOWN: readonly StoryFormatProfile[] = [sugarcube];

/** The format our macros are SugarCube macros of: a mystery's StoryData must name it (the lint says so). */
export const OUR_FORMAT: StoryFormatProfile = sugarcube;

/** Whether `name` (as StoryData gives it) is `profile`'s format. */
export const isFormat = (name: string, profile: StoryFormatProfile) =>
  name.toLowerCase() === profile.name.toLowerCase();

/** The profile of the format StoryData names; undefined for one these tools do not know. */
export const knownFormat = (name: string): StoryFormatProfile | undefined => KNOWN.find((p) => isFormat(name, p));

/**
 * The profile a story is read with: the one its StoryData names, else ours (no StoryData, no
 * format named, or one these tools do not know, which the lint's story-format check reports).
 */
export const profileFor = (format: string | undefined): StoryFormatProfile =>
  (format && knownFormat(format)) || OUR_FORMAT;
