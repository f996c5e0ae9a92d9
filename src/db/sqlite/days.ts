import { addLocalDays, localDayKey, offsetSegments, startOfLocalDay } from '../../core/local-time.js';
import type { DatedPlanItem, PlanItem, PlanItemKind, WorkDay } from '../../core/types.js';
import { SqliteReports } from './reports.js';
import { date, offsetSql, optionalDate, type Row } from './rows.js';

/** Working days and breaks (R20), day plans (R34) and the planned minutes per person and day. */
export abstract class SqliteDays extends SqliteReports {
  plannedByDay(
    userIds: readonly number[],
    from: Date,
    to: Date,
    carriedBefore?: Date,
  ): { userId: number; day: string; minutes: number }[] {
    const params = {
      users: JSON.stringify(userIds),
      from: from.getTime(),
      to: to.getTime(),
      fromDay: localDayKey(from),
      toDay: localDayKey(new Date(to.getTime() - 1)),
    };
    // Local days by offset arithmetic (no date(..., 'localtime') per task): the offsets in force a day
    // either side of the period cover every deadline that could fall on one of its days.
    const offset = offsetSql(offsetSegments(addLocalDays(from, -1), addLocalDays(to, 1)));
    const deadlineDay = `date((t.deadline_at + ${offset('t.deadline_at')}) / 1000, 'unixepoch')`;
    // R34: a task closed before a day began is not in that day's plan (closed_at is set only while closed).
    const closedDay = `date((t.closed_at + ${offset('t.closed_at')}) / 1000, 'unixepoch')`;
    const rows = this.sql(
      `SELECT t.responsible_id AS user_id, ${deadlineDay} AS day, coalesce(t.planned_minutes, 0) AS minutes, t.id AS task_id
       FROM tasks t
       WHERE t.responsible_id IN (SELECT value FROM json_each(@users)) AND t.deadline_at >= @from AND t.deadline_at < @to
         AND t.kind <> 'general' AND t.deleted_at IS NULL AND t.status <> 'declined'
         AND (t.closed_at IS NULL OR ${closedDay} >= ${deadlineDay})
         AND NOT EXISTS (SELECT 1 FROM plan_items p WHERE p.user_id = t.responsible_id AND p.task_id = t.id AND p.kind = 'removed'
                           AND p.day = ${deadlineDay})
       UNION
       SELECT p.user_id, p.day, coalesce(t.planned_minutes, 0), t.id
       FROM plan_items p JOIN tasks t ON t.id = p.task_id
       WHERE p.kind = 'added' AND p.user_id IN (SELECT value FROM json_each(@users)) AND p.day >= @fromDay AND p.day <= @toDay
         AND t.kind <> 'general' AND t.deleted_at IS NULL AND t.status <> 'declined'
         AND (t.closed_at IS NULL OR ${closedDay} >= p.day)
         AND (t.deadline_at IS NULL OR ${deadlineDay} <> p.day)`,
    )
      .raw()
      .all(params) as [number, string, number, number][];
    // R34: a past day also carries in what was overdue and open when it began (as its plan does).
    const carried = carriedDays(from, to, carriedBefore);
    if (carried.length) {
      const dayOf = new Map(carried.map(([day, start]) => [start, day]));
      const removed = new Set(
        (
          this.sql(
            `SELECT user_id, day, task_id FROM plan_items WHERE kind = 'removed'
               AND user_id IN (SELECT value FROM json_each(@users)) AND day >= @fromDay AND day <= @toDay`,
          )
            .raw()
            .all(params) as [number, string, number][]
        ).map(([userId, day, taskId]) => `${userId} ${day} ${taskId}`),
      );
      for (const { userId, start, task } of this.overdueAtStarts(userIds, [...dayOf.keys()])) {
        const day = dayOf.get(start)!;
        if (
          task.kind === 'general' ||
          task.status === 'declined' ||
          removed.has(`${userId} ${day} ${task.id}`)
        )
          continue;
        rows.push([userId, day, task.plannedMinutes ?? 0, task.id]);
      }
    }
    // Each task counts once a day (the due, added and carried-in ways of being in a plan overlap).
    const counted = new Set<string>();
    const minutes = new Map<string, { userId: number; day: string; minutes: number }>();
    for (const [userId, day, taskMinutes, taskId] of rows) {
      const key = `${userId} ${day}`;
      if (counted.has(`${key} ${taskId}`)) continue;
      counted.add(`${key} ${taskId}`);
      const total = minutes.get(key);
      if (total) total.minutes += taskMinutes;
      else minutes.set(key, { userId, day, minutes: taskMinutes });
    }
    return [...minutes.values()].sort((a, b) =>
      a.day < b.day ? -1 : a.day > b.day ? 1 : a.userId - b.userId,
    );
  }

