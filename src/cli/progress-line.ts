import type { ProgressSink } from '../core/progress.js';
import { renderProgress } from '../format/progress.js';

/** Erases the current terminal line (carriage return, erase to its end). */
const ERASE_LINE = '\r\x1b[K';

/**
 * The progress of long work as one line on a terminal's stderr, redrawn in place. Work that ends within
 * `firstAfterMs` shows nothing; after that the line is redrawn at most every `everyMs`, so a 50,000-record
 * import costs a clock read per record, not a write. `clear` erases it before anything else is printed.
 */
export class ProgressLine {
  private readonly startedAt: number;
  private drawnAt = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private muted = false;

  constructor(
    private readonly stream: { write(text: string): unknown },
    private readonly clock: () => number = () => performance.now(),
    private readonly firstAfterMs = 250,
    private readonly everyMs = 100,
  ) {
    this.startedAt = clock();
  }

  readonly sink: ProgressSink = (step) => {
    if (this.muted) return;
    const at = this.clock();
    if (at - this.startedAt < this.firstAfterMs || at - this.drawnAt < this.everyMs) return;
    this.drawnAt = at;
    this.drawn = true;
    this.stream.write(`${ERASE_LINE}${renderProgress(step)}`);
  };

  /** Draws nothing more: the output itself now goes to the same terminal (an export printed there). */
  mute(): void {
    this.clear();
    this.muted = true;
  }

  clear(): void {
    if (!this.drawn) return;
    this.stream.write(ERASE_LINE);
    this.drawn = false;
  }
}
