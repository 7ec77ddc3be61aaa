// Running things for the benchmark: a process timed whole (start to exit, as a person waits for
// it), and several of them in turn, A B A B …, so a busy moment of the machine falls on all of
// them alike and each ratio is taken between neighbouring runs.
import { spawn } from "node:child_process";
import { type Summary, summarize } from "./summary.js";

export interface Command {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Untimed work before each run (restoring files the command rewrites). */
  readonly before?: () => Promise<void>;
}

/** The environment our commands run in: our compiler, whatever tweego this machine has ($TWEEGO names the tweego column's binary). */
export const OUR_ENV: NodeJS.ProcessEnv = { STORY_COMPILER: "native", TWEEGO: "" };

/** One of our commands (`node build/launch.js <entry> [args…]`) in `project`, as npm runs it. */
export const launch = (project: string, entry: string, ...args: string[]): Command => ({
  command: process.execPath,
  args: ["build/launch.js", entry, ...args],
  cwd: project,
  env: OUR_ENV,
});

/** Runs a command to its end; its wall time in ms. Rejects, with its stderr, when it fails. */
export function timed({ command, args, cwd, env = {} }: Command): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`${command} ${args.join(" ")} exited ${code}\n${stderr}`)),
    );
  });
}

export interface Samples {
  readonly samples: readonly number[];
  readonly summary: Summary;
}

/** `runs` rounds of every command in turn (after one untimed warm-up round); each one's times. */
export async function paired(runs: number, commands: readonly Command[]): Promise<Samples[]> {
  const times: number[][] = commands.map(() => []);
  for (let round = -1; round < runs; round++) {
    for (const [i, c] of commands.entries()) {
      await c.before?.();
      const ms = await timed(c);
      if (round >= 0) times[i]!.push(ms);
    }
  }
  return times.map((samples) => ({ samples, summary: summarize(samples) }));
}

/** a ÷ b for each pair of neighbouring runs. */
export const pairRatios = (a: Samples, b: Samples): Summary => summarize(a.samples.map((x, i) => x / b.samples[i]!));