  getWorkDay(userId: number, day: string): WorkDay | undefined {
    const row = this.sql('SELECT * FROM work_days WHERE user_id = ? AND day = ?').get(userId, day) as
      | Row
      | undefined;
    return row ? this.workDayWithBreaks(row) : undefined;
  }

  workDaysBetween(userIds: readonly number[], fromDay: string, toDay: string): WorkDay[] {
    const params = { users: JSON.stringify(userIds), from: fromDay, to: toDay };
    const within = 'user_id IN (SELECT value FROM json_each(@users)) AND day BETWEEN @from AND @to';
    const breaks = new Map<string, WorkDay['breaks']>();
    for (const b of this.sql(
      `SELECT id, user_id, day, start_at, end_at FROM work_breaks WHERE ${within} ORDER BY start_at`,
    ).all(params) as Row[]) {
      const key = `${b.user_id}/${b.day}`;
      breaks.set(key, [
        ...(breaks.get(key) ?? []),
        { id: b.id as number, startAt: date(b.start_at), endAt: optionalDate(b.end_at) },
      ]);
    }
    return (
      this.sql(`SELECT * FROM work_days WHERE ${within} ORDER BY user_id, day`).all(params) as Row[]
    ).map((row) => ({
      userId: row.user_id as number,
      day: row.day as string,
      startedAt: date(row.started_at),
      endedAt: optionalDate(row.ended_at),
      breaks: breaks.get(`${row.user_id}/${row.day}`) ?? [],
    }));
  }

  lastWorkDayBefore(userId: number, day: string): WorkDay | undefined {
    const row = this.sql(
      'SELECT * FROM work_days WHERE user_id = ? AND day < ? ORDER BY day DESC LIMIT 1',
    ).get(userId, day) as Row | undefined;
    return row ? this.workDayWithBreaks(row) : undefined;
  }

  protected workDayWithBreaks(row: Row): WorkDay {
    const breaks = this.sql(
      'SELECT id, start_at, end_at FROM work_breaks WHERE user_id = ? AND day = ? ORDER BY start_at',
    ).all(row.user_id, row.day) as Row[];
    return {
      userId: row.user_id as number,
      day: row.day as string,
      startedAt: date(row.started_at),
      endedAt: optionalDate(row.ended_at),
      breaks: breaks.map((b) => ({
        id: b.id as number,
        startAt: date(b.start_at),
        endAt: optionalDate(b.end_at),
      })),
    };
  }

  insertWorkDay(userId: number, day: string, startedAt: Date): void {
    this.sql('INSERT INTO work_days (user_id, day, started_at) VALUES (?, ?, ?)').run(
      userId,
      day,
      startedAt.getTime(),
    );
  }

  setWorkDayEnd(userId: number, day: string, endedAt: Date | null): void {
    this.sql('UPDATE work_days SET ended_at = ? WHERE user_id = ? AND day = ?').run(
      endedAt?.getTime() ?? null,
      userId,
      day,
    );
  }

  openBreakOf(userId: number): { id: number; day: string; startAt: Date } | undefined {
    const row = this.sql(
      'SELECT id, day, start_at FROM work_breaks WHERE user_id = ? AND end_at IS NULL',
    ).get(userId) as Row | undefined;
    return row ? { id: row.id as number, day: row.day as string, startAt: date(row.start_at) } : undefined;
  }

  insertBreak(userId: number, day: string, startAt: Date): void {
    this.sql('INSERT INTO work_breaks (user_id, day, start_at) VALUES (?, ?, ?)').run(
      userId,
      day,
      startAt.getTime(),
    );
  }

  endBreak(id: number, endAt: Date): void {
    this.sql('UPDATE work_breaks SET end_at = ? WHERE id = ?').run(endAt.getTime(), id);
  }

  planItems(userId: number, day: string): PlanItem[] {
    const rows = this.sql(
      'SELECT task_id, kind, added_at FROM plan_items WHERE user_id = ? AND day = ? ORDER BY added_at',
    ).all(userId, day) as Row[];
    return rows.map((r) => ({
      taskId: r.task_id as number,
      kind: r.kind as PlanItemKind,
      addedAt: date(r.added_at),
    }));
  }

