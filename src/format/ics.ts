import type { DayPlan } from '../core/plan.js';
import type { Task } from '../core/types.js';
import { localDayKey } from '../core/local-time.js';

/**
 * iCalendar (RFC 5545): tasks with deadlines as VTODO, the planned items of each day as VEVENT blocks
 * laid out from the start of the working day. Lines are folded at 75 octets, text escaped, UIDs stable
 * across exports (task id + the database's instance id).
 */
export interface IcsInput {
  instanceId: string;
  now: Date;
  tasks: readonly Task[];
  plans: readonly { plan: DayPlan; dayStart: Date }[];
}

export function renderIcs(input: IcsInput): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//regula//task//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  const stamp = utc(input.now);
  for (const task of input.tasks) lines.push(...todo(task, input.instanceId, stamp));
  for (const { plan, dayStart } of input.plans) {
    let cursor = dayStart.getTime();
    for (const entry of plan.entries) {
      if (!entry.counted || !entry.task.plannedMinutes) continue;
      const end = cursor + entry.task.plannedMinutes * 60_000;
      lines.push(
        'BEGIN:VEVENT',
        `UID:regula-plan-${plan.day}-${entry.task.id}-${input.instanceId}@regula`,
        `DTSTAMP:${stamp}`,
        `DTSTART:${utc(new Date(cursor))}`,
        `DTEND:${utc(new Date(end))}`,
        `SUMMARY:${text(entry.task.title)}`,
        ...(entry.task.description ? [`DESCRIPTION:${text(entry.task.description)}`] : []),
        `CATEGORIES:${text(['PLAN', ...entry.task.tags].join(','), false)}`,
        'TRANSP:OPAQUE',
        'END:VEVENT',
      );
      cursor = end;
    }
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

const STATUS: Record<Task['status'], string> = {
  new: 'NEEDS-ACTION',
  pending: 'NEEDS-ACTION',
  in_progress: 'IN-PROCESS',
  awaiting_control: 'IN-PROCESS',
  deferred: 'NEEDS-ACTION',
  completed: 'COMPLETED',
  declined: 'CANCELLED',
};
const PRIORITY = { high: 1, medium: 5, low: 9 } as const;

function todo(task: Task, instanceId: string, stamp: string): string[] {
  const due = task.deadline!;
  return [
    'BEGIN:VTODO',
    `UID:regula-task-${task.id}-${instanceId}@regula`,
    `DTSTAMP:${stamp}`,
    `CREATED:${utc(task.createdAt)}`,
    `LAST-MODIFIED:${utc(task.updatedAt)}`,
    `SUMMARY:${text(task.title)}`,
    task.deadlineAllDay ? `DUE;VALUE=DATE:${localDate(due)}` : `DUE:${utc(due)}`,
    `STATUS:${STATUS[task.status]}`,
    `PRIORITY:${PRIORITY[task.priority]}`,
    ...(task.description ? [`DESCRIPTION:${text(task.description)}`] : []),
    ...(task.tags.length ? [`CATEGORIES:${task.tags.map((t) => text(t)).join(',')}`] : []),
    ...(task.closedAt && task.status === 'completed' ? [`COMPLETED:${utc(task.closedAt)}`] : []),
    'END:VTODO',
  ];
}

function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 DATE: the local day as YYYYMMDD. */
function localDate(date: Date): string {
  return localDayKey(date).replaceAll('-', '');
}

/**
 * TEXT escaping (RFC 5545 3.3.11). Every line break - CR LF, LF and a lone CR, which some parsers split
 * lines on (issue 21: injected VEVENTs) - becomes \n; other control characters (C0, DEL, C1) and bidi
 * controls are dropped.
 */
function text(value: string, escapeCommas = true): string {
  const escaped = value
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
      '',
    )
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
  return escapeCommas ? escaped.replace(/,/g, '\\,') : escaped;
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
export function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
