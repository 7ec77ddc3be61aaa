// `npm run package [-- <mystery>…] [--stories DIR] [--out DIR]`: zips the built site (site/package.ts)
// for itch.io or any host that takes an archive: <out>/<mystery>.zip (its page as index.html, and
// its preview picture) for each mystery, and with no mystery named <out>/site.zip too. Made from
// what npm run build left in <out>; exit 1 when a named mystery (or the index) is not built.
import path from "node:path";
import { chosenMysteries, mysteriesArgument, storiesOption } from "./mystery-args.js";
import { defineCommand, runCommand } from "./command.js";
import { formatError } from "../shared/errors.js";
import { display, distDir, shown } from "../shared/paths.js";
import { isBuilt, type Packaged, packageMystery, packageSite } from "../site/package.js";

const said = (p: Packaged) => `wrote ${shown(p.file)} (${Math.ceil(p.bytes / 1024)} KiB: ${p.entries.join(", ")})`;

export const command = defineCommand(
  {
    name: "npm run package",
    usage: "-- [<mystery>…] [--stories DIR] [--out DIR]",
    description:
      "zips the built site for itch.io (an HTML game is a zip with an index.html) or any host that takes an archive: " +
      "<out>/<mystery>.zip holds the mystery's page as index.html and its preview picture, and, with no mystery named, " +
      "<out>/site.zip holds every published file (the index page, each mystery's page and preview). The zips are made " +
      "from what npm run build left in <out>, and the same files always give the same bytes. Exit 1 when a mystery " +
      "named, or the index, is not built.",
    arguments: [mysteriesArgument],
    options: {
      stories: storiesOption,
      out: {
        type: "string",
        value: "DIR",
        description: "the built site, where the zips go too",
        default: distDir,
        shownDefault: display(distDir),
      },
    },
    examples: [
      ["npm run package", "every built mystery's zip, and dist/site.zip"],
      ["npm run package -- 50ms-request", "one: dist/50ms-request.zip, for itch.io"],
    ],
  },
  async ({ values, positionals }) => {
    const [stories, out] = [path.resolve(values.stories), path.resolve(values.out)];
    const named = positionals.length > 0;
    let failed = 0;
    for (const mystery of await chosenMysteries(positionals, stories)) {
      if (!named && !(await isBuilt(out, mystery))) {
        console.error(`${mystery}: not built, so not packaged (npm run build -- ${mystery} first)`);
        continue;
      }
      try {
        console.log(said(await packageMystery(out, mystery)));
      } catch (error) {
        failed++;
        console.error(formatError(error));
      }
    }
    if (!named) {
      try {
        console.log(said(await packageSite(out)));
      } catch (error) {
        failed++;
        console.error(formatError(error));
      }
    }
    return failed ? 1 : 0;
  },
);

runCommand(import.meta.url, command);
