// `npm run new -- "The Case of the …" [--slug NAME] [--teaser "…"] [--sugarcube VERSION]`: starts a
// mystery in story/<slug>/ (site/new-mystery.ts).
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { storiesOption } from "./mystery-args.js";
import { MAX_SLUG, newMystery } from "../site/new-mystery.js";
import { defineCommand, runCommand } from "./command.js";
import { UsageError } from "../shared/errors.js";
import { shown } from "../shared/paths.js";
import { HEAD_FILE, PREVIEW_FILES } from "../sources/mystery-files.js";

/**
 * Whether the stories folder is missing and is to be made with the new mystery: only inside a
 * folder that is there, so a mistyped --stories path does not make a tree of folders far away.
 */
async function storiesToMake(stories: string): Promise<boolean> {
  const found = await stat(stories).catch(() => null);
  if (found?.isDirectory()) return false;
  if (found)
    throw new UsageError(`--stories ${shown(stories)} is a file, not a folder`, "name the folder of mysteries");
  if (!(await stat(path.dirname(stories)).catch(() => null))?.isDirectory()) {
    throw new UsageError(
      `no folder ${shown(path.dirname(stories))}/ to make the stories folder ${path.basename(stories)}/ in`,
      "pass the folder of mysteries with --stories DIR (a new one is made only inside a folder that is there)",
    );
  }
  return true;
}

export const command = defineCommand(
  {
    name: "npm run new",
    usage: '-- "<title>" [--slug NAME] [--teaser "<one line>"] [--sugarcube VERSION] [--stories DIR]',
    description:
      "starts a new mystery in <stories>/<slug>/: StoryTitle and StoryData with a fresh IFID, a start passage that " +
      "uses every macro, its own save id, and a teaser for the index page. The folder name (slug) is made from the " +
      `title: lower-case ASCII, accents dropped, at most ${MAX_SLUG} characters, cut between words. ` +
      "A title or folder that already exists is refused. A stories folder that is not there yet is made (only " +
      "inside a folder that is), and said.",
    arguments: [["<title>", 'the story\'s title, one line, e.g. "The Case of the Stale Cache"']],
    positionals: { min: 1, max: 1 },
    options: {
      slug: {
        type: "string",
        value: "NAME",
        description: "the folder name, instead of one made from the title (needed for titles without Latin letters)",
      },
      teaser: {
        type: "string",
        value: "TEXT",
        description: "its one line on the index page",
        shownDefault: '"A new debugging mystery: <title>."',
      },
      sugarcube: {
        type: "string",
        value: "VERSION",
        description:
          "the SugarCube 2 version its StoryData names; it must be found where the build finds story formats (beside tweego, TWEEGO_PATH, the pinned 2.31.1)",
        shownDefault: "the newest found",
      },
      stories: storiesOption,
    },
    examples: [
      ['npm run new -- "The Case of the Stale Cache"', "makes story/stale-cache/"],
      [
        'npm run new -- "The Case of the Stale Cache" --teaser "Why does yesterday\'s page keep coming back?"',
        "with its line on the index page",
      ],
      ['npm run new -- "消えたパケット" --slug lost-packet', "a title with no Latin letters"],
      [
        'npm run new -- "The Case of the Stale Cache" --sugarcube 2.31.1',
        "on the pinned SugarCube 2.31.1, though a newer one is found",
      ],
    ],
  },
  async ({ values, positionals }) => {
    const stories = path.resolve(values.stories);
    const makeStories = await storiesToMake(stories);
    const made = await newMystery(positionals[0]!, {
      teaser: values.teaser,
      slug: values.slug,
      sugarcube: values.sugarcube,
      stories,
    });
    if (makeStories) console.log(`made the stories folder ${shown(stories)}/ (it was not there)`);
    console.log(`made ${shown(made.dir)}/ (IFID ${made.ifid}, SugarCube ${made.sugarcube})`);
    for (const f of (await readdir(made.dir, { recursive: true })).sort()) console.log(`  ${f}`);
    console.log(
      `next: npm run dev -- ${made.slug} to write and play it; npm run check -- ${made.slug} plays every page, link and form in seconds; npm test plays it too`,
    );
    console.log(
      `link previews (a chat or social site showing the link): teaser.txt is the description; add a ${PREVIEW_FILES.slice(0, 2).join(" or ")} ` +
        `(1200×630) to ${shown(made.dir)}/ for the picture (copied beside the page); a ${HEAD_FILE} there adds to the page's <head>`,
    );
    return 0;
  },
);

runCommand(import.meta.url, command);
