// `DEV_TRACE=1 npm run dev`: every watcher event and build decision on stderr, each with the
// time in ms since start, to see why a save was (or was not) built. Silent otherwise.
export function trace(...parts: unknown[]): void {
  if (process.env.DEV_TRACE) process.stderr.write(`trace ${performance.now().toFixed(1)} ${parts.join(" ")}\n`);
}
