// `npm run dev` as a child process, for the scripts that drive it (the benchmark, the tests):
// started in its own process group, waited for until its `serving` line, stopped as a whole.
import { type ChildProcess, spawn } from "node:child_process";
import { root } from "../shared/paths.js";

export interface DevProcess {
  readonly child: ChildProcess;
  /** http://127.0.0.1:<port>/ from the `serving` line (empty if it never came). */
  readonly url: string;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` to the whole process group, as Ctrl-C in a terminal does. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

export interface DevOptions {
  /** The project to run build/commands/dev.ts of (default: this one). */
  readonly cwd?: string;
  /** Added to this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeout?: number;
}

/**
 * Starts `node build/launch.js build/commands/dev.ts <args>` (npm run dev) and waits for its `serving` line
 * (or its exit, for tests of failures: then `url` is empty). Rejects, with what it printed, if
 * neither comes within `timeout` ms.
 *
 * One node process running the compiled command, not the tsx CLI: that CLI runs the script in a
 * child and relays signals to it with 30 ms deadlines, after which it kills the child (exit 130),
 * so on a busy machine a Ctrl-C could end npm run dev before its own clean shutdown.
 */
export async function startDev(args: readonly string[], options: DevOptions = {}): Promise<DevProcess> {
  const { cwd = root, env = {}, timeout = 60_000 } = options;
  // Its own process group, as a terminal gives it: signal() and kill() reach the whole group.
  const child = spawn(process.execPath, ["build/launch.js", "build/commands/dev.ts", ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no serving line in ${timeout} ms\nstdout:\n${out}\nstderr:\n${err}`)),
      timeout,
    );
    const look = () => {
      const m = /^serving (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", look);
    void exited.then(() => {
      clearTimeout(timer);
      resolve("");
    });
  });
  return {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    exited,
    signal: (signal) => process.kill(-child.pid!, signal),
    kill: () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // the group has ended already
      }
    },
  };
}
