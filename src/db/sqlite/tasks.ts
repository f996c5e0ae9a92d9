import type { NameSummary, TaskQuery, TaskVisibility } from '../../core/store.js';
import type { CrmLink, Task, TaskFields, TaskListRow, TaskSummary } from '../../core/types.js';
import { statusAt, toColumn } from './rows.js';
import { overdueAtInstants, statusChangesByTask } from '../overdue-at.js';
import {
  LIST_ROW_COLUMNS,
  LIST_ROW_FROM,
  listRowsOf,
  OPEN_SQL,
  rowToSummary,
  rowToTask,
  SUMMARY_FROM,
  SUMMARY_LIST,
  TASK_COLUMNS,
  TASK_FROM,
  TASK_LIST,
  TASK_LIST_ROWS,
  taskQuerySql,
  visibleTaskSql,
} from './task-sql.js';
import { SqliteTemplates } from './templates.js';
import { insertSql, TASK_ROW } from './insert-rows.js';

const INSERT_TASK = insertSql(TASK_ROW, 1);
/** More task ids than this: their dependency links are found among all links rather than looked up by id. */
const MANY_IDS = 500;

/** The tag names of a JSON array, new ones added in the array's order (their ids follow it). */
export const INSERT_TAG_NAMES = `INSERT INTO tags (name) SELECT value FROM json_each(?)
  WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE regula_fold(t.name) = regula_fold(value)) ON CONFLICT (name) DO NOTHING`;
/**
 * [task id, tag name] pairs of a JSON array; a name matches its tag in any letter case (regula_fold, base.ts;
 * the first of the tags an older file may hold twice in Cyrillic letter cases).
 */
export const INSERT_TASK_TAGS = `INSERT OR IGNORE INTO task_tags (task_id, tag_id)
  SELECT p.value ->> 0, (SELECT min(t.id) FROM tags t WHERE regula_fold(t.name) = regula_fold(p.value ->> 1))
  FROM json_each(?) p ORDER BY p.key`;

/** Tasks with their projects, tags, observers, co-executors, CRM links and dependencies; the task queries of every list (task-sql.ts builds their SQL). */
export abstract class SqliteTasks extends SqliteTemplates {
  findProjectByName(name: string): { id: number; name: string } | undefined {
    // Matched in JavaScript: SQLite's NOCASE folds ASCII only, and project names are often Cyrillic.
    const wanted = name.toLocaleLowerCase();
    const projects = this.sql('SELECT id, name FROM projects').all() as { id: number; name: string }[];
    return projects.find((p) => p.name.toLocaleLowerCase() === wanted);
  }

  insertProject(name: string, createdAt: Date): { id: number; name: string } {
    const info = this.sql('INSERT INTO projects (name, created_at) VALUES (?, ?)').run(
      name,
      createdAt.getTime(),
    );
    return { id: Number(info.lastInsertRowid), name };
  }

  getTask(id: number): Task | undefined {
    return this.tasksWhere('WHERE t.id = @id', '', '', { id })[0];
  }

  taskParties(id: number): Pick<Task, 'id' | 'directorId' | 'responsibleId'> | undefined {
    const row = this.sql('SELECT director_id, responsible_id FROM tasks WHERE id = ?').raw().get(id) as
      | [number, number]
      | undefined;
    return row ? { id, directorId: row[0], responsibleId: row[1] } : undefined;
  }

  findTasks(query: TaskQuery): Task[] {
    const { where, order, limit, params } = taskQuerySql(query);
    return this.tasksWhere(where, order, limit, params);
  }

  findTaskIds(query: TaskQuery): number[] {
    const { where, order, limit, params } = taskQuerySql(query);
    return this.sql(`SELECT t.id ${SUMMARY_FROM} ${where} ${order || 'ORDER BY t.id'} ${limit}`)
      .pluck()
      .all(params) as number[];
  }

  taskListRows(ids: readonly number[]): TaskListRow[] {
    if (ids.length === 0) return [];
    return listRowsOf(this.sql(TASK_LIST_ROWS).pluck().get(JSON.stringify(ids)) as string);
  }

