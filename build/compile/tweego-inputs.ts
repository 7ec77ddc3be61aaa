// What tweego reads for a file, so that it sees exactly what the native compiler sees: a picture
// becomes a Twee passage holding the data URI the native compiler makes (tweego would base64 the
// file, and the optimised SVG is not on disk, images.ts); any other file is given as it is.
import path from "node:path";
import { filePassages, MEDIA_TYPES, type SourceFile } from "./sources.js";
import { passageTwee } from "../twee/twee-edit.js";
import { isPicture, MEDIA_TAGS } from "../story-format/passage-kinds.js";

export function tweegoInput(file: SourceFile): SourceFile {
  // Only a picture file changes: no need to read any other (a Twee file would be parsed again).
  if (MEDIA_TYPES[path.extname(file.path).slice(1).toLowerCase()]?.tag !== MEDIA_TAGS.picture) return file;
  const [picture, ...more] = filePassages(file);
  if (!picture || !isPicture(picture) || more.length > 0) return file;
  // `<name>.svg.twee` sorts where `<name>.svg` did, so tweego's folder walk keeps the passage order.
  return { path: `${file.path}.twee`, content: Buffer.from(passageTwee(picture)) };
}
