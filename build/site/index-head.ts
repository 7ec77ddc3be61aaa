// The index page's <head> content, made as a mystery's (compile/head.ts) and put in the same way:
// its link preview, the favicon, and the project's head.html, which must pass the lint.
import { readProjectHead, siteUrl } from "../compile/head-files.js";
import { pageHead } from "../compile/head.js";
import { headChecks } from "../lint/checks/head.js";
import { toBuildError } from "../shared/diagnostic.js";
import { BuildErrors } from "../shared/errors.js";

/** What a link to the index page shows. */
const INDEX_PREVIEW = {
  title: "Debugging mysteries: all puzzles",
  description:
    "Investigate a real-looking bug with real tools, collect clues, find the cause. Each mystery plays in your browser.",
};

/** The index page's head content, as a mystery's (compile/head.ts): its link preview, the favicon, the project's head.html (which must pass the lint). */
export async function indexHead(stories: string): Promise<string> {
  const { files, texts } = await readProjectHead(stories);
  const errors = headChecks(files).filter((d) => d.severity === "error");
  if (errors.length > 0) throw new BuildErrors(errors.map(toBuildError));
  const site = siteUrl();
  return pageHead({ ...INDEX_PREVIEW, ...(site ? { url: site } : {}) }, texts);
}
