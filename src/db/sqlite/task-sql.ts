import type { TaskQuery, TaskVisibility } from '../../core/store.js';
import type { Task, TaskFields, TaskListRow, TaskSummary } from '../../core/types.js';
import { OPEN_SQL, SUMMARY_SELECT, TASK_FIELD_SQL } from '../task-select.js';
import { date, flag, optionalDate, seconds } from './rows.js';

export { OPEN_SQL, SUMMARY_SELECT };

export const TAG_SEPARATOR = '\u001f';

/**
 * Each field of a task and the SQL that reads it over TASK_FROM (aliases t, p, d, r): the select list and
 * rowToTask both follow this one table, by field name (tests/unit/task-rows.test.ts checks that every
 * column of the tasks table is read here and written by TASK_COLUMNS).
 */
export const TASK_SELECT = {
  ...TASK_FIELD_SQL,
  tags: '(SELECT group_concat(g.name, char(31)) FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id)',
} as const satisfies Record<keyof Task, string>;

/**
 * A select list read as one JSON array per row (fast to parse for long lists) and a reader that finds
 * each field's value by its name.
 */
export function selectList<Field extends string>(
  select: Record<Field, string>,
): { columns: string; reader: (row: readonly unknown[]) => (field: Field) => unknown } {
  const fields = Object.keys(select) as Field[];
  const position = Object.fromEntries(fields.map((field, i) => [field, i])) as Record<Field, number>;
  return {
    columns: fields.map((field) => select[field]).join(', '),
    reader: (row) => (field) => row[position[field]],
  };
}

export const TASK_LIST = selectList(TASK_SELECT);

export const SUMMARY_LIST = selectList(SUMMARY_SELECT);

export const TASK_FROM = `FROM tasks t
LEFT JOIN projects p ON p.id = t.project_id
JOIN users d ON d.id = t.director_id
JOIN users r ON r.id = t.responsible_id`;

/**
 * What a summary reads: no director (the foreign key guarantees one; a join per row would only cost).
 * CROSS JOIN keeps tasks the outer loop: a long list reads the tasks table in order (or a task index
 * when a filter narrows it) rather than starting from the people and jumping to each one's tasks.
 */
export const SUMMARY_FROM = `FROM tasks t
LEFT JOIN projects p ON p.id = t.project_id
CROSS JOIN users r ON r.id = t.responsible_id`;

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

export function rowToTask(row: readonly unknown[]): Task {
  const v = TASK_LIST.reader(row);
  const tagList = v('tags') as string | null;
  return {
    id: v('id') as number,
    title: v('title') as string,
    projectId: v('projectId') as number | null,
    project: (v('project') as string | null) ?? null,
    kind: v('kind') as Task['kind'],
    generalLevel: v('generalLevel') as number,
    internalProject: flag(v('internalProject')),
    part: v('part') as number | null,
    previousPartId: v('previousPartId') as number | null,
    text: v('text') as string,
    status: v('status') as Task['status'],
    priority: v('priority') as Task['priority'],
    deadline: optionalDate(v('deadline')),
    deadlineAllDay: flag(v('deadlineAllDay')),
    deadlineHard: flag(v('deadlineHard')),
    plannedMinutes: v('plannedMinutes') as number | null,
    timeTracking: flag(v('timeTracking')),
    acceptRequired: flag(v('acceptRequired')),
    directorId: v('directorId') as number,
    director: v('director') as string,
    responsibleId: v('responsibleId') as number,
    responsible: v('responsible') as string,
    parentId: v('parentId') as number | null,
    description: v('description') as string | null,
    mark: v('mark') as Task['mark'],
    createdAt: date(v('createdAt')),
    updatedAt: date(v('updatedAt')),
    closedAt: optionalDate(v('closedAt')),
    seenAt: optionalDate(v('seenAt')),
    deletedAt: optionalDate(v('deletedAt')),
    management: flag(v('management')),
    review: flag(v('review')),
    tags: tagList ? tagList.split(TAG_SEPARATOR).sort((a, b) => a.localeCompare(b)) : [],
    trackedSeconds: seconds(v('trackedSeconds')),
  };
}

