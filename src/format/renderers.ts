/** What a command module's renderers are (see src/cli/command-module.ts): pure, result in, output out. */

/** How text output may look: the terminal's width and colours, the command's "now". */
export interface TextView {
  readonly color: boolean;
  readonly width: number;
  readonly now: Date;
  /** stdout is a terminal (not a pipe). */
  readonly terminal: boolean;
}

/** Output too long to hold as one string (a list of 100,000 tasks): written chunk by chunk. */
export class StreamedOutput {
  constructor(readonly stream: (write: (chunk: string) => void) => void) {}
}

/** A command result as text (null prints nothing; a final newline is added) and as JSON (printed indented). */
export interface Renderers<Result> {
  text(result: Result, view: TextView): string | null | StreamedOutput;
  json(result: Result): unknown;
}
