// Runs a command of build/ as compiled JavaScript: `node build/launch.js build/commands/build.ts [args…]`.
//
// Run through tsx, every command would pay for tsx's start-up and a transform of each source
// file on every run, longer than most commands' own work; compiled, it starts as plain
// JavaScript. The commands (every `node build/launch.js <file>` script in package.json, plus the
// one asked for) are bundled by esbuild into .cache/commands/<key>/, one ES module per command
// holding what it imports statically; a dynamic import() is a chunk loaded when it is needed.
//
// Never stale: the compile records a hash of every source file esbuild read (it reads them through
// the plugin below, so the hash is of exactly what was compiled). Each run hashes those files
// again and compiles first when any differs, is gone, or the command is not compiled yet.
// `node build/launch.js --compile` compiles (npm's `prepare`, so `npm ci` does it).
//
// Plain JavaScript on purpose: it has to run before anything is compiled.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const commandsDir = path.join(root, ".cache", "commands");
const manifestFile = path.join(commandsDir, "manifest.json");
/** How many compiled versions to keep: a long-running `npm run dev` may still load chunks of its own. */
const KEEP = 5;

const sha = (text) => createHash("sha1").update(text).digest("hex");
const relative = (file) => path.relative(root, file).split(path.sep).join("/");

/** The command files package.json runs through this launcher. */
export function commandEntries() {
  const { scripts = {} } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const found = Object.values(scripts).flatMap((s) =>
    [...s.matchAll(/\bnode build\/launch\.js (\S+\.ts)\b/g)].map((m) => m[1]),
  );
  return [...new Set(found)].sort();
}

/** An entry's output file: build/commands/build.ts → build.js (outputs are flat, see compile()). */
const outName = (entry) => `${path.basename(entry).replace(/\.[cm]?ts$/, "")}.js`;

