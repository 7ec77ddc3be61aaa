// One error type for everything an author can get wrong, so every message names the file, the
// line and the fix in the same shape: `path:line:col: error: message` then `  fix: …`.
// A mistake on the command line is a UsageError (the command prints its usage, exit 2); anything
// else that reaches the top is a bug of ours, and formatError says so.

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

export class BuildError extends Error {
  constructor(
    message: string,
    readonly location?: Location,
    readonly fix?: string,
    /** Which mystery this is and why the command read it, when that is not the one asked for. */
    readonly note?: string,
  ) {
    super(message);
    this.name = "BuildError";
  }
}

/** Several problems found at once (the lint): shown one after another, each like a BuildError. */
export class BuildErrors extends BuildError {
  constructor(
    readonly errors: readonly BuildError[],
    note?: string,
  ) {
    super(errors.map((e) => e.message).join("; "), errors[0]?.location, errors[0]?.fix, note);
    this.name = "BuildErrors";
  }
}

/** A bad command line: an unknown option, a missing or bad value. Shown with the usage; exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** What to type instead, when the usage line alone does not say. */
    readonly fix?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** `error` (a BuildError, or anything) with a note saying which mystery and why it was read. */
export function withNote(error: unknown, note: string): BuildError {
  if (error instanceof BuildErrors) return new BuildErrors(error.errors, note);
  if (error instanceof BuildError) return new BuildError(error.message, error.location, error.fix, note);
  const user = userError(error);
  return new BuildError(
    user?.message ?? (error instanceof Error ? error.message : String(error)),
    user?.location,
    user?.fix,
    note,
  );
}

export function formatLocation({ file, line, column }: Location): string {
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

const SYSTEM: Readonly<Record<string, [string, string]>> = {
  ENOENT: ["no such file or folder", "check the path"],
  ENOTDIR: ["a part of the path is not a folder", "check the path"],
  EISDIR: ["is a folder, not a file", "name a file"],
  EACCES: ["permission denied", "check the file's permissions"],
  EPERM: ["operation not permitted", "check the file's permissions"],
  ENAMETOOLONG: ["the name is too long for the file system", "use a shorter name"],
  ELOOP: ["too many levels of symbolic links", "remove the symbolic link loop"],
  ENOSPC: ["no space left on the disk", "free some space and run it again"],
};

/** A file-system error on a path the user gave (a missing file, no permission) as a BuildError. */
export function userError(error: unknown): BuildError | undefined {
  if (error instanceof BuildError) return error;
  const e = error as NodeJS.ErrnoException;
  const known = e && typeof e.code === "string" ? SYSTEM[e.code] : undefined;
  if (!known || typeof e.path !== "string") return undefined;
  const [what, fix] = known;
  const verb = e.syscall === "open" || e.syscall === "read" ? "read" : (e.syscall ?? "use");
  return new BuildError(`cannot ${verb} ${e.path}: ${what}`, undefined, fix);
}

/** `file:line:col: error: message`, `  fix: …`, `  note: …`; `severity` "warning" for a problem that fails nothing. */
export function formatError(error: unknown, severity: "error" | "warning" = "error"): string {
  if (error instanceof BuildErrors) {
    return error.errors.map((e) => formatError(e, severity)).join("\n") + (error.note ? `\n  note: ${error.note}` : "");
  }
  const user = userError(error);
  if (!user) {
    // Not a mistake in the story or the command line: a bug of ours. Say so, with the stack.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return `internal error (a bug in this tool, not in your story): ${detail}\n  please report it with the lines above`;
  }
  const where = user.location ? `${formatLocation(user.location)}: ` : "";
  return (
    `${where}${severity}: ${user.message}` +
    (user.fix ? `\n  fix: ${user.fix}` : "") +
    (user.note ? `\n  note: ${user.note}` : "")
  );
}
