// One error type for everything an author can get wrong, so every message names the file, the
// line and the fix in the same shape: `path:line:col: error: message` then `  fix: …`.

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
  ) {
    super(message);
    this.name = "BuildError";
  }
}

/** Several problems found at once (the lint): shown one after another, each like a BuildError. */
export class BuildErrors extends BuildError {
  constructor(readonly errors: readonly BuildError[]) {
    super(errors.map((e) => e.message).join("; "), errors[0]?.location, errors[0]?.fix);
    this.name = "BuildErrors";
  }
}

export function formatLocation({ file, line, column }: Location): string {
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

export function formatError(error: unknown): string {
  if (error instanceof BuildErrors) return error.errors.map(formatError).join("\n");
  if (!(error instanceof BuildError)) {
    return error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  const where = error.location ? `${formatLocation(error.location)}: ` : "";
  return `${where}error: ${error.message}${error.fix ? `\n  fix: ${error.fix}` : ""}`;
}
