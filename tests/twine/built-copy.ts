// For the import tests that edit what Twine gives back: the mystery built once for a file of them,
// and for each test a fresh copy of its folder with the built page as a DOM to edit as Twine does,
// saved where the import reads it.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { beforeAll } from "vitest";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { buildStory } from "../../build/pipeline/build-story.js";
import { builtScratch, copyBuilt, type Scratch } from "../harness/scratch.js";

export const MYSTERY = "50ms-request";

/** A built page as a DOM to edit like Twine does, and where to save it. */
export interface AsBuilt {
  readonly html: string;
  readonly doc: Document;
  readonly save: () => string;
}

export const storyData = (html: string) => /<tw-storydata[\s\S]*<\/tw-storydata>/.exec(html)![0];

/** Builds the scratch mystery and returns its HTML as a DOM to edit like Twine does. */
export async function build(s: Scratch): Promise<AsBuilt> {
  const { outFile } = await buildStory(mysteryTarget(MYSTERY, s.stories, s.out), "native");
  return asBuilt(s, readFileSync(outFile, "utf8"));
}

/** The built HTML as a DOM to edit like Twine does, and where to save it. */
function asBuilt(s: Scratch, html: string): AsBuilt {
  const dom = new JSDOM(html);
  const file = path.join(s.out, "from-twine.html");
  return {
    html,
    doc: dom.window.document,
    save: () => {
      writeFileSync(file, dom.serialize());
      return file;
    },
  };
}

/** The built mystery, once per worker (files share their modules: isolate is off); no test writes to it. */
let built: Promise<{ base: string; html: string }> | undefined;

/**
 * The mystery built once for the tests of the file that calls it (before them): `fresh` is a copy
 * of its folder, built, and `copy` that copy's build as Twine would get it (the same files: the
 * same build), for the tests that edit only what Twine gives back.
 */
export function builtOnce(): { fresh: () => Scratch; copy: (s: Scratch) => AsBuilt } {
  let template: { base: string; html: string };
  beforeAll(async () => {
    built ??= builtScratch(MYSTERY);
    template = await built;
  });
  return { fresh: () => copyBuilt(template.base, MYSTERY), copy: (s) => asBuilt(s, template.html) };
}

export const passage = (doc: Document, name: string) => doc.querySelector(`tw-passagedata[name="${name}"]`)!;