export function rowToSummary(row: readonly unknown[]): TaskSummary {
  const v = SUMMARY_LIST.reader(row);
  return {
    id: v('id') as number,
    title: v('title') as string,
    status: v('status') as Task['status'],
    priority: v('priority') as Task['priority'],
    deadline: optionalDate(v('deadline')),
    deadlineAllDay: flag(v('deadlineAllDay')),
    deadlineHard: flag(v('deadlineHard')),
    plannedMinutes: v('plannedMinutes') as number | null,
    responsibleId: v('responsibleId') as number,
    responsible: v('responsible') as string,
    seenAt: optionalDate(v('seenAt')),
    trackedSeconds: seconds(v('trackedSeconds')),
  };
}

/**
 * The rows of `task list`'s table for a JSON array of task ids, in the array's order, as one JSON text of
 * arrays (one value to read and parse per page). No join: the responsible is an id, the deadline epoch
 * milliseconds. The rows come in json_each's order (a sorted co-routine feeding the aggregate, as in jsonRows).
 */
export const LIST_ROW_COLUMNS = `t.id, t.title, t.status, t.priority, t.deadline_at, t.deadline_all_day, t.deadline_hard,
    t.planned_minutes, t.responsible_id, t.seen_at IS NOT NULL, t.tracked_ms`;

export const TASK_LIST_ROWS = `SELECT '[' || coalesce(group_concat(r, ','), '') || ']' FROM (
  SELECT json_array(${LIST_ROW_COLUMNS}) AS r
  FROM json_each(?) j CROSS JOIN tasks t ON t.id = j.value ORDER BY j.key)`;

/** What a query of the list's rows reads from: the tasks, and their projects for the project order. */
export const LIST_ROW_FROM = 'FROM tasks t LEFT JOIN projects p ON p.id = t.project_id';

type ListRowValues = [
  number,
  string,
  Task['status'],
  Task['priority'],
  number | null,
  0 | 1,
  0 | 1,
  number | null,
  number,
  0 | 1,
  number,
];

function listRowOf(row: ListRowValues): TaskListRow {
  return {
    id: row[0],
    title: row[1],
    status: row[2],
    priority: row[3],
    deadlineAt: row[4],
    deadlineAllDay: row[5] === 1,
    deadlineHard: row[6] === 1,
    plannedMinutes: row[7],
    responsibleId: row[8],
    seen: row[9] === 1,
    trackedSeconds: Math.round(row[10] / 1000),
  };
}

/** The JSON text TASK_LIST_ROWS reads, as rows. */
export function listRowsOf(json: string): TaskListRow[] {
  return (JSON.parse(json) as ListRowValues[]).map(listRowOf);
}

/** A TaskQuery as SQL clauses over TASK_FROM or SUMMARY_FROM (aliases t, p and r) and their named parameters. */
export function taskQuerySql(query: TaskQuery): {
  where: string;
  order: string;
  limit: string;
  params: Record<string, unknown>;
} {
  const { where, params } = taskConditions(query, '');
  // Taskwarrior's `or`: each set holds when one of its alternatives does (their conditions only).
  for (const [i, alternatives] of (query.anyOf ?? []).entries()) {
    const terms = alternatives.map((alternative, j) => {
      const conditions = taskConditions({ ...alternative, includeDeleted: true }, `a${i}_${j}_`);
      Object.assign(params, conditions.params);
      return conditions.where.length ? `(${conditions.where.join(' AND ')})` : '1';
    });
    where.push(terms.length ? `(${terms.join(' OR ')})` : '0');
  }
  // The default order is the index tasks_in_list_order (migration 0014): keep these expressions as they are.
  const priorityRank = `CASE t.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`;
  const byDeadline = `t.deadline_at IS NULL, t.deadline_at`;
  const order = {
    created: 'ORDER BY t.created_at, t.id',
    newest: 'ORDER BY t.created_at DESC, t.id DESC',
    priority: `ORDER BY ${priorityRank}, ${byDeadline}, t.id`,
    project: `ORDER BY p.name IS NULL, p.name COLLATE NOCASE, ${byDeadline}, t.id`,
    deadline: `ORDER BY ${byDeadline}, ${priorityRank}, t.id`,
  }[query.order ?? 'deadline'];
  const limit = query.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', order, limit, params };
}

