// The macros the story's engine knows. Read off SugarCube 2.31.1's format.js (the `Macro.add`
// calls, and which definitions have `tags`, i.e. need a closing tag); tests/lint.test.ts reads
// format.js again and fails if this list drifts from the installed engine.

/** The engine every mystery is built with (twine-story-formats' SugarCube 2). */
export const ENGINE_VERSION = "2.31.1";

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
 * Built-in macros of later SugarCube 2 releases (up to 2.37, which Twine 2.10 ships), with the
 * release that added each, from the History notes of SugarCube's macro documentation. Twine plays
 * an imported story with its own newer SugarCube, so these would work there and fail in our build.
 */
export const NEWER_MACROS: ReadonlyMap<string, string> = new Map([
  ["type", "2.32.0"],
  ["numberbox", "2.32.0"],
  ["done", "2.35.0"],
  ["do", "2.37.0"],
  ["redo", "2.37.0"],
  ["silent", "2.37.0"],
]);

/**
 * Story variables SugarCube itself sets while a widget runs: `$args` (its arguments, in 2.31;
 * 2.36+ also `_args` and `_contents`, temporaries). Read inside a widget passage they are not
 * the story's own, so no check reports them as unset.
 */
export const WIDGET_VARIABLES: ReadonlySet<string> = new Set(["args"]);