function readManifest() {
  try {
    return JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch {
    return null;
  }
}

/** Whether the compiled commands were made from the sources as they are now, and include `entries`. */
export function isCurrent(manifest, entries) {
  if (!manifest || entries.some((e) => !(e in manifest.entries))) return false;
  for (const [file, hash] of Object.entries(manifest.inputs)) {
    let text;
    try {
      text = readFileSync(path.join(root, file));
    } catch {
      return false;
    }
    if (sha(text) !== hash) return false;
  }
  try {
    return statSync(path.join(commandsDir, manifest.key)).isDirectory();
  } catch {
    return false;
  }
}

/** esbuild's errors, as `file:line:col: error: …` lines. */
class CompileError extends Error {
  constructor(failure) {
    const lines = (failure.errors ?? []).map((e) =>
      e.location
        ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: error: ${e.text}`
        : `error: ${e.text}`,
    );
    super(lines.length > 0 ? lines.join("\n") : String(failure?.message ?? failure));
  }
}

/** Bundles `entries` into .cache/commands/<key>/ and records what it was made from. */
export async function compile(entries) {
  const esbuild = await import("esbuild");
  const inputs = { [relative(fileURLToPath(import.meta.url))]: sha(readFileSync(fileURLToPath(import.meta.url))) };
  // Every output is in one flat folder, so a module's way back to its source file is the same
  // whichever chunk it lands in: import.meta.url becomes the source file's URL (paths.ts finds the
  // project root from it, serve.ts reads dev-client.js beside it), wherever the project is.
  const anyOut = path.join(commandsDir, "key");
  const sources = {
    name: "sources",
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        inputs[relative(args.path)] = sha(text);
        const back = path.relative(anyOut, args.path).split(path.sep).join("/");
        return {
          contents: text.replaceAll("import.meta.url", `new URL(${JSON.stringify(back)}, import.meta.url).href`),
          loader: /\.[cm]?ts$/.test(args.path) ? "ts" : "js",
        };
      });
    },
  };
  const temp = path.join(commandsDir, `.tmp-${process.pid}-${Date.now()}`);
  // One bundle per command, not chunks shared between commands: each module Node loads costs a
  // resolve, a read and a link, and shared chunks would make each command load many. A dynamic
  // import() is still a chunk of its own, loaded when needed. Chunks are named by their content,
  // so two commands' identical chunks are one file.
  const options = {
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    splitting: true,
    outdir: temp,
    chunkNames: "chunk-[hash]",
    sourcemap: "linked",
    sourcesContent: false, // the sources are beside it; a smaller map is quicker for Node to load
    logLevel: "silent",
    metafile: true,
    write: false,
    plugins: [sources],
  };
  const meta = { inputs: {}, outputs: {} };
  try {
    const results = await Promise.all(
      entries.map((e) => esbuild.build({ ...options, entryPoints: { [outName(e).slice(0, -3)]: e } })),
    );
    mkdirSync(temp, { recursive: true });
    for (const result of results) {
      for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
      Object.assign(meta.inputs, result.metafile.inputs);
      Object.assign(meta.outputs, result.metafile.outputs);
    }
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw new CompileError(error);
  }
  // What each output imports, statically or not: tests/commands.test.ts checks what a command loads.
  writeFileSync(path.join(temp, "meta.json"), JSON.stringify(meta));
  const key = sha(JSON.stringify([entries, Object.entries(inputs).sort()])).slice(0, 16);
  try {
    renameSync(temp, path.join(commandsDir, key));
  } catch {
    rmSync(temp, { recursive: true, force: true }); // another process compiled the same sources
  }
  const manifest = { key, entries: Object.fromEntries(entries.map((e) => [e, outName(e)])), inputs };
  const tempManifest = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(tempManifest, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(tempManifest, manifestFile);
  prune(key);
  return manifest;
}

/** Removes all but the newest compiled versions. */
function prune(current) {
  const dirs = readdirSync(commandsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith(".") && d.name !== current)
    .map((d) => ({ dir: path.join(commandsDir, d.name), mtime: statSync(path.join(commandsDir, d.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { dir } of dirs.slice(KEEP - 1)) rmSync(dir, { recursive: true, force: true });
}

/** The compiled commands for `entries`, compiling first when they are missing or stale. */
export async function ensureCompiled(entries) {
  const manifest = readManifest();
  if (isCurrent(manifest, entries)) return manifest;
  mkdirSync(commandsDir, { recursive: true });
  // Entries compiled before stay compiled while their files exist (a command run directly, not
  // from package.json); one that was moved or deleted since is dropped, not an error.
  const before = Object.keys(manifest?.entries ?? {}).filter((e) => existsSync(path.join(root, e)));
  const all = [...new Set([...commandEntries(), ...entries, ...before])].sort();
  return compile(all);
}

/**
 * Stack traces name the TypeScript sources (build/commands/build.ts:12:5), mapped only when a stack is
 * printed: Node's own source-map support (setSourceMapsEnabled) reads every map as a module
 * loads, a cost every run would pay for stacks most runs never print.
 */
function mapStacks(dir) {
  const maps = new Map();
  const mapOf = (file) => {
    if (!maps.has(file)) {
      try {
        maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8"))));
      } catch {
        maps.set(file, null);
      }
    }
    return maps.get(file);
  };
  /** `build/x.ts:line:column` for a place in a compiled file, or null. */
  const source = (name, line, column) => {
    const file = name?.startsWith("file:") ? fileURLToPath(name) : name;
    if (!file?.startsWith(dir + path.sep) || !line || !column) return null;
    const entry = mapOf(file)?.findEntry(line - 1, column - 1);
    if (!entry?.originalSource) return null;
    const original = relative(path.resolve(path.dirname(file), entry.originalSource));
    return `${original}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  };
  Error.prepareStackTrace = (error, frames) => {
    const lines = frames.map((frame) => {
      const text = String(frame);
      const at = source(frame.getFileName(), frame.getLineNumber(), frame.getColumnNumber());
      return `    at ${at ? text.replace(/(?:file:\/\/)?[^\s()]+\.js:\d+:\d+/, at) : text}`;
    });
    return [Error.prototype.toString.call(error), ...lines].join("\n");
  };
}

async function launch(args) {
  try {
    await run(args);
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    console.error(`${error.message}\n  (the commands in build/ do not compile: fix the code at that line)`);
    process.exitCode = 1;
  }
}

async function run(args) {
  if (args[0] === "--compile") {
    if (args.length > 1) {
      // npm passes `npm run prepare -- --x` on: say so rather than compile as if it were not there.
      console.error(
        `error: unexpected argument "${args[1]}": npm run prepare compiles the commands and takes none\nusage: npm run prepare`,
      );
      process.exitCode = 2;
      return;
    }
    const current = isCurrent(readManifest(), commandEntries());
    const { key, entries } = await ensureCompiled(commandEntries());
    const where = `${relative(path.join(commandsDir, key))}/`;
    console.log(
      current
        ? `the ${Object.keys(entries).length} commands in ${where} are up to date`
        : `compiled ${Object.keys(entries).length} commands into ${where}`,
    );
    return;
  }
  const entry = args[0] && relative(path.resolve(args[0]));
  if (!entry || !/^build\/commands\/[^/]+\.ts$/.test(entry)) {
    console.error("usage: node build/launch.js build/commands/<command>.ts [args…] | --compile");
    process.exitCode = 2;
    return;
  }
  const manifest = await ensureCompiled([entry]);
  mapStacks(path.join(commandsDir, manifest.key));
  // The command sees the command line it would under tsx: argv[1] is its source file (runCommand
  // checks that), its own arguments follow.
  process.argv.splice(1, 2, path.join(root, entry));
  // Which code runs (build/shared/result-cache.ts): caches of what it computes are keyed by it.
  globalThis[Symbol.for("twine-mysteries.commands-key")] = manifest.key;
  await import(pathToFileURL(path.join(commandsDir, manifest.key, manifest.entries[entry])).href);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await launch(process.argv.slice(2));
