import type { TaskVisibility } from '../../../core/store.js';
import type { EntryChange, EntryCorrection, TimeEntry } from '../../../core/types.js';
import { instant, num } from './base.js';
import { PgHistory } from './history.js';
import { arrayLiteral } from './params.js';
import { type PgRow, rowToEntry, rowToEntryChange } from './time-rows.js';

/** The longest finished entry (kept by a trigger, 0001): how far before a period an overlapping entry can start. */
const LONGEST_MS = '(SELECT longest_ms FROM time_entry_bounds WHERE id = 1)';

/** Time entries (R21), one running timer per person, and their correction log (R22, R23): src/db/sqlite/time.ts on PostgreSQL. */
export abstract class PgTime extends PgHistory {
  getEntry(id: number): TimeEntry | undefined {
    const row = this.row('SELECT * FROM time_entries WHERE id = $1', [id]);
    return row ? rowToEntry(row) : undefined;
  }

  updateEntry(
    id: number,
    patch: Pick<TimeEntry, 'startAt' | 'endAt' | 'comment' | 'retroactive' | 'reason'>,
    updatedAt: Date,
  ): void {
    this.rows(
      'UPDATE time_entries SET start_at = $1, end_at = $2, comment = $3, retroactive = $4, reason = $5, updated_at = $6 WHERE id = $7',
      [
        patch.startAt.getTime(),
        patch.endAt?.getTime() ?? null,
        patch.comment,
        patch.retroactive,
        patch.reason,
        updatedAt.getTime(),
        id,
      ],
    );
  }

  correctedEntryIds(entryIds: readonly number[]): Set<number> {
    if (entryIds.length === 0) return new Set();
    const rows = this.rows<{ entry_id: string }>(
      'SELECT DISTINCT entry_id FROM time_entry_changes WHERE entry_id = ANY ($1::bigint[])',
      [arrayLiteral(entryIds)],
    );
    return new Set(rows.map((r) => num(r.entry_id)));
  }

  changesOfEntries(entryIds: readonly number[]): Map<number, EntryChange[]> {
    const changes = new Map<number, EntryChange[]>();
    if (entryIds.length === 0) return changes;
    const rows = this.rows(
      'SELECT * FROM time_entry_changes WHERE entry_id = ANY ($1::bigint[]) ORDER BY at, id',
      [arrayLiteral(entryIds)],
    );
    for (const row of rows) {
      const change = rowToEntryChange(row);
      changes.set(change.entryId, [...(changes.get(change.entryId) ?? []), change]);
    }
    return changes;
  }

  insertEntryChange(change: EntryChange): void {
    this.rows(
      `INSERT INTO time_entry_changes (entry_id, actor_id, at, old_start, old_end, new_start, new_end, comment, retroactive, reason, old_task_id, new_task_id, via)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        change.entryId,
        change.actorId,
        change.at.getTime(),
        change.oldStart?.getTime() ?? null,
        change.oldEnd?.getTime() ?? null,
        change.newStart.getTime(),
        change.newEnd?.getTime() ?? null,
        change.comment,
        change.retroactive,
        change.reason,
        change.taskMove?.from ?? null,
        change.taskMove?.to ?? null,
        change.via ?? null,
      ],
    );
  }

  runningEntryOf(userId: number): TimeEntry | undefined {
    const row = this.row('SELECT * FROM time_entries WHERE user_id = $1 AND end_at IS NULL', [userId]);
    return row ? rowToEntry(row) : undefined;
  }

  runningEntriesOnTask(taskId: number): TimeEntry[] {
    return this.rows(
      'SELECT * FROM time_entries WHERE task_id = $1 AND end_at IS NULL ORDER BY start_at, id',
      [taskId],
    ).map(rowToEntry);
  }

  lastStoppedEntryOf(userId: number): TimeEntry | undefined {
    // The one that ended last started no earlier than the latest-starting one's start minus the longest
    // entry: a bounded range of the person's index instead of their whole history. A zero-long stretch (a
    // cancelled timer) is no work to go back to: `resume` after `cancel` returns to the task before.
    const row = this.row(
      `WITH stopped AS (SELECT * FROM time_entries WHERE user_id = $1 AND end_at IS NOT NULL AND end_at > start_at AND source = 'timer')
       SELECT * FROM stopped
        WHERE start_at >= (SELECT start_at FROM stopped ORDER BY start_at DESC LIMIT 1) - ${LONGEST_MS}
        ORDER BY end_at DESC, id DESC LIMIT 1`,
      [userId],
    );
    return row ? rowToEntry(row) : undefined;
  }

  insertEntry(entry: Omit<TimeEntry, 'id'>): number {
    const row = this.row<{ id: string }>(
      `INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, comment, retroactive, reason, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
      [
        entry.taskId,
        entry.userId,
        entry.startAt.getTime(),
        entry.endAt?.getTime() ?? null,
        entry.source,
        entry.comment,
        entry.retroactive,
        entry.reason,
        entry.createdAt.getTime(),
      ],
    );
    return num(row!.id);
  }

