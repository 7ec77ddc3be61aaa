// Files tweego reads that Node's path rules would drop, read by the native compiler too and given
// the same bytes as the real tweego: a name that is not UTF-8 (made here: not every file system
// stores one, so it is not in the parity corpus) and names that are only an extension.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { creator, mysteryTarget } from "../../build/compile/build-inputs.js";
import type { Bundle } from "../../build/bundle/bundle.js";
import { filePassages } from "../../build/sources/sources.js";
import type { Tweego } from "../../build/compile/tweego-find.js";
import { root } from "../../build/shared/paths.js";
import { itWithTweego, testTweego } from "../harness/tweego.js";

const tweego = await testTweego();

/** The parity corpus's "code" story with those files added; its folder. */
function oddNames(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "file-names-")), "odd-names");
  cpSync(path.join(root, "tests", "fixtures", "parity", "code"), dir, { recursive: true });
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.of(0xe9), Buffer.from(".js")]), "window.cafe = 1;\n");
  writeFileSync(path.join(dir, ".js"), "window.dotJs = 1;\n");
  writeFileSync(path.join(dir, ".css"), ".dot-css { color: red; }\n");
  writeFileSync(path.join(dir, ".twee"), ":: Dot twee\nFrom a file named only .twee\n");
  return dir;
}

/** Macros and styles as generated files: these builds are about the story's own files, so no esbuild. */
const code: Bundle = { script: "window.macros = true;", stylesheet: ".macros { color: blue; }" };

/** The built file, byte for byte (latin1: every byte one character). */
async function built(dir: string, compiler: "native" | { tweego: Tweego }): Promise<string> {
  const out = mkdtempSync(path.join(os.tmpdir(), "file-names-out-"));
  const r = await buildStory(
    { ...mysteryTarget("odd-names", path.dirname(dir), out), bundle: code, lint: false },
    compiler,
  );
  return readFileSync(r.outFile, "latin1");
}

describe("file names as tweego reads them", () => {
  it("reads a name that is not UTF-8, and files named just .twee, .js and .css", async () => {
    const html = await built(oddNames(), "native");
    expect(html).toContain('type="text/twine-javascript">/* twine-user-script #1: ".js" */\nwindow.dotJs = 1;\n');
    expect(html).toContain('/* twine-user-script #5: "caf\\xe9.js" */\nwindow.cafe = 1;\n');
    expect(html).toContain('type="text/twine-css">/* twine-user-stylesheet #1: ".css" */\n.dot-css');
    expect(html).toMatch(/<tw-passagedata [^>]*name="Dot twee"[^>]*>From a file named only \.twee</);
    // A media file becomes a passage named after it: with no name, or a name no passage can write, it is refused.
    const png = (name: string) => () => filePassages({ path: `story/x/${name}`, content: Buffer.from("png") });
    expect(png(".png")).toThrow(".png would be a passage with no name");
    expect(png("caf\udce9.png")).toThrow("is not UTF-8, so no passage can name this image file");
  });

  itWithTweego(
    tweego,
    (tweego) => `gives the same bytes as tweego ${tweego.version}`,
    async (tweego) => {
      const dir = oddNames();
      const [native, real] = [await built(dir, "native"), await built(dir, { tweego })];
      expect(real).toContain('"caf\\xe9.js"');
      const asTweego = native.replace(
        `creator="${creator.name}" creator-version="${creator.version}"`,
        `creator="Tweego" creator-version="${tweego.version}"`,
      );
      expect(asTweego === real, "the same bytes but the creator").toBe(true);
    },
  );
});
