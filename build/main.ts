// Runs a command's main() when its file is the one node was started with (not when a test
// imports it): exit code from main, any error printed as file:line + fix (or as an internal
// error, when it is a bug of ours), exit 1. Commands with options use command.ts's
// defineCommand/runCommand instead, which add --help and usage errors.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatError } from "./errors.js";

export function runMain(moduleUrl: string, main: () => Promise<number>): void {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(formatError(error));
      process.exitCode = 1;
    },
  );
}
