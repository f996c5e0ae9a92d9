import { formatMinutes } from '../core/duration.js';
import { formatLocalDateTime } from '../core/local-time.js';
import type { CarriedOver, ReportResult } from '../core/report-types.js';
import type { TaskStatus } from '../core/status.js';

export type ReportFormat = 'table' | 'md' | 'csv' | 'json' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'md', 'csv', 'json', 'html'];

export const minutes = (value: number | null): string => (value === null ? '-' : formatMinutes(value));
/** A period as people read it: one day alone, or "first .. last". */
export const span = (from: string, to: string) => (from === to ? from : `${from} .. ${to}`);
export const ratio = (value: number | null): string => (value === null ? '-' : value.toFixed(2));

/** Local wall-clock time of an ISO instant: "2026-11-27 09:00". */
export function localTime(isoText: string): string {
  return formatLocalDateTime(new Date(isoText));
}

/** A deadline as people read it: the date alone for a whole-day deadline (it ends at local 23:59). */
export function dueText(isoText: string): string {
  return localTime(isoText).replace(/ 23:59$/, '');
}

export function carriedText(carried: CarriedOver | null): string {
  if (!carried) return '';
  switch (carried.kind) {
    case 'continued':
      return `continued as task ${carried.taskId} (${carried.title})`;
    case 'deadline_moved':
      return `deadline moved to ${dueText(carried.deadline)}`;
    case 'open':
      return 'not finished, not moved';
  }
}

/** A result as one line: the result, then its parts (R31-R32). */
export function resultText(result: ReportResult | null): string {
  if (!result) return '';
  const parts = [result.result];
  if (result.proposal) parts.push(`proposal: ${result.proposal}`);
  if (result.explanation) parts.push(`explanation: ${result.explanation}`);
  if (result.conclusion) parts.push(`conclusion: ${result.conclusion}`);
  if (result.abstract) parts.push(`abstract: ${result.abstract}`);
  for (const link of result.links) parts.push(`link: ${link}`);
  return parts.join('; ');
}

/**
 * A task whose result was written in the period is not always closed: with the accept flag it awaits
 * its director's control (R27), and the director may have returned it since.
 */
export function doneNote(status: TaskStatus): string {
  if (status === 'completed') return '';
  if (status === 'awaiting_control') return ' (awaits control)';
  if (status === 'declined') return ' (declined)';
  return ' (returned to work)';
}

export const PLAN_LABEL = {
  deadline: 'planned',
  added: 'planned',
  overdue: 'overdue',
  unplanned: 'unplanned',
} as const;
