import type { NameSummary, TaskQuery, TaskVisibility } from '../../../core/store.js';
import type { CrmLink, Task, TaskFields, TaskListRow, TaskSummary } from '../../../core/types.js';
import { overdueAtInstants, statusChangesByTask } from '../../overdue-at.js';
import { num, numOrNull } from './base.js';
import type { SentQuery } from '../pipeline.js';
import { arrayLiteral, SqlParams } from './params.js';
import {
  OPEN_SQL,
  rowToSummary,
  rowToTask,
  statusAt,
  SUMMARY_COLUMNS_SQL,
  SUMMARY_FROM,
  TASK_COLUMNS,
  taskColumnValue,
  taskQuerySql,
  tasksWithTagsSql,
  visibleTaskSql,
} from './task-sql.js';
import { PgTemplates } from './templates.js';

type Link = { otherId: number; kind: 'depends' };

/** The table rows of `task list` for an array of ids, in its order (the rows the login may see: row-level security). */
const TASK_LIST_ROWS = `SELECT t.id, t.title, t.status, t.priority, t.deadline_at, t.deadline_all_day, t.deadline_hard,
  t.planned_minutes, t.responsible_id, t.seen_at IS NOT NULL AS seen, t.tracked_ms
  FROM unnest($1::bigint[]) WITH ORDINALITY AS j(id, n) JOIN tasks t ON t.id = j.id ORDER BY j.n`;

/** A row of TASK_LIST_ROWS as pg-native hands it over (bigints as text). */
interface ListRowColumns {
  id: string;
  title: string;
  status: Task['status'];
  priority: Task['priority'];
  deadline_at: string | null;
  deadline_all_day: boolean;
  deadline_hard: boolean;
  planned_minutes: string | number | null;
  responsible_id: string;
  seen: boolean;
  tracked_ms: string;
}

/**
 * The team server's tasks (PostgreSQL): the same meaning as src/db/sqlite/tasks.ts - tasks with their
 * projects, tags, observers, co-executors, CRM links and dependencies; task-sql.ts builds the queries.
 */
export abstract class PgTasks extends PgTemplates {
  findProjectByName(name: string): { id: number; name: string } | undefined {
    // Matched in JavaScript, as on SQLite: one meaning of "any letter case" whatever the server's locale.
    const wanted = name.toLocaleLowerCase();
    return this.rows<{ id: string; name: string }>('SELECT id, name FROM projects')
      .map((p) => ({ id: num(p.id), name: p.name }))
      .find((p) => p.name.toLocaleLowerCase() === wanted);
  }

  insertProject(name: string, createdAt: Date): { id: number; name: string } {
    return {
      id: this.insertReturningId('INSERT INTO projects (name, created_at) VALUES ($1, $2)', [
        name,
        createdAt.getTime(),
      ]),
      name,
    };
  }

  getTask(id: number): Task | undefined {
    return this.tasksWhere('WHERE t.id = $1', '', '', [id])[0];
  }

  taskParties(id: number): Pick<Task, 'id' | 'directorId' | 'responsibleId'> | undefined {
    const row = this.row<{ director_id: string; responsible_id: string }>(
      'SELECT director_id, responsible_id FROM tasks WHERE id = $1',
      [id],
    );
    return row ? { id, directorId: num(row.director_id), responsibleId: num(row.responsible_id) } : undefined;
  }

  findTasks(query: TaskQuery): Task[] {
    const params = new SqlParams();
    const { where, order, limit } = taskQuerySql(query, params);
    return this.tasksWhere(where, order, limit, params.values);
  }

  findTaskIds(query: TaskQuery): number[] {
    const params = new SqlParams();
    const { where, order, limit } = taskQuerySql(query, params);
    return this.rows<{ id: string }>(
      `SELECT t.id ${SUMMARY_FROM} ${where} ${order || 'ORDER BY t.id'} ${limit}`,
      params.values,
    ).map((r) => num(r.id));
  }

