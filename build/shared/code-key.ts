// Which code is running: build/launch.js sets the compiled commands' key (a hash of every source
// file compiled into them) before it starts a command. A cache of something our code computes
// from files must include it, so an edit to that code is never answered from the cache. Run from
// the TypeScript sources (tests, tsx) there is no key, and such caches are not used.
const KEY = Symbol.for("twine-mysteries.commands-key");

export const commandsKey = (): string | null => ((globalThis as Record<symbol, unknown>)[KEY] as string | undefined) ?? null;

/** Sets (or, with null, clears) the key: launch.js sets it the same way, through Symbol.for. */
export function setCommandsKey(key: string | null): void {
  (globalThis as Record<symbol, unknown>)[KEY] = key ?? undefined;
}
