import type { EntryChange, RecordedDayReport, TimeEntry } from '../../../core/types.js';
import { instant, instantOrNull, num, numOrNull } from './base.js';

/** A row as pg-native gives it: bigint columns as text, booleans as booleans. */
export type PgRow = Record<string, unknown>;

export function rowToEntry(row: PgRow): TimeEntry {
  return {
    id: num(row.id),
    taskId: num(row.task_id),
    userId: num(row.user_id),
    startAt: instant(row.start_at),
    endAt: instantOrNull(row.end_at),
    source: row.source as TimeEntry['source'],
    comment: row.comment as string | null,
    retroactive: row.retroactive === true,
    reason: row.reason as string | null,
    createdAt: instant(row.created_at),
  };
}

/** A row of the correction log (time_entry_changes). */
export function rowToEntryChange(row: PgRow): EntryChange {
  const oldTask = numOrNull(row.old_task_id);
  return {
    entryId: num(row.entry_id),
    actorId: num(row.actor_id),
    at: instant(row.at),
    oldStart: instantOrNull(row.old_start),
    oldEnd: instantOrNull(row.old_end),
    newStart: instant(row.new_start),
    newEnd: instantOrNull(row.new_end),
    comment: row.comment as string,
    retroactive: row.retroactive === true,
    reason: row.reason as string | null,
    ...(oldTask !== null ? { taskMove: { from: oldTask, to: num(row.new_task_id) } } : {}),
  };
}

/** A day report row read with `snapshot::text AS snapshot` (the JSON as it was written) and the approver's name. */
export function rowToDayReport(row: PgRow): RecordedDayReport {
  return {
    userId: num(row.user_id),
    day: row.day as string,
    recordedAt: instant(row.recorded_at),
    snapshot: row.snapshot as string,
    approvedBy: (row.approver_name as string | null) ?? null,
    approvedAt: instantOrNull(row.approved_at),
    mark: row.mark as RecordedDayReport['mark'],
    comment: row.comment as string | null,
  };
}
