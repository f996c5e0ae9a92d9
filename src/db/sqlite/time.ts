import type { TaskVisibility } from '../../core/store.js';
import type { EntryChange, EntryCorrection, TimeEntry } from '../../core/types.js';
import { SqliteHistory } from './history.js';
import { ENTRY_ROW, insertSql } from './insert-rows.js';
import { date, type Row, rowToEntry, rowToEntryChange } from './rows.js';
import { visibleRowsSql } from './task-sql.js';

const INSERT_ENTRY = insertSql(ENTRY_ROW, 1);

/** Time entries (R21), one running timer per person, and their correction log (R22, R23). */
export abstract class SqliteTime extends SqliteHistory {
  getEntry(id: number): TimeEntry | undefined {
    const row = this.sql('SELECT * FROM time_entries WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToEntry(row) : undefined;
  }

  updateEntry(
    id: number,
    patch: Pick<TimeEntry, 'startAt' | 'endAt' | 'comment' | 'retroactive' | 'reason'>,
    updatedAt: Date,
  ): void {
    this.sql(
      'UPDATE time_entries SET start_at = ?, end_at = ?, comment = ?, retroactive = ?, reason = ?, updated_at = ? WHERE id = ?',
    ).run(
      patch.startAt.getTime(),
      patch.endAt?.getTime() ?? null,
      patch.comment,
      patch.retroactive ? 1 : 0,
      patch.reason,
      updatedAt.getTime(),
      id,
    );
  }

  correctedEntryIds(entryIds: readonly number[]): Set<number> {
    if (entryIds.length === 0) return new Set();
    const ids = this.sql(
      'SELECT DISTINCT entry_id FROM time_entry_changes WHERE entry_id IN (SELECT value FROM json_each(?))',
    )
      .pluck()
      .all(JSON.stringify(entryIds)) as number[];
    return new Set(ids);
  }

  changesOfEntries(entryIds: readonly number[]): Map<number, EntryChange[]> {
    const changes = new Map<number, EntryChange[]>();
    if (entryIds.length === 0) return changes;
    const rows = this.sql(
      'SELECT * FROM time_entry_changes WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY at, id',
    ).all(JSON.stringify(entryIds)) as Row[];
    for (const row of rows) {
      const change = rowToEntryChange(row);
      changes.set(change.entryId, [...(changes.get(change.entryId) ?? []), change]);
    }
    return changes;
  }

  insertEntryChange(change: EntryChange): void {
    this.sql(
      `INSERT INTO time_entry_changes (entry_id, actor_id, at, old_start, old_end, new_start, new_end, comment, retroactive, reason, old_task_id, new_task_id, via)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      change.entryId,
      change.actorId,
      change.at.getTime(),
      change.oldStart?.getTime() ?? null,
      change.oldEnd?.getTime() ?? null,
      change.newStart.getTime(),
      change.newEnd?.getTime() ?? null,
      change.comment,
      change.retroactive ? 1 : 0,
      change.reason,
      change.taskMove?.from ?? null,
      change.taskMove?.to ?? null,
      change.via ?? null,
    );
  }

  runningEntryOf(userId: number): TimeEntry | undefined {
    const row = this.sql('SELECT * FROM time_entries WHERE user_id = ? AND end_at IS NULL').get(userId) as
      | Row
      | undefined;
    return row ? rowToEntry(row) : undefined;
  }

  runningEntriesOnTask(taskId: number): TimeEntry[] {
    return (
      this.sql('SELECT * FROM time_entries WHERE task_id = ? AND end_at IS NULL').all(taskId) as Row[]
    ).map(rowToEntry);
  }

  lastStoppedEntryOf(userId: number): TimeEntry | undefined {
    // The one that ended last started no earlier than the latest-starting one's start minus the longest
    // entry: a bounded range of the person's index instead of their whole history.
    const row = this.sql(
      // A zero-long stretch (a cancelled timer) is no work to go back to: `resume` after `cancel` returns to the task before.
      `SELECT * FROM time_entries INDEXED BY time_entries_by_user_start
        WHERE user_id = @user AND end_at IS NOT NULL AND end_at > start_at AND source = 'timer'
          AND start_at >= (SELECT start_at FROM time_entries INDEXED BY time_entries_by_user_start
                            WHERE user_id = @user AND end_at IS NOT NULL AND end_at > start_at AND source = 'timer' ORDER BY start_at DESC LIMIT 1) - @longest
        ORDER BY end_at DESC, id DESC LIMIT 1`,
    ).get({ user: userId, longest: this.longestEntryMs() }) as Row | undefined;
    return row ? rowToEntry(row) : undefined;
  }

  insertEntry(entry: Omit<TimeEntry, 'id'>): number {
    return Number(this.sql(INSERT_ENTRY).run(ENTRY_ROW.values(entry)).lastInsertRowid);
  }

  moveEntry(id: number, taskId: number, updatedAt: Date): void {
    this.sql('UPDATE time_entries SET task_id = ?, updated_at = ? WHERE id = ?').run(
      taskId,
      updatedAt.getTime(),
      id,
    );
  }

  stopEntry(id: number, endAt: Date, updatedAt: Date): void {
    this.sql('UPDATE time_entries SET end_at = ?, updated_at = ? WHERE id = ? AND end_at IS NULL').run(
      endAt.getTime(),
      updatedAt.getTime(),
      id,
    );
  }

  entriesOfTask(taskId: number): TimeEntry[] {
    return (
      this.sql('SELECT * FROM time_entries WHERE task_id = ? ORDER BY start_at, id').all(taskId) as Row[]
    ).map(rowToEntry);
  }

  allEntries(visibleTo?: TaskVisibility): TimeEntry[] {
    if (!visibleTo)
      return (this.sql('SELECT * FROM time_entries ORDER BY start_at, id').all() as Row[]).map(rowToEntry);
    const { where, params } = visibleRowsSql('time_entries', visibleTo);
    return (this.sql(`SELECT * FROM time_entries ${where} ORDER BY start_at, id`).all(params) as Row[]).map(
      rowToEntry,
    );
  }

  /**
   * A finished entry overlapping `from` started no earlier than `from` minus the longest finished entry
   * (migration 0008), so the person's index is read over a bounded range, however long their history;
   * the running timer (at most one) comes from its own partial index.
   */
  entriesOfUserBetween(userId: number, from: Date, to: Date): TimeEntry[] {
    // An import asks once per interval: without the bound each question read every earlier entry (issue 21).
    return (
      this.sql(
        `SELECT * FROM (
           SELECT * FROM time_entries INDEXED BY time_entries_by_user_start
            WHERE user_id = @user AND start_at >= @earliest AND start_at < @to AND end_at > @from
           UNION ALL
           SELECT * FROM time_entries INDEXED BY time_entries_one_running_per_user
            WHERE user_id = @user AND end_at IS NULL AND start_at < @to)
         ORDER BY start_at, id`,
      ).all({
        user: userId,
        earliest: from.getTime() - this.longestEntryMs(),
        to: to.getTime(),
        from: from.getTime(),
      }) as Row[]
    ).map(rowToEntry);
  }

  entriesOfUsersBetween(userIds: readonly number[], from: Date, to: Date): TimeEntry[] {
    return (
      this.sql(
        `SELECT e.* FROM json_each(@users) AS p CROSS JOIN time_entries AS e INDEXED BY time_entries_by_user_start
          WHERE e.user_id = p.value AND e.start_at >= @earliest AND e.start_at < @to AND e.end_at > @from
         UNION ALL
         SELECT e.* FROM json_each(@users) AS p CROSS JOIN time_entries AS e INDEXED BY time_entries_one_running_per_user
          WHERE e.user_id = p.value AND e.end_at IS NULL AND e.start_at < @to
         ORDER BY user_id, start_at, id`,
      ).all({
        users: JSON.stringify([...new Set(userIds)]),
        earliest: from.getTime() - this.longestEntryMs(),
        to: to.getTime(),
        from: from.getTime(),
      }) as Row[]
    ).map(rowToEntry);
  }

  runningSecondsByTask(now: Date): Map<number, number> {
    const rows = this.sql(
      'SELECT task_id, sum(max(0, ? - start_at)) AS ms FROM time_entries WHERE end_at IS NULL GROUP BY task_id',
    ).all(now.getTime()) as {
      task_id: number;
      ms: number;
    }[];
    return new Map(rows.map((r) => [r.task_id, Math.round(r.ms / 1000)]));
  }

  setEntryEnd(id: number, endAt: Date | null, updatedAt: Date): void {
    this.sql('UPDATE time_entries SET end_at = ?, updated_at = ? WHERE id = ?').run(
      endAt?.getTime() ?? null,
      updatedAt.getTime(),
      id,
    );
  }

  lastEntryChangeBy(actorId: number): { entryId: number; at: Date } | undefined {
    const row = this.sql(
      'SELECT entry_id, at FROM time_entry_changes WHERE actor_id = ? ORDER BY at DESC, id DESC LIMIT 1',
    ).get(actorId) as Row | undefined;
    return row ? { entryId: row.entry_id as number, at: date(row.at) } : undefined;
  }

  entryChangesAt(actorId: number, at: Date): EntryChange[] {
    return (
      this.sql('SELECT * FROM time_entry_changes WHERE actor_id = ? AND at = ? ORDER BY id').all(
        actorId,
        at.getTime(),
      ) as Row[]
    ).map(rowToEntryChange);
  }

  changesOfEntry(entryId: number): (EntryChange & { actor: string })[] {
    const rows = this.sql(
      `SELECT c.*, u.name AS actor_name FROM time_entry_changes c JOIN users u ON u.id = c.actor_id WHERE c.entry_id = ? ORDER BY c.at, c.id`,
    ).all(entryId) as Row[];
    return rows.map((row) => ({ ...rowToEntryChange(row), actor: row.actor_name as string }));
  }

  correctionsAfter(userId: number, after: Date, from: Date, to: Date): EntryCorrection[] {
    const rows = this.sql(
      `SELECT c.*, e.task_id FROM time_entry_changes c JOIN time_entries e ON e.id = c.entry_id
       WHERE e.user_id = @user AND c.at > @after
         AND ((c.new_start < @to AND coalesce(c.new_end, c.new_start) >= @from)
           OR (c.old_start IS NOT NULL AND c.old_start < @to AND coalesce(c.old_end, c.old_start) >= @from))
       ORDER BY c.at, c.id`,
    ).all({ user: userId, after: after.getTime(), from: from.getTime(), to: to.getTime() }) as Row[];
    return rows.map((row) => {
      const { actorId: _actor, retroactive: _retroactive, ...change } = rowToEntryChange(row);
      return { ...change, taskId: row.task_id as number };
    });
  }

  runningEntries(): TimeEntry[] {
    return (this.sql('SELECT * FROM time_entries WHERE end_at IS NULL ORDER BY start_at').all() as Row[]).map(
      rowToEntry,
    );
  }

  firstEntryStart(): Date | undefined {
    const first = this.sql('SELECT min(start_at) FROM time_entries').pluck().get() as number | null;
    return first === null ? undefined : new Date(first);
  }

  entriesNotByResponsible(): { entryId: number; taskId: number; user: string; responsible: string }[] {
    return (
      this.sql(
        `SELECT e.id, e.task_id, u.name AS user_name, r.name AS responsible_name FROM time_entries e
         JOIN tasks t ON t.id = e.task_id JOIN users u ON u.id = e.user_id JOIN users r ON r.id = t.responsible_id
         WHERE e.user_id <> t.responsible_id
           AND NOT EXISTS (SELECT 1 FROM task_coexecutors c WHERE c.task_id = t.id AND c.user_id = e.user_id)
         ORDER BY e.id`,
      ).all() as { id: number; task_id: number; user_name: string; responsible_name: string }[]
    ).map((r) => ({ entryId: r.id, taskId: r.task_id, user: r.user_name, responsible: r.responsible_name }));
  }

  overlappingEntries(now: Date, limit: number): { entryId: number; previousId: number; user: string }[] {
    // Each entry against the person's entry that started just before it, along the per-person index (no
    // sort): if any of one person's entries overlap, two neighbours in start order do. Empty entries
    // (cancelled timers) hold no time and are left out.
    return (
      this.sql(
        `SELECT x.id, x.previous_id, u.name AS user_name FROM (
           SELECT e.id, e.user_id, e.start_at, lag(e.id) OVER w AS previous_id, lag(coalesce(e.end_at, @now)) OVER w AS previous_end
           FROM time_entries e
           WHERE e.end_at IS NULL OR e.end_at > e.start_at
           WINDOW w AS (PARTITION BY e.user_id ORDER BY e.start_at)
         ) x JOIN users u ON u.id = x.user_id
         WHERE x.previous_end > x.start_at
         ORDER BY x.id LIMIT @limit`,
      ).all({ now: now.getTime(), limit }) as { id: number; previous_id: number; user_name: string }[]
    ).map((r) => ({ entryId: r.id, previousId: r.previous_id, user: r.user_name }));
  }

  firstWorkMadeBetween(userId: number, from: Date, to: Date): Date | null {
    // The entries entriesOfUserBetween reads, reduced in SQL to the one moment wanted.
    const made = this.sql(
      `SELECT min(made) FROM (
         SELECT max(start_at, created_at, @from) AS made FROM time_entries INDEXED BY time_entries_by_user_start
          WHERE user_id = @user AND start_at >= @earliest AND start_at < @to AND end_at > @from
         UNION ALL
         SELECT max(start_at, created_at, @from) FROM time_entries INDEXED BY time_entries_one_running_per_user
          WHERE user_id = @user AND end_at IS NULL AND start_at < @to)
       WHERE made < @to`,
    )
      .pluck()
      .get({
        user: userId,
        earliest: from.getTime() - this.longestEntryMs(),
        to: to.getTime(),
        from: from.getTime(),
      }) as number | null;
    return made === null ? null : new Date(made);
  }
}