/**
 * R4, R38: the tasks (alias `t`) a person may see - responsible among the visible people, or the person
 * directs or observes the task - and its parameters named with `prefix`.
 */
export function visibleTaskSql(
  visibleTo: TaskVisibility,
  prefix: string,
  alias = 't',
): { term: string; params: Record<string, unknown> } {
  return {
    term: `(${alias}.responsible_id IN (SELECT value FROM json_each(@${prefix}visibleUsers)) OR ${alias}.director_id = @${prefix}visibleActor
      OR EXISTS (SELECT 1 FROM task_observers vo WHERE vo.task_id = ${alias}.id AND vo.user_id = @${prefix}visibleActor))`,
    params: {
      [`${prefix}visibleUsers`]: JSON.stringify(visibleTo.userIds),
      [`${prefix}visibleActor`]: visibleTo.actorId,
    },
  };
}

/** The WHERE terms of a query's conditions, their parameters named with `prefix`. */
export function taskConditions(
  query: TaskQuery,
  prefix: string,
): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  // R4: a list of one visible person's tasks needs no further check (the common `task list`, kept fast).
  if (
    query.visibleTo &&
    !(query.responsibleId !== undefined && query.visibleTo.userIds.includes(query.responsibleId))
  ) {
    const visible = visibleTaskSql(query.visibleTo, prefix);
    where.push(visible.term);
    Object.assign(params, visible.params);
  }
  if (query.onlyDeleted) where.push('t.deleted_at IS NOT NULL');
  else if (!query.includeDeleted) where.push('t.deleted_at IS NULL');
  // One term per filter that is set: "column = value" and "column IN (list)".
  const equal = {
    responsibleId: 't.responsible_id',
    directorId: 't.director_id',
    parentId: 't.parent_id',
    previousPartId: 't.previous_part_id',
    projectId: 't.project_id',
  } as const;
  for (const [key, column] of Object.entries(equal) as [keyof typeof equal, string][]) {
    if (query[key] === undefined) continue;
    where.push(`${column} = @${prefix}${key}`);
    params[prefix + key] = query[key];
  }
  const within = {
    ids: 't.id',
    responsibleIds: 't.responsible_id',
    previousPartIds: 't.previous_part_id',
    statuses: 't.status',
    kinds: 't.kind',
    priorities: 't.priority',
  } as const;
  for (const [key, column] of Object.entries(within) as [keyof typeof within, string][]) {
    if (!query[key]) continue;
    where.push(`${column} IN (SELECT value FROM json_each(@${prefix}${key}))`);
    params[prefix + key] = JSON.stringify(query[key]);
  }
  for (const [i, tag] of (query.tags ?? []).entries()) {
    where.push(
      `EXISTS (SELECT 1 FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id AND regula_fold(g.name) = regula_fold(@${prefix}tag${i}))`,
    );
    params[`${prefix}tag${i}`] = tag;
  }
  if (query.withoutTags?.length) {
    where.push(
      `NOT EXISTS (SELECT 1 FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id AND regula_fold(g.name) IN (SELECT regula_fold(value) FROM json_each(@${prefix}withoutTags)))`,
    );
    params[`${prefix}withoutTags`] = JSON.stringify(query.withoutTags);
  }
  if (query.crm) {
    where.push(
      `EXISTS (SELECT 1 FROM crm_links c WHERE c.task_id = t.id AND c.kind = @${prefix}crmKind AND c.ref = @${prefix}crmRef)`,
    );
    params[`${prefix}crmKind`] = query.crm.kind;
    params[`${prefix}crmRef`] = query.crm.ref;
  }
  if (query.dueFrom) {
    where.push(`t.deadline_at >= @${prefix}dueFrom`);
    params[`${prefix}dueFrom`] = query.dueFrom.getTime();
  }
  if (query.dueTo) {
    where.push(`t.deadline_at < @${prefix}dueTo`);
    params[`${prefix}dueTo`] = query.dueTo.getTime();
  }
  if (query.closedFrom) {
    where.push(`t.closed_at >= @${prefix}closedFrom`);
    params[`${prefix}closedFrom`] = query.closedFrom.getTime();
  }
  if (query.closedTo) {
    where.push(`t.closed_at < @${prefix}closedTo`);
    params[`${prefix}closedTo`] = query.closedTo.getTime();
  }
  if (query.dueNone) where.push('t.deadline_at IS NULL');
  if (query.dependency) {
    const open = `IN ${OPEN_SQL}`;
    where.push(
      query.dependency === 'blocked'
        ? `EXISTS (SELECT 1 FROM task_links l JOIN tasks o ON o.id = l.other_id WHERE l.task_id = t.id AND o.status ${open} AND o.deleted_at IS NULL)`
        : `t.status ${open} AND EXISTS (SELECT 1 FROM task_links l JOIN tasks w ON w.id = l.task_id WHERE l.other_id = t.id AND w.status ${open} AND w.deleted_at IS NULL)`,
    );
  }
  return { where, params };
}

