// A lint finding and how it is shown. The line has the build errors' shape (errors.ts),
// `file:line:col: severity: message`, so build and lint output read alike and editors'
// problem matchers pick both up; a did-you-mean and a fix follow on indented lines.

import { BuildError } from "./errors.js";

export type Severity = "error" | "warning";

/**
 * The lint's codes, each with the severities it is reported at. Empty here: lint/codes.ts, the one
 * registry of codes (with their docs), fills it in by declaration merging, so this file stays below
 * the lint while a code that is not registered, anywhere in build/, does not compile.
 */
// biome-ignore lint/suspicious/noEmptyInterface: empty on purpose, filled in by declaration merging (above)
export interface LintCodes {}
export type LintCode = keyof LintCodes & string;
/** The codes reported at `severity`. */
export type CodeFor<S extends Severity> = { [K in LintCode]: S extends LintCodes[K] ? K : never }[LintCode];

export interface Diagnostic {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly severity: Severity;
  /** Stable id of the check, e.g. "missing-passage" (lint/codes.ts lists them). */
  readonly code: LintCode;
  readonly message: string;
  readonly fix?: string;
  /** A near name the author probably meant. */
  readonly suggestion?: string;
}

export interface Where {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

type Extra = { fix?: string; suggestion?: string };

/** Drops undefined extras, so diagnostics compare and serialise cleanly. */
function make(severity: Severity, where: Where, code: LintCode, message: string, extra: Extra): Diagnostic {
  const { file, line, column } = where;
  return {
    file,
    line,
    column,
    severity,
    code,
    message,
    ...(extra.fix ? { fix: extra.fix } : {}),
    ...(extra.suggestion ? { suggestion: extra.suggestion } : {}),
  };
}

export const error = (where: Where, code: CodeFor<"error">, message: string, extra: Extra = {}) =>
  make("error", where, code, message, extra);
export const warning = (where: Where, code: CodeFor<"warning">, message: string, extra: Extra = {}) =>
  make("warning", where, code, message, extra);

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** File, line, column; errors before warnings at one place; then code and message, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.file, b.file) ||
    cmp(a.line, b.line) ||
    cmp(a.column, b.column) ||
    cmp(a.severity, b.severity) ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message)
  );
}

export function formatDiagnostic(d: Diagnostic): string {
  const lines = [`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`];
  if (d.suggestion) lines.push(`  did you mean ${JSON.stringify(d.suggestion)}?`);
  if (d.fix) lines.push(`  fix: ${d.fix}`);
  return lines.join("\n");
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join("\n");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `2 errors, 1 warning in 2 mysteries` */
export function summary(diagnostics: readonly Diagnostic[], mysteries: number): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${mysteries} myster${mysteries === 1 ? "y" : "ies"}`;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.severity === "error");

/** A finding as the build reports it (the build fails on lint errors). */
export function toBuildError(d: Diagnostic): BuildError {
  const message = d.suggestion ? `${d.message} (did you mean ${JSON.stringify(d.suggestion)}?)` : d.message;
  return new BuildError(message, { file: d.file, line: d.line, column: d.column }, d.fix);
}
