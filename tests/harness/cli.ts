// Running the commands of build/ the two ways a test can: in this process, through command.ts's
// execute() (the same parsing, help, errors and exit code as the CLI, without a process start:
// most tests), or as the real process `npm run <script>` starts (`node build/launch.js <entry>`:
// one or so per command, for what only a process shows: its exit status and streams).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { vi } from "vitest";
import { type AnyCommand, execute } from "../../build/commands/command.js";
import { COMMANDS, type CommandEntry } from "../../build/commands/registry.js";
import { root } from "../../build/shared/paths.js";

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Every command of build/commands/registry.ts with what its entry exports as `command`. */
export const registeredCommands = (): Promise<(CommandEntry & { command: AnyCommand })[]> =>
  Promise.all(
    COMMANDS.map(async (c) => ({
      ...c,
      command: ((await import(path.join(root, c.entry))) as { command: AnyCommand }).command,
    })),
  );

/** Runs a command in this process, as its CLI would with `args`; its exit code and what it printed. */
export async function runInProcess(command: AnyCommand, args: readonly string[]): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    }),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    }),
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void (stdout += `${a.join(" ")}\n`)),
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void (stderr += `${a.join(" ")}\n`)),
  ];
  try {
    return { code: await execute(command, args), stdout, stderr };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

const exec = promisify(execFile);

/**
 * Runs `node build/launch.js <entry> [args…]` (what package.json's scripts run) in `cwd` (the
 * project by default); its exit code and streams. STORY_COMPILER is cleared, as in a shell
 * without it, unless `env` sets it.
 */
export function runProcess(
  entry: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Ran> {
  const cwd = options.cwd ?? root;
  return runNode(path.join(cwd, "build", "launch.js"), [entry, ...args], options);
}

/** Runs `node <script> [args…]` in `cwd` (the project by default), as runProcess does. */
export function runNode(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Ran> {
  return exec(process.execPath, [script, ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, STORY_COMPILER: "", ...options.env },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => {
      if (typeof e.code !== "number") throw e; // could not start at all
      return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    },
  );
}
