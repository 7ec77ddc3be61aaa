// npm run dev's "play from here": every passage of every mystery opens at
// `/<mystery>.html#play-from=<passage, URL-encoded>` with what a player has on arriving there
// (overview/arrival.ts). The dev client asks the server for that state (serve.ts's
// /__dev/play-from), sets it with SugarCube's documented State.variables and Engine.play, and
// each box of a story map the server serves links there. None of it is in the files in dist/.
import { type Dirent, readdirSync } from "node:fs";
import path from "node:path";
import type { MacroSpec } from "../../macros/define.js";
import { loadStory } from "../model/story.js";
import { isMysteryFolder, readSources } from "../sources/mystery-files.js";
import { arrival } from "../overview/arrival.js";
import { storyGraph } from "../overview/map-graph.js";
import { readUsualRoute } from "../overview/usual-route.js";
import { formatError } from "../shared/errors.js";
import { checkMysteryName } from "../shared/names.js";
import type { PlayFrom } from "./serve.js";

/** The address that plays `passage` of `mystery` from `base` (the server's URL, ending in /). */
export const playFromUrl = (base: string, mystery: string, passage: string): string =>
  `${base}${encodeURIComponent(mystery)}.html#play-from=${encodeURIComponent(passage)}`;

/** What the dev client gets: the arrival, or why there is none. */
export type PlayFromAnswer =
  | ({ readonly found: true } & NonNullable<ReturnType<typeof arrival>>)
  | { readonly found: false; readonly passage: string; readonly message: string };

/** The mystery whose page is `page` ("50ms-request.html"), if it names one. */
function mysteryOf(page: string): string | undefined {
  const mystery = page.endsWith(".html") ? page.slice(0, -".html".length) : "";
  try {
    checkMysteryName(mystery);
    return mystery;
  } catch {
    return undefined;
  }
}

/** The server's part of play-from for the mysteries in `stories`; `specs` gives the current macro specs. */
export function playFrom(stories: string, specs: () => readonly MacroSpec[] | undefined): PlayFrom {
  return {
    async arrival(page, passage): Promise<PlayFromAnswer> {
      const mystery = mysteryOf(page);
      const known = specs();
      if (!mystery) return { found: false, passage, message: `${page} is not a mystery's page` };
      if (!known)
        return { found: false, passage, message: "the macros do not load: fix them first (see the terminal)" };
      try {
        const dir = path.join(stories, mystery);
        const usual = readUsualRoute(dir);
        const graph = storyGraph(loadStory(await readSources(dir)), known, usual);
        const found = arrival(graph, usual?.answers ?? {}, passage);
        return found
          ? { found: true, ...found }
          : { found: false, passage, message: `${mystery} has no passage named "${passage}"` };
      } catch (error) {
        return { found: false, passage, message: formatError(error) };
      }
    },
    pageOfMap(mystery) {
      let mysteries: Dirent[];
      try {
        mysteries = readdirSync(stories, { withFileTypes: true }).filter(isMysteryFolder);
      } catch {
        return undefined; // no stories folder (yet): no map is one of theirs
      }
      return mysteries.some((m) => m.name === mystery) ? `${mystery}.html` : undefined;
    },
  };
}
