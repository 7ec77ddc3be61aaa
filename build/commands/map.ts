// `npm run map [-- <mystery>…] [--stories DIR] [--out DIR]`: draws each mystery's story map
// (map-graph.ts → map-svg.ts) into .cache/maps/<mystery>.map.svg (overview/map.ts's mapFile: not in
// dist/, which holds only what is published) or <out>/, a plain SVG to open in any browser.
// A mystery that fails to load keeps its last map and the others are still drawn; exit 1 then.
import path from "node:path";
import { chosenMysteries, mysteriesArgument, outFolder, storiesOption } from "./mystery-args.js";
import { mapFile, mapsDir, writeMap } from "../overview/map.js";
import { defineCommand, runCommand } from "./command.js";
import { formatError } from "../shared/errors.js";
import { display, shown } from "../shared/paths.js";

export const command = defineCommand(
  {
    name: "npm run map",
    usage: "-- [<mystery>…] [--stories DIR] [--out DIR]",
    description:
      "draws each mystery's story map into .cache/maps/<mystery>.map.svg (not dist/: a map is not published), a plain SVG to open in any browser: every " +
      "passage as a box where Twine's map puts it, every link and form target as an arrow, the start, endings and " +
      "clue passages marked, a legend, and the usual route highlighted. A mystery that fails to load keeps its last " +
      "map and the others are drawn; exit 1 then.",
    arguments: [mysteriesArgument],
    options: {
      stories: storiesOption,
      out: {
        type: "string",
        value: "DIR",
        description: "where the maps go",
        shownDefault: `${display(mapsDir())}/, beside the stories folder`,
      },
    },
    examples: [
      ["npm run map", "every mystery's map, in .cache/maps/"],
      ["npm run map -- 50ms-request", "one mystery's: .cache/maps/50ms-request.map.svg"],
    ],
  },
  async ({ values, positionals }) => {
    const stories = path.resolve(values.stories);
    const mysteries = await chosenMysteries(positionals, stories);
    const out = values.out === undefined ? undefined : await outFolder(values.out);
    let failed = 0;
    for (const mystery of mysteries) {
      const file = mapFile(stories, mystery, out);
      try {
        const { passages, links } = await writeMap(path.join(stories, mystery), file);
        console.log(`drew ${shown(file)} (${passages} passages, ${links} links)`);
      } catch (error) {
        failed++;
        console.error(formatError(error));
        console.error(`the map of ${mystery} was not drawn; ${shown(file)} is left as it was`);
      }
    }
    return failed ? 1 : 0;
  },
);

runCommand(import.meta.url, command);
