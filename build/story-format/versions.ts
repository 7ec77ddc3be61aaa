// build/story-format/: the story format, as the tools read it: SugarCube's reading of a passage
// (sugarcube/), and where Twine's map reads links otherwise. Pure; imports build/twee/ and below.
//
// Story-format versions in order: the build takes the newest found, and a format's facts (its
// macros) are read by the version StoryData names. Pure.
const versionParts = (v: string) =>
  v
    .split(/[.+-]/)
    .slice(0, 3)
    .map((n) => Number.parseInt(n, 10) || 0);

/** Semantic versions compared by major, minor, patch. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
