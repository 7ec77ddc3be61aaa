// A mystery's usual route, when its author wrote one down: `story/<mystery>/route.json`, with
// the passages a player goes through after the start passage (the last one an ending) and the
// clues that route finds, in order. The story map highlights it; the route and browser tests
// play it. It is data beside the story, not part of it: the build never puts it in the HTML.
import { readFileSync } from "node:fs";
import path from "node:path";
import { BuildError } from "../shared/errors.js";
import { display } from "../shared/paths.js";

export const ROUTE_FILE = "route.json";

export interface UsualRoute {
  /** Passages after the start passage, each reached by a link or form on the one before. */
  readonly route: readonly string[];
  /** The clues the route finds, in the order their boxes announce them. */
  readonly clues: readonly string[];
  /** What the route types into each form it answers, by the form's variable ("$curl_cmd"); npm
   *  run dev's play-from fills our echo of an answer with these. A form not listed gets an empty answer. */
  readonly answers: Readonly<Record<string, string>>;
}

const EXAMPLE =
  '{"route": ["Landing", "…", "Epilogue"], "clues": ["The first clue", "…"], "answers": {"$curl_cmd": "curl …"}}';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/** route.json's text → the route; a clear error naming the file otherwise. Pure. */
export function parseUsualRoute(text: string, file: string): UsualRoute {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new BuildError(
      `the usual route is not valid JSON (${(e as Error).message})`,
      { file, line: 1 },
      `write it as ${EXAMPLE}`,
    );
  }
  const {
    route,
    clues,
    answers = {},
  } = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  if (!isStrings(route) || route.length === 0 || !isStrings(clues)) {
    throw new BuildError(
      'the usual route needs "route" (the passages after the start, a non-empty list of names) and "clues" (a list)',
      { file, line: 1 },
      `write it as ${EXAMPLE}`,
    );
  }
  const answerList =
    typeof answers === "object" && answers !== null && !Array.isArray(answers) ? Object.entries(answers) : null;
  if (!answerList || answerList.some(([k, v]) => !/^\$[A-Za-z_$][\w$]*$/.test(k) || typeof v !== "string")) {
    throw new BuildError(
      'the usual route\'s "answers" maps each form\'s "$variable" to the text typed there',
      { file, line: 1 },
      `write it as ${EXAMPLE}`,
    );
  }
  return { route, clues, answers: Object.fromEntries(answerList) as Record<string, string> };
}

/** The mystery's usual route, or undefined when its folder has no route.json. */
export function readUsualRoute(dir: string): UsualRoute | undefined {
  const file = path.join(dir, ROUTE_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return parseUsualRoute(text, display(file));
}
