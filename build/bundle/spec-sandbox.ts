// Runs the bundled macro specs module (macro-specs.ts) where it cannot hurt the command reading
// it: in a worker thread with a memory limit, in a fresh VM context whose promise jobs run inside
// the script's time limit (microtaskMode "afterEvaluate"). A macro file whose top level never
// finishes, a loop or a never-ending Promise chain, used to hang npm run build with its memory
// growing to gigabytes, and to take npm run dev down with it; now it is stopped in time and the
// worker's CPU profile says which function of the bundle was running. Plain data crosses back.
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";

export interface SandboxLimits {
  /** Wall time for the module's top level and every promise job it starts. */
  readonly timeMs: number;
  /** The worker's heap. */
  readonly memoryMb: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { timeMs: 2000, memoryMb: 256 };

/** Where a function of the bundle starts (0-based, as V8 gives it). */
export interface BundleFrame {
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

export type SandboxResult =
  /** What the global `global` holds afterwards, as JSON (undefined when it holds nothing). */
  | { readonly ok: true; readonly json: string | undefined }
  /** It threw: the error's message and stack (frames in `filename` map back to the sources). */
  | { readonly ok: false; readonly thrown: { message: string; stack?: string } }
  /** It went past a limit; `running` is the bundle's function the profile caught most often. */
  | { readonly ok: false; readonly limit: "time" | "memory"; readonly running?: BundleFrame };

interface Job {
  readonly js: string;
  readonly filename: string;
  readonly global: string;
  readonly timeMs: number;
  readonly profile: boolean;
}

// Plain CommonJS, run with `eval: true`: no file to find next to the compiled commands.
const WORKER = String.raw`
const { workerData } = require("node:worker_threads");
const vm = require("node:vm");
const { js, filename, global, timeMs, profile } = workerData.job;
let session;
const post = (method, params) => {
  let result, failure;
  session.post(method, params, (error, value) => { failure = error; result = value; });
  if (failure) throw failure;
  return result;
};
if (profile) {
  session = new (require("node:inspector").Session)();
  session.connect();
  post("Profiler.enable");
  post("Profiler.setSamplingInterval", { interval: 250 });
  post("Profiler.start");
}
let result;
const context = vm.createContext({}, { microtaskMode: "afterEvaluate" });
try {
  new vm.Script(js, { filename }).runInContext(context, { timeout: timeMs });
  const value = context[global];
  result = { ok: true, json: value === undefined ? undefined : JSON.stringify(value) };
} catch (error) {
  const timedOut = error && error.code === "ERR_SCRIPT_EXECUTION_TIMEOUT";
  result = timedOut
    ? { ok: false, limit: "time" }
    : { ok: false, thrown: { message: error && typeof error.message === "string" ? error.message : String(error), stack: error && typeof error.stack === "string" ? error.stack : undefined } };
}
if (profile && !result.ok && result.limit) {
  const { profile: p } = post("Profiler.stop");
  // The bundle's function sampled most, and in it the line sampled most (where a loop spins).
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const hits = new Map();
  for (const id of p.samples) {
    const n = nodes.get(id);
    if (n && n.callFrame.url.endsWith(filename)) hits.set(n, (hits.get(n) || 0) + 1);
  }
  const top = [...hits].sort((a, b) => b[1] - a[1])[0];
  if (top) {
    const { callFrame, positionTicks = [] } = top[0];
    const hot = [...positionTicks].sort((a, b) => b.ticks - a.ticks)[0];
    const line = hot ? hot.line - 1 : callFrame.lineNumber;
    const text = js.split("\n")[line] || "";
    const column = hot ? text.length - text.trimStart().length : callFrame.columnNumber;
    result.running = { name: callFrame.functionName, line, column };
  }
}
workerData.port.postMessage(result);
Atomics.store(workerData.done, 0, 1);
Atomics.notify(workerData.done, 0);
`;

/** How long past its time limit a worker may take to start and answer before it is stopped. */
const GRACE_MS = 3000;

function start(job: Job, limits: SandboxLimits) {
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { job, port: port2, done },
    transferList: [port2],
    resourceLimits: {
      maxOldGenerationSizeMb: limits.memoryMb,
      maxYoungGenerationSizeMb: Math.min(32, limits.memoryMb / 4),
    },
    stdout: true, // a console.log at the top of a macro file is not the command's output
    stderr: true,
  });
  return { worker, port: port1, done };
}