  moveEntry(id: number, taskId: number, updatedAt: Date): void {
    this.rows('UPDATE time_entries SET task_id = $1, updated_at = $2 WHERE id = $3', [
      taskId,
      updatedAt.getTime(),
      id,
    ]);
  }

  stopEntry(id: number, endAt: Date, updatedAt: Date): void {
    const stopped = this.rows(
      'UPDATE time_entries SET end_at = $1, updated_at = $2 WHERE id = $3 AND end_at IS NULL RETURNING id',
      [endAt.getTime(), updatedAt.getTime(), id],
    );
    if (stopped.length > 0) return;
    // R2, R38: someone else's running timer (a handover, a deletion) is seen but is not theirs to change;
    // the server's one narrow door ends it - checking that they direct the task or manage its responsible.
    const [running] = this.rows('SELECT id FROM time_entries WHERE id = $1 AND end_at IS NULL', [id]);
    if (running) this.rows('SELECT regula.stop_timer_of($1, $2)', [id, endAt.getTime()]);
  }

  setEntryEnd(id: number, endAt: Date | null, updatedAt: Date): void {
    this.rows('UPDATE time_entries SET end_at = $1, updated_at = $2 WHERE id = $3', [
      endAt?.getTime() ?? null,
      updatedAt.getTime(),
      id,
    ]);
  }

  entriesOfTask(taskId: number): TimeEntry[] {
    return this.rows('SELECT * FROM time_entries WHERE task_id = $1 ORDER BY start_at, id', [taskId]).map(
      rowToEntry,
    );
  }

  allEntries(visibleTo?: TaskVisibility): TimeEntry[] {
    if (!visibleTo) return this.rows('SELECT * FROM time_entries ORDER BY start_at, id').map(rowToEntry);
    // R4: the entries of the person's people, on tasks the person may see (responsible among them,
    // directed or observed by the person) - what the SQLite store's visibleRowsSql keeps.
    return this.rows(
      `SELECT e.* FROM time_entries e JOIN tasks t ON t.id = e.task_id
        WHERE e.user_id = ANY ($1::bigint[])
          AND (t.responsible_id = ANY ($1::bigint[]) OR t.director_id = $2
               OR EXISTS (SELECT 1 FROM task_observers o WHERE o.task_id = t.id AND o.user_id = $2))
        ORDER BY e.start_at, e.id`,
      [arrayLiteral(visibleTo.userIds), visibleTo.actorId],
    ).map(rowToEntry);
  }

  /**
   * A finished entry overlapping `from` started no earlier than `from` minus the longest finished entry
   * (time_entry_bounds), so the person's index is read over a bounded range, however long their history;
   * the running timer (at most one) comes from its own partial index.
   */
  entriesOfUserBetween(userId: number, from: Date, to: Date): TimeEntry[] {
    // An import asks once per interval: without the bound each question read every earlier entry (issue 21).
    return this.rows(
      `SELECT * FROM (
         SELECT * FROM time_entries
          WHERE user_id = $1 AND start_at >= $2::bigint - ${LONGEST_MS} AND start_at < $3 AND end_at > $2
         UNION ALL
         SELECT * FROM time_entries WHERE user_id = $1 AND end_at IS NULL AND start_at < $3) e
       ORDER BY start_at, id`,
      [userId, from.getTime(), to.getTime()],
    ).map(rowToEntry);
  }

  entriesOfUsersBetween(userIds: readonly number[], from: Date, to: Date): TimeEntry[] {
    return this.rows(
      `SELECT * FROM (
         SELECT * FROM time_entries
          WHERE user_id = ANY ($1::bigint[]) AND start_at >= $2::bigint - ${LONGEST_MS} AND start_at < $3 AND end_at > $2
         UNION ALL
         SELECT * FROM time_entries WHERE user_id = ANY ($1::bigint[]) AND end_at IS NULL AND start_at < $3) e
       ORDER BY user_id, start_at, id`,
      [arrayLiteral(userIds), from.getTime(), to.getTime()],
    ).map(rowToEntry);
  }

  firstWorkMadeBetween(userId: number, from: Date, to: Date): Date | null {
    // The entries entriesOfUserBetween reads, reduced in SQL to the one moment wanted.
    const row = this.row<{ made: string | null }>(
      `SELECT min(made) AS made FROM (
         SELECT greatest(start_at, created_at, $2::bigint) AS made FROM time_entries
          WHERE user_id = $1 AND start_at >= $2::bigint - ${LONGEST_MS} AND start_at < $3 AND end_at > $2
         UNION ALL
         SELECT greatest(start_at, created_at, $2::bigint) FROM time_entries
          WHERE user_id = $1 AND end_at IS NULL AND start_at < $3) e
       WHERE made < $3`,
      [userId, from.getTime(), to.getTime()],
    );
    return row?.made === null || row?.made === undefined ? null : instant(row.made);
  }

