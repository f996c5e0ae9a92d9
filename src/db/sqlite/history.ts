import type { HistoryEntry, NewHistoryEntry } from '../../core/types.js';
import { SqliteComments } from './comments.js';
import { HISTORY_ROW, insertSql } from './insert-rows.js';
import { date, type Row, rowToHistory } from './rows.js';

/** Well under SQLite's limit of bound values in one statement (32,766). */
const HISTORY_ROWS_PER_STATEMENT = 256;
const INSERT_ONE = insertSql(HISTORY_ROW, 1);

/** The history of every task (R36): who changed which field when - what `task undo` and the deadline-move counts read. */
export abstract class SqliteHistory extends SqliteComments {
  insertHistory(entries: readonly NewHistoryEntry[]): void {
    // One statement for the rows of one change (an edit of several fields, an import's update).
    if (entries.length === 1) {
      this.sql(INSERT_ONE).run(HISTORY_ROW.values(entries[0]!));
      return;
    }
    for (let at = 0; at < entries.length; at += HISTORY_ROWS_PER_STATEMENT) {
      const rows = entries.slice(at, at + HISTORY_ROWS_PER_STATEMENT);
      this.sql(insertSql(HISTORY_ROW, rows.length)).run(rows.flatMap((e) => HISTORY_ROW.values(e)));
    }
  }

  deadlineChanges(
    taskIds: readonly number[],
  ): { taskId: number; at: Date; oldValue: string | null; newValue: string | null }[] {
    if (taskIds.length === 0) return [];
    const rows = this.sql(
      `SELECT task_id, at, old_value, new_value FROM history WHERE task_id IN (SELECT value FROM json_each(?)) AND field = 'deadline' ORDER BY task_id, at, id`,
    )
      .raw()
      .all(JSON.stringify(taskIds)) as [number, number, string | null, string | null][];
    return rows.map(([taskId, at, oldValue, newValue]) => ({ taskId, at: date(at), oldValue, newValue }));
  }

  historyOf(taskId: number): HistoryEntry[] {
    const rows = this.sql(
      'SELECT h.*, u.name AS actor_name FROM history h JOIN users u ON u.id = h.actor_id WHERE h.task_id = ? ORDER BY h.at, h.id',
    ).all(taskId) as Row[];
    return rows.map(rowToHistory);
  }

  changeEndingWith(last: HistoryEntry): HistoryEntry[] {
    // A rowid range: one command's rows are written together, so they sit just before its last row.
    const rows = this.sql(
      `SELECT h.*, u.name AS actor_name FROM history h JOIN users u ON u.id = h.actor_id
       WHERE h.id BETWEEN ? AND ? AND h.actor_id = ? AND h.at = ? AND h.field <> 'seen' ORDER BY h.id`,
    ).all(last.id - 50_000, last.id, last.actorId, last.at.getTime()) as Row[];
    return rows.map(rowToHistory);
  }

  lastChangeBy(actorId: number): HistoryEntry | undefined {
    // Walks the history backwards by id and stops at the person's newest row.
    const row = this.sql(
      `SELECT h.*, u.name AS actor_name FROM history h JOIN users u ON u.id = h.actor_id
       WHERE h.actor_id = ? AND h.field <> 'seen' ORDER BY h.id DESC LIMIT 1`,
    ).get(actorId) as Row | undefined;
    return row ? rowToHistory(row) : undefined;
  }

  deadlineMovesBetween(
    userIds: readonly number[],
    from: Date,
    to: Date,
  ): { taskId: number; title: string; responsibleId: number; moves: number }[] {
    const rows = this.sql(
      // From the people's tasks (an index) into each one's history (by task and time), not the whole history.
      `SELECT t.id, t.title, t.responsible_id, count(*) FROM tasks t CROSS JOIN history h ON h.task_id = t.id
       WHERE h.field = 'deadline' AND h.old_value IS NOT NULL AND h.at >= ? AND h.at < ?
         AND t.responsible_id IN (SELECT value FROM json_each(?)) AND t.deleted_at IS NULL
       GROUP BY t.id ORDER BY t.id`,
    )
      .raw()
      .all(from.getTime(), to.getTime(), JSON.stringify(userIds)) as [number, string, number, number][];
    return rows.map(([taskId, title, responsibleId, moves]) => ({ taskId, title, responsibleId, moves }));
  }
}
