/**
 * The one small error hierarchy of regula. Core and storage throw these; only src/cli/main.ts turns
 * them into an exit code and a single line on stderr (exit codes are documented in docs/exit-codes.md).
 */
export const ExitCode = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  rule: 3,
  notFound: 4,
  storage: 5,
  /** Ctrl-C at a prompt: left without changing anything (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class RegulaError extends Error {
  abstract readonly exitCode: ExitCode;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad usage or invalid input: the message names the flag or value and the accepted forms. */
export class UsageError extends RegulaError {
  readonly exitCode = ExitCode.usage;
}

/** Refused by a regulation; the message starts with the rule id, e.g. "R31: ...". */
export class RuleError extends RegulaError {
  readonly exitCode = ExitCode.rule;
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(`${rule}: ${message}`);
  }
}

export class NotFoundError extends RegulaError {
  readonly exitCode = ExitCode.notFound;
}

/** The database cannot be used: locked, read-only, corrupt, from a newer program. */
export class StorageError extends RegulaError {
  readonly exitCode = ExitCode.storage;
}
