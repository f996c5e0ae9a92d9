import type { OffsetSegment } from '../../core/local-time.js';
import type { TemplateFields, TemplateRecord } from '../../core/store.js';
import type {
  Comment,
  EntryChange,
  HistoryEntry,
  RecordedDayReport,
  TimeEntry,
  User,
} from '../../core/types.js';

export type Row = Record<string, unknown>;

/** Values as SQLite stores them: instants as epoch ms, booleans as 0/1. */
export function toColumn(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

export const date = (value: unknown): Date => new Date(value as number);

export const optionalDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(value as number);

export const flag = (value: unknown): boolean => value === 1;

export const seconds = (ms: unknown): number => Math.round((ms as number) / 1000);

export function rowToHistory(row: Row): HistoryEntry {
  return {
    id: row.id as number,
    taskId: row.task_id as number,
    actorId: row.actor_id as number,
    actor: row.actor_name as string,
    at: date(row.at),
    field: row.field as string,
    oldValue: row.old_value as string | null,
    newValue: row.new_value as string | null,
    note: row.note as string | null,
    via: (row.via as string | null | undefined) ?? null,
  };
}

export function rowToUser(row: Row): User {
  return {
    id: row.id as number,
    name: row.name as string,
    fullName: row.full_name as string | null,
    role: row.role as User['role'],
    managerId: row.manager_id as number | null,
    createdAt: date(row.created_at),
  };
}

export function rowToEntry(row: Row): TimeEntry {
  return {
    id: row.id as number,
    taskId: row.task_id as number,
    userId: row.user_id as number,
    startAt: date(row.start_at),
    endAt: optionalDate(row.end_at),
    source: row.source as TimeEntry['source'],
    comment: row.comment as string | null,
    retroactive: row.retroactive === 1,
    reason: row.reason as string | null,
    createdAt: date(row.created_at),
  };
}

export function rowToComment(row: Row): Comment {
  return {
    id: row.id as number,
    taskId: row.task_id as number,
    authorId: row.author_id as number,
    author: row.author_name as string,
    kind: row.kind as Comment['kind'],
    body: row.body as string,
    replyToId: row.reply_to_id as number | null,
    createdAt: date(row.created_at),
  };
}

export function templateParams(fields: TemplateFields) {
  return {
    ...fields,
    tags: JSON.stringify(fields.tags),
    paused: fields.paused ? 1 : 0,
    management: fields.management ? 1 : 0,
    review: fields.review ? 1 : 0,
    createdAt: fields.createdAt.getTime(),
    updatedAt: fields.updatedAt.getTime(),
  };
}

export function rowToTemplate(row: Row): TemplateRecord {
  return {
    id: row.id as number,
    title: row.title as string,
    project: row.project as string | null,
    tags: JSON.parse(row.tags as string) as string[],
    priority: row.priority as TemplateRecord['priority'],
    plannedMinutes: row.planned_minutes as number | null,
    description: row.description as string | null,
    schedule: row.schedule as string,
    deadlineOffsetDays: row.deadline_offset_days as number,
    startDay: row.start_day as string,
    responsibleId: row.responsible_id as number,
    responsible: row.responsible_name as string,
    directorId: row.director_id as number,
    paused: row.paused === 1,
    management: row.management === 1,
    review: row.review === 1,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

export function rowToDayReport(row: Row): RecordedDayReport {
  return {
    userId: row.user_id as number,
    day: row.day as string,
    recordedAt: date(row.recorded_at),
    snapshot: row.snapshot as string,
    approvedBy: (row.approver_name as string | null) ?? null,
    approvedAt: optionalDate(row.approved_at),
    mark: row.mark as RecordedDayReport['mark'],
    comment: row.comment as string | null,
  };
}

/** A row of the correction log (time_entry_changes). */
export function rowToEntryChange(row: Row): EntryChange {
  return {
    entryId: row.entry_id as number,
    actorId: row.actor_id as number,
    at: date(row.at),
    oldStart: optionalDate(row.old_start),
    oldEnd: optionalDate(row.old_end),
    newStart: date(row.new_start),
    newEnd: optionalDate(row.new_end),
    comment: row.comment as string,
    retroactive: row.retroactive === 1,
    reason: row.reason as string | null,
    ...(row.old_task_id !== null
      ? { taskMove: { from: row.old_task_id as number, to: row.new_task_id as number } }
      : {}),
  };
}

/** SQL for the UTC offset (ms) in force at the instant `column`, from offset segments (DST changes as CASE arms). */
export function offsetSql(segments: readonly OffsetSegment[]): (column: string) => string {
  return (column) =>
    segments.length === 1
      ? String(segments[0]!.offsetMs)
      : `CASE ${segments
          .slice(1)
          .reverse()
          .map((seg) => `WHEN ${column} >= ${seg.start} THEN ${seg.offsetMs}`)
          .join(' ')} ELSE ${segments[0]!.offsetMs} END`;
}

/**
 * R34, R36: SQL for the status task `t` had at the instant `at` (a column or parameter): the last status
 * change before it, else the first change's old value after it, else the status it has now.
 */
export function statusAt(t: string, at: string): string {
  return `coalesce(
    (SELECT h.new_value FROM history h WHERE h.task_id = ${t}.id AND h.field = 'status' AND h.at < ${at} ORDER BY h.at DESC, h.id DESC LIMIT 1),
    (SELECT h.old_value FROM history h WHERE h.task_id = ${t}.id AND h.field = 'status' AND h.at >= ${at} ORDER BY h.at, h.id LIMIT 1),
    ${t}.status)`;
}
