// The clue store: the "What you know" list. Its data lives in SugarCube's story variables (an
// array, so it survives the engine's cloning and serialisation), which makes history moves,
// saves and reloads restore it with everything else.

declare module "twine-sugarcube" {
  interface SugarCubeStoryVariables {
    clues?: string[];
  }
  interface SugarCubeSetupObject {
    clues: ClueStore;
  }
}

/** The story variable the list lives in ($clues): newinfo's spec says it stores it, so the lint counts it as stored. */
export const CLUES_VARIABLE = "clues";

export interface ClueStore {
  /** Empties the list; StoryInit calls it. */
  init(): void;
  /** Records a clue; true when it was new. */
  add(clue: string): boolean;
  has(clue: string): boolean;
  /** The clues in the order they were found (a copy). */
  list(): string[];
}

/** A store over any variables object, so it can be tested without the engine. */
export function clueStore(variables: () => { clues?: string[] }): ClueStore {
  const current = (): string[] => {
    const vars = variables();
    if (!Array.isArray(vars[CLUES_VARIABLE])) vars[CLUES_VARIABLE] = [];
    return vars[CLUES_VARIABLE];
  };
  return {
    init() {
      variables()[CLUES_VARIABLE] = [];
    },
    add(clue) {
      const list = current();
      if (list.includes(clue)) return false;
      list.push(clue);
      return true;
    },
    has: (clue) => current().includes(clue),
    list: () => [...current()],
  };
}
