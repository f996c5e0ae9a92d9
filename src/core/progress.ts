/**
 * How far a long piece of work has got (imports, big exports): the command line shows it as one line on
 * a terminal's stderr, and nowhere else - never in a pipe, never with --json. Core only counts.
 */
export interface ProgressStep {
  /** What is being done, e.g. "importing from taskwarrior". */
  readonly work: string;
  /** How many records are done so far. */
  readonly done: number;
}

export type ProgressSink = (step: ProgressStep) => void;
