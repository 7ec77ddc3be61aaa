// Which chromium drives a page, for the browser tests and the benchmark: $CHROMIUM_PATH, else
// Debian's (never Playwright's own downloaded browsers), and the flags that keep it headless and
// quiet: without the background-networking ones it tries to reach Google's services at start-up.
import { accessSync, constants } from "node:fs";

/** Where chromium is looked for, after $CHROMIUM_PATH. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The chromium binary: $CHROMIUM_PATH (an error when it cannot run), else the first of
 *  CHROMIUM_CANDIDATES that can; undefined when there is none. */
export function chromiumBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) {
    if (isExecutable(chosen)) return chosen;
    throw new Error(`CHROMIUM_PATH=${chosen} is not an executable file`);
  }
  return CHROMIUM_CANDIDATES.find(isExecutable);
}
