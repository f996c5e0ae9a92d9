import type { HistoryEntry, NewHistoryEntry } from '../../../core/types.js';
import { instant, num } from './base.js';
import { PgComments } from './comments.js';
import { SqlParams } from './params.js';
import { amongSql } from './task-sql.js';

const HISTORY_ROWS_PER_INSERT = 500;

const HISTORY_SELECT = `SELECT h.id, h.task_id, h.actor_id, h.at, h.field, h.old_value, h.new_value, h.note, h.via,
  u.name AS actor_name FROM history h JOIN users u ON u.id = h.actor_id`;

function rowToHistory(row: Record<string, unknown>): HistoryEntry {
  return {
    id: num(row.id),
    taskId: num(row.task_id),
    actorId: num(row.actor_id),
    actor: row.actor_name as string,
    at: instant(row.at),
    field: row.field as string,
    oldValue: row.old_value as string | null,
    newValue: row.new_value as string | null,
    note: row.note as string | null,
    via: (row.via as string | null) ?? null,
  };
}

/**
 * The team server's history (PostgreSQL): the same meaning as src/db/sqlite/history.ts - who changed
 * which field of a task when (R36), what `task undo` and the deadline-move counts read.
 */
export abstract class PgHistory extends PgComments {
  insertHistory(entries: readonly NewHistoryEntry[]): void {
    // A few hundred rows a statement (the server takes at most 65,535 parameters in one).
    for (let start = 0; start < entries.length; start += HISTORY_ROWS_PER_INSERT)
      this.insertHistoryRows(entries.slice(start, start + HISTORY_ROWS_PER_INSERT));
  }

  private insertHistoryRows(entries: readonly NewHistoryEntry[]): void {
    const params = new SqlParams();
    const values = entries.map(
      (e) =>
        `(${[e.taskId, e.actorId, e.at.getTime(), e.field, e.oldValue, e.newValue, e.note, e.via ?? null]
          .map((value) => params.add(value))
          .join(', ')})`,
    );
    this.rows(
      `INSERT INTO history (task_id, actor_id, at, field, old_value, new_value, note, via) VALUES ${values.join(', ')}`,
      params.values,
    );
  }

  deadlineChanges(
    taskIds: readonly number[],
  ): { taskId: number; at: Date; oldValue: string | null; newValue: string | null }[] {
    if (taskIds.length === 0) return [];
    const params = new SqlParams();
    return this.rows<{ task_id: string; at: string; old_value: string | null; new_value: string | null }>(
      `SELECT task_id, at, old_value, new_value FROM history
       WHERE ${amongSql('task_id', params.list(taskIds, 'bigint'), taskIds.length)} AND field = 'deadline' ORDER BY task_id, at, id`,
      params.values,
    ).map((r) => ({
      taskId: num(r.task_id),
      at: instant(r.at),
      oldValue: r.old_value,
      newValue: r.new_value,
    }));
  }

  historyOf(taskId: number): HistoryEntry[] {
    return this.rows(`${HISTORY_SELECT} WHERE h.task_id = $1 ORDER BY h.at, h.id`, [taskId]).map(
      rowToHistory,
    );
  }

  changeEndingWith(last: HistoryEntry): HistoryEntry[] {
    // An id range: one command's rows are written together, so they sit just before its last row.
    return this.rows(
      `${HISTORY_SELECT} WHERE h.id BETWEEN $1 AND $2 AND h.actor_id = $3 AND h.at = $4 AND h.field <> 'seen' ORDER BY h.id`,
      [last.id - 50_000, last.id, last.actorId, last.at.getTime()],
    ).map(rowToHistory);
  }

  lastChangeBy(actorId: number): HistoryEntry | undefined {
    const row = this.row(
      `${HISTORY_SELECT} WHERE h.actor_id = $1 AND h.field <> 'seen' ORDER BY h.id DESC LIMIT 1`,
      [actorId],
    );
    return row ? rowToHistory(row) : undefined;
  }

  deadlineMovesBetween(
    userIds: readonly number[],
    from: Date,
    to: Date,
  ): { taskId: number; title: string; responsibleId: number; moves: number }[] {
    const params = new SqlParams();
    return this.rows<{ id: string; title: string; responsible_id: string; moves: string }>(
      `SELECT t.id, t.title, t.responsible_id, count(*) AS moves FROM tasks t JOIN history h ON h.task_id = t.id
       WHERE h.field = 'deadline' AND h.old_value IS NOT NULL
         AND h.at >= ${params.add(from.getTime())} AND h.at < ${params.add(to.getTime())}
         AND t.responsible_id = ANY (${params.list(userIds, 'bigint')}) AND t.deleted_at IS NULL
       GROUP BY t.id ORDER BY t.id`,
      params.values,
    ).map((r) => ({
      taskId: num(r.id),
      title: r.title,
      responsibleId: num(r.responsible_id),
      moves: num(r.moves),
    }));
  }
}
