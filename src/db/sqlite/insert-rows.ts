import type { NewComment } from '../../core/store.js';
import type { NewHistoryEntry, TaskFields, TimeEntry } from '../../core/types.js';
import { toColumn } from './rows.js';
import { TASK_COLUMNS } from './task-sql.js';

/**
 * The row one store write inserts, in one place: the single-row insert of each method and the replay of
 * an import's planned writes, many rows per statement (bulk-replay.ts), write the same values.
 */
export interface InsertShape<A extends readonly unknown[]> {
  table: string;
  columns: readonly string[];
  /** The column values, in the order of `columns`, from the store method's arguments. */
  values(...args: A): unknown[];
  /** What a row whose key exists already does (an upsert), after the VALUES. */
  onConflict?: string;
}

const TASK_KEYS = Object.keys(TASK_COLUMNS) as (keyof TaskFields)[];

export const TASK_ROW: InsertShape<[TaskFields]> = {
  table: 'tasks',
  columns: TASK_KEYS.map((k) => TASK_COLUMNS[k]),
  values: (fields) => TASK_KEYS.map((k) => toColumn(fields[k])),
};

export const COMMENT_ROW: InsertShape<[NewComment]> = {
  table: 'comments',
  columns: ['task_id', 'author_id', 'kind', 'body', 'reply_to_id', 'created_at'],
  values: (c) => [c.taskId, c.authorId, c.kind, c.body, c.replyToId, c.createdAt.getTime()],
};

export const HISTORY_ROW: InsertShape<[NewHistoryEntry]> = {
  table: 'history',
  columns: ['task_id', 'actor_id', 'at', 'field', 'old_value', 'new_value', 'note', 'via'],
  values: (e) => [
    e.taskId,
    e.actorId,
    e.at.getTime(),
    e.field,
    e.oldValue,
    e.newValue,
    e.note,
    e.via ?? null,
  ],
};

export const EXTERNAL_ROW: InsertShape<
  [source: string, entity: string, externalId: string, localId: number, fingerprint: string | null]
> = {
  table: 'external_ids',
  columns: ['source', 'entity', 'external_id', 'local_id', 'fingerprint'],
  values: (source, entity, externalId, localId, fingerprint) => [
    source,
    entity,
    externalId,
    localId,
    fingerprint,
  ],
  onConflict:
    'ON CONFLICT (source, entity, external_id) DO UPDATE SET local_id = excluded.local_id, fingerprint = excluded.fingerprint',
};

export const ENTRY_ROW: InsertShape<[Omit<TimeEntry, 'id'>]> = {
  table: 'time_entries',
  columns: [
    'task_id',
    'user_id',
    'start_at',
    'end_at',
    'source',
    'comment',
    'retroactive',
    'reason',
    'created_at',
    'updated_at',
  ],
  values: (e) => [
    e.taskId,
    e.userId,
    e.startAt.getTime(),
    e.endAt?.getTime() ?? null,
    e.source,
    e.comment,
    e.retroactive ? 1 : 0,
    e.reason,
    e.createdAt.getTime(),
    e.createdAt.getTime(),
  ],
};

/** `INSERT INTO table (columns) VALUES (...), (...)` for `rows` rows, the id first when `withId`. */
export function insertSql(
  shape: Pick<InsertShape<never>, 'table' | 'columns' | 'onConflict'>,
  rows: number,
  withId = false,
): string {
  const columns = withId ? ['id', ...shape.columns] : shape.columns;
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${shape.table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}${shape.onConflict ? ` ${shape.onConflict}` : ''}`;
}