/**
 * R4: the rows of one data table a person may see, as a WHERE clause over the table (unaliased) and its
 * parameters: tasks they may see and what hangs on them; time, plans, working days and day reports of the
 * visible people (time only on tasks they may see); the projects and tags of those tasks; people and
 * settings whole (the rows the visible ones refer to).
 */
export function visibleRowsSql(
  table: string,
  visibleTo: TaskVisibility,
): { where: string; params: Record<string, unknown> } {
  const task = visibleTaskSql(visibleTo, '', 'vt');
  const visibleTask = (column: string) => `${column} IN (SELECT vt.id FROM tasks vt WHERE ${task.term})`;
  const visibleUser = (column: string) => `${column} IN (SELECT value FROM json_each(@visibleUsers))`;
  const visibleEntry = `${visibleUser('user_id')} AND ${visibleTask('task_id')}`;
  const byTable: Record<string, string> = {
    projects: `id IN (SELECT vt.project_id FROM tasks vt WHERE ${task.term})`,
    tags: `id IN (SELECT tag_id FROM task_tags WHERE ${visibleTask('task_id')})`,
    tasks: visibleTask('id'),
    task_tags: visibleTask('task_id'),
    task_observers: visibleTask('task_id'),
    task_coexecutors: visibleTask('task_id'),
    crm_links: visibleTask('task_id'),
    task_links: `${visibleTask('task_id')} AND ${visibleTask('other_id')}`,
    time_entries: visibleEntry,
    time_entry_changes: `entry_id IN (SELECT id FROM time_entries WHERE ${visibleEntry})`,
    comments: visibleTask('task_id'),
    results: `comment_id IN (SELECT id FROM comments WHERE ${visibleTask('task_id')})`,
    history: visibleTask('task_id'),
    external_ids: `CASE entity WHEN 'task' THEN ${visibleTask('local_id')}
      WHEN 'entry' THEN local_id IN (SELECT id FROM time_entries WHERE ${visibleEntry})
      WHEN 'comment' THEN local_id IN (SELECT id FROM comments WHERE ${visibleTask('task_id')})
      WHEN 'annotation' THEN local_id IN (SELECT id FROM comments WHERE ${visibleTask('task_id')})
      WHEN 'template' THEN local_id IN (SELECT id FROM templates WHERE ${visibleUser('responsible_id')} OR director_id = @visibleActor)
      ELSE 1 END`,
    day_reports: visibleUser('user_id'),
    work_days: visibleUser('user_id'),
    work_breaks: visibleUser('user_id'),
    plan_items: `${visibleUser('user_id')} AND ${visibleTask('task_id')}`,
    templates: `${visibleUser('responsible_id')} OR director_id = @visibleActor`,
    template_occurrences: `template_id IN (SELECT id FROM templates WHERE ${visibleUser('responsible_id')} OR director_id = @visibleActor) AND ${visibleTask('task_id')}`,
  };
  const term = byTable[table];
  return term === undefined ? { where: '', params: {} } : { where: `WHERE ${term}`, params: task.params };
}