  *taskListPages(query: TaskQuery, pageSize: number): Generator<TaskListRow[]> {
    const { where, order, limit, params } = taskQuerySql(query);
    // Each row as one JSON text, a page of them parsed at once: one value per row to hand over, not eleven.
    const rows = this.sql(
      `SELECT json_array(${LIST_ROW_COLUMNS}) ${LIST_ROW_FROM} ${where} ${order || 'ORDER BY t.id'} ${limit}`,
    )
      .pluck()
      .iterate(params) as IterableIterator<string>;
    let page: string[] = [];
    for (const row of rows) {
      page.push(row);
      if (page.length === pageSize) {
        yield listRowsOf(`[${page.join(',')}]`);
        page = [];
      }
    }
    if (page.length > 0) yield listRowsOf(`[${page.join(',')}]`);
  }

  findTaskSummaries(query: TaskQuery): TaskSummary[] {
    const { where, order, limit, params } = taskQuerySql(query);
    return (
      this.jsonRows(SUMMARY_LIST.columns, SUMMARY_FROM, where, order, limit, params) as unknown[][]
    ).map(rowToSummary);
  }

  protected tasksWhere(where: string, order: string, limit: string, params: Record<string, unknown>): Task[] {
    return (this.jsonRows(TASK_LIST.columns, TASK_FROM, where, order, limit, params) as unknown[][]).map(
      rowToTask,
    );
  }

  /**
   * Task rows matching a WHERE clause, in order. SQLite builds the whole list as one JSON text: reading
   * one value instead of a dozen or thirty per row makes listing 20,000 tasks several times faster.
   * The rows are concatenated in the order the inner query sorted them (SQLite runs the sorted subquery
   * as a co-routine feeding the aggregate; an ORDER BY inside group_concat would sort them a second time).
   */
  protected jsonRows(
    columns: string,
    from: string,
    where: string,
    order: string,
    limit: string,
    params: Record<string, unknown>,
  ): unknown[] {
    const text = `SELECT '[' || coalesce(group_concat(j, ','), '') || ']' FROM (
      SELECT json_array(${columns}) AS j ${from} ${where} ${order || 'ORDER BY t.id'} ${limit})`;
    return JSON.parse(this.sql(text).pluck().get(params) as string) as unknown[];
  }

  insertTask(fields: TaskFields): number {
    return Number(this.sql(INSERT_TASK).run(TASK_ROW.values(fields)).lastInsertRowid);
  }

