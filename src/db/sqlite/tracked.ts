import {
  addLocalDays,
  dayKeyOfIndex,
  localDayKey,
  offsetSegments,
  splitByLocalDay,
  startOfLocalDay,
} from '../../core/local-time.js';
import type { TrackedFacets } from '../../core/store.js';
import type { DayTaskSeconds, Task } from '../../core/types.js';
import { offsetSql } from './rows.js';
import { SqliteTime } from './time.js';

/** Tracked time totalled for reports: per person, local day, task, project, tag and CRM link, entries split at local midnight, aggregated by SQLite over bounded index ranges. */
export abstract class SqliteTracked extends SqliteTime {
  trackedByDay(userIds: readonly number[], from: Date, to: Date, now: Date): DayTaskSeconds[] {
    return this.trackedTotals(userIds, from, to, now, { byUser: true, byTask: true }).map(
      ([userId, day, taskId, seconds]) => ({ userId, day, taskId, seconds }),
    );
  }

  trackedPerUserDay(
    userIds: readonly number[],
    from: Date,
    to: Date,
    now: Date,
  ): { userId: number; day: string; seconds: number }[] {
    return this.trackedTotals(userIds, from, to, now, { byUser: true, byTask: false }).map(
      ([userId, day, , seconds]) => ({ userId, day, seconds }),
    );
  }

  trackedPerDay(
    userIds: readonly number[],
    from: Date,
    to: Date,
    now: Date,
    excludedTaskIds: readonly number[],
  ): Map<string, number> {
    if (userIds.length <= 5) {
      // A few people: their own index ranges are smallest.
      const rows = this.trackedTotals(userIds, from, to, now, {
        byUser: false,
        byTask: false,
        excludedTaskIds,
      });
      return new Map(rows.map(([, day, , seconds]) => [day, seconds]));
    }
    // Many people: one bounded range of the time index per local day (boundaries from the program's own
    // calendar, so DST days have their 23 or 25 hours), each finished entry clipped to the day by SQLite.
    const days: [string, number, number][] = [];
    for (let d = startOfLocalDay(from); d < to; d = startOfLocalDay(addLocalDays(d, 1))) {
      days.push([
        localDayKey(d),
        Math.max(d.getTime(), from.getTime()),
        Math.min(startOfLocalDay(addLocalDays(d, 1)).getTime(), to.getTime()),
      ]);
    }
    const filter = this.entryFilter(userIds, excludedTaskIds);
    const perDay = this.sql(
      `WITH d(day, s, e) AS MATERIALIZED (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@days))
       SELECT d.day, (SELECT sum(min(e.end_at, d.e) - max(e.start_at, d.s)) FROM time_entries e INDEXED BY time_entries_by_start
         WHERE e.start_at >= d.s - @longest AND e.start_at < d.e AND e.end_at > d.s ${filter}) FROM d`,
    )
      .raw()
      .all({
        days: JSON.stringify(days),
        longest: this.longestEntryMs(),
        users: JSON.stringify(userIds),
        excluded: JSON.stringify(excludedTaskIds),
      }) as [string, number | null][];
    const totals = new Map<string, number>();
    for (const [day, ms] of perDay) if (ms) totals.set(day, ms / 1000);
    // Running timers (at most one per person) count up to now, split at local midnight here.
    const running = this.sql(`SELECT e.start_at FROM time_entries e WHERE e.end_at IS NULL ${filter}`)
      .pluck()
      .all({ users: JSON.stringify(userIds), excluded: JSON.stringify(excludedTaskIds) }) as number[];
    for (const startAt of running) {
      const stop = Math.min(Math.max(now.getTime(), startAt), to.getTime());
      const start = Math.max(startAt, from.getTime());
      if (stop <= start) continue;
      for (const share of splitByLocalDay(new Date(start), new Date(stop)))
        totals.set(share.day, (totals.get(share.day) ?? 0) + share.seconds);
    }
    return new Map([...totals].map(([day, seconds]) => [day, Math.round(seconds)]));
  }