const isOutOfMemory = (error: unknown) => (error as { code?: string })?.code === "ERR_WORKER_OUT_OF_MEMORY";

async function once(job: Job, limits: SandboxLimits): Promise<SandboxResult> {
  const { worker, port } = start(job, limits);
  try {
    return await new Promise<SandboxResult>((resolve, reject) => {
      const timer = setTimeout(() => resolve({ ok: false, limit: "time" }), limits.timeMs + GRACE_MS);
      port.once("message", (result: SandboxResult) => {
        clearTimeout(timer);
        resolve(result);
      });
      worker.once("error", (error) => {
        clearTimeout(timer);
        if (isOutOfMemory(error)) resolve({ ok: false, limit: "memory" });
        else reject(error);
      });
      // Ended without a word: its heap limit (the answer, if there is one, is read first).
      worker.once("exit", () => {
        clearTimeout(timer);
        resolve((receiveMessageOnPort(port)?.message as SandboxResult | undefined) ?? { ok: false, limit: "memory" });
      });
    });
  } finally {
    port.close();
    await worker.terminate();
  }
}

function onceSync(job: Job, limits: SandboxLimits): SandboxResult {
  const { worker, port, done } = start(job, limits);
  try {
    // The worker's heap limit ends it without an answer: that is the memory limit too.
    Atomics.wait(done, 0, 0, limits.timeMs + GRACE_MS);
    const message = receiveMessageOnPort(port)?.message as SandboxResult | undefined;
    // No answer: past the time limit, or its heap limit ended it (which, blocked, we cannot tell).
    return message ?? { ok: false, limit: "time" };
  } finally {
    port.close();
    void worker.terminate();
  }
}

/** Runs again with the profiler on, to say what was running when a run went past a limit: briefly
 *  at first, longer while the profile caught nothing of the bundle (a busy machine gives a run
 *  little of its wall time). */
const LOCATE_MS = [60, 300, 1200];
const LOCATE_MEMORY_MB = 1024;

type OverLimit = Extract<SandboxResult, { limit: unknown }>;
const located = (result: OverLimit, running: BundleFrame): SandboxResult => ({ ...result, running });

/**
 * Runs `js` (a script that sets the global `global`) within `limits`. Past a limit, it is run
 * again with the profiler on, to say what was running.
 */
export async function runSandboxed(
  js: string,
  filename: string,
  global: string,
  limits = DEFAULT_LIMITS,
): Promise<SandboxResult> {
  const job = { js, filename, global, timeMs: limits.timeMs, profile: false };
  const result = await once(job, limits);
  if (result.ok || !("limit" in result)) return result;
  for (const ms of LOCATE_MS) {
    const again = await once({ ...job, timeMs: ms, profile: true }, { timeMs: ms, memoryMb: LOCATE_MEMORY_MB });
    if ("running" in again && again.running) return located(result, again.running);
  }
  return result;
}

/** runSandboxed, blocking: for the callers that cannot wait (the pure functions' default specs). */
export function runSandboxedSync(js: string, filename: string, global: string, limits = DEFAULT_LIMITS): SandboxResult {
  const job = { js, filename, global, timeMs: limits.timeMs, profile: false };
  const result = onceSync(job, limits);
  if (result.ok || !("limit" in result)) return result;
  for (const ms of LOCATE_MS) {
    const again = onceSync({ ...job, timeMs: ms, profile: true }, { timeMs: ms, memoryMb: LOCATE_MEMORY_MB });
    if ("running" in again && again.running) return located(result, again.running);
  }
  return result;
}
