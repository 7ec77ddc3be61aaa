// `npm run new -- "The Case of the …" [--slug NAME] [--teaser "…"]`: starts a mystery in
// story/<slug>/ (site/new-mystery.ts).
import { readdir } from "node:fs/promises";
import path from "node:path";
import { storiesOption } from "./mystery-args.js";
import { MAX_SLUG, newMystery } from "../site/new-mystery.js";
import { defineCommand, runCommand } from "./command.js";
import { shown } from "../shared/paths.js";


export const command = defineCommand(
  {
    name: "npm run new",
    usage: '-- "<title>" [--slug NAME] [--teaser "<one line>"] [--stories DIR]',
    description:
      "starts a new mystery in <stories>/<slug>/: StoryTitle and StoryData with a fresh IFID, a start passage that " +
      "uses every macro, its own save id, and a teaser for the index page. The folder name (slug) is made from the " +
      `title: lower-case ASCII, accents dropped, at most ${MAX_SLUG} characters, cut between words. ` +
      "A title or folder that already exists is refused.",
    arguments: [["<title>", 'the story\'s title, one line, e.g. "The Case of the Stale Cache"']],
    positionals: { min: 1, max: 1 },
    options: {
      slug: { type: "string", value: "NAME", description: "the folder name, instead of one made from the title (needed for titles without Latin letters)" },
      teaser: { type: "string", value: "TEXT", description: "its one line on the index page", shownDefault: '"A new debugging mystery: <title>."' },
      stories: storiesOption,
    },
    examples: [
      ['npm run new -- "The Case of the Stale Cache"', "makes story/stale-cache/"],
      ['npm run new -- "The Case of the Stale Cache" --teaser "Why does yesterday\'s page keep coming back?"', "with its line on the index page"],
      ['npm run new -- "消えたパケット" --slug lost-packet', "a title with no Latin letters"],
    ],
  },
  async ({ values, positionals }) => {
    const made = await newMystery(positionals[0]!, { teaser: values.teaser, slug: values.slug, stories: path.resolve(values.stories) });
    console.log(`made ${shown(made.dir)}/ (IFID ${made.ifid})`);
    for (const f of (await readdir(made.dir, { recursive: true })).sort()) console.log(`  ${f}`);
    console.log(`next: npm run dev -- ${made.slug} to write and play it; npm run check -- ${made.slug} plays every page, link and form in seconds; npm test plays it too`);
    return 0;
  },
);

runCommand(import.meta.url, command);