  trackedPerFacet(
    userIds: readonly number[],
    from: Date,
    to: Date,
    now: Date,
    excludedTaskIds: readonly number[],
  ): TrackedFacets {
    const params = {
      users: JSON.stringify(userIds),
      excluded: JSON.stringify(excludedTaskIds),
      from: from.getTime(),
      to: to.getTime(),
      now: now.getTime(),
      earliest: this.earliestStartOverlapping(from),
    };
    const perTask = this.trackedPerTaskSql(userIds, from, to, excludedTaskIds);
    const rows = this.sql(
      `WITH per_task(task_id, project_id, ms) AS MATERIALIZED (${perTask})
       SELECT 'project', p.name, sum(x.ms) FROM per_task x LEFT JOIN projects p ON p.id = x.project_id GROUP BY p.name
       UNION ALL
       SELECT 'tag', g.name, sum(x.ms) FROM per_task x LEFT JOIN task_tags tt ON tt.task_id = x.task_id LEFT JOIN tags g ON g.id = tt.tag_id GROUP BY g.name
       UNION ALL
       SELECT 'crm', c.kind || ':' || c.ref, sum(x.ms) FROM per_task x JOIN crm_links c ON c.task_id = x.task_id GROUP BY c.kind, c.ref`,
    )
      .raw()
      .all(params) as ['project' | 'tag' | 'crm', string | null, number][];
    const facets: TrackedFacets = { projects: [], tags: [], crm: [] };
    for (const [kind, key, ms] of rows) {
      const seconds = Math.round(ms / 1000);
      if (seconds <= 0) continue;
      if (kind === 'project') facets.projects.push([key, seconds]);
      else if (kind === 'tag') facets.tags.push([key, seconds]);
      else facets.crm.push([key!, seconds]);
    }
    return facets;
  }

  /**
   * SQL for (task_id, project_id, ms) rows of time within [@from, @to). Some people: each one's bounded
   * range of the per-person time index. Everyone, by how much of the history the period holds - all of
   * it: the totals the triggers keep on each task, plus running timers as rows of their own (no entry is
   * read); most of it: the task index streams each task's entries in order (no sorting); less: the
   * period's own bounded range of the time index.
   */
  protected trackedPerTaskSql(
    userIds: readonly number[],
    from: Date,
    to: Date,
    excludedTaskIds: readonly number[],
  ): string {
    const filter = this.entryFilter(userIds, excludedTaskIds);
    const clipped = 'min(coalesce(e.end_at, max(@now, e.start_at)), @to) - max(e.start_at, @from)';
    // Two subqueries: SQLite answers a lone min() or max() from the index ends, but both in one SELECT scan the table.
    const span = this.sql(
      'SELECT (SELECT min(start_at) FROM time_entries) AS first, (SELECT max(start_at) FROM time_entries) AS last',
    ).get() as {
      first: number | null;
      last: number | null;
    };
    if (span.first === null || span.last === null) return `SELECT NULL, NULL, 0 WHERE 0`;
    const everyone = userIds.length >= this.countUsers();
    if (everyone && span.first >= from.getTime() && span.last + this.longestEntryMs() <= to.getTime()) {
      return `SELECT t.id, t.project_id, t.tracked_ms FROM tasks t
        WHERE t.tracked_ms > 0 ${excludedTaskIds.length ? 'AND t.id NOT IN (SELECT value FROM json_each(@excluded))' : ''}
        UNION ALL
        SELECT e.task_id, t.project_id, ${clipped} FROM time_entries e JOIN tasks t ON t.id = e.task_id WHERE e.end_at IS NULL ${filter}`;
    }
    const held =
      (Math.min(to.getTime(), span.last) - Math.max(from.getTime(), span.first)) /
      Math.max(1, span.last - span.first);
    const index = !everyone
      ? 'time_entries_by_user_start'
      : held > 0.4
        ? 'time_entries_by_task'
        : 'time_entries_by_start';
    return `SELECT x.task_id, t.project_id, x.ms FROM (
        SELECT e.task_id, sum(${clipped}) AS ms FROM time_entries e INDEXED BY ${index}
        WHERE e.start_at >= @earliest AND e.start_at < @to AND (e.end_at IS NULL OR e.end_at > @from) ${filter} GROUP BY e.task_id
      ) x JOIN tasks t ON t.id = x.task_id`;
  }

  /** The WHERE terms (alias e) keeping the entries of these people (all: no term) and leaving out excluded tasks. */
  protected entryFilter(userIds: readonly number[], excludedTaskIds: readonly number[]): string {
    return [
      userIds.length >= this.countUsers() ? '' : 'AND e.user_id IN (SELECT value FROM json_each(@users))',
      excludedTaskIds.length ? 'AND e.task_id NOT IN (SELECT value FROM json_each(@excluded))' : '',
    ].join(' ');
  }