  taskListRows(ids: readonly number[]): TaskListRow[] {
    if (ids.length === 0) return [];
    return this.rows<ListRowColumns>(TASK_LIST_ROWS, [arrayLiteral(ids)]).map((row) => ({
      id: num(row.id),
      title: row.title,
      status: row.status,
      priority: row.priority,
      deadlineAt: numOrNull(row.deadline_at),
      deadlineAllDay: row.deadline_all_day,
      deadlineHard: row.deadline_hard,
      plannedMinutes: numOrNull(row.planned_minutes),
      responsibleId: num(row.responsible_id),
      seen: row.seen,
      trackedSeconds: Math.round(num(row.tracked_ms) / 1000),
    }));
  }

  *taskListPages(query: TaskQuery, pageSize: number): Generator<TaskListRow[]> {
    const ids = this.findTaskIds(query);
    for (let start = 0; start < ids.length; start += pageSize)
      yield this.taskListRows(ids.slice(start, start + pageSize));
  }

  findTaskSummaries(query: TaskQuery): TaskSummary[] {
    const params = new SqlParams();
    const { where, order, limit } = taskQuerySql(query, params);
    return this.rows(
      `SELECT ${SUMMARY_COLUMNS_SQL} ${SUMMARY_FROM} ${where} ${order || 'ORDER BY t.id'} ${limit}`,
      params.values,
    ).map(rowToSummary);
  }

  /**
   * Whole tasks matching a WHERE clause over TASK_FROM (aliases t, p, d, r), in order, with their tags - in
   * one query, so a read of tasks is one question to the server (and can be sent ahead whole, readAhead).
   */
  protected tasksWhere(where: string, order: string, limit: string, params: SqlParams['values']): Task[] {
    const query = this.tasksQuery(where, order, limit, params);
    return this.tasksOf(this.rows(query.sql, query.params));
  }

  /** The query of tasksWhere, to be sent with others (rowsAll); its rows become tasks with tasksOf. */
  protected tasksQuery(where: string, order: string, limit: string, params: SqlParams['values']): SentQuery {
    return { sql: tasksWithTagsSql(where, order || 'ORDER BY t.id', limit), params };
  }

  protected tasksOf(rows: readonly Record<string, unknown>[]): Task[] {
    return rows.map((row) => rowToTask(row, (row.tags as string[] | null) ?? []));
  }

