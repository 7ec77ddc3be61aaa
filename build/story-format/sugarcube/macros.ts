// The macros a SugarCube 2 release knows, for the version a mystery's StoryData names. The lists
// below are read off SugarCube 2.31.1's format.js (the `Macro.add` calls, and which definitions
// have `tags`, i.e. need a closing tag), with the macros later releases added and removed;
// tests/story-format/sugarcube-version.test.ts reads 2.31.1's and 2.37.3's format.js again and
// fails if they drift. Then what the lint needs to know of some of them (ROLES).
import { compareVersions } from "../versions.js";
import type { EngineMacros, FormatMacros } from "../profile.js";

/** The release the lists below are read off (the pinned package's SugarCube 2). */
export const BASE_VERSION = "2.31.1";

/** Containers: `<<name>> … <</name>>` (also `<<endname>>`). `click` is an alias of `link`. */
export const CONTAINER_MACROS: ReadonlySet<string> = new Set([
  ...["capture", "script", "nobr", "silently", "if", "switch", "for", "button", "link", "click"],
  ...["cycle", "listbox", "linkappend", "linkprepend", "linkreplace", "append", "prepend", "replace"],
  ...["createaudiogroup", "createplaylist", "repeat", "timed", "widget"],
]);

/** Every macro SugarCube 2.31.1 defines, containers included. */
export const BUILTIN_MACROS: ReadonlySet<string> = new Set([
  ...CONTAINER_MACROS,
  ...["set", "unset", "remember", "forget", "run", "include", "print", "=", "-", "display", "break", "continue"],
  ...["checkbox", "radiobutton", "textarea", "textbox", "actions", "back", "return", "choice"],
  ...["addclass", "toggleclass", "removeclass", "copy", "remove"],
  ...["audio", "cacheaudio", "masteraudio", "playlist", "removeaudiogroup", "removeplaylist", "waitforaudio"],
  ...["setplaylist", "stopallaudio", "goto", "stop"],
]);

/** Child tags, which are only valid inside one of their parents (they are not macros by themselves). */
export const CHILD_TAGS: ReadonlyMap<string, readonly string[]> = new Map([
  ["elseif", ["if"]],
  ["else", ["if"]],
  ["case", ["switch"]],
  ["default", ["switch"]],
  ["option", ["cycle", "listbox"]],
  ["optionsfrom", ["cycle", "listbox"]],
  ["track", ["createaudiogroup", "createplaylist"]],
  ["next", ["timed"]],
]);

/**
 * Built-in macros of later SugarCube 2 releases (up to 2.37, which Twine 2.10+ ships), with the
 * release that added each, from the History notes of SugarCube's macro documentation. Twine plays
 * an imported story with its own newer SugarCube, so these would work there and fail in a build
 * on an older one.
 */
export const NEWER_MACROS: ReadonlyMap<string, { readonly added: string; readonly container: boolean }> = new Map([
  ["type", { added: "2.32.0", container: true }],
  ["numberbox", { added: "2.32.0", container: false }],
  ["done", { added: "2.35.0", container: true }],
  ["do", { added: "2.37.0", container: true }],
  ["redo", { added: "2.37.0", container: false }],
  ["silent", { added: "2.37.0", container: true }],
]);

/**
 * Story variables SugarCube itself sets while a widget runs: `$args` (its arguments, in 2.31;
 * 2.36+ also `_args` and `_contents`, temporaries). Read inside a widget passage they are not
 * the story's own, so no check reports them as unset.
 */
export const WIDGET_VARIABLES: ReadonlySet<string> = new Set(["args"]);

/** Macros long deprecated that SugarCube 2.37.0 removed (its macro documentation has them no more), and what replaces each. */
export const REMOVED_MACROS: ReadonlyMap<string, { readonly removed: string; readonly instead: string }> = new Map([
  ["click", { removed: "2.37.0", instead: "<<link>>" }],
  ["display", { removed: "2.37.0", instead: "<<include>>" }],
  ["remember", { removed: "2.37.0", instead: "the memorize() and recall() functions" }],
  ["forget", { removed: "2.37.0", instead: "the forget() function" }],
  ["setplaylist", { removed: "2.37.0", instead: "<<createplaylist>>" }],
  ["stopallaudio", { removed: "2.37.0", instead: '<<audio ":all" stop>>' }],
]);

const engines = new Map<string, EngineMacros>();

/** What SugarCube `version` defines: 2.31.1's macros, plus those added up to it, less those removed by it. */
export function engineMacros(version: string): EngineMacros {
  let engine = engines.get(version);
  if (!engine) {
    const has = (v: string) => compareVersions(version, v) >= 0;
    const added = [...NEWER_MACROS].filter(([, m]) => has(m.added));
    const gone = new Set([...REMOVED_MACROS].filter(([, m]) => has(m.removed)).map(([name]) => name));
    const keep = (names: Iterable<string>) => new Set([...names].filter((n) => !gone.has(n)));
    engine = {
      version,
      all: keep([...BUILTIN_MACROS, ...added.map(([name]) => name)]),
      containers: keep([...CONTAINER_MACROS, ...added.filter(([, m]) => m.container).map(([name]) => name)]),
    };
    engines.set(version, engine);
  }
  return engine;
}

/** What the lint reads of SugarCube's macros (see FormatMacros): which read, store, run code, go back, loop, cache audio. */
export const ROLES: Omit<FormatMacros, "engine" | "builtin" | "childTags" | "newer" | "removed" | "widgetVariables"> = {
  readers: new Set(["print", "=", "-", "if", "elseif"]),
  inputs: new Set(["textbox", "textarea", "checkbox", "radiobutton", "listbox", "cycle", "numberbox"]),
  scripts: new Set(["script", "run"]),
  wayBack: new Set(["back", "return"]),
  widget: "widget",
  loop: "for",
  audioSources: new Set(["cacheaudio"]),
  literals: new Map<string, unknown>([
    ["true", true],
    ["false", false],
    ["null", null],
    ["undefined", undefined],
    ["NaN", Number.NaN],
  ]),
};