  updateTask(id: number, patch: Partial<TaskFields>): void {
    const keys = (Object.keys(patch) as (keyof TaskFields)[]).filter((k) => k in TASK_COLUMNS);
    if (keys.length === 0) return;
    const text = `UPDATE tasks SET ${keys.map((k) => `${TASK_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`;
    this.sql(text).run(...keys.map((k) => toColumn(patch[k])), id);
  }

  setTags(taskId: number, tags: readonly string[]): void {
    this.sql('DELETE FROM task_tags WHERE task_id = ?').run(taskId);
    if (tags.length === 0) return;
    // Three statements whatever the number of tags (an import sets them on every task it makes).
    const names = JSON.stringify(tags);
    this.sql(INSERT_TAG_NAMES).run(names);
    this.sql(INSERT_TASK_TAGS).run(JSON.stringify(tags.map((name) => [taskId, name])));
  }

  observersOf(taskId: number): string[] {
    return (
      this.sql(
        'SELECT u.name FROM task_observers o JOIN users u ON u.id = o.user_id WHERE o.task_id = ? ORDER BY u.name',
      ).all(taskId) as { name: string }[]
    ).map((r) => r.name);
  }

  addObserver(taskId: number, userId: number): void {
    this.sql('INSERT OR IGNORE INTO task_observers (task_id, user_id) VALUES (?, ?)').run(taskId, userId);
  }

  removeObserver(taskId: number, userId: number): void {
    this.sql('DELETE FROM task_observers WHERE task_id = ? AND user_id = ?').run(taskId, userId);
  }

  crmLinksOf(taskId: number): CrmLink[] {
    return this.sql('SELECT kind, ref FROM crm_links WHERE task_id = ? ORDER BY kind, ref').all(
      taskId,
    ) as CrmLink[];
  }

  addCrmLink(taskId: number, link: CrmLink): void {
    this.sql('INSERT OR IGNORE INTO crm_links (task_id, kind, ref) VALUES (?, ?, ?)').run(
      taskId,
      link.kind,
      link.ref,
    );
  }

  removeCrmLink(taskId: number, link: CrmLink): void {
    this.sql('DELETE FROM crm_links WHERE task_id = ? AND kind = ? AND ref = ?').run(
      taskId,
      link.kind,
      link.ref,
    );
  }

  coExecutorsOf(taskId: number): string[] {
    return (
      this.sql(
        'SELECT u.name FROM task_coexecutors c JOIN users u ON u.id = c.user_id WHERE c.task_id = ? ORDER BY u.name',
      ).all(taskId) as { name: string }[]
    ).map((r) => r.name);
  }

  addCoExecutor(taskId: number, userId: number): void {
    this.sql('INSERT OR IGNORE INTO task_coexecutors (task_id, user_id) VALUES (?, ?)').run(taskId, userId);
  }

  dependencyLinks(taskIds: readonly number[]): { taskId: number; otherId: number; otherOpen: boolean }[] {
    const links = `SELECT l.task_id, l.other_id, o.status IN ${OPEN_SQL} FROM task_links l CROSS JOIN tasks o ON o.id = l.other_id
       WHERE l.kind = 'depends' AND o.deleted_at IS NULL`;
    const order = 'ORDER BY l.task_id, l.other_id';
    let rows: [number, number, number][];
    if (taskIds.length > MANY_IDS) {
      // A long list (every task): each link read and kept when its task is listed - SQLite indexing 10,000
      // ids to look each one up cost ~5 ms, more than reading every link of a team (issue 22).
      const listed = new Set(taskIds);
      rows = (this.sql(`${links} ${order}`).raw().all() as [number, number, number][]).filter(([taskId]) =>
        listed.has(taskId),
      );
    } else {
      rows = this.sql(`${links} AND l.task_id IN (SELECT value FROM json_each(?)) ${order}`)
        .raw()
        .all(JSON.stringify(taskIds)) as [number, number, number][];
    }
    return rows.map(([taskId, otherId, open]) => ({ taskId, otherId, otherOpen: open === 1 }));
  }

  linksOf(taskId: number): { otherId: number; kind: 'depends' }[] {
    return (
      this.sql('SELECT other_id, kind FROM task_links WHERE task_id = ? ORDER BY other_id').all(taskId) as {
        other_id: number;
        kind: 'depends';
      }[]
    ).map((r) => ({
      otherId: r.other_id,
      kind: r.kind,
    }));
  }

  allLinks(): { taskId: number; otherId: number; kind: 'depends' }[] {
    return (
      this.sql('SELECT task_id, other_id, kind FROM task_links ORDER BY task_id, other_id').all() as {
        task_id: number;
        other_id: number;
        kind: 'depends';
      }[]
    ).map((r) => ({
      taskId: r.task_id,
      otherId: r.other_id,
      kind: r.kind,
    }));
  }

  addLink(taskId: number, otherId: number, kind: 'depends'): void {
    this.sql('INSERT OR IGNORE INTO task_links (task_id, other_id, kind) VALUES (?, ?, ?)').run(
      taskId,
      otherId,
      kind,
    );
  }

  removeLink(taskId: number, otherId: number, kind: 'depends'): void {
    this.sql('DELETE FROM task_links WHERE task_id = ? AND other_id = ? AND kind = ?').run(
      taskId,
      otherId,
      kind,
    );
  }

  linksTo(otherId: number): { taskId: number; kind: 'depends' }[] {
    return (
      this.sql('SELECT task_id, kind FROM task_links WHERE other_id = ? ORDER BY task_id').all(otherId) as {
        task_id: number;
        kind: 'depends';
      }[]
    ).map((r) => ({
      taskId: r.task_id,
      kind: r.kind,
    }));
  }

  projectNames(visibleTo?: TaskVisibility): string[] {
    if (!visibleTo)
      return (
        this.sql('SELECT name FROM projects ORDER BY name COLLATE NOCASE').all() as { name: string }[]
      ).map((r) => r.name);
    return this.projectSummaries(visibleTo).map((summary) => summary.name);
  }

  projectSummaries(visibleTo?: TaskVisibility): NameSummary[] {
    return this.nameSummaries(
      `SELECT p.name AS name, count(t.id) AS total, coalesce(sum(t.status IN ${OPEN_SQL}), 0) AS open, coalesce(sum(t.tracked_ms), 0) AS ms
       FROM projects p LEFT JOIN tasks t ON t.project_id = p.id AND t.deleted_at IS NULL`,
      'p.id ORDER BY p.name COLLATE NOCASE',
      visibleTo,
    );
  }

  tagSummaries(visibleTo?: TaskVisibility): NameSummary[] {
    return this.nameSummaries(
      `SELECT g.name AS name, count(t.id) AS total, coalesce(sum(t.status IN ${OPEN_SQL}), 0) AS open, coalesce(sum(t.tracked_ms), 0) AS ms
       FROM tags g LEFT JOIN task_tags tt ON tt.tag_id = g.id LEFT JOIN tasks t ON t.id = tt.task_id AND t.deleted_at IS NULL`,
      // In any alphabet's letter case, as the server's lower(name) COLLATE "C" (R9, regula_fold).
      'g.id ORDER BY regula_fold(g.name), g.name',
      visibleTo,
    );
  }

  /** R4: with `visibleTo`, only that person's visible tasks count, and a name none of them carries is left out. */
  protected nameSummaries(
    select: string,
    groupAndOrder: string,
    visibleTo: TaskVisibility | undefined,
  ): NameSummary[] {
    const visible = visibleTo ? visibleTaskSql(visibleTo, '') : undefined;
    const text = visible
      ? `${select} AND ${visible.term} GROUP BY ${groupAndOrder.replace(' ORDER BY', ' HAVING count(t.id) > 0 ORDER BY')}`
      : `${select} GROUP BY ${groupAndOrder}`;
    return (
      this.sql(text).all(visible?.params ?? {}) as { name: string; total: number; open: number; ms: number }[]
    ).map((r) => ({
      name: r.name,
      open: r.open,
      total: r.total,
      trackedSeconds: Math.round(r.ms / 1000),
    }));
  }

  tagNames(visibleTo?: TaskVisibility): string[] {
    if (visibleTo) return this.tagSummaries(visibleTo).map((summary) => summary.name);
    return (
      this.sql('SELECT name FROM tags ORDER BY regula_fold(name), name').all() as { name: string }[]
    ).map((r) => r.name);
  }

  tasksTagged(tags: readonly string[]): number[] {
    return this.sql(
      'SELECT DISTINCT tt.task_id FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE regula_fold(g.name) IN (SELECT regula_fold(value) FROM json_each(?))',
    )
      .pluck()
      .all(JSON.stringify(tags)) as number[];
  }

  tasksDueBetween(userId: number, from: Date, to: Date): Task[] {
    return this.tasksWhere(
      'WHERE t.responsible_id = @user AND t.deadline_at >= @from AND t.deadline_at < @to AND t.deleted_at IS NULL',
      'ORDER BY t.deadline_at, t.id',
      '',
      {
        user: userId,
        from: from.getTime(),
        to: to.getTime(),
      },
    );
  }

  tasksDueFor(userIds: readonly number[], from: Date, to: Date): Task[] {
    return this.tasksWhere(
      `WHERE t.responsible_id IN (SELECT value FROM json_each(@users)) AND t.deadline_at >= @from AND t.deadline_at < @to
         AND t.deleted_at IS NULL`,
      'ORDER BY t.deadline_at, t.id',
      '',
      { users: JSON.stringify(userIds), from: from.getTime(), to: to.getTime() },
    );
  }

  overdueTasks(userIds: readonly number[], before: Date): Task[] {
    return this.tasksWhere(
      `WHERE t.responsible_id IN (SELECT value FROM json_each(@users)) AND t.deadline_at < @before
         AND t.status IN ('new', 'pending', 'in_progress') AND t.deleted_at IS NULL`,
      'ORDER BY t.deadline_at, t.id',
      '',
      { users: JSON.stringify(userIds), before: before.getTime() },
    );
  }

  overdueTasksAt(userIds: readonly number[], dayStart: Date): Task[] {
    return this.tasksWhere(
      `WHERE t.responsible_id IN (SELECT value FROM json_each(@users)) AND t.deadline_at < @before
         AND t.created_at < @before AND t.deleted_at IS NULL
         AND NOT (t.status IN ('completed', 'declined') AND t.closed_at IS NOT NULL AND t.closed_at < @before)
         AND ${statusAt('t', '@before')} IN ('new', 'pending', 'in_progress')`,
      'ORDER BY t.deadline_at, t.id',
      '',
      { users: JSON.stringify(userIds), before: dayStart.getTime() },
    );
  }

  overdueTaskIdsAt(
    userIds: readonly number[],
    dayStarts: readonly Date[],
  ): { userId: number; dayStart: Date; taskId: number }[] {
    return this.overdueAtStarts(
      userIds,
      dayStarts.map((d) => d.getTime()),
    ).map(({ userId, start, task }) => ({ userId, dayStart: new Date(start), taskId: task.id }));
  }

  /**
   * R34: per instant (ascending), the tasks overdue and open then - overdueTasksAt for many instants.
   * The tasks that could be are read once, and each one's status at each instant found from its status
   * history (src/db/overdue-at.ts, as on the team server).
   */
  protected overdueAtStarts(userIds: readonly number[], instants: readonly number[]): OverdueAt[] {
    if (!userIds.length || !instants.length) return [];
    const first = Math.min(...instants);
    const last = Math.max(...instants);
    const candidates = (
      this.sql(
        `SELECT t.id, t.responsible_id, t.deadline_at, t.created_at, t.status, t.closed_at, t.kind, t.planned_minutes
         FROM tasks t
         WHERE t.responsible_id IN (SELECT value FROM json_each(@users)) AND t.deadline_at < @last
           AND t.created_at < @last AND t.deleted_at IS NULL
           AND NOT (t.status IN ('completed', 'declined') AND t.closed_at IS NOT NULL AND t.closed_at < @first)
         ORDER BY t.deadline_at, t.id`,
      )
        .raw()
        .all({ users: JSON.stringify(userIds), first, last }) as [
        number,
        number,
        number,
        number,
        string,
        number | null,
        string,
        number | null,
      ][]
    ).map(([id, responsibleId, deadlineAt, createdAt, status, closedAt, kind, plannedMinutes]) => ({
      id,
      responsibleId,
      deadlineAt,
      createdAt,
      status,
      closedAt,
      kind,
      plannedMinutes,
    }));
    const changes = statusChangesByTask(
      this.sql(
        `SELECT h.task_id, h.at, h.old_value, h.new_value FROM history h
         WHERE h.task_id IN (SELECT value FROM json_each(?)) AND h.field = 'status' ORDER BY h.task_id, h.at, h.id`,
      )
        .raw()
        .all(JSON.stringify(candidates.map((c) => c.id))) as [number, number, string | null, string | null][],
    );
    return overdueAtInstants(candidates, changes, instants).map(({ start, task }) => ({
      userId: task.responsibleId,
      start,
      task,
    }));
  }

  countTasks(): number {
    return (this.sql('SELECT count(*) AS n FROM tasks').get() as { n: number }).n;
  }
}

/** A task overdue and open at an instant (R34), with what a plan counts of it. */
export interface OverdueAt {
  userId: number;
  start: number;
  task: { id: number; kind: string; status: string; plannedMinutes: number | null };
}
