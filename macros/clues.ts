// The clue store: the "What you know" list. Its data lives in SugarCube's story variables (an
// array, so it survives the engine's cloning and serialisation), which makes history moves,
// saves and reloads restore it with everything else.
//
// Which clues' boxes a playthrough has already shown is kept outside the history: Back, Forward
// and a reload replay a moment from its start, before its clue was added, and would show (and
// announce) the box again. Each new game gets an id ($playthrough), so that record starts over
// with it, and a reload or a save of the same game keeps it.

declare module "twine-sugarcube" {
  interface SugarCubeStoryVariables {
    clues?: string[];
    playthrough?: string;
  }
  interface SugarCubeSetupObject {
    clues: ClueStore;
  }
}

/** The story variable the list lives in ($clues): newinfo's spec says it stores it, so the lint counts it as stored. */
export const CLUES_VARIABLE = "clues";
/** The story variable that names the game being played ($playthrough), set by init(). */
export const PLAYTHROUGH_VARIABLE = "playthrough";

export interface ClueStore {
  /** Starts a new game: an empty list and a new playthrough; StoryInit calls it. */
  init(): void;
  /** Records a clue; true when it was new to the list. */
  add(clue: string): boolean;
  has(clue: string): boolean;
  /** The clues in the order they were found (a copy). */
  list(): string[];
  /** How many different clues the story has (0 when unknown). */
  readonly total: number;
  /** Notes that the clue's box is shown; true only the first time in this playthrough. */
  firstShowing(clue: string): boolean;
}

/** Where the shown clues are kept between page loads (sessionStorage in the browser). */
export interface ShownRecord {
  read(): unknown;
  write(value: { run: string; clues: string[] }): void;
}

type Variables = { clues?: string[]; playthrough?: string };

const newRun = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** A store over any variables object, so it can be tested without the engine. */
export function clueStore(variables: () => Variables, total = 0, shown: ShownRecord = memoryRecord()): ClueStore {
  const current = (): string[] => {
    const vars = variables();
    if (!Array.isArray(vars[CLUES_VARIABLE])) vars[CLUES_VARIABLE] = [];
    return vars[CLUES_VARIABLE];
  };
  return {
    init() {
      const vars = variables();
      vars[CLUES_VARIABLE] = [];
      vars[PLAYTHROUGH_VARIABLE] = newRun();
    },
    add(clue) {
      const list = current();
      if (list.includes(clue)) return false;
      list.push(clue);
      return true;
    },
    has: (clue) => current().includes(clue),
    list: () => [...current()],
    total,
    firstShowing(clue) {
      const run = variables()[PLAYTHROUGH_VARIABLE] ?? "";
      const saved = shown.read() as { run?: unknown; clues?: unknown } | undefined;
      const clues =
        saved?.run === run && Array.isArray(saved.clues)
          ? saved.clues.filter((c): c is string => typeof c === "string")
          : [];
      if (clues.includes(clue)) return false;
      shown.write({ run, clues: [...clues, clue] });
      return true;
    },
  };
}

function memoryRecord(): ShownRecord {
  let value: unknown;
  return { read: () => value, write: (v) => void (value = v) };
}

/** A quoted newinfo argument: "…", '…' or `…`, as SugarCube reads strings. */
const NEWINFO = /<<newinfo\s+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`((?:[^`\\]|\\.)*)`)\s*>>/g;

/** How many different clues the passages' sources give with `<<newinfo "…">>`. A clue written as
 *  an expression cannot be counted before play and is left out. */
export function countClues(sources: Iterable<string>): number {
  const clues = new Set<string>();
  for (const source of sources)
    for (const m of source.matchAll(NEWINFO)) clues.add((m[1] ?? m[2] ?? m[3])!.replace(/\\(.)/g, "$1"));
  return clues.size;
}
