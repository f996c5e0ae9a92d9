import type { TaskQuery, TaskVisibility } from '../../../core/store.js';
import type { Task, TaskFields, TaskSummary } from '../../../core/types.js';
import type { SqlValue } from '../connection.js';
import { instant, instantOrNull, num, numOrNull } from './base.js';
import type { SqlParams } from './params.js';
import { OPEN_SQL, SUMMARY_SELECT, TASK_FIELD_SQL } from '../../task-select.js';

export { OPEN_SQL, SUMMARY_SELECT };

/**
 * Each field of a task and the SQL that reads it over TASK_FROM, selected under the field's own name: the
 * fields both stores share (src/db/task-select.ts; tests/pg/task-rows.test.ts checks every column of the
 * tasks table is read and written by TASK_COLUMNS). The tags are read with them (tasksWithTagsSql).
 */
export const TASK_SELECT = TASK_FIELD_SQL;

/**
 * The tasks a WHERE clause, order and limit over TASK_FROM select, each with its tags (`tags`, a JSON
 * array - parsed by JSON.parse, where a text[] went through a parser written in JavaScript - or null), in one query - so a read of tasks is one question, which can be sent ahead whole (readAhead).
 * Measured as lead1 on the bench's 1x data, 3,333 tasks by id: 24 ms without tags; 38 ms with this
 * subquery; 42-55 ms choosing the tasks first (a materialized CTE) and joining their tags; a second
 * query for the tags took 6-8 ms more, and one more wait.
 */
export function tasksWithTagsSql(where: string, order: string, limit: string): string {
  return `SELECT ${TASK_COLUMNS_SQL},
      (SELECT json_agg(g.name) FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id) AS tags
    ${TASK_FROM} ${where} ${order} ${limit}`;
}

/** A select list naming each expression after its field ("projectId"), so a row is read by field name. */
function selectList(select: Record<string, string>): string {
  return Object.entries(select)
    .map(([field, sql]) => `${sql} AS "${field}"`)
    .join(', ');
}

export const TASK_COLUMNS_SQL = selectList(TASK_SELECT);

export const SUMMARY_COLUMNS_SQL = selectList(SUMMARY_SELECT);

export const TASK_FROM = `FROM tasks t
LEFT JOIN projects p ON p.id = t.project_id
JOIN users d ON d.id = t.director_id
JOIN users r ON r.id = t.responsible_id`;

/** What a summary reads: no director (the foreign key guarantees one). */
export const SUMMARY_FROM = `FROM tasks t
LEFT JOIN projects p ON p.id = t.project_id
JOIN users r ON r.id = t.responsible_id`;

/** TaskFields property -> tasks column (what a write sets). */
export const TASK_COLUMNS: Record<keyof TaskFields, string> = {
  title: 'title',
  projectId: 'project_id',
  kind: 'kind',
  generalLevel: 'general_level',
  internalProject: 'internal_project',
  part: 'part',
  previousPartId: 'previous_part_id',
  text: 'text',
  status: 'status',
  priority: 'priority',
  deadline: 'deadline_at',
  deadlineAllDay: 'deadline_all_day',
  deadlineHard: 'deadline_hard',
  plannedMinutes: 'planned_minutes',
  timeTracking: 'time_tracking',
  acceptRequired: 'accept_required',
  directorId: 'director_id',
  responsibleId: 'responsible_id',
  parentId: 'parent_id',
  description: 'description',
  mark: 'mark',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  closedAt: 'closed_at',
  seenAt: 'seen_at',
  deletedAt: 'deleted_at',
  management: 'management',
  review: 'review',
};

/** A task field's value as a parameter: instants as epoch ms (booleans and the rest as they are). */
export function taskColumnValue(value: TaskFields[keyof TaskFields]): SqlValue {
  return value instanceof Date ? value.getTime() : value;
}

/** A row selected with TASK_COLUMNS_SQL: each field under its own name, as pg-native makes it. */
type TaskRow = { readonly [Field in keyof typeof TASK_SELECT]: unknown };

/**
 * A row selected with TASK_COLUMNS_SQL, and the task's tags, as a Task. Each field read by name (one
 * shape of row: property reads V8 keeps fast; a team month makes ~5,000 tasks).
 */
