import type { HistoryEntry, NewHistoryEntry, Task } from './types.js';

/** Task fields whose every change is kept (R36), as they are named in history rows. */
export const TRACKED_FIELDS = [
  'title',
  'project',
  'kind',
  'part',
  'status',
  'priority',
  'deadline',
  'deadlineHard',
  'plannedMinutes',
  'timeTracking',
  'acceptRequired',
  'management',
  'review',
  'director',
  'responsible',
  'parentId',
  'description',
  'tags',
  'mark',
] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];

/**
 * What a person reads for a history row's field (`task history`, undo messages); the stored names stay
 * in the rows and in JSON. Fields not listed read as they are stored.
 */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  deadlineHard: 'hard deadline',
  plannedMinutes: 'planned time',
  timeTracking: 'time tracking',
  acceptRequired: 'accept after completion',
  management: 'management task',
  review: 'review (GENERAL CONCLUSION)',
  parentId: 'parent task',
  mark: 'rating',
  depends: 'depends on',
  crm: 'CRM links',
  seen: 'seen by the responsible',
};

export function historyFieldLabel(field: string): string {
  return FIELD_WORDS[field] ?? field;
}

/** Fields whose stored value is free text (quoted when shown), not a word of regula's own. */
const TEXT_FIELDS: ReadonlySet<string> = new Set([
  'title',
  'project',
  'description',
  'director',
  'responsible',
  'tags',
  'observers',
  'crm',
  'created',
]);

/**
 * A stored value as words: booleans as yes/no, statuses and kinds without underscores (`in progress`);
 * free text stays as written, for the renderer to quote. Null when the field had no value.
 */
export function historyValueWords(
  field: string,
  value: string | null,
): { text: string; quoted: boolean } | null {
  if (value === null) return null;
  if (TEXT_FIELDS.has(field)) return { text: value, quoted: true };
  if (value === 'true' || value === 'false') return { text: value === 'true' ? 'yes' : 'no', quoted: false };
  if (/^[a-z]+(_[a-z]+)+$/.test(value)) return { text: value.replace(/_/g, ' '), quoted: false };
  return { text: value, quoted: !/^[\w.:-]+$/.test(value) };
}

/** How a field's value is written into a history row: plain text, instants as ISO UTC. */
export function historyValue(task: Task, field: TrackedField): string | null {
  switch (field) {
    case 'deadline':
      return task.deadline ? task.deadline.toISOString() : null;
    case 'tags':
      return task.tags.length ? [...task.tags].sort().join(',') : null;
    case 'part':
    case 'plannedMinutes':
    case 'parentId':
      return task[field] === null ? null : String(task[field]);
    case 'deadlineHard':
    case 'timeTracking':
    case 'acceptRequired':
    case 'management':
    case 'review':
      return String(task[field]);
    default:
      return task[field];
  }
}

/** One history row per tracked field that differs between `before` and `after`. */
export function diffTask(
  before: Task,
  after: Task,
  actorId: number,
  at: Date,
  note: string | null = null,
): NewHistoryEntry[] {
  const rows: NewHistoryEntry[] = [];
  for (const field of TRACKED_FIELDS) {
    const oldValue = historyValue(before, field);
    const newValue = historyValue(after, field);
    if (oldValue !== newValue)
      rows.push({
        taskId: before.id,
        actorId,
        at,
        field,
        oldValue,
        newValue,
        note: field === 'deadline' || field === 'deadlineHard' ? note : null,
      });
  }
  return rows;
}

export function historyRow(
  taskId: number,
  actorId: number,
  at: Date,
  field: string,
  oldValue: string | null,
  newValue: string | null,
  note: string | null = null,
): NewHistoryEntry {
  return { taskId, actorId, at, field, oldValue, newValue, note };
}

/** One stretch of a task in someone's hands. */
export interface Holding {
  user: string;
  from: Date;
  /** null: still holds it. */
  to: Date | null;
}

/** R36: who held the task as responsible, from when to when, in order. */
export function responsibleHoldings(task: Task, history: readonly HistoryEntry[]): Holding[] {
  const changes = history.filter(
    (h) => h.field === 'responsible' && h.oldValue !== null && h.newValue !== null,
  );
  const holdings: Holding[] = [];
  let holder = changes[0]?.oldValue ?? task.responsible;
  let from = task.createdAt;
  for (const change of changes) {
    holdings.push({ user: holder, from, to: change.at });
    holder = change.newValue!;
    from = change.at;
  }
  holdings.push({ user: holder, from, to: task.closedAt });
  return holdings;
}
