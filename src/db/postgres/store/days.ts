import { addLocalDays, localDayKey, startOfLocalDay } from '../../../core/local-time.js';
import type { DatedPlanItem, PlanItem, PlanItemKind, WorkDay } from '../../../core/types.js';
import { instant, instantOrNull, num } from './base.js';
import { localDaysOf, localDaysParams, statusAtSql, statusChangesSql } from './local-days.js';
import { PgReports } from './reports.js';
import { arrayLiteral } from './params.js';
import type { PgRow } from './time-rows.js';

/** Tasks that count in a plan at all (R16: compound tasks never do). */
const PLANNABLE = "t.kind <> 'general' AND t.deleted_at IS NULL AND t.status <> 'declined'";

/** Working days and breaks (R20), day plans (R34) and the planned minutes per person and day: src/db/sqlite/days.ts on PostgreSQL. */
export abstract class PgDays extends PgReports {
  plannedByDay(
    userIds: readonly number[],
    from: Date,
    to: Date,
    carriedBefore?: Date,
  ): { userId: number; day: string; minutes: number }[] {
    // The local day of an instant is its day's number among the program's own day boundaries
    // (width_bucket: 0 before the first day, one past the last after it), so comparing numbers compares
    // days, in whatever time zone the program runs.
    const days = localDaysOf(from, to);
    const carried = carriedDays(from, to, carriedBefore);
    const dayOf = (instant: string) => `width_bucket(${instant}, $6::bigint[])`;
    const numberOf = (day: string) => `array_position($7::text[], ${day})`;
    const rows = this.rows<{ user_id: string; day: string; minutes: string }>(
      `WITH carried(day, start) AS (SELECT * FROM unnest($8::text[], $9::bigint[])),
       -- R34: what may have been overdue and open when a carried day began, read once for all of them:
       -- a task completed before the first of them began is in none.
       overdue AS MATERIALIZED (
         SELECT t.id, t.responsible_id, t.status, t.closed_at, t.deadline_at, t.created_at, coalesce(t.planned_minutes, 0) AS minutes,
                changes.ats, changes.olds, changes.news
           FROM tasks t ${statusChangesSql('t')}
          WHERE t.responsible_id = ANY ($1::bigint[]) AND t.deadline_at < (SELECT max(start) FROM carried) AND ${PLANNABLE}
            AND NOT (t.status = 'completed' AND t.closed_at IS NOT NULL AND t.closed_at < (SELECT min(start) FROM carried)))
       SELECT user_id, day, sum(minutes) AS minutes FROM (
         SELECT t.responsible_id AS user_id, ($7::text[])[${dayOf('t.deadline_at')}] AS day,
                coalesce(t.planned_minutes, 0) AS minutes, t.id AS task_id
           FROM tasks t
          WHERE t.responsible_id = ANY ($1::bigint[]) AND t.deadline_at >= $2 AND t.deadline_at < $3 AND ${PLANNABLE}
            -- R34: a task closed before a day began is not in that day's plan (closed_at is set only while closed).
            AND (t.closed_at IS NULL OR ${dayOf('t.closed_at')} >= ${dayOf('t.deadline_at')})
            AND NOT EXISTS (SELECT 1 FROM plan_items p WHERE p.user_id = t.responsible_id AND p.task_id = t.id AND p.kind = 'removed'
                              AND p.day = ($7::text[])[${dayOf('t.deadline_at')}])
         UNION
         SELECT p.user_id, p.day, coalesce(t.planned_minutes, 0), t.id
           FROM plan_items p JOIN tasks t ON t.id = p.task_id
          WHERE p.kind = 'added' AND p.user_id = ANY ($1::bigint[]) AND p.day >= $4 AND p.day <= $5 AND ${PLANNABLE}
            AND (t.closed_at IS NULL OR ${dayOf('t.closed_at')} >= ${numberOf('p.day')})
            AND (t.deadline_at IS NULL OR ${dayOf('t.deadline_at')} <> ${numberOf('p.day')})
         UNION
         SELECT o.responsible_id, d.day, o.minutes, o.id
           FROM carried d JOIN overdue o ON o.deadline_at < d.start AND o.created_at < d.start
          WHERE NOT (o.status = 'completed' AND o.closed_at IS NOT NULL AND o.closed_at < d.start)
            AND ${statusAtSql('o', 'd.start')} IN ('new', 'pending', 'in_progress')
            AND NOT EXISTS (SELECT 1 FROM plan_items p WHERE p.user_id = o.responsible_id AND p.task_id = o.id AND p.kind = 'removed'
                              AND p.day = d.day)
       ) x GROUP BY user_id, day ORDER BY day, user_id`,
      [
        arrayLiteral(userIds),
        from.getTime(),
        to.getTime(),
        localDayKey(from),
        localDayKey(new Date(to.getTime() - 1)),
        ...localDaysParams(days),
        arrayLiteral(carried.map(([day]) => day)),
        arrayLiteral(carried.map(([, start]) => start)),
      ],
    );
    return rows.map((r) => ({ userId: num(r.user_id), day: r.day, minutes: num(r.minutes) }));
  }