export function rowToTask(row: Record<string, unknown>, tags: readonly string[]): Task {
  const r = row as TaskRow;
  return {
    id: num(r.id),
    title: r.title as string,
    projectId: numOrNull(r.projectId),
    project: (r.project as string | null) ?? null,
    kind: r.kind as Task['kind'],
    generalLevel: num(r.generalLevel),
    internalProject: r.internalProject === true,
    part: numOrNull(r.part),
    previousPartId: numOrNull(r.previousPartId),
    text: r.text as string,
    status: r.status as Task['status'],
    priority: r.priority as Task['priority'],
    deadline: instantOrNull(r.deadline),
    deadlineAllDay: r.deadlineAllDay === true,
    deadlineHard: r.deadlineHard === true,
    plannedMinutes: numOrNull(r.plannedMinutes),
    timeTracking: r.timeTracking === true,
    acceptRequired: r.acceptRequired === true,
    directorId: num(r.directorId),
    director: r.director as string,
    responsibleId: num(r.responsibleId),
    responsible: r.responsible as string,
    parentId: numOrNull(r.parentId),
    description: r.description as string | null,
    mark: r.mark as Task['mark'],
    createdAt: instant(r.createdAt),
    updatedAt: instant(r.updatedAt),
    closedAt: instantOrNull(r.closedAt),
    seenAt: instantOrNull(r.seenAt),
    deletedAt: instantOrNull(r.deletedAt),
    management: r.management === true,
    review: r.review === true,
    tags: tags.length > 1 ? [...tags].sort((a, b) => a.localeCompare(b)) : [...tags],
    trackedSeconds: Math.round(num(r.trackedSeconds) / 1000),
  };
}

/** A row selected with SUMMARY_COLUMNS_SQL as a TaskSummary. */
export function rowToSummary(row: Record<string, unknown>): TaskSummary {
  const v = (field: keyof TaskSummary) => row[field];
  return {
    id: num(v('id')),
    title: v('title') as string,
    status: v('status') as Task['status'],
    priority: v('priority') as Task['priority'],
    deadline: instantOrNull(v('deadline')),
    deadlineAllDay: v('deadlineAllDay') === true,
    deadlineHard: v('deadlineHard') === true,
    plannedMinutes: numOrNull(v('plannedMinutes')),
    responsibleId: num(v('responsibleId')),
    responsible: v('responsible') as string,
    seenAt: instantOrNull(v('seenAt')),
    trackedSeconds: Math.round(num(v('trackedSeconds')) / 1000),
  };
}

/** A TaskQuery as SQL clauses over TASK_FROM or SUMMARY_FROM (aliases t, p and r), its values added to `params`. */
export function taskQuerySql(
  query: TaskQuery,
  params: SqlParams,
): { where: string; order: string; limit: string } {
  const where = taskConditions(query, params);
  // Taskwarrior's `or`: each set holds when one of its alternatives does (their conditions only).
  for (const alternatives of query.anyOf ?? []) {
    const terms = alternatives.map((alternative) => {
      const conditions = taskConditions({ ...alternative, includeDeleted: true }, params);
      return conditions.length ? `(${conditions.join(' AND ')})` : 'true';
    });
    where.push(terms.length ? `(${terms.join(' OR ')})` : 'false');
  }
  // The default order is the index tasks_in_list_order (0001): keep these expressions as they are.
  const priorityRank = `(CASE t.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END)`;
  const byDeadline = `(t.deadline_at IS NULL), t.deadline_at`;
  const order = {
    created: 'ORDER BY t.created_at, t.id',
    newest: 'ORDER BY t.created_at DESC, t.id DESC',
    priority: `ORDER BY ${priorityRank}, ${byDeadline}, t.id`,
    // SQLite's COLLATE NOCASE: letter case aside, then by code point (not the server's locale).
    project: `ORDER BY (p.name IS NULL), lower(p.name) COLLATE "C", ${byDeadline}, t.id`,
    deadline: `ORDER BY ${byDeadline}, ${priorityRank}, t.id`,
  }[query.order ?? 'deadline'];
  const limit = query.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', order, limit };
}

/**
 * R4, R38: the tasks (alias `alias`) a person may see - responsible among the visible people, or the
 * person directs or observes the task.
 */
export function visibleTaskSql(visibleTo: TaskVisibility, params: SqlParams, alias = 't'): string {
  const actor = params.add(visibleTo.actorId);
  return `(${alias}.responsible_id = ANY (${params.list(visibleTo.userIds, 'bigint')}) OR ${alias}.director_id = ${actor}
      OR EXISTS (SELECT 1 FROM task_observers vo WHERE vo.task_id = ${alias}.id AND vo.user_id = ${actor}))`;
}

/** One tag, compared as the tags' unique index does (lower(name)). */
const HAS_TAG = (tag: string) =>
  `EXISTS (SELECT 1 FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id AND lower(g.name) = lower(${tag}))`;

/**
 * `column` among the array parameter `list` of `count` values. A long list is a set to join (IN unnest):
 * with `= ANY` the planner weighs every value against the column's statistics - 3,600 ids took 10 ms to
 * plan and a scan of every task to run (the next parts of a team month: 14 -> 3 ms).
 */
