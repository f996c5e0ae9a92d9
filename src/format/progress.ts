import type { ProgressStep } from '../core/progress.js';

/** One progress line: `importing from taskwarrior: 12,345 records`, `team report: 12 of 49 people`. */
export function renderProgress(step: ProgressStep): string {
  const [one, many] = step.unit ?? ['record', 'records'];
  const unit = (step.total ?? step.done) === 1 ? one : many;
  const whole = step.total === undefined ? '' : ` of ${groupThousands(step.total)}`;
  return `${step.work}: ${groupThousands(step.done)}${whole} ${unit}`;
}

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
