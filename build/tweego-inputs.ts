// What tweego reads, file by file, so that it sees exactly what the native compiler sees: the
// mystery's own files by their paths, in walk order; written into `work`, the generated ones (the
// macros and styles bundle) and every picture as a Twee passage holding the data URI the native
// compiler makes (tweego would base64 the file, and the optimised SVG is not on disk).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { root } from "./paths.js";
import { filePassages, type SourceFile } from "./sources.js";
import { passageTwee } from "./twee-edit.js";

const isImage = (file: SourceFile) => filePassages({ path: file.path, content: Buffer.alloc(0) })[0]?.tags.includes("Twine.image") ?? false;

export async function tweegoInputs(files: readonly SourceFile[], generated: readonly SourceFile[], work: string): Promise<string[]> {
  return Promise.all(
    files.map(async (f, i) => {
      if (generated.includes(f)) {
        const p = path.join(work, f.path);
        await writeFile(p, f.content);
        return p;
      }
      if (isImage(f)) {
        const [picture] = filePassages(f);
        const p = path.join(work, `${i}-${picture!.name}.twee`);
        await writeFile(p, passageTwee(picture!));
        return p;
      }
      return path.resolve(root, f.path);
    }),
  );
}