  insertTask(fields: TaskFields): number {
    // Only the fields that hold a value: an empty one is the column's default (null) anyway, and a person
    // may not name a column they cannot set at creation (0004: no rating on a new task).
    const keys = (Object.keys(TASK_COLUMNS) as (keyof TaskFields)[]).filter((k) => fields[k] !== null);
    return this.insertReturningId(
      `INSERT INTO tasks (${keys.map((k) => TASK_COLUMNS[k]).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
      keys.map((k) => taskColumnValue(fields[k])),
    );
  }

  updateTask(id: number, patch: Partial<TaskFields>): void {
    // A creation time is fixed once written (0003 grants no one its update): a whole task saved back
    // (core/task-save.ts) carries it unchanged.
    const keys = (Object.keys(patch) as (keyof TaskFields)[]).filter(
      (k) => k in TASK_COLUMNS && k !== 'createdAt',
    );
    if (keys.length === 0) return;
    this.rows(
      `UPDATE tasks SET ${keys.map((k, i) => `${TASK_COLUMNS[k]} = $${i + 1}`).join(', ')} WHERE id = $${keys.length + 1}`,
      [...keys.map((k) => taskColumnValue(patch[k] as TaskFields[keyof TaskFields])), id],
    );
  }

  setTags(taskId: number, tags: readonly string[]): void {
    this.rows('DELETE FROM task_tags WHERE task_id = $1', [taskId]);
    for (const name of tags) {
      // Tags are one per name in any letter case (the unique index on lower(name)), as SQLite's NOCASE.
      this.rows('INSERT INTO tags (name) VALUES ($1) ON CONFLICT ((lower(name))) DO NOTHING', [name]);
      this.rows(
        'INSERT INTO task_tags (task_id, tag_id) SELECT $1, id FROM tags WHERE lower(name) = lower($2) ON CONFLICT DO NOTHING',
        [taskId, name],
      );
    }
  }

  observersOf(taskId: number): string[] {
    return this.namesOf('task_observers', taskId);
  }

  addObserver(taskId: number, userId: number): void {
    this.rows('INSERT INTO task_observers (task_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      taskId,
      userId,
    ]);
  }

  removeObserver(taskId: number, userId: number): void {
    this.rows('DELETE FROM task_observers WHERE task_id = $1 AND user_id = $2', [taskId, userId]);
  }

  coExecutorsOf(taskId: number): string[] {
    return this.namesOf('task_coexecutors', taskId);
  }

  addCoExecutor(taskId: number, userId: number): void {
    this.rows('INSERT INTO task_coexecutors (task_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      taskId,
      userId,
    ]);
  }

  /** The names of the people a task's observers or co-executors table holds, by name. */
  private namesOf(table: 'task_observers' | 'task_coexecutors', taskId: number): string[] {
    return this.rows<{ name: string }>(
      `SELECT u.name FROM ${table} x JOIN users u ON u.id = x.user_id WHERE x.task_id = $1 ORDER BY u.name COLLATE "C"`,
      [taskId],
    ).map((r) => r.name);
  }

  crmLinksOf(taskId: number): CrmLink[] {
    return this.rows<CrmLink>(
      'SELECT kind, ref FROM crm_links WHERE task_id = $1 ORDER BY kind COLLATE "C", ref COLLATE "C"',
      [taskId],
    ).map((r) => ({ kind: r.kind, ref: r.ref }));
  }

  addCrmLink(taskId: number, link: CrmLink): void {
    this.rows('INSERT INTO crm_links (task_id, kind, ref) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      taskId,
      link.kind,
      link.ref,
    ]);
  }

  removeCrmLink(taskId: number, link: CrmLink): void {
    this.rows('DELETE FROM crm_links WHERE task_id = $1 AND kind = $2 AND ref = $3', [
      taskId,
      link.kind,
      link.ref,
    ]);
  }

  dependencyLinks(taskIds: readonly number[]): { taskId: number; otherId: number; otherOpen: boolean }[] {
    const params = new SqlParams();
    return this.rows<{ task_id: string; other_id: string; open: boolean }>(
      `SELECT l.task_id, l.other_id, o.status IN ${OPEN_SQL} AS open FROM task_links l JOIN tasks o ON o.id = l.other_id
       WHERE l.task_id = ANY (${params.list(taskIds, 'bigint')}) AND l.kind = 'depends' AND o.deleted_at IS NULL
       ORDER BY l.task_id, l.other_id`,
      params.values,
    ).map((r) => ({ taskId: num(r.task_id), otherId: num(r.other_id), otherOpen: r.open }));
  }

  linksOf(taskId: number): Link[] {
    return this.rows<{ other_id: string; kind: 'depends' }>(
      'SELECT other_id, kind FROM task_links WHERE task_id = $1 ORDER BY other_id',
      [taskId],
    ).map((r) => ({ otherId: num(r.other_id), kind: r.kind }));
  }

  allLinks(): ({ taskId: number } & Link)[] {
    return this.rows<{ task_id: string; other_id: string; kind: 'depends' }>(
      'SELECT task_id, other_id, kind FROM task_links ORDER BY task_id, other_id',
    ).map((r) => ({ taskId: num(r.task_id), otherId: num(r.other_id), kind: r.kind }));
  }

  addLink(taskId: number, otherId: number, kind: 'depends'): void {
    this.rows('INSERT INTO task_links (task_id, other_id, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      taskId,
      otherId,
      kind,
    ]);
  }

  removeLink(taskId: number, otherId: number, kind: 'depends'): void {
    this.rows('DELETE FROM task_links WHERE task_id = $1 AND other_id = $2 AND kind = $3', [
      taskId,
      otherId,
      kind,
    ]);
  }

  linksTo(otherId: number): { taskId: number; kind: 'depends' }[] {
    return this.rows<{ task_id: string; kind: 'depends' }>(
      'SELECT task_id, kind FROM task_links WHERE other_id = $1 ORDER BY task_id',
      [otherId],
    ).map((r) => ({ taskId: num(r.task_id), kind: r.kind }));
  }

  projectNames(visibleTo?: TaskVisibility): string[] {
    if (visibleTo) return this.projectSummaries(visibleTo).map((summary) => summary.name);
    return this.rows<{ name: string }>(`SELECT name FROM projects ORDER BY ${BY_NAME('name')}`).map(
      (r) => r.name,
    );
  }

  tagNames(visibleTo?: TaskVisibility): string[] {
    if (visibleTo) return this.tagSummaries(visibleTo).map((summary) => summary.name);
    return this.rows<{ name: string }>(`SELECT name FROM tags ORDER BY ${BY_NAME('name')}`).map(
      (r) => r.name,
    );
  }

  projectSummaries(visibleTo?: TaskVisibility): NameSummary[] {
    return this.nameSummaries(
      'FROM projects n LEFT JOIN tasks t ON t.project_id = n.id AND t.deleted_at IS NULL',
      visibleTo,
    );
  }

  tagSummaries(visibleTo?: TaskVisibility): NameSummary[] {
    return this.nameSummaries(
      'FROM tags n LEFT JOIN task_tags tt ON tt.tag_id = n.id LEFT JOIN tasks t ON t.id = tt.task_id AND t.deleted_at IS NULL',
      visibleTo,
    );
  }

  /**
   * Open and total tasks and finished tracked time per name (`n`) of a FROM clause joining the tasks `t`.
   * R4: with `visibleTo`, only that person's visible tasks count, and a name none of them carries is left out.
   */
  private nameSummaries(from: string, visibleTo: TaskVisibility | undefined): NameSummary[] {
    const params = new SqlParams();
    const visible = visibleTo ? ` AND ${visibleTaskSql(visibleTo, params)}` : '';
    return this.rows<{ name: string; total: string; open: string; ms: string }>(
      `SELECT n.name, count(t.id) AS total, count(t.id) FILTER (WHERE t.status IN ${OPEN_SQL}) AS open,
         coalesce(sum(t.tracked_ms), 0) AS ms
       ${from}${visible} GROUP BY n.id${visibleTo ? ' HAVING count(t.id) > 0' : ''} ORDER BY ${BY_NAME('n.name')}`,
      params.values,
    ).map((r) => ({
      name: r.name,
      open: num(r.open),
      total: num(r.total),
      trackedSeconds: Math.round(num(r.ms) / 1000),
    }));
  }

  tasksTagged(tags: readonly string[]): number[] {
    const params = new SqlParams();
    return this.rows<{ task_id: string }>(
      `SELECT DISTINCT tt.task_id FROM task_tags tt JOIN tags g ON g.id = tt.tag_id
       WHERE lower(g.name) = ANY (SELECT lower(w) FROM unnest(${params.list(tags, 'text')}) w)`,
      params.values,
    ).map((r) => num(r.task_id));
  }

  tasksDueBetween(userId: number, from: Date, to: Date): Task[] {
    return this.tasksWhere(
      'WHERE t.responsible_id = $1 AND t.deadline_at >= $2 AND t.deadline_at < $3 AND t.deleted_at IS NULL',
      'ORDER BY t.deadline_at, t.id',
      '',
      [userId, from.getTime(), to.getTime()],
    );
  }

  tasksDueFor(userIds: readonly number[], from: Date, to: Date): Task[] {
    return this.tasksWhere(
      `WHERE t.responsible_id = ANY ($1::bigint[]) AND t.deadline_at >= $2 AND t.deadline_at < $3
         AND t.deleted_at IS NULL`,
      'ORDER BY t.deadline_at, t.id',
      '',
      [arrayLiteral(userIds), from.getTime(), to.getTime()],
    );
  }

  overdueTasks(userIds: readonly number[], before: Date): Task[] {
    const params = new SqlParams();
    return this.tasksWhere(
      `WHERE t.responsible_id = ANY (${params.list(userIds, 'bigint')}) AND t.deadline_at < ${params.add(before.getTime())}
         AND t.status IN ('new', 'pending', 'in_progress') AND t.deleted_at IS NULL`,
      'ORDER BY t.deadline_at, t.id',
      '',
      params.values,
    );
  }

  overdueTasksAt(userIds: readonly number[], dayStart: Date): Task[] {
    const params = new SqlParams();
    const users = params.list(userIds, 'bigint');
    const before = `${params.add(dayStart.getTime())}::bigint`;
    return this.tasksWhere(
      `WHERE t.responsible_id = ANY (${users}) AND t.deadline_at < ${before}
         AND t.created_at < ${before} AND t.deleted_at IS NULL
         AND NOT (t.status IN ('completed', 'declined') AND t.closed_at IS NOT NULL AND t.closed_at < ${before})
         AND ${statusAt('t', before)} IN ('new', 'pending', 'in_progress')`,
      'ORDER BY t.deadline_at, t.id',
      '',
      params.values,
    );
  }

  overdueTaskIdsAt(
    userIds: readonly number[],
    dayStarts: readonly Date[],
  ): { userId: number; dayStart: Date; taskId: number }[] {
    if (!userIds.length || !dayStarts.length) return [];
    const instants = dayStarts.map((d) => d.getTime());
    // The tasks that could be are read once (not once per day: each day's index range held every task
    // ever due before it), and their status histories once: each one's status at each day start is found
    // here (src/db/overdue-at.ts, as on SQLite) - two subqueries per task and day cost the server ~0.25 s
    // of a team's month.
    // The candidates and their status changes in one round trip (the changes found by the same terms).
    const params = [arrayLiteral(userIds), Math.min(...instants), Math.max(...instants)];
    const candidatesOf = `FROM tasks WHERE responsible_id = ANY ($1::bigint[]) AND deadline_at < $3 AND created_at < $3
          AND deleted_at IS NULL
          AND NOT (status IN ('completed', 'declined') AND closed_at IS NOT NULL AND closed_at < $2)`;
    const [candidateRows, changeRows] = this.rowsAll([
      {
        sql: `SELECT id, responsible_id, deadline_at, created_at, status, closed_at ${candidatesOf} ORDER BY deadline_at, id`,
        params,
      },
      {
        sql: `SELECT task_id, at, old_value, new_value FROM history
               WHERE field = 'status' AND task_id IN (SELECT id ${candidatesOf}) ORDER BY task_id, at, id`,
        params,
      },
    ]);
    const candidates = candidateRows!.map((r) => ({
      id: num(r.id),
      responsibleId: num(r.responsible_id),
      deadlineAt: num(r.deadline_at),
      createdAt: num(r.created_at),
      status: String(r.status),
      closedAt: r.closed_at === null ? null : num(r.closed_at),
    }));
    const changes = statusChangesByTask(
      changeRows!.map(
        (r) =>
          [
            num(r.task_id),
            num(r.at),
            (r.old_value as string | null) ?? null,
            (r.new_value as string | null) ?? null,
          ] as const,
      ),
    );
    return overdueAtInstants(candidates, changes, instants).map(({ start, task }) => ({
      userId: task.responsibleId,
      dayStart: new Date(start),
      taskId: task.id,
    }));
  }

  countTasks(): number {
    return num(this.row<{ n: string }>('SELECT count(*) AS n FROM tasks')?.n);
  }
}

/** SQLite's ORDER BY name COLLATE NOCASE: letter case aside, then by code point (not the server's locale). */
const BY_NAME = (column: string) => `lower(${column}) COLLATE "C", ${column} COLLATE "C"`;
