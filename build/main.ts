// Runs a command's main() when its file is the one node was started with (not when a test
// imports it): exit code from main, and any error printed as file:line + fix, exit 1.
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
