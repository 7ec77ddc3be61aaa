// The usual route through each mystery that declares one, read from its story/<mystery>/route.json
// (build/overview/usual-route.ts; the story map highlights the same route): the passages a player goes
// through, by links and forms, from the story's start passage (not listed) to an ending, and the
// clues that route finds, in order. Shared by the jsdom route test and the chromium test; a
// mystery without a route.json is played by the shortest route to an ending (tests/browser).
import path from "node:path";
import { storiesDir } from "../../build/shared/paths.js";
import { readUsualRoute } from "../../build/overview/usual-route.js";
import { mysteries } from "./mysteries.js";

const declared = mysteries.flatMap((m) => {
  const usual = readUsualRoute(path.join(storiesDir, m));
  return usual ? [[m, usual] as const] : [];
});

/** Mystery → its usual route: the passages after the start passage, the last one an ending. */
export const usualRoutes: Record<string, string[]> = Object.fromEntries(declared.map(([m, u]) => [m, [...u.route]]));

/** Mystery → the clues its usual route finds, in the order their boxes announce them. */
export const usualClues: Record<string, string[]> = Object.fromEntries(declared.map(([m, u]) => [m, [...u.clues]]));