  planItemsBetween(userIds: readonly number[], fromDay: string, toDay: string): DatedPlanItem[] {
    const rows = this.sql(
      `SELECT user_id, day, task_id, kind, added_at FROM plan_items
       WHERE user_id IN (SELECT value FROM json_each(?)) AND day >= ? AND day <= ?
       ORDER BY user_id, day, added_at`,
    )
      .raw()
      .all(JSON.stringify(userIds), fromDay, toDay) as [number, string, number, PlanItemKind, number][];
    return rows.map(([userId, day, taskId, kind, addedAt]) => ({
      userId,
      day,
      taskId,
      kind,
      addedAt: date(addedAt),
    }));
  }

  setPlanItem(userId: number, day: string, taskId: number, kind: PlanItemKind, at: Date): void {
    this.sql(
      `INSERT INTO plan_items (user_id, day, task_id, kind, added_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, day, task_id) DO UPDATE SET kind = excluded.kind, added_at = excluded.added_at`,
    ).run(userId, day, taskId, kind, at.getTime());
  }

  deletePlanItem(userId: number, day: string, taskId: number): void {
    this.sql('DELETE FROM plan_items WHERE user_id = ? AND day = ? AND task_id = ?').run(userId, day, taskId);
  }

  observedCounts(userIds: readonly number[]): Map<number, number> {
    const rows = this.sql(
      `SELECT o.user_id, count(*) AS n FROM task_observers o JOIN tasks t ON t.id = o.task_id
       WHERE o.user_id IN (SELECT value FROM json_each(?)) AND t.status NOT IN ('completed', 'declined') AND t.deleted_at IS NULL
       GROUP BY o.user_id`,
    ).all(JSON.stringify(userIds)) as { user_id: number; n: number }[];
    return new Map(rows.map((r) => [r.user_id, r.n]));
  }

  plannedTaskIdsFrom(userIds: readonly number[], fromDay: string): Set<number> {
    const ids = this.sql(
      `SELECT DISTINCT task_id FROM plan_items WHERE user_id IN (SELECT value FROM json_each(?)) AND day >= ? AND kind <> 'removed'`,
    )
      .pluck()
      .all(JSON.stringify(userIds), fromDay) as number[];
    return new Set(ids);
  }

  /**
   * R34: today's planned minutes per person, summed in SQL as buildDayPlan counts them for today: open
   * overdue tasks carried in, tasks due today and tasks added to today's plan (each once), leaving out
   * compound, deleted and declined tasks, those closed before today began and those removed from the plan.
   * People with nothing planned are left out.
   */
  plannedMinutesToday(userIds: readonly number[], day: string, from: Date, to: Date): Map<number, number> {
    const rows = this.sql(
      `WITH people(id) AS (SELECT value FROM json_each(@users)),
       candidates(user_id, task_id) AS (
         SELECT t.responsible_id, t.id FROM tasks t
         WHERE t.responsible_id IN people AND t.deadline_at < @from AND t.status IN ('new', 'pending', 'in_progress') AND t.deleted_at IS NULL
         UNION
         SELECT t.responsible_id, t.id FROM tasks t
         WHERE t.responsible_id IN people AND t.deadline_at >= @from AND t.deadline_at < @to AND t.deleted_at IS NULL
         UNION
         SELECT p.user_id, p.task_id FROM plan_items p WHERE p.user_id IN people AND p.day = @day AND p.kind = 'added'
       )
       SELECT c.user_id, sum(coalesce(t.planned_minutes, 0)) FROM candidates c JOIN tasks t ON t.id = c.task_id
       WHERE t.kind <> 'general' AND t.deleted_at IS NULL AND t.status <> 'declined'
         AND NOT (t.status = 'completed' AND t.closed_at IS NOT NULL AND t.closed_at < @from)
         AND NOT EXISTS (SELECT 1 FROM plan_items p WHERE p.user_id = c.user_id AND p.day = @day AND p.task_id = c.task_id AND p.kind = 'removed')
       GROUP BY c.user_id`,
    )
      .raw()
      .all({ users: JSON.stringify(userIds), day, from: from.getTime(), to: to.getTime() }) as [
      number,
      number,
    ][];
    return new Map(rows.filter(([, minutes]) => minutes > 0));
  }
}

/** R34: the days of [from, to) that began before `before` (each with its start) - past days carry overdue work in. */
function carriedDays(from: Date, to: Date, before: Date | undefined): [string, number][] {
  const days: [string, number][] = [];
  if (!before) return days;
  for (let day = startOfLocalDay(from); day < to && day < before; day = startOfLocalDay(addLocalDays(day, 1)))
    days.push([localDayKey(day), day.getTime()]);
  return days;
}