  /**
   * R34: today's planned minutes per person, summed in SQL as buildDayPlan counts them for today: open
   * overdue tasks carried in, tasks due today and tasks added to today's plan (each once), leaving out
   * compound, deleted and declined tasks, those closed before today began and those removed from the plan.
   * People with nothing planned are left out.
   */
  plannedMinutesToday(userIds: readonly number[], day: string, from: Date, to: Date): Map<number, number> {
    const rows = this.rows<{ user_id: string; minutes: string }>(
      `WITH candidates(user_id, task_id) AS (
         SELECT t.responsible_id, t.id FROM tasks t
          WHERE t.responsible_id = ANY ($1::bigint[]) AND t.deadline_at < $3 AND t.status IN ('new', 'pending', 'in_progress') AND t.deleted_at IS NULL
         UNION
         SELECT t.responsible_id, t.id FROM tasks t
          WHERE t.responsible_id = ANY ($1::bigint[]) AND t.deadline_at >= $3 AND t.deadline_at < $4 AND t.deleted_at IS NULL
         UNION
         SELECT p.user_id, p.task_id FROM plan_items p WHERE p.user_id = ANY ($1::bigint[]) AND p.day = $2 AND p.kind = 'added'
       )
       SELECT c.user_id, sum(coalesce(t.planned_minutes, 0)) AS minutes FROM candidates c JOIN tasks t ON t.id = c.task_id
        WHERE ${PLANNABLE}
          AND NOT (t.status = 'completed' AND t.closed_at IS NOT NULL AND t.closed_at < $3)
          AND NOT EXISTS (SELECT 1 FROM plan_items p WHERE p.user_id = c.user_id AND p.day = $2 AND p.task_id = c.task_id AND p.kind = 'removed')
        GROUP BY c.user_id`,
      [arrayLiteral(userIds), day, from.getTime(), to.getTime()],
    );
    return new Map(
      rows
        .map((r): [number, number] => [num(r.user_id), num(r.minutes)])
        .filter(([, minutes]) => minutes > 0),
    );
  }

  getWorkDay(userId: number, day: string): WorkDay | undefined {
    const row = this.row('SELECT * FROM work_days WHERE user_id = $1 AND day = $2', [userId, day]);
    return row ? this.workDayWithBreaks(row) : undefined;
  }

  workDaysBetween(userIds: readonly number[], fromDay: string, toDay: string): WorkDay[] {
    const params = [arrayLiteral(userIds), fromDay, toDay];
    const within = 'user_id = ANY ($1::bigint[]) AND day BETWEEN $2 AND $3';
    const [breakRows, dayRows] = this.rowsAll([
      {
        sql: `SELECT id, user_id, day, start_at, end_at FROM work_breaks WHERE ${within} ORDER BY start_at, id`,
        params,
      },
      { sql: `SELECT * FROM work_days WHERE ${within} ORDER BY user_id, day`, params },
    ]);
    const breaks = new Map<string, WorkDay['breaks']>();
    for (const b of breakRows!) {
      const key = `${num(b.user_id)}/${b.day as string}`;
      breaks.set(key, [...(breaks.get(key) ?? []), breakOf(b)]);
    }
    return dayRows!.map((row) =>
      workDayOf(row, breaks.get(`${num(row.user_id)}/${row.day as string}`) ?? []),
    );
  }

  lastWorkDayBefore(userId: number, day: string): WorkDay | undefined {
    const row = this.row(
      'SELECT * FROM work_days WHERE user_id = $1 AND day < $2 ORDER BY day DESC LIMIT 1',
      [userId, day],
    );
    return row ? this.workDayWithBreaks(row) : undefined;
  }

  protected workDayWithBreaks(row: PgRow): WorkDay {
    const breaks = this.rows(
      'SELECT id, start_at, end_at FROM work_breaks WHERE user_id = $1 AND day = $2 ORDER BY start_at, id',
      [num(row.user_id), row.day as string],
    );
    return workDayOf(row, breaks.map(breakOf));
  }

  insertWorkDay(userId: number, day: string, startedAt: Date): void {
    this.rows('INSERT INTO work_days (user_id, day, started_at) VALUES ($1, $2, $3)', [
      userId,
      day,
      startedAt.getTime(),
    ]);
  }

