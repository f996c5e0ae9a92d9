import type { TrackedFacets } from '../../../core/store.js';
import type { DayTaskSeconds, Task } from '../../../core/types.js';
import { num } from './base.js';
import { localDaysOf, localDaysParams } from './local-days.js';
import { PgTime } from './time.js';
import { arrayLiteral } from './params.js';

/** Which totals trackedTotals keeps apart. */
interface TotalsBy {
  byUser: boolean;
  byTask: boolean;
  excludedTaskIds?: readonly number[];
}

/**
 * Tracked time totalled for reports: per person, local day, task, project, tag and CRM link, entries split
 * at local midnight - src/db/sqlite/tracked.ts on PostgreSQL, aggregated by the server over bounded index
 * ranges. The local days come from the program's calendar (local-days.ts), so the totals are the same in
 * every time zone the program runs in, DST days with their 23 or 25 hours.
 */
export abstract class PgTracked extends PgTime {
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
    const rows = this.trackedTotals(userIds, from, to, now, {
      byUser: false,
      byTask: false,
      excludedTaskIds,
    });
    return new Map(rows.map(([, day, , seconds]) => [day, seconds]));
  }

  trackedPerFacet(
    userIds: readonly number[],
    from: Date,
    to: Date,
    now: Date,
    excludedTaskIds: readonly number[],
  ): TrackedFacets {
    const scope = this.entriesOverlappingSql();
    // Time within [from, to) per task first (a task with two tags counts under both), then per facet.
    const rows = this.rows<{ kind: 'project' | 'tag' | 'crm'; key: string | null; ms: string }>(
      `WITH per_task AS MATERIALIZED (
         SELECT x.task_id, t.project_id, x.ms FROM (
           SELECT e.task_id, sum(greatest(0, least(coalesce(e.end_at, greatest($4::bigint, e.start_at)), $3) - greatest(e.start_at, $2))) AS ms
             FROM time_entries e WHERE ${scope} GROUP BY e.task_id) x
         JOIN tasks t ON t.id = x.task_id)
       SELECT 'project' AS kind, p.name AS key, sum(x.ms) AS ms FROM per_task x LEFT JOIN projects p ON p.id = x.project_id GROUP BY p.name
       UNION ALL
       SELECT 'tag', g.name, sum(x.ms) FROM per_task x LEFT JOIN task_tags tt ON tt.task_id = x.task_id LEFT JOIN tags g ON g.id = tt.tag_id GROUP BY g.name
       UNION ALL
       SELECT 'crm', c.kind || ':' || c.ref, sum(x.ms) FROM per_task x JOIN crm_links c ON c.task_id = x.task_id GROUP BY c.kind, c.ref`,
      [arrayLiteral(userIds), from.getTime(), to.getTime(), now.getTime(), arrayLiteral(excludedTaskIds)],
    );
    const facets: TrackedFacets = { projects: [], tags: [], crm: [] };
    for (const { kind, key, ms } of rows) {
      const seconds = Math.round(num(ms) / 1000);
      if (seconds <= 0) continue;
      if (kind === 'project') facets.projects.push([key, seconds]);
      else if (kind === 'tag') facets.tags.push([key, seconds]);
      else facets.crm.push([key!, seconds]);
    }
    return facets;
  }

  tasksWorkedOrClosed(userIds: readonly number[], from: Date, to: Date): Task[] {
    return this.tasksWhere(
      `WHERE t.id IN (SELECT e.task_id FROM time_entries e WHERE ${this.entriesOverlappingSql(false)})
         OR (t.responsible_id = ANY ($1::bigint[])
           AND t.id IN (SELECT c.task_id FROM comments c WHERE c.kind = 'result' AND c.created_at >= $2 AND c.created_at < $3))`,
      'ORDER BY t.id',
      '',
      [arrayLiteral(userIds), from.getTime(), to.getTime()],
    );
  }

  /**
   * The WHERE terms (alias e) of the entries of people $1 (bigint[]) overlapping [$2, $3), tasks $5
   * (bigint[], maybe empty) left out unless `excluding` is false. A finished entry overlapping $2 started no earlier than $2 minus the
   * longest finished entry; a running one (at most one per person) may have started any time before.
   */
  protected entriesOverlappingSql(excluding = true): string {
    return `e.user_id = ANY ($1::bigint[])
      AND e.start_at >= least($2::bigint - (SELECT longest_ms FROM time_entry_bounds WHERE id = 1),
                              (SELECT min(start_at) FROM time_entries WHERE end_at IS NULL))
      AND e.start_at < $3 AND (e.end_at IS NULL OR e.end_at > $2)${excluding ? ' AND NOT (e.task_id = ANY ($5::bigint[]))' : ''}`;
  }

  /**
   * Tracked seconds over [from, to) per local day (and per person and task when asked), entries split at
   * local midnight, a running entry counting up to `now`. Each entry's days are found by `width_bucket`
   * over the day boundaries the program computed: [first day, last day] by two binary searches, then one
   * share per day (most entries lie within one day: those need no series). As on SQLite, an entry within one day and the period counts to the millisecond and a
   * share of a longer one to the nearest second (+ 500 ms, integer division: positive shares only), so both
   * stores give the same totals.
   */
  protected trackedTotals(
    userIds: readonly number[],
    from: Date,
    to: Date,
    now: Date,
    by: TotalsBy,
  ): [number, string, number, number][] {
    const days = localDaysOf(from, to);
    const [bounds] = localDaysParams(days);
    const excluded = by.excludedTaskIds ?? [];
    // Always per person, day and task, totalled further here: the same question for every grouping, so a
    // report that asks two of them (the team month) reads the entries once (readAhead answers it twice).
    const rows = this.rows<{ u: string; day: number; t: string; ms: string }>(
      `WITH clipped AS (
         SELECT e.user_id, e.task_id, greatest(e.start_at, $2) AS s, least(e.end_at, $3) AS f, e.start_at >= $2 AND e.end_at <= $3 AS whole
           FROM (SELECT e.user_id, e.task_id, e.start_at, coalesce(e.end_at, greatest($4::bigint, e.start_at)) AS end_at
                   FROM time_entries e WHERE ${this.entriesOverlappingSql()}) e),
       spans AS MATERIALIZED (
         SELECT e.*, width_bucket(e.s, $6::bigint[]) AS first_day, width_bucket(e.f - 1, $6::bigint[]) AS last_day
           FROM clipped e WHERE e.f > e.s),
       shares(user_id, task_id, day, ms) AS (
         SELECT e.user_id, e.task_id, e.first_day, CASE WHEN e.whole THEN e.f - e.s ELSE (e.f - e.s + 500) / 1000 * 1000 END
           FROM spans e WHERE e.first_day = e.last_day
         UNION ALL
         SELECT e.user_id, e.task_id, d.day,
                (least(e.f, ($6::bigint[])[d.day + 1]) - greatest(e.s, ($6::bigint[])[d.day]) + 500) / 1000 * 1000
           FROM spans e CROSS JOIN LATERAL generate_series(e.first_day, e.last_day) AS d(day) WHERE e.first_day < e.last_day)
       SELECT x.user_id AS u, x.day, x.task_id AS t, sum(x.ms) AS ms FROM shares x
        GROUP BY 1, 2, 3 ORDER BY 2, 1, 3`,
      [arrayLiteral(userIds), from.getTime(), to.getTime(), now.getTime(), arrayLiteral(excluded), bounds],
    );
    // Milliseconds per group in the rows' order (day, person, task), rounded to seconds once per group.
    const totals = new Map<string, [number, string, number, number]>();
    for (const row of rows) {
      const group: [number, string, number, number] = [
        by.byUser ? num(row.u) : 0,
        days.keys[num(row.day) - 1]!,
        by.byTask ? num(row.t) : 0,
        num(row.ms),
      ];
      const key = `${group[1]} ${group[0]} ${group[2]}`;
      const total = totals.get(key);
      if (total) total[3] += group[3];
      else totals.set(key, group);
    }
    return [...totals.values()]
      .map((group): [number, string, number, number] => [
        group[0],
        group[1],
        group[2],
        Math.round(group[3] / 1000),
      ])
      .filter((row) => row[3] > 0);
  }
}
