// The real tweego the tests compare against: $TWEEGO, else the oracle beside the project
// (../shared/oracles/tweego/tweego, which .ci/run also exports as TWEEGO). Without either, the
// tweego tests are registered skipped (describeWithTweego, itWithTweego) and the run prints
// NO_TWEEGO once (global-setup.ts).
import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, it } from "vitest";
import { root, unpublishedDir } from "../../build/shared/paths.js";
import { probeTweego, type Tweego } from "../../build/compile/tweego-find.js";
import { tweegoFromEnv } from "../../build/installed-formats/tweego-binary.js";

export const ORACLE_TWEEGO = path.join(root, "..", "shared", "oracles", "tweego", "tweego");

/** The binary the tweego tests use, or null when there is none to use. */
export const tweegoBinary: string | null = tweegoFromEnv() ?? (existsSync(ORACLE_TWEEGO) ? ORACLE_TWEEGO : null);

export const NO_TWEEGO =
  "tweego tests skipped: no tweego here; set TWEEGO=/path/to/tweego (or put tweego 2.1.1 at ../shared/oracles/tweego/tweego) to run them";

/** What the tweego tests are registered with when there is none: they are skipped, never run. */
const ABSENT: Tweego = { binary: "(no tweego here)", version: "not found" };

/** A describe block of tests that need the real tweego; without one here, the same tests skipped. */
export function describeWithTweego(
  tweego: Tweego | null,
  title: (t: Tweego) => string,
  body: (t: Tweego) => void,
): void {
  if (tweego) describe(title(tweego), () => body(tweego));
  else describe.skip(`${title(ABSENT)}: needs tweego`, () => body(ABSENT));
}

/** One test that needs the real tweego; without one here, skipped. */
export function itWithTweego(
  tweego: Tweego | null,
  title: (t: Tweego) => string,
  fn: (t: Tweego) => Promise<void>,
): void {
  if (tweego) it(title(tweego), () => fn(tweego));
  else it.skip(`${title(ABSENT)}: needs tweego`, () => fn(ABSENT));
}

let probed: Promise<Tweego | null> | undefined;

/** The tests' tweego, checked to run; a TWEEGO that does not run fails the tests that need it. */
export function testTweego(): Promise<Tweego | null> {
  probed ??= tweegoBinary
    ? probeTweego(tweegoBinary).then((t) => {
        if ("why" in t) throw new Error(`the tests' tweego ${tweegoBinary} does not run: ${t.why}`);
        return t;
      })
    : Promise.resolve(null);
  return probed;
}

/** Where the global setup puts the mysteries built with the compiler dist/ was not built with:
 *  .cache/also-built/tweego/ or native/, not dist/ (which holds only what is published). */
export const ALSO_BUILT_DIR = unpublishedDir("also-built");
export const ALSO_BUILT = { tweego: "tweego", native: "native" } as const;

/** Every mystery the global setup also built with the other compiler, as "tweego/<mystery>" (storyFile reads it from ALSO_BUILT_DIR). */
export function alsoBuilt(mysteries: readonly string[]): string[] {
  return Object.values(ALSO_BUILT).flatMap((dir) =>
    mysteries.filter((m) => existsSync(path.join(ALSO_BUILT_DIR, dir, `${m}.html`))).map((m) => `${dir}/${m}`),
  );
}

/** The other compiler's builds the global setup cannot make here (no tweego): their checks are
 *  registered skipped under these names (walk.test.ts). */
export const missingAlsoBuilt = (mysteries: readonly string[]): string[] =>
  tweegoBinary ? [] : mysteries.map((m) => `${ALSO_BUILT.tweego}/${m}`);

/**
 * Puts TWEEGO, PATH, HOME and TWEEGO_PATH back as they are now after each test of the file that
 * calls it, for its tests that set them; returns them as they are now.
 */
export function keepEnvAfterEach(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  afterEach(() => {
    for (const key of ["TWEEGO", "PATH", "HOME", "TWEEGO_PATH"]) {
      if (env[key] === undefined) delete process.env[key];
      else process.env[key] = env[key];
    }
  });
  return env;
}
