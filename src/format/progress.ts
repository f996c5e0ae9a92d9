import type { ProgressStep } from '../core/progress.js';

/** One progress line: `importing from taskwarrior: 12,345 records`. */
export function renderProgress(step: ProgressStep): string {
  return `${step.work}: ${groupThousands(step.done)} ${step.done === 1 ? 'record' : 'records'}`;
}

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
