/**
 * How far a long piece of work has got (imports, big exports, reports over long periods): the command
 * line shows it as one line on a terminal's stderr, and nowhere else - never in a pipe, never with
 * --json. Core only counts.
 */
export interface ProgressStep {
  /** What is being done, e.g. "importing from taskwarrior". */
  readonly work: string;
  /** How many are done so far (records, unless `unit` says otherwise). */
  readonly done: number;
  /** How many there are in all, where that is known before the work ends. */
  readonly total?: number;
  /** What is counted, one and many (["person", "people"]); records when not given. */
  readonly unit?: readonly [one: string, many: string];
}

export type ProgressSink = (step: ProgressStep) => void;