  tasksWorkedOrClosed(userIds: readonly number[], from: Date, to: Date): Task[] {
    return this.tasksWhere(
      `WHERE t.id IN (SELECT task_id FROM time_entries WHERE user_id IN (SELECT value FROM json_each(@users))
           AND start_at >= @earliest AND start_at < @to AND (end_at IS NULL OR end_at > @from))
         OR (t.responsible_id IN (SELECT value FROM json_each(@users))
           AND t.id IN (SELECT task_id FROM comments WHERE kind = 'result' AND created_at >= @from AND created_at < @to))`,
      'ORDER BY t.id',
      '',
      {
        users: JSON.stringify(userIds),
        from: from.getTime(),
        to: to.getTime(),
        earliest: this.earliestStartOverlapping(from),
      },
    );
  }

  /** The earliest start of an entry that can overlap a period beginning at `from`: finished ones are bounded by the longest, running ones are read. */
  protected earliestStartOverlapping(from: Date): number {
    const running = this.sql('SELECT min(start_at) FROM time_entries WHERE end_at IS NULL').pluck().get() as
      | number
      | null;
    const bound = from.getTime() - this.longestEntryMs();
    return running === null ? bound : Math.min(bound, running);
  }

  /**
   * Tracked seconds over [from, to) per local day (and per person and task when asked), entries split at
   * local midnight, a running entry counting up to `now`. Local days by arithmetic - (instant + the offset
   * in force then) / one day - with the offsets and the instants they change (DST) taken from the
   * program's own time-zone rules, so SQLite and JavaScript agree and a year of entries stays fast.
   */
  protected trackedTotals(
    userIds: readonly number[],
    from: Date,
    to: Date,
    now: Date,
    by: { byUser: boolean; byTask: boolean; excludedTaskIds?: readonly number[] },
  ): [number, string, number, number][] {
    const params = {
      users: JSON.stringify(userIds),
      from: from.getTime(),
      to: to.getTime(),
      now: now.getTime(),
      excluded: JSON.stringify(by.excludedTaskIds ?? []),
      earliest: this.earliestStartOverlapping(from),
    };
    const offset = offsetSql(offsetSegments(from, to));
    const end = 'coalesce(end_at, max(@now, start_at))';
    const startDay = `CAST((start_at + ${offset('start_at')}) / 86400000 AS INTEGER)`;
    const lastDay = `CAST((${end} - 1 + ${offset(`(${end} - 1)`)}) / 86400000 AS INTEGER)`;
    const inside = `start_at >= @from AND ${end} <= @to AND (${startDay}) = (${lastDay})`;
    const scope = `user_id IN (SELECT value FROM json_each(@users)) AND start_at >= @earliest AND start_at < @to AND (end_at IS NULL OR end_at > @from)
      ${by.excludedTaskIds?.length ? 'AND task_id NOT IN (SELECT value FROM json_each(@excluded))' : ''}`;
    const user = by.byUser ? 'user_id' : '0';
    const task = by.byTask ? 'task_id' : '0';
    const sameDay = this.sql(
      `SELECT ${user} AS u, ${startDay} AS day, ${task} AS t, sum(${end} - start_at) AS ms FROM time_entries
       WHERE ${scope} AND ${inside} GROUP BY u, day, t`,
    )
      .raw()
      .all(params) as [number, number, number, number][];
    const spanning = this.sql(
      `SELECT ${user}, ${task}, start_at, ${end} FROM time_entries WHERE ${scope} AND NOT (${inside})`,
    )
      .raw()
      .all(params) as [number, number, number, number][];
    const totals = new Map<string, [number, string, number, number]>();
    const add = (userId: number, day: string, taskId: number, ms: number) => {
      const key = `${userId}|${day}|${taskId}`;
      const row = totals.get(key) ?? [userId, day, taskId, 0];
      row[3] += ms / 1000;
      totals.set(key, row);
    };
    for (const [userId, day, taskId, ms] of sameDay) add(userId, dayKeyOfIndex(day), taskId, ms);
    for (const [userId, taskId, startAt, endAt] of spanning) {
      const start = Math.max(startAt, params.from);
      const stop = Math.min(endAt, params.to);
      for (const share of splitByLocalDay(new Date(start), new Date(stop)))
        add(userId, share.day, taskId, share.seconds * 1000);
    }
    return [...totals.values()]
      .map((row): [number, string, number, number] => [row[0], row[1], row[2], Math.round(row[3])])
      .filter((row) => row[3] > 0);
  }
}