  runningSecondsByTask(now: Date): Map<number, number> {
    const rows = this.rows<{ task_id: string; ms: string }>(
      'SELECT task_id, sum(greatest(0, $1::bigint - start_at)) AS ms FROM time_entries WHERE end_at IS NULL GROUP BY task_id',
      [now.getTime()],
    );
    return new Map(rows.map((r) => [num(r.task_id), Math.round(num(r.ms) / 1000)]));
  }

  lastEntryChangeBy(actorId: number): { entryId: number; at: Date } | undefined {
    const row = this.row<{ entry_id: string; at: string }>(
      'SELECT entry_id, at FROM time_entry_changes WHERE actor_id = $1 ORDER BY at DESC, id DESC LIMIT 1',
      [actorId],
    );
    return row ? { entryId: num(row.entry_id), at: instant(row.at) } : undefined;
  }

  entryChangesAt(actorId: number, at: Date): EntryChange[] {
    return this.rows('SELECT * FROM time_entry_changes WHERE actor_id = $1 AND at = $2 ORDER BY id', [
      actorId,
      at.getTime(),
    ]).map(rowToEntryChange);
  }

  changesOfEntry(entryId: number): (EntryChange & { actor: string })[] {
    const rows = this.rows(
      `SELECT c.*, u.name AS actor_name FROM time_entry_changes c JOIN users u ON u.id = c.actor_id
        WHERE c.entry_id = $1 ORDER BY c.at, c.id`,
      [entryId],
    );
    return rows.map((row) => ({ ...rowToEntryChange(row), actor: row.actor_name as string }));
  }

  correctionsAfter(userId: number, after: Date, from: Date, to: Date): EntryCorrection[] {
    const rows = this.rows<PgRow>(
      `SELECT c.*, e.task_id FROM time_entry_changes c JOIN time_entries e ON e.id = c.entry_id
        WHERE e.user_id = $1 AND c.at > $2
          AND ((c.new_start < $4 AND coalesce(c.new_end, c.new_start) >= $3)
            OR (c.old_start IS NOT NULL AND c.old_start < $4 AND coalesce(c.old_end, c.old_start) >= $3))
        ORDER BY c.at, c.id`,
      [userId, after.getTime(), from.getTime(), to.getTime()],
    );
    return rows.map((row) => {
      const { actorId: _actor, retroactive: _retroactive, ...change } = rowToEntryChange(row);
      return { ...change, taskId: num(row.task_id) };
    });
  }

  runningEntries(): TimeEntry[] {
    return this.rows('SELECT * FROM time_entries WHERE end_at IS NULL ORDER BY start_at, id').map(rowToEntry);
  }

  firstEntryStart(): Date | undefined {
    const row = this.row<{ first: string | null }>('SELECT min(start_at) AS first FROM time_entries');
    return row?.first === null || row?.first === undefined ? undefined : instant(row.first);
  }

  /** R2: time on a task by someone who is neither its responsible nor a co-executor. */
  entriesNotByResponsible(): { entryId: number; taskId: number; user: string; responsible: string }[] {
    return this.rows<{ id: string; task_id: string; user_name: string; responsible_name: string }>(
      `SELECT e.id, e.task_id, u.name AS user_name, r.name AS responsible_name FROM time_entries e
         JOIN tasks t ON t.id = e.task_id JOIN users u ON u.id = e.user_id JOIN users r ON r.id = t.responsible_id
        WHERE e.user_id <> t.responsible_id
          AND NOT EXISTS (SELECT 1 FROM task_coexecutors c WHERE c.task_id = t.id AND c.user_id = e.user_id)
        ORDER BY e.id`,
    ).map((r) => ({
      entryId: num(r.id),
      taskId: num(r.task_id),
      user: r.user_name,
      responsible: r.responsible_name,
    }));
  }

  overlappingEntries(now: Date, limit: number): { entryId: number; previousId: number; user: string }[] {
    // Each entry against the person's entry that started just before it: if any of one person's entries
    // overlap, two neighbours in start order do. Empty entries (cancelled timers) hold no time and are left out.
    return this.rows<{ id: string; previous_id: string; user_name: string }>(
      `SELECT x.id, x.previous_id, u.name AS user_name FROM (
         SELECT e.id, e.user_id, e.start_at, lag(e.id) OVER w AS previous_id,
                lag(coalesce(e.end_at, $1::bigint)) OVER w AS previous_end
           FROM time_entries e
          WHERE e.end_at IS NULL OR e.end_at > e.start_at
         WINDOW w AS (PARTITION BY e.user_id ORDER BY e.start_at)
       ) x JOIN users u ON u.id = x.user_id
       WHERE x.previous_end > x.start_at
       ORDER BY x.id LIMIT $2`,
      [now.getTime(), limit],
    ).map((r) => ({ entryId: num(r.id), previousId: num(r.previous_id), user: r.user_name }));
  }
}