  setWorkDayEnd(userId: number, day: string, endedAt: Date | null): void {
    this.rows('UPDATE work_days SET ended_at = $1 WHERE user_id = $2 AND day = $3', [
      endedAt?.getTime() ?? null,
      userId,
      day,
    ]);
  }

  openBreakOf(userId: number): { id: number; day: string; startAt: Date } | undefined {
    const row = this.row<{ id: string; day: string; start_at: string }>(
      'SELECT id, day, start_at FROM work_breaks WHERE user_id = $1 AND end_at IS NULL',
      [userId],
    );
    return row ? { id: num(row.id), day: row.day, startAt: instant(row.start_at) } : undefined;
  }

  insertBreak(userId: number, day: string, startAt: Date): void {
    this.rows('INSERT INTO work_breaks (user_id, day, start_at) VALUES ($1, $2, $3)', [
      userId,
      day,
      startAt.getTime(),
    ]);
  }

  endBreak(id: number, endAt: Date): void {
    this.rows('UPDATE work_breaks SET end_at = $1 WHERE id = $2', [endAt.getTime(), id]);
  }

  planItems(userId: number, day: string): PlanItem[] {
    return this.rows<{ task_id: string; kind: PlanItemKind; added_at: string }>(
      'SELECT task_id, kind, added_at FROM plan_items WHERE user_id = $1 AND day = $2 ORDER BY added_at, task_id',
      [userId, day],
    ).map((r) => ({ taskId: num(r.task_id), kind: r.kind, addedAt: instant(r.added_at) }));
  }

  planItemsBetween(userIds: readonly number[], fromDay: string, toDay: string): DatedPlanItem[] {
    return this.rows<{ user_id: string; day: string; task_id: string; kind: PlanItemKind; added_at: string }>(
      `SELECT user_id, day, task_id, kind, added_at FROM plan_items
       WHERE user_id = ANY ($1::bigint[]) AND day >= $2 AND day <= $3 ORDER BY user_id, day, added_at, task_id`,
      [arrayLiteral(userIds), fromDay, toDay],
    ).map((r) => ({
      userId: num(r.user_id),
      day: r.day,
      taskId: num(r.task_id),
      kind: r.kind,
      addedAt: instant(r.added_at),
    }));
  }

  setPlanItem(userId: number, day: string, taskId: number, kind: PlanItemKind, at: Date): void {
    this.rows(
      `INSERT INTO plan_items (user_id, day, task_id, kind, added_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, day, task_id) DO UPDATE SET kind = excluded.kind, added_at = excluded.added_at`,
      [userId, day, taskId, kind, at.getTime()],
    );
  }

  deletePlanItem(userId: number, day: string, taskId: number): void {
    this.rows('DELETE FROM plan_items WHERE user_id = $1 AND day = $2 AND task_id = $3', [
      userId,
      day,
      taskId,
    ]);
  }

  observedCounts(userIds: readonly number[]): Map<number, number> {
    const rows = this.rows<{ user_id: string; n: string }>(
      `SELECT o.user_id, count(*) AS n FROM task_observers o JOIN tasks t ON t.id = o.task_id
        WHERE o.user_id = ANY ($1::bigint[]) AND t.status NOT IN ('completed', 'declined') AND t.deleted_at IS NULL
        GROUP BY o.user_id`,
      [arrayLiteral(userIds)],
    );
    return new Map(rows.map((r) => [num(r.user_id), num(r.n)]));
  }

  plannedTaskIdsFrom(userIds: readonly number[], fromDay: string): Set<number> {
    const rows = this.rows<{ task_id: string }>(
      `SELECT DISTINCT task_id FROM plan_items WHERE user_id = ANY ($1::bigint[]) AND day >= $2 AND kind <> 'removed'`,
      [arrayLiteral(userIds), fromDay],
    );
    return new Set(rows.map((r) => num(r.task_id)));
  }
}

function breakOf(row: PgRow): WorkDay['breaks'][number] {
  return { id: num(row.id), startAt: instant(row.start_at), endAt: instantOrNull(row.end_at) };
}

function workDayOf(row: PgRow, breaks: WorkDay['breaks']): WorkDay {
  return {
    userId: num(row.user_id),
    day: row.day as string,
    startedAt: instant(row.started_at),
    endedAt: instantOrNull(row.ended_at),
    breaks,
  };
}

/** R34: the days of [from, to) that began before `before` (each with its start) - past days carry overdue work in. */
function carriedDays(from: Date, to: Date, before: Date | undefined): [string, number][] {
  const days: [string, number][] = [];
  if (!before) return days;
  for (let day = startOfLocalDay(from); day < to && day < before; day = startOfLocalDay(addLocalDays(day, 1)))
    days.push([localDayKey(day), day.getTime()]);
  return days;
}