export function amongSql(column: string, list: string, count: number): string {
  return count > LONG_LIST ? `${column} IN (SELECT unnest(${list}))` : `${column} = ANY (${list})`;
}

/** From how many values a list is joined as a set (amongSql). */
const LONG_LIST = 100;

/** The WHERE terms of a query's conditions, their values added to `params`. */
export function taskConditions(query: TaskQuery, params: SqlParams): string[] {
  const where: string[] = [];
  // R4: a list of one visible person's tasks needs no further check (the common `task list`, kept fast).
  if (
    query.visibleTo &&
    !(query.responsibleId !== undefined && query.visibleTo.userIds.includes(query.responsibleId))
  )
    where.push(visibleTaskSql(query.visibleTo, params));
  if (query.onlyDeleted) where.push('t.deleted_at IS NOT NULL');
  else if (!query.includeDeleted) where.push('t.deleted_at IS NULL');
  // One term per filter that is set: "column = value" and "column = ANY (list)".
  const equal = {
    responsibleId: 't.responsible_id',
    directorId: 't.director_id',
    parentId: 't.parent_id',
    previousPartId: 't.previous_part_id',
    projectId: 't.project_id',
  } as const;
  for (const [key, column] of Object.entries(equal) as [keyof typeof equal, string][]) {
    const value = query[key];
    if (value !== undefined) where.push(`${column} = ${params.add(value)}`);
  }
  const among = {
    ids: 't.id',
    responsibleIds: 't.responsible_id',
    previousPartIds: 't.previous_part_id',
  } as const;
  for (const [key, column] of Object.entries(among) as [keyof typeof among, string][]) {
    const values = query[key];
    if (values) where.push(amongSql(column, params.list(values, 'bigint'), values.length));
  }
  const within = { statuses: 't.status', kinds: 't.kind', priorities: 't.priority' } as const;
  for (const [key, column] of Object.entries(within) as [keyof typeof within, string][]) {
    const values = query[key];
    if (values) where.push(`${column} = ANY (${params.list(values, 'text')})`);
  }
  for (const tag of query.tags ?? []) where.push(HAS_TAG(params.add(tag)));
  if (query.withoutTags?.length) {
    const tags = params.list(query.withoutTags, 'text');
    where.push(
      `NOT EXISTS (SELECT 1 FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id
         AND lower(g.name) = ANY (SELECT lower(w) FROM unnest(${tags}) w))`,
    );
  }
  if (query.crm)
    where.push(
      `EXISTS (SELECT 1 FROM crm_links c WHERE c.task_id = t.id AND c.kind = ${params.add(query.crm.kind)} AND c.ref = ${params.add(query.crm.ref)})`,
    );
  if (query.dueFrom) where.push(`t.deadline_at >= ${params.add(query.dueFrom.getTime())}`);
  if (query.dueTo) where.push(`t.deadline_at < ${params.add(query.dueTo.getTime())}`);
  if (query.closedFrom) where.push(`t.closed_at >= ${params.add(query.closedFrom.getTime())}`);
  if (query.closedTo) where.push(`t.closed_at < ${params.add(query.closedTo.getTime())}`);
  if (query.dueNone) where.push('t.deadline_at IS NULL');
  if (query.dependency) where.push(DEPENDENCY_SQL[query.dependency]);
  return where;
}

/** Taskwarrior's +BLOCKED (waits for an open, live task) and +BLOCKING (open, and an open live task waits for it). */
const DEPENDENCY_SQL = {
  blocked: `EXISTS (SELECT 1 FROM task_links l JOIN tasks o ON o.id = l.other_id WHERE l.task_id = t.id AND o.status IN ${OPEN_SQL} AND o.deleted_at IS NULL)`,
  blocking: `t.status IN ${OPEN_SQL} AND EXISTS (SELECT 1 FROM task_links l JOIN tasks w ON w.id = l.task_id WHERE l.other_id = t.id AND w.status IN ${OPEN_SQL} AND w.deleted_at IS NULL)`,
} as const;

/**
 * R34, R36: SQL for the status task `t` had at the instant `at` (a column or placeholder): the last status
 * change before it, else the first change's old value after it, else the status it has now.
 */
export function statusAt(t: string, at: string): string {
  return `coalesce(
    (SELECT h.new_value FROM history h WHERE h.task_id = ${t}.id AND h.field = 'status' AND h.at < ${at} ORDER BY h.at DESC, h.id DESC LIMIT 1),
    (SELECT h.old_value FROM history h WHERE h.task_id = ${t}.id AND h.field = 'status' AND h.at >= ${at} ORDER BY h.at, h.id LIMIT 1),
    ${t}.status)`;
}
