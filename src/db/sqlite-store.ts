import type Database from 'better-sqlite3';
import type {
  DayRemark,
  NameSummary,
  NewComment,
  OpenRemark,
  PolicyChange,
  PolicyHistoryRecord,
  PolicyRecord,
  EntityKind,
  EntitySet,
  SearchMatch,
  SearchQuery,
  Store,
  TaskQuery,
  TaskVisibility,
  TemplateFields,
  TemplateRecord,
  TrackedFacets,
} from '../core/store.js';
import { OPEN_STATUSES } from '../core/status.js';
import { foldForSearch } from '../core/search.js';
import { INSTANT_FIELD } from '../core/store.js';
import type {
  DayAmendment,
  NewDayAmendment,
  DayTaskSeconds,
  EntryChange,
  EntryCorrection,
  PlanItem,
  PlanItemKind,
  RecordedDayReport,
  WorkDay,
  Comment,
  CrmLink,
  HistoryEntry,
  NewHistoryEntry,
  ResultParts,
  Task,
  TaskFields,
  TaskResult,
  TaskSummary,
  TimeEntry,
  User,
} from '../core/types.js';
import { addLocalDays, dayKeyOfIndex, localDayKey, offsetSegments, splitByLocalDay, startOfLocalDay, type OffsetSegment } from '../core/local-time.js';
import { translateStorageError } from './errors.js';
import { scratchDatabase } from './scratch.js';

type Row = Record<string, unknown>;

const TAG_SEPARATOR = '\u001f';
/** The open statuses as an SQL list: ('new', 'pending', ...). */
const OPEN_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** The table each kind of record of a dump lives in (the export file's sections have the same names). */
export const TABLE_OF_KIND: Record<EntityKind, string> = {
  instance: 'meta',
  people: 'users',
  policy: 'policy',
  policyChanges: 'policy_history',
  projects: 'projects',
  tags: 'tags',
  tasks: 'tasks',
  taskTags: 'task_tags',
  observers: 'task_observers',
  coExecutors: 'task_coexecutors',
  crmLinks: 'crm_links',
  dependencies: 'task_links',
  timeEntries: 'time_entries',
  entryCorrections: 'time_entry_changes',
  comments: 'comments',
  results: 'results',
  history: 'history',
  importIds: 'external_ids',
  dayReports: 'day_reports',
  dayAmendments: 'day_amendments',
  workDays: 'work_days',
  breaks: 'work_breaks',
  planItems: 'plan_items',
  templates: 'templates',
  templateOccurrences: 'template_occurrences',
};

const TABLE_ORDER: Record<string, string> = {
  meta: 'key',
  policy: 'key',
  task_tags: 'task_id, tag_id',
  task_observers: 'task_id, user_id',
  task_coexecutors: 'task_id, user_id',
  crm_links: 'task_id, kind, ref',
  task_links: 'task_id, other_id, kind',
  external_ids: 'source, entity, external_id',
  day_reports: 'user_id, day',
  work_days: 'user_id, day',
  plan_items: 'user_id, day, task_id',
  template_occurrences: 'template_id, day',
  results: 'comment_id',
};

/**
 * Each field of a task and the SQL that reads it over TASK_FROM (aliases t, p, d, r): the select list and
 * rowToTask both follow this one table, by field name (tests/unit/task-rows.test.ts checks that every
 * column of the tasks table is read here and written by TASK_COLUMNS).
 */
export const TASK_SELECT = {
  id: 't.id',
  title: 't.title',
  projectId: 't.project_id',
  project: 'p.name',
  kind: 't.kind',
  generalLevel: 't.general_level',
  internalProject: 't.internal_project',
  part: 't.part',
  previousPartId: 't.previous_part_id',
  text: 't.text',
  status: 't.status',
  priority: 't.priority',
  deadline: 't.deadline_at',
  deadlineAllDay: 't.deadline_all_day',
  deadlineHard: 't.deadline_hard',
  plannedMinutes: 't.planned_minutes',
  timeTracking: 't.time_tracking',
  acceptRequired: 't.accept_required',
  directorId: 't.director_id',
  director: 'd.name',
  responsibleId: 't.responsible_id',
  responsible: 'r.name',
  parentId: 't.parent_id',
  description: 't.description',
  mark: 't.mark',
  createdAt: 't.created_at',
  updatedAt: 't.updated_at',
  closedAt: 't.closed_at',
  seenAt: 't.seen_at',
  deletedAt: 't.deleted_at',
  management: 't.management',
  tags: '(SELECT group_concat(g.name, char(31)) FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id)',
  trackedSeconds: 't.tracked_ms',
} as const satisfies Record<keyof Task, string>;

/** What a list view reads of a task (over SUMMARY_FROM): the same expressions, fewer fields. */
export const SUMMARY_SELECT = {
  id: TASK_SELECT.id,
  title: TASK_SELECT.title,
  status: TASK_SELECT.status,
  priority: TASK_SELECT.priority,
  deadline: TASK_SELECT.deadline,
  deadlineAllDay: TASK_SELECT.deadlineAllDay,
  deadlineHard: TASK_SELECT.deadlineHard,
  plannedMinutes: TASK_SELECT.plannedMinutes,
  responsibleId: TASK_SELECT.responsibleId,
  responsible: TASK_SELECT.responsible,
  seenAt: TASK_SELECT.seenAt,
  trackedSeconds: TASK_SELECT.trackedSeconds,
} as const satisfies Record<keyof TaskSummary, string>;

/**
 * A select list read as one JSON array per row (fast to parse for long lists) and a reader that finds
 * each field's value by its name.
 */
function selectList<Field extends string>(select: Record<Field, string>): { columns: string; reader: (row: readonly unknown[]) => (field: Field) => unknown } {
  const fields = Object.keys(select) as Field[];
  const position = Object.fromEntries(fields.map((field, i) => [field, i])) as Record<Field, number>;
  return { columns: fields.map((field) => select[field]).join(', '), reader: (row) => (field) => row[position[field]] };
}

const TASK_LIST = selectList(TASK_SELECT);
const SUMMARY_LIST = selectList(SUMMARY_SELECT);

const TASK_FROM = `FROM tasks t
LEFT JOIN projects p ON p.id = t.project_id
JOIN users d ON d.id = t.director_id
JOIN users r ON r.id = t.responsible_id`;

/**
 * What a summary reads: no director (the foreign key guarantees one; a join per row would only cost).
 * CROSS JOIN keeps tasks the outer loop: a long list reads the tasks table in order (or a task index
 * when a filter narrows it) rather than starting from the people and jumping to each one's tasks.
 */
const SUMMARY_FROM = `FROM tasks t
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
};

/** Values as SQLite stores them: instants as epoch ms, booleans as 0/1. */
function toColumn(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

const date = (value: unknown): Date => new Date(value as number);
const optionalDate = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as number));

const flag = (value: unknown): boolean => value === 1;
const seconds = (ms: unknown): number => Math.round((ms as number) / 1000);

function rowToTask(row: readonly unknown[]): Task {
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
    tags: tagList ? tagList.split(TAG_SEPARATOR).sort((a, b) => a.localeCompare(b)) : [],
    trackedSeconds: seconds(v('trackedSeconds')),
  };
}

function rowToSummary(row: readonly unknown[]): TaskSummary {
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

/** SQL writing an epoch-milliseconds column as JavaScript's toISOString() does (null stays null). */
export function isoInstantSql(column: string): string {
  const ms = `CAST(${column} AS INTEGER)`;
  const millis = `(((${ms} % 1000) + 1000) % 1000)`;
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%S', (${ms} - ${millis}) / 1000, 'unixepoch') || '.' || substr('00' || ${millis}, -3) || 'Z' END`;
}

/** SQL for the UTC offset (ms) in force at the instant `column`, from offset segments (DST changes as CASE arms). */
function offsetSql(segments: readonly OffsetSegment[]): (column: string) => string {
  return (column) =>
    segments.length === 1
      ? String(segments[0]!.offsetMs)
      : `CASE ${segments.slice(1).reverse().map((seg) => `WHEN ${column} >= ${seg.start} THEN ${seg.offsetMs}`).join(' ')} ELSE ${segments[0]!.offsetMs} END`;
}

/** A TaskQuery as SQL clauses over TASK_FROM or SUMMARY_FROM (aliases t, p and r) and their named parameters. */
function taskQuerySql(query: TaskQuery): { where: string; order: string; limit: string; params: Record<string, unknown> } {
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
function visibleTaskSql(visibleTo: TaskVisibility, prefix: string, alias = 't'): { term: string; params: Record<string, unknown> } {
  return {
    term: `(${alias}.responsible_id IN (SELECT value FROM json_each(@${prefix}visibleUsers)) OR ${alias}.director_id = @${prefix}visibleActor
      OR EXISTS (SELECT 1 FROM task_observers vo WHERE vo.task_id = ${alias}.id AND vo.user_id = @${prefix}visibleActor))`,
    params: { [`${prefix}visibleUsers`]: JSON.stringify(visibleTo.userIds), [`${prefix}visibleActor`]: visibleTo.actorId },
  };
}

/** The WHERE terms of a query's conditions, their parameters named with `prefix`. */
function taskConditions(query: TaskQuery, prefix: string): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  // R4: a list of one visible person's tasks needs no further check (the common `task list`, kept fast).
  if (query.visibleTo && !(query.responsibleId !== undefined && query.visibleTo.userIds.includes(query.responsibleId))) {
    const visible = visibleTaskSql(query.visibleTo, prefix);
    where.push(visible.term);
    Object.assign(params, visible.params);
  }
  if (query.onlyDeleted) where.push('t.deleted_at IS NOT NULL');
  else if (!query.includeDeleted) where.push('t.deleted_at IS NULL');
  // One term per filter that is set: "column = value" and "column IN (list)".
  const equal = { responsibleId: 't.responsible_id', directorId: 't.director_id', parentId: 't.parent_id', previousPartId: 't.previous_part_id', projectId: 't.project_id' } as const;
  for (const [key, column] of Object.entries(equal) as [keyof typeof equal, string][]) {
    if (query[key] === undefined) continue;
    where.push(`${column} = @${prefix}${key}`);
    params[prefix + key] = query[key];
  }
  const within = { ids: 't.id', statuses: 't.status', kinds: 't.kind', priorities: 't.priority' } as const;
  for (const [key, column] of Object.entries(within) as [keyof typeof within, string][]) {
    if (!query[key]) continue;
    where.push(`${column} IN (SELECT value FROM json_each(@${prefix}${key}))`);
    params[prefix + key] = JSON.stringify(query[key]);
  }
  for (const [i, tag] of (query.tags ?? []).entries()) {
    where.push(`EXISTS (SELECT 1 FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id AND g.name = @${prefix}tag${i})`);
    params[`${prefix}tag${i}`] = tag;
  }
  if (query.withoutTags?.length) {
    where.push(`NOT EXISTS (SELECT 1 FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id AND g.name IN (SELECT value FROM json_each(@${prefix}withoutTags)))`);
    params[`${prefix}withoutTags`] = JSON.stringify(query.withoutTags);
  }
  if (query.crm) {
    where.push(`EXISTS (SELECT 1 FROM crm_links c WHERE c.task_id = t.id AND c.kind = @${prefix}crmKind AND c.ref = @${prefix}crmRef)`);
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
function visibleRowsSql(table: string, visibleTo: TaskVisibility): { where: string; params: Record<string, unknown> } {
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

function rowToHistory(row: Row): HistoryEntry {
  return {
    id: row.id as number,
    taskId: row.task_id as number,
    actorId: row.actor_id as number,
    actor: row.actor_name as string,
    at: date(row.at),
    field: row.field as string,
    oldValue: row.old_value as string | null,
    newValue: row.new_value as string | null,
    note: row.note as string | null,
    via: (row.via as string | null | undefined) ?? null,
  };
}

function rowToUser(row: Row): User {
  return {
    id: row.id as number,
    name: row.name as string,
    fullName: row.full_name as string | null,
    role: row.role as User['role'],
    managerId: row.manager_id as number | null,
    createdAt: date(row.created_at),
  };
}

function rowToEntry(row: Row): TimeEntry {
  return {
    id: row.id as number,
    taskId: row.task_id as number,
    userId: row.user_id as number,
    startAt: date(row.start_at),
    endAt: optionalDate(row.end_at),
    source: row.source as TimeEntry['source'],
    comment: row.comment as string | null,
    retroactive: row.retroactive === 1,
    reason: row.reason as string | null,
    createdAt: date(row.created_at),
  };
}

function rowToComment(row: Row): Comment {
  return {
    id: row.id as number,
    taskId: row.task_id as number,
    authorId: row.author_id as number,
    author: row.author_name as string,
    kind: row.kind as Comment['kind'],
    body: row.body as string,
    replyToId: row.reply_to_id as number | null,
    createdAt: date(row.created_at),
  };
}

function templateParams(fields: TemplateFields) {
  return {
    ...fields,
    tags: JSON.stringify(fields.tags),
    paused: fields.paused ? 1 : 0,
    management: fields.management ? 1 : 0,
    createdAt: fields.createdAt.getTime(),
    updatedAt: fields.updatedAt.getTime(),
  };
}

function rowToTemplate(row: Row): TemplateRecord {
  return {
    id: row.id as number,
    title: row.title as string,
    project: row.project as string | null,
    tags: JSON.parse(row.tags as string) as string[],
    priority: row.priority as TemplateRecord['priority'],
    plannedMinutes: row.planned_minutes as number | null,
    description: row.description as string | null,
    schedule: row.schedule as string,
    deadlineOffsetDays: row.deadline_offset_days as number,
    startDay: row.start_day as string,
    responsibleId: row.responsible_id as number,
    responsible: row.responsible_name as string,
    directorId: row.director_id as number,
    paused: row.paused === 1,
    management: row.management === 1,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

function rowToDayReport(row: Row): RecordedDayReport {
  return {
    userId: row.user_id as number,
    day: row.day as string,
    recordedAt: date(row.recorded_at),
    snapshot: row.snapshot as string,
    approvedBy: (row.approver_name as string | null) ?? null,
    approvedAt: optionalDate(row.approved_at),
    mark: row.mark as RecordedDayReport['mark'],
    comment: row.comment as string | null,
  };
}

/** The SQLite implementation of core's Store port. Statements are prepared once per connection. */
export class SqliteStore implements Store {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    private readonly path: string,
  ) {}

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  write<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.db.transaction(fn)();
    return this.guard(() => this.db.transaction(fn).immediate());
  }

  read<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.guard(() => this.db.transaction(fn).deferred());
  }

  scratchCopy(): { store: Store; discard(): void } {
    const image = this.read(() => this.guard(() => this.db.serialize()));
    const copy = new SqliteStore(scratchDatabase(image), this.path);
    return { store: copy, discard: () => copy.close() };
  }

  fillingSearchIndexAfter<T>(fn: () => T): T {
    const before = this.sql('SELECT (SELECT coalesce(max(id), 0) FROM tasks), (SELECT coalesce(max(id), 0) FROM comments)').raw().get() as [number, number];
    const [tasks, comments] = before;
    // The insert triggers skip rows while this row exists (migration 0014); it never outlives the transaction.
    this.sql("INSERT INTO meta (key, value) VALUES ('search_index_deferred', '1')").run();
    let result: T;
    try {
      result = fn();
    } finally {
      this.sql("DELETE FROM meta WHERE key = 'search_index_deferred'").run();
    }
    // An added task or comment changed again meanwhile was indexed by the update trigger: replaced, not doubled.
    const fold = (column: string) => `replace(replace(${column}, 'ё', 'е'), 'Ё', 'Е')`;
    this.sql('DELETE FROM task_search WHERE rowid >= ?').run((tasks + 1) * 2);
    this.sql(
      `INSERT INTO task_search (rowid, body)
       SELECT rowid, body FROM (SELECT id * 2 AS rowid, ${fold('title')} AS body FROM tasks WHERE id > @after
                                UNION ALL SELECT id * 2 + 1, ${fold('description')} FROM tasks WHERE id > @after AND description IS NOT NULL)
       ORDER BY rowid`,
    ).run({ after: tasks });
    this.sql('DELETE FROM comment_search WHERE rowid > ?').run(comments);
    this.sql(`INSERT INTO comment_search (rowid, body) SELECT id, ${fold('body')} FROM comments WHERE id > ? ORDER BY id`).run(comments);
    return result;
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw translateStorageError(error, this.path);
    }
  }

  close(): void {
    this.db.close();
  }

  instanceId(): string {
    return (this.sql("SELECT value FROM meta WHERE key = 'instance_id'").get() as { value: string }).value;
  }

  findExternal(source: string, entity: string, externalId: string): { localId: number; fingerprint: string | null } | undefined {
    const row = this.sql('SELECT local_id, fingerprint FROM external_ids WHERE source = ? AND entity = ? AND external_id = ?').get(source, entity, externalId) as
      | { local_id: number; fingerprint: string | null }
      | undefined;
    return row ? { localId: row.local_id, fingerprint: row.fingerprint } : undefined;
  }

  setExternal(source: string, entity: string, externalId: string, localId: number, fingerprint: string | null): void {
    this.sql(
      `INSERT INTO external_ids (source, entity, external_id, local_id, fingerprint) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (source, entity, external_id) DO UPDATE SET local_id = excluded.local_id, fingerprint = excluded.fingerprint`,
    ).run(source, entity, externalId, localId, fingerprint);
  }

  externalIdsOf(source: string, entity: string): Map<number, string> {
    const rows = this.sql('SELECT local_id, external_id FROM external_ids WHERE source = ? AND entity = ?').all(source, entity) as { local_id: number; external_id: string }[];
    return new Map(rows.map((r) => [r.local_id, r.external_id]));
  }

  dependencyLinks(taskIds: readonly number[]): { taskId: number; otherId: number; otherOpen: boolean }[] {
    const rows = this.sql(
      `SELECT l.task_id, l.other_id, o.status IN ${OPEN_SQL} FROM task_links l JOIN tasks o ON o.id = l.other_id
       WHERE l.task_id IN (SELECT value FROM json_each(?)) AND l.kind = 'depends' AND o.deleted_at IS NULL ORDER BY l.task_id, l.other_id`,
    )
      .raw()
      .all(JSON.stringify(taskIds)) as [number, number, number][];
    return rows.map(([taskId, otherId, open]) => ({ taskId, otherId, otherOpen: open === 1 }));
  }

  linksOf(taskId: number): { otherId: number; kind: 'depends' }[] {
    return (this.sql('SELECT other_id, kind FROM task_links WHERE task_id = ? ORDER BY other_id').all(taskId) as { other_id: number; kind: 'depends' }[]).map((r) => ({
      otherId: r.other_id,
      kind: r.kind,
    }));
  }

  allLinks(): { taskId: number; otherId: number; kind: 'depends' }[] {
    return (this.sql('SELECT task_id, other_id, kind FROM task_links ORDER BY task_id, other_id').all() as { task_id: number; other_id: number; kind: 'depends' }[]).map((r) => ({
      taskId: r.task_id,
      otherId: r.other_id,
      kind: r.kind,
    }));
  }

  addLink(taskId: number, otherId: number, kind: 'depends'): void {
    this.sql('INSERT OR IGNORE INTO task_links (task_id, other_id, kind) VALUES (?, ?, ?)').run(taskId, otherId, kind);
  }

  removeLink(taskId: number, otherId: number, kind: 'depends'): void {
    this.sql('DELETE FROM task_links WHERE task_id = ? AND other_id = ? AND kind = ?').run(taskId, otherId, kind);
  }

  linksTo(otherId: number): { taskId: number; kind: 'depends' }[] {
    return (this.sql('SELECT task_id, kind FROM task_links WHERE other_id = ? ORDER BY task_id').all(otherId) as { task_id: number; kind: 'depends' }[]).map((r) => ({
      taskId: r.task_id,
      kind: r.kind,
    }));
  }

  setEntryEnd(id: number, endAt: Date | null, updatedAt: Date): void {
    this.sql('UPDATE time_entries SET end_at = ?, updated_at = ? WHERE id = ?').run(endAt?.getTime() ?? null, updatedAt.getTime(), id);
  }

  /**
   * Records of one kind in key order as JSON object texts, one at a time (exports stream; derived columns
   * left out). SQLite writes the JSON - instants as ISO 8601 UTC with milliseconds, by integer arithmetic -
   * so a million rows never pass through JavaScript objects.
   */
  *dumpEntities(kind: EntityKind, visibleTo?: TaskVisibility): IterableIterator<string> {
    const table = TABLE_OF_KIND[kind];
    const columns = (this.sql('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[]).filter(
      (column) => !(table === 'tasks' && column === 'tracked_ms'),
    );
    const value = (column: string) => (INSTANT_FIELD.test(column) ? isoInstantSql(`"${column}"`) : `"${column}"`);
    const { where, params } = visibleTo ? visibleRowsSql(table, visibleTo) : { where: '', params: {} };
    const text = `SELECT json_object(${columns.map((column) => `'${column}', ${value(column)}`).join(', ')}) FROM ${table} ${where} ORDER BY ${TABLE_ORDER[table] ?? 'rowid'}`;
    yield* this.sql(text).pluck().iterate(params) as IterableIterator<string>;
  }

  loadEntities(sets: readonly EntitySet[]): void {
    // Rows refer to each other (managers, parents, replies): the keys are checked at commit.
    this.db.pragma('defer_foreign_keys = ON');
    for (const { kind, records } of sets) {
      const table = TABLE_OF_KIND[kind];
      if (table === undefined) throw new Error(`unknown kind of record ${String(kind)}`);
      if (table === 'meta') this.sql('DELETE FROM meta').run();
      for (const record of records) {
        const columns = Object.keys(record);
        if (!columns.every((c) => /^[a-z_]+$/.test(c))) throw new Error(`bad column in ${table}`);
        const row = Object.fromEntries(columns.map((c) => [c, toColumn(record[c])]));
        this.sql(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
      }
    }
  }

  deleteUserIfUnused(id: number): void {
    this.sql(
      `DELETE FROM users WHERE id = ? AND NOT EXISTS (SELECT 1 FROM tasks WHERE director_id = ? OR responsible_id = ?)
         AND NOT EXISTS (SELECT 1 FROM users WHERE manager_id = ?) AND NOT EXISTS (SELECT 1 FROM templates WHERE responsible_id = ? OR director_id = ?)`,
    ).run(id, id, id, id, id, id);
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

  orphanExternalIds(): number {
    return (
      this.sql(
        `SELECT count(*) AS n FROM external_ids x WHERE
           (x.entity = 'task' AND NOT EXISTS (SELECT 1 FROM tasks WHERE id = x.local_id)) OR
           (x.entity = 'entry' AND NOT EXISTS (SELECT 1 FROM time_entries WHERE id = x.local_id)) OR
           (x.entity IN ('comment', 'annotation') AND NOT EXISTS (SELECT 1 FROM comments WHERE id = x.local_id)) OR
           (x.entity = 'user' AND NOT EXISTS (SELECT 1 FROM users WHERE id = x.local_id)) OR
           (x.entity = 'template' AND NOT EXISTS (SELECT 1 FROM templates WHERE id = x.local_id))`,
      ).get() as { n: number }
    ).n;
  }

  runningEntries(): TimeEntry[] {
    return (this.sql('SELECT * FROM time_entries WHERE end_at IS NULL ORDER BY start_at').all() as Row[]).map(rowToEntry);
  }

  countTasks(): number {
    return (this.sql('SELECT count(*) AS n FROM tasks').get() as { n: number }).n;
  }

  /**
   * R25 on the FTS5 trigram index (migration 0005): each word a quoted phrase - any substring of a title,
   * description or comment - folded as the index folds ('ё' as 'е', case by the tokenizer). R4: visibility,
   * deletion and status are filtered here, before the limit, so nobody is shown fewer hits than they may
   * see. One row per task: its best match by bm25 (lower is better; a title match weighs double).
   */
  searchWords(words: readonly string[], query: SearchQuery): SearchMatch[] {
    const conditions = ['t.deleted_at IS NULL'];
    const params: Record<string, unknown> = { q: words.map((w) => `"${foldForSearch(w).replace(/"/g, '""')}"`).join(' '), limit: Math.max(0, Math.floor(query.limit)) };
    if (query.visibleTo) {
      const visible = visibleTaskSql(query.visibleTo, 's_');
      conditions.push(visible.term);
      Object.assign(params, visible.params);
    }
    if (query.statuses) {
      conditions.push('t.status IN (SELECT value FROM json_each(@statuses))');
      params.statuses = JSON.stringify(query.statuses);
    }
    const rows = this.sql(
      `WITH hits AS (
         SELECT rowid / 2 AS task_id, CASE rowid % 2 WHEN 0 THEN 'title' ELSE 'description' END AS field, NULL AS comment_id,
                bm25(task_search) * CASE rowid % 2 WHEN 0 THEN 2 ELSE 1 END AS score
         FROM task_search WHERE task_search MATCH @q
         UNION ALL
         SELECT c.task_id, 'comment', c.id, bm25(comment_search) FROM comment_search JOIN comments c ON c.id = comment_search.rowid
         WHERE comment_search MATCH @q
       ), best AS (
         -- SQLite takes the bare columns of a min() group from the row holding the minimum.
         SELECT task_id, field, comment_id, min(score) AS score FROM hits GROUP BY task_id
       )
       SELECT b.task_id, b.field, b.comment_id, b.score FROM best b JOIN tasks t ON t.id = b.task_id
       WHERE ${conditions.join(' AND ')}
       ORDER BY t.status IN ${OPEN_SQL} DESC, b.score, t.id LIMIT @limit`,
    ).all(params) as { task_id: number; field: SearchMatch['field']; comment_id: number | null; score: number }[];
    return rows.map((r) => ({ taskId: r.task_id, field: r.field, commentId: r.comment_id, relevance: -r.score }));
  }

  projectNames(visibleTo?: TaskVisibility): string[] {
    if (!visibleTo) return (this.sql('SELECT name FROM projects ORDER BY name COLLATE NOCASE').all() as { name: string }[]).map((r) => r.name);
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
      'g.id ORDER BY g.name COLLATE NOCASE',
      visibleTo,
    );
  }

  /** R4: with `visibleTo`, only that person's visible tasks count, and a name none of them carries is left out. */
  private nameSummaries(select: string, groupAndOrder: string, visibleTo: TaskVisibility | undefined): NameSummary[] {
    const visible = visibleTo ? visibleTaskSql(visibleTo, '') : undefined;
    const text = visible ? `${select} AND ${visible.term} GROUP BY ${groupAndOrder.replace(' ORDER BY', ' HAVING count(t.id) > 0 ORDER BY')}` : `${select} GROUP BY ${groupAndOrder}`;
    return (this.sql(text).all(visible?.params ?? {}) as { name: string; total: number; open: number; ms: number }[]).map((r) => ({
      name: r.name,
      open: r.open,
      total: r.total,
      trackedSeconds: Math.round(r.ms / 1000),
    }));
  }

  tagNames(visibleTo?: TaskVisibility): string[] {
    if (visibleTo) return this.tagSummaries(visibleTo).map((summary) => summary.name);
    return (this.sql('SELECT name FROM tags ORDER BY name COLLATE NOCASE').all() as { name: string }[]).map((r) => r.name);
  }

  insertTemplate(fields: TemplateFields): number {
    const info = this.sql(
      `INSERT INTO templates (title, project, tags, priority, planned_minutes, description, schedule, deadline_offset_days, start_day,
         responsible_id, director_id, paused, management, created_at, updated_at)
       VALUES (@title, @project, @tags, @priority, @plannedMinutes, @description, @schedule, @deadlineOffsetDays, @startDay,
         @responsibleId, @directorId, @paused, @management, @createdAt, @updatedAt)`,
    ).run(templateParams(fields));
    return Number(info.lastInsertRowid);
  }

  updateTemplate(id: number, fields: Partial<TemplateFields>): void {
    const current = this.getTemplate(id);
    if (!current) return;
    const { id: _id, responsible: _r, ...base } = current;
    this.sql(
      `UPDATE templates SET title = @title, project = @project, tags = @tags, priority = @priority, planned_minutes = @plannedMinutes,
         description = @description, schedule = @schedule, deadline_offset_days = @deadlineOffsetDays, start_day = @startDay,
         responsible_id = @responsibleId, director_id = @directorId, paused = @paused, management = @management, updated_at = @updatedAt WHERE id = @id`,
    ).run({ ...templateParams({ ...base, ...fields }), id });
  }

  getTemplate(id: number): TemplateRecord | undefined {
    const row = this.sql('SELECT t.*, u.name AS responsible_name FROM templates t JOIN users u ON u.id = t.responsible_id WHERE t.id = ? AND t.deleted_at IS NULL').get(id) as
      | Row
      | undefined;
    return row ? rowToTemplate(row) : undefined;
  }

  listTemplates(): TemplateRecord[] {
    return (
      this.sql('SELECT t.*, u.name AS responsible_name FROM templates t JOIN users u ON u.id = t.responsible_id WHERE t.deleted_at IS NULL ORDER BY t.id').all() as Row[]
    ).map(rowToTemplate);
  }

  deleteTemplate(id: number, at: Date): void {
    this.sql('UPDATE templates SET deleted_at = ?, updated_at = ? WHERE id = ?').run(at.getTime(), at.getTime(), id);
  }

  lastOccurrenceDay(templateId: number): string | undefined {
    return (this.sql('SELECT max(day) AS day FROM template_occurrences WHERE template_id = ?').get(templateId) as { day: string | null }).day ?? undefined;
  }

  insertOccurrence(templateId: number, day: string, taskId: number, at: Date): boolean {
    const info = this.sql('INSERT OR IGNORE INTO template_occurrences (template_id, day, task_id, created_at) VALUES (?, ?, ?, ?)').run(templateId, day, taskId, at.getTime());
    return info.changes === 1;
  }

  hasOccurrence(templateId: number, day: string): boolean {
    return this.sql('SELECT 1 FROM template_occurrences WHERE template_id = ? AND day = ?').get(templateId, day) !== undefined;
  }

  // --- users

  countUsers(): number {
    return (this.sql('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  firstEntryStart(): Date | undefined {
    const first = this.sql('SELECT min(start_at) FROM time_entries').pluck().get() as number | null;
    return first === null ? undefined : new Date(first);
  }

  listUsers(): User[] {
    return (this.sql('SELECT * FROM users ORDER BY name').all() as Row[]).map(rowToUser);
  }

  findUserByName(name: string): User | undefined {
    const row = this.sql('SELECT * FROM users WHERE name = ?').get(name) as Row | undefined;
    return row ? rowToUser(row) : undefined;
  }

  getUser(id: number): User | undefined {
    const row = this.sql('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToUser(row) : undefined;
  }

  insertUser(user: Omit<User, 'id'>): User {
    const info = this.sql('INSERT INTO users (name, full_name, role, manager_id, created_at) VALUES (?, ?, ?, ?, ?)').run(
      user.name,
      user.fullName,
      user.role,
      user.managerId,
      user.createdAt.getTime(),
    );
    return { ...user, id: Number(info.lastInsertRowid) };
  }

  updateUser(user: User): void {
    this.sql('UPDATE users SET full_name = ?, role = ?, manager_id = ? WHERE id = ?').run(user.fullName, user.role, user.managerId, user.id);
  }

  // --- company policy (R39)

  policyValues(): Record<string, string> {
    return Object.fromEntries(this.sql('SELECT key, value FROM policy').raw().all() as [string, string][]);
  }

  policyRecords(): PolicyRecord[] {
    return (this.sql('SELECT p.key, p.value, p.updated_at, u.name FROM policy p JOIN users u ON u.id = p.updated_by ORDER BY p.key').raw().all() as [string, string, number, string][]).map(
      ([key, value, updatedAt, updatedBy]) => ({ key, value, updatedAt: new Date(updatedAt), updatedBy }),
    );
  }

  setPolicyValue(change: PolicyChange): void {
    this.sql(
      `INSERT INTO policy (key, value, updated_at, updated_by) VALUES (@key, @newValue, @at, @actorId)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run({ key: change.key, newValue: change.newValue, at: change.at.getTime(), actorId: change.actorId });
    this.sql('INSERT INTO policy_history (key, old_value, new_value, actor_id, at, reason) VALUES (?, ?, ?, ?, ?, ?)').run(
      change.key,
      change.oldValue,
      change.newValue,
      change.actorId,
      change.at.getTime(),
      change.reason,
    );
  }

  policyHistory(key?: string): PolicyHistoryRecord[] {
    const rows = this.sql(
      `SELECT h.key, h.old_value, h.new_value, u.name, h.at, h.reason FROM policy_history h JOIN users u ON u.id = h.actor_id
       WHERE @key IS NULL OR h.key = @key ORDER BY h.at, h.id`,
    )
      .raw()
      .all({ key: key ?? null }) as [string, string | null, string, string, number, string][];
    return rows.map(([key, oldValue, newValue, actor, at, reason]) => ({ key, oldValue, newValue, actor, at: new Date(at), reason }));
  }

  hasPolicyHistory(): boolean {
    return this.sql('SELECT 1 FROM policy_history LIMIT 1').get() !== undefined;
  }

  clearPolicy(): void {
    this.sql('DELETE FROM policy').run();
    this.sql('DELETE FROM policy_history').run();
  }

  // --- projects

  findProjectByName(name: string): { id: number; name: string } | undefined {
    // Matched in JavaScript: SQLite's NOCASE folds ASCII only, and project names are often Cyrillic.
    const wanted = name.toLocaleLowerCase();
    const projects = this.sql('SELECT id, name FROM projects').all() as { id: number; name: string }[];
    return projects.find((p) => p.name.toLocaleLowerCase() === wanted);
  }

  insertProject(name: string, createdAt: Date): { id: number; name: string } {
    const info = this.sql('INSERT INTO projects (name, created_at) VALUES (?, ?)').run(name, createdAt.getTime());
    return { id: Number(info.lastInsertRowid), name };
  }

  // --- tasks

  getTask(id: number): Task | undefined {
    return this.tasksWhere('WHERE t.id = @id', '', '', { id })[0];
  }

  taskParties(id: number): Pick<Task, 'id' | 'directorId' | 'responsibleId'> | undefined {
    const row = this.sql('SELECT director_id, responsible_id FROM tasks WHERE id = ?').raw().get(id) as [number, number] | undefined;
    return row ? { id, directorId: row[0], responsibleId: row[1] } : undefined;
  }

  findTasks(query: TaskQuery): Task[] {
    const { where, order, limit, params } = taskQuerySql(query);
    return this.tasksWhere(where, order, limit, params);
  }

  findTaskIds(query: TaskQuery): number[] {
    const { where, order, limit, params } = taskQuerySql(query);
    return this.sql(`SELECT t.id ${SUMMARY_FROM} ${where} ${order || 'ORDER BY t.id'} ${limit}`).pluck().all(params) as number[];
  }

  findTaskSummaries(query: TaskQuery): TaskSummary[] {
    const { where, order, limit, params } = taskQuerySql(query);
    return (this.jsonRows(SUMMARY_LIST.columns, SUMMARY_FROM, where, order, limit, params) as unknown[][]).map(rowToSummary);
  }

  private tasksWhere(where: string, order: string, limit: string, params: Record<string, unknown>): Task[] {
    return (this.jsonRows(TASK_LIST.columns, TASK_FROM, where, order, limit, params) as unknown[][]).map(rowToTask);
  }

  /**
   * Task rows matching a WHERE clause, in order. SQLite builds the whole list as one JSON text: reading
   * one value instead of a dozen or thirty per row makes listing 20,000 tasks several times faster.
   * The rows are concatenated in the order the inner query sorted them (SQLite runs the sorted subquery
   * as a co-routine feeding the aggregate; an ORDER BY inside group_concat would sort them a second time).
   */
  private jsonRows(columns: string, from: string, where: string, order: string, limit: string, params: Record<string, unknown>): unknown[] {
    const text = `SELECT '[' || coalesce(group_concat(j, ','), '') || ']' FROM (
      SELECT json_array(${columns}) AS j ${from} ${where} ${order || 'ORDER BY t.id'} ${limit})`;
    return JSON.parse(this.sql(text).pluck().get(params) as string) as unknown[];
  }

  insertTask(fields: TaskFields): number {
    const keys = Object.keys(TASK_COLUMNS) as (keyof TaskFields)[];
    const text = `INSERT INTO tasks (${keys.map((k) => TASK_COLUMNS[k]).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
    const info = this.sql(text).run(...keys.map((k) => toColumn(fields[k])));
    return Number(info.lastInsertRowid);
  }

  updateTask(id: number, patch: Partial<TaskFields>): void {
    const keys = (Object.keys(patch) as (keyof TaskFields)[]).filter((k) => k in TASK_COLUMNS);
    if (keys.length === 0) return;
    const text = `UPDATE tasks SET ${keys.map((k) => `${TASK_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`;
    this.sql(text).run(...keys.map((k) => toColumn(patch[k])), id);
  }

  setTags(taskId: number, tags: readonly string[]): void {
    this.sql('DELETE FROM task_tags WHERE task_id = ?').run(taskId);
    for (const name of tags) {
      this.sql('INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(name);
      this.sql('INSERT OR IGNORE INTO task_tags (task_id, tag_id) SELECT ?, id FROM tags WHERE name = ?').run(taskId, name);
    }
  }

  observersOf(taskId: number): string[] {
    return (this.sql('SELECT u.name FROM task_observers o JOIN users u ON u.id = o.user_id WHERE o.task_id = ? ORDER BY u.name').all(taskId) as { name: string }[]).map(
      (r) => r.name,
    );
  }

  addObserver(taskId: number, userId: number): void {
    this.sql('INSERT OR IGNORE INTO task_observers (task_id, user_id) VALUES (?, ?)').run(taskId, userId);
  }

  removeObserver(taskId: number, userId: number): void {
    this.sql('DELETE FROM task_observers WHERE task_id = ? AND user_id = ?').run(taskId, userId);
  }

  crmLinksOf(taskId: number): CrmLink[] {
    return this.sql('SELECT kind, ref FROM crm_links WHERE task_id = ? ORDER BY kind, ref').all(taskId) as CrmLink[];
  }

  addCrmLink(taskId: number, link: CrmLink): void {
    this.sql('INSERT OR IGNORE INTO crm_links (task_id, kind, ref) VALUES (?, ?, ?)').run(taskId, link.kind, link.ref);
  }

  removeCrmLink(taskId: number, link: CrmLink): void {
    this.sql('DELETE FROM crm_links WHERE task_id = ? AND kind = ? AND ref = ?').run(taskId, link.kind, link.ref);
  }

  coExecutorsOf(taskId: number): string[] {
    return (this.sql('SELECT u.name FROM task_coexecutors c JOIN users u ON u.id = c.user_id WHERE c.task_id = ? ORDER BY u.name').all(taskId) as { name: string }[]).map(
      (r) => r.name,
    );
  }

  addCoExecutor(taskId: number, userId: number): void {
    this.sql('INSERT OR IGNORE INTO task_coexecutors (task_id, user_id) VALUES (?, ?)').run(taskId, userId);
  }

  // --- time entries

  getEntry(id: number): TimeEntry | undefined {
    const row = this.sql('SELECT * FROM time_entries WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToEntry(row) : undefined;
  }

  updateEntry(id: number, patch: Pick<TimeEntry, 'startAt' | 'endAt' | 'comment' | 'retroactive' | 'reason'>, updatedAt: Date): void {
    this.sql('UPDATE time_entries SET start_at = ?, end_at = ?, comment = ?, retroactive = ?, reason = ?, updated_at = ? WHERE id = ?').run(
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
    const ids = this.sql('SELECT DISTINCT entry_id FROM time_entry_changes WHERE entry_id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(entryIds)) as number[];
    return new Set(ids);
  }

  changesOfEntries(entryIds: readonly number[]): Map<number, EntryChange[]> {
    const changes = new Map<number, EntryChange[]>();
    if (entryIds.length === 0) return changes;
    const rows = this.sql('SELECT * FROM time_entry_changes WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY at, id').all(JSON.stringify(entryIds)) as Row[];
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

  dayRecordedAt(userId: number, day: string): Date | undefined {
    const row = this.sql('SELECT recorded_at FROM day_reports WHERE user_id = ? AND day = ?').get(userId, day) as { recorded_at: number } | undefined;
    return row ? new Date(row.recorded_at) : undefined;
  }

  runningEntryOf(userId: number): TimeEntry | undefined {
    const row = this.sql('SELECT * FROM time_entries WHERE user_id = ? AND end_at IS NULL').get(userId) as Row | undefined;
    return row ? rowToEntry(row) : undefined;
  }

  runningEntriesOnTask(taskId: number): TimeEntry[] {
    return (this.sql('SELECT * FROM time_entries WHERE task_id = ? AND end_at IS NULL').all(taskId) as Row[]).map(rowToEntry);
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
    const info = this.sql(
      `INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, comment, retroactive, reason, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.taskId,
      entry.userId,
      entry.startAt.getTime(),
      entry.endAt?.getTime() ?? null,
      entry.source,
      entry.comment,
      entry.retroactive ? 1 : 0,
      entry.reason,
      entry.createdAt.getTime(),
      entry.createdAt.getTime(),
    );
    return Number(info.lastInsertRowid);
  }

  moveEntry(id: number, taskId: number, updatedAt: Date): void {
    this.sql('UPDATE time_entries SET task_id = ?, updated_at = ? WHERE id = ?').run(taskId, updatedAt.getTime(), id);
  }

  stopEntry(id: number, endAt: Date, updatedAt: Date): void {
    this.sql('UPDATE time_entries SET end_at = ?, updated_at = ? WHERE id = ? AND end_at IS NULL').run(endAt.getTime(), updatedAt.getTime(), id);
  }

  entriesOfTask(taskId: number): TimeEntry[] {
    return (this.sql('SELECT * FROM time_entries WHERE task_id = ? ORDER BY start_at, id').all(taskId) as Row[]).map(rowToEntry);
  }

  allEntries(visibleTo?: TaskVisibility): TimeEntry[] {
    if (!visibleTo) return (this.sql('SELECT * FROM time_entries ORDER BY start_at, id').all() as Row[]).map(rowToEntry);
    const { where, params } = visibleRowsSql('time_entries', visibleTo);
    return (this.sql(`SELECT * FROM time_entries ${where} ORDER BY start_at, id`).all(params) as Row[]).map(rowToEntry);
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
      ).all({ user: userId, earliest: from.getTime() - this.longestEntryMs(), to: to.getTime(), from: from.getTime() }) as Row[]
    ).map(rowToEntry);
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
      .get({ user: userId, earliest: from.getTime() - this.longestEntryMs(), to: to.getTime(), from: from.getTime() }) as number | null;
    return made === null ? null : new Date(made);
  }

  runningSecondsByTask(now: Date): Map<number, number> {
    const rows = this.sql('SELECT task_id, sum(max(0, ? - start_at)) AS ms FROM time_entries WHERE end_at IS NULL GROUP BY task_id').all(now.getTime()) as {
      task_id: number;
      ms: number;
    }[];
    return new Map(rows.map((r) => [r.task_id, Math.round(r.ms / 1000)]));
  }

  // --- comments and results

  insertComment(comment: NewComment): number {
    const info = this.sql('INSERT INTO comments (task_id, author_id, kind, body, reply_to_id, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      comment.taskId,
      comment.authorId,
      comment.kind,
      comment.body,
      comment.replyToId,
      comment.createdAt.getTime(),
    );
    return Number(info.lastInsertRowid);
  }

  commentsOf(taskId: number, limit = -1): Comment[] {
    const rows = this.sql(
      `SELECT * FROM (SELECT c.*, u.name AS author_name FROM comments c JOIN users u ON u.id = c.author_id
        WHERE c.task_id = ? ORDER BY c.created_at DESC, c.id DESC LIMIT ?) ORDER BY created_at, id`,
    ).all(taskId, limit) as Row[];
    return rows.map(rowToComment);
  }

  getComment(id: number): Comment | undefined {
    const row = this.sql('SELECT c.*, u.name AS author_name FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ?').get(id) as Row | undefined;
    return row ? rowToComment(row) : undefined;
  }

  openRemarksFor(userId: number): OpenRemark[] {
    // A remark is answered by a reply to it, or by a reply of the responsible written after it.
    // CROSS JOIN keeps SQLite starting from the person's tasks (an index) rather than from all comments.
    const rows = this.sql(
      `SELECT c.*, u.name AS author_name, t.title AS task_title
       FROM tasks t CROSS JOIN comments c ON c.task_id = t.id JOIN users u ON u.id = c.author_id
       WHERE t.responsible_id = @user AND c.author_id <> @user
         AND (c.author_id = t.director_id OR c.author_id IN (WITH RECURSIVE chain (id) AS (
               SELECT manager_id FROM users WHERE id = @user
               UNION SELECT u.manager_id FROM users u JOIN chain ON u.id = chain.id WHERE u.manager_id IS NOT NULL)
             SELECT id FROM chain WHERE id IS NOT NULL))
         AND (c.kind = 'comment' OR (c.kind = 'rating' AND c.body LIKE 'negative:%')) AND t.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.task_id = c.task_id AND r.kind = 'reply'
               AND (r.reply_to_id = c.id OR (r.reply_to_id IS NULL AND r.id > c.id)))
       ORDER BY c.created_at, c.id`,
    ).all({ user: userId }) as Row[];
    return rows.map((row) => ({ comment: rowToComment(row), taskId: row.task_id as number, taskTitle: row.task_title as string }));
  }

  openDayRemarksFor(userId: number): DayRemark[] {
    const rows = this.sql(
      `SELECT r.day, r.mark, r.comment, r.approved_at, u.name AS by_name FROM day_reports r JOIN users u ON u.id = r.approved_by
       WHERE r.user_id = ? AND r.approved_by IS NOT NULL AND r.replied_at IS NULL AND (r.mark = 'negative' OR r.comment IS NOT NULL)
       ORDER BY r.day`,
    ).all(userId) as Row[];
    return rows.map((row) => ({ day: row.day as string, mark: row.mark as DayRemark['mark'], comment: row.comment as string | null, by: row.by_name as string, at: date(row.approved_at) }));
  }

  replyToDayReport(userId: number, day: string, body: string, at: Date): boolean {
    const info = this.sql('UPDATE day_reports SET reply = ?, replied_at = ? WHERE user_id = ? AND day = ? AND approved_by IS NOT NULL AND replied_at IS NULL').run(body, at.getTime(), userId, day);
    return info.changes > 0;
  }

  lastSubmissionOf(taskId: number): Comment | undefined {
    const row = this.sql(
      `SELECT c.*, u.name AS author_name FROM comments c JOIN users u ON u.id = c.author_id
       WHERE c.task_id = ? AND c.kind IN ('result', 'progress') ORDER BY c.created_at DESC, c.id DESC LIMIT 1`,
    ).get(taskId) as Row | undefined;
    return row ? rowToComment(row) : undefined;
  }

  insertResult(commentId: number, parts: ResultParts): void {
    this.sql('INSERT INTO results (comment_id, proposal, abstract, links, explanation, conclusion) VALUES (?, ?, ?, ?, ?, ?)').run(
      commentId,
      parts.proposal,
      parts.abstract,
      JSON.stringify(parts.links),
      parts.explanation,
      parts.conclusion,
    );
  }

  setResultExplanation(commentId: number, explanation: string): void {
    this.sql('UPDATE results SET explanation = ? WHERE comment_id = ?').run(explanation, commentId);
  }

  lastResultOf(taskId: number): TaskResult | undefined {
    const row = this.sql(
      `SELECT c.id, c.body, c.created_at, u.name AS author_name, r.* FROM comments c
       JOIN results r ON r.comment_id = c.id JOIN users u ON u.id = c.author_id
       WHERE c.task_id = ? AND c.kind = 'result' ORDER BY c.created_at DESC, c.id DESC LIMIT 1`,
    ).get(taskId) as Row | undefined;
    if (!row) return undefined;
    return {
      commentId: row.comment_id as number,
      result: row.body as string,
      author: row.author_name as string,
      createdAt: date(row.created_at),
      proposal: row.proposal as string | null,
      abstract: row.abstract as string | null,
      links: JSON.parse(row.links as string) as string[],
      explanation: row.explanation as string | null,
      conclusion: row.conclusion as string | null,
    };
  }

  // --- recorded day reports (R23, R35)

  getDayReport(userId: number, day: string): RecordedDayReport | undefined {
    const row = this.sql(
      `SELECT r.*, a.name AS approver_name FROM day_reports r LEFT JOIN users a ON a.id = r.approved_by WHERE r.user_id = ? AND r.day = ?`,
    ).get(userId, day) as Row | undefined;
    return row ? rowToDayReport(row) : undefined;
  }

  dayReportsBetween(userIds: readonly number[], fromDay: string, toDay: string): RecordedDayReport[] {
    const rows = this.sql(
      `SELECT r.*, a.name AS approver_name FROM day_reports r LEFT JOIN users a ON a.id = r.approved_by
       WHERE r.user_id IN (SELECT value FROM json_each(?)) AND r.day >= ? AND r.day <= ? ORDER BY r.day, r.user_id`,
    ).all(JSON.stringify(userIds), fromDay, toDay) as Row[];
    return rows.map(rowToDayReport);
  }

  recordedDays(userId: number, fromDay: string, toDay: string): { day: string; recordedAt: Date }[] {
    const rows = this.sql('SELECT day, recorded_at FROM day_reports WHERE user_id = ? AND day BETWEEN ? AND ? ORDER BY day')
      .raw()
      .all(userId, fromDay, toDay) as [string, number][];
    return rows.map(([day, at]) => ({ day, recordedAt: date(at) }));
  }

  amendmentsOf(userId: number, day: string): DayAmendment[] {
    const rows = this.sql(
      `SELECT a.*, u.name AS actor_name FROM day_amendments a JOIN users u ON u.id = a.actor_id WHERE a.user_id = ? AND a.day = ? ORDER BY a.at, a.id`,
    ).all(userId, day) as Row[];
    return rows.map((row) => ({
      userId: row.user_id as number,
      day: row.day as string,
      at: date(row.at),
      actorId: row.actor_id as number,
      actor: row.actor_name as string,
      via: row.via as string | null,
      what: row.what as string,
      reason: row.reason as string,
    }));
  }

  insertAmendment(a: NewDayAmendment): void {
    this.sql('INSERT INTO day_amendments (user_id, day, at, actor_id, via, what, reason) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      a.userId,
      a.day,
      a.at.getTime(),
      a.actorId,
      a.via,
      a.what,
      a.reason,
    );
  }

  insertDayReport(userId: number, day: string, recordedAt: Date, snapshot: string): void {
    this.sql('INSERT INTO day_reports (user_id, day, recorded_at, snapshot) VALUES (?, ?, ?, ?)').run(userId, day, recordedAt.getTime(), snapshot);
  }

  approveDayReport(userId: number, day: string, approverId: number, at: Date, mark: 'positive' | 'negative', comment: string | null): void {
    this.sql('UPDATE day_reports SET approved_by = ?, approved_at = ?, mark = ?, comment = ? WHERE user_id = ? AND day = ?').run(
      approverId,
      at.getTime(),
      mark,
      comment,
      userId,
      day,
    );
  }

  lastEntryChangeBy(actorId: number): { entryId: number; at: Date } | undefined {
    const row = this.sql('SELECT entry_id, at FROM time_entry_changes WHERE actor_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(actorId) as Row | undefined;
    return row ? { entryId: row.entry_id as number, at: date(row.at) } : undefined;
  }

  entryChangesAt(actorId: number, at: Date): EntryChange[] {
    return (this.sql('SELECT * FROM time_entry_changes WHERE actor_id = ? AND at = ? ORDER BY id').all(actorId, at.getTime()) as Row[]).map(rowToEntryChange);
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

  trackedByDay(userIds: readonly number[], from: Date, to: Date, now: Date): DayTaskSeconds[] {
    return this.trackedTotals(userIds, from, to, now, { byUser: true, byTask: true }).map(([userId, day, taskId, seconds]) => ({ userId, day, taskId, seconds }));
  }

  trackedPerUserDay(userIds: readonly number[], from: Date, to: Date, now: Date): { userId: number; day: string; seconds: number }[] {
    return this.trackedTotals(userIds, from, to, now, { byUser: true, byTask: false }).map(([userId, day, , seconds]) => ({ userId, day, seconds }));
  }

  trackedPerDay(userIds: readonly number[], from: Date, to: Date, now: Date, excludedTaskIds: readonly number[]): Map<string, number> {
    if (userIds.length <= 5) {
      // A few people: their own index ranges are smallest.
      const rows = this.trackedTotals(userIds, from, to, now, { byUser: false, byTask: false, excludedTaskIds });
      return new Map(rows.map(([, day, , seconds]) => [day, seconds]));
    }
    // Many people: one bounded range of the time index per local day (boundaries from the program's own
    // calendar, so DST days have their 23 or 25 hours), each finished entry clipped to the day by SQLite.
    const days: [string, number, number][] = [];
    for (let d = startOfLocalDay(from); d < to; d = startOfLocalDay(addLocalDays(d, 1))) {
      days.push([localDayKey(d), Math.max(d.getTime(), from.getTime()), Math.min(startOfLocalDay(addLocalDays(d, 1)).getTime(), to.getTime())]);
    }
    const filter = this.entryFilter(userIds, excludedTaskIds);
    const perDay = this.sql(
      `WITH d(day, s, e) AS MATERIALIZED (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@days))
       SELECT d.day, (SELECT sum(min(e.end_at, d.e) - max(e.start_at, d.s)) FROM time_entries e INDEXED BY time_entries_by_start
         WHERE e.start_at >= d.s - @longest AND e.start_at < d.e AND e.end_at > d.s ${filter}) FROM d`,
    )
      .raw()
      .all({ days: JSON.stringify(days), longest: this.longestEntryMs(), users: JSON.stringify(userIds), excluded: JSON.stringify(excludedTaskIds) }) as [string, number | null][];
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
      for (const share of splitByLocalDay(new Date(start), new Date(stop))) totals.set(share.day, (totals.get(share.day) ?? 0) + share.seconds);
    }
    return new Map([...totals].map(([day, seconds]) => [day, Math.round(seconds)]));
  }

  trackedPerFacet(userIds: readonly number[], from: Date, to: Date, now: Date, excludedTaskIds: readonly number[]): TrackedFacets {
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
  private trackedPerTaskSql(userIds: readonly number[], from: Date, to: Date, excludedTaskIds: readonly number[]): string {
    const filter = this.entryFilter(userIds, excludedTaskIds);
    const clipped = 'min(coalesce(e.end_at, max(@now, e.start_at)), @to) - max(e.start_at, @from)';
    // Two subqueries: SQLite answers a lone min() or max() from the index ends, but both in one SELECT scan the table.
    const span = this.sql('SELECT (SELECT min(start_at) FROM time_entries) AS first, (SELECT max(start_at) FROM time_entries) AS last').get() as {
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
    const held = (Math.min(to.getTime(), span.last) - Math.max(from.getTime(), span.first)) / Math.max(1, span.last - span.first);
    const index = !everyone ? 'time_entries_by_user_start' : held > 0.4 ? 'time_entries_by_task' : 'time_entries_by_start';
    return `SELECT x.task_id, t.project_id, x.ms FROM (
        SELECT e.task_id, sum(${clipped}) AS ms FROM time_entries e INDEXED BY ${index}
        WHERE e.start_at >= @earliest AND e.start_at < @to AND (e.end_at IS NULL OR e.end_at > @from) ${filter} GROUP BY e.task_id
      ) x JOIN tasks t ON t.id = x.task_id`;
  }

  /** The WHERE terms (alias e) keeping the entries of these people (all: no term) and leaving out excluded tasks. */
  private entryFilter(userIds: readonly number[], excludedTaskIds: readonly number[]): string {
    return [
      userIds.length >= this.countUsers() ? '' : 'AND e.user_id IN (SELECT value FROM json_each(@users))',
      excludedTaskIds.length ? 'AND e.task_id NOT IN (SELECT value FROM json_each(@excluded))' : '',
    ].join(' ');
  }

  /** The longest finished entry (kept by triggers, migration 0008): how far before a period an overlapping entry can start. */
  private longestEntryMs(): number {
    return (this.sql('SELECT longest_ms FROM time_entry_bounds WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  }

  /** The earliest start of an entry that can overlap a period beginning at `from`: finished ones are bounded by the longest, running ones are read. */
  private earliestStartOverlapping(from: Date): number {
    const running = this.sql('SELECT min(start_at) FROM time_entries WHERE end_at IS NULL').pluck().get() as number | null;
    const bound = from.getTime() - this.longestEntryMs();
    return running === null ? bound : Math.min(bound, running);
  }

  /**
   * Tracked seconds over [from, to) per local day (and per person and task when asked), entries split at
   * local midnight, a running entry counting up to `now`. Local days by arithmetic - (instant + the offset
   * in force then) / one day - with the offsets and the instants they change (DST) taken from the
   * program's own time-zone rules, so SQLite and JavaScript agree and a year of entries stays fast.
   */
  private trackedTotals(
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
    const spanning = this.sql(`SELECT ${user}, ${task}, start_at, ${end} FROM time_entries WHERE ${scope} AND NOT (${inside})`)
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
      for (const share of splitByLocalDay(new Date(start), new Date(stop))) add(userId, share.day, taskId, share.seconds * 1000);
    }
    return [...totals.values()].map((row): [number, string, number, number] => [row[0], row[1], row[2], Math.round(row[3])]).filter((row) => row[3] > 0);
  }

  tasksTagged(tags: readonly string[]): number[] {
    return (this.sql('SELECT DISTINCT tt.task_id FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE g.name IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(tags)) as number[]);
  }

  plannedByDay(userIds: readonly number[], from: Date, to: Date): { userId: number; day: string; minutes: number }[] {
    const params = { users: JSON.stringify(userIds), from: from.getTime(), to: to.getTime(), fromDay: localDayKey(from), toDay: localDayKey(new Date(to.getTime() - 1)) };
    // Local days by offset arithmetic (no date(..., 'localtime') per task): the offsets in force a day
    // either side of the period cover every deadline that could fall on one of its days.
    const offset = offsetSql(offsetSegments(addLocalDays(from, -1), addLocalDays(to, 1)));
    const deadlineDay = `date((t.deadline_at + ${offset('t.deadline_at')}) / 1000, 'unixepoch')`;
    // R34: a task closed before a day began is not in that day's plan (closed_at is set only while closed).
    const closedDay = `date((t.closed_at + ${offset('t.closed_at')}) / 1000, 'unixepoch')`;
    const rows = this.sql(
      `SELECT user_id, day, sum(minutes) AS minutes FROM (
         SELECT t.responsible_id AS user_id, ${deadlineDay} AS day, coalesce(t.planned_minutes, 0) AS minutes, t.id AS task_id
         FROM tasks t
         WHERE t.responsible_id IN (SELECT value FROM json_each(@users)) AND t.deadline_at >= @from AND t.deadline_at < @to
           AND t.kind <> 'general' AND t.deleted_at IS NULL AND t.status <> 'declined'
           AND (t.closed_at IS NULL OR ${closedDay} >= ${deadlineDay})
           AND NOT EXISTS (SELECT 1 FROM plan_items p WHERE p.user_id = t.responsible_id AND p.task_id = t.id AND p.kind = 'removed'
                             AND p.day = ${deadlineDay})
         UNION ALL
         SELECT p.user_id, p.day, coalesce(t.planned_minutes, 0), t.id
         FROM plan_items p JOIN tasks t ON t.id = p.task_id
         WHERE p.kind = 'added' AND p.user_id IN (SELECT value FROM json_each(@users)) AND p.day >= @fromDay AND p.day <= @toDay
           AND t.kind <> 'general' AND t.deleted_at IS NULL AND t.status <> 'declined'
           AND (t.closed_at IS NULL OR ${closedDay} >= p.day)
           AND (t.deadline_at IS NULL OR ${deadlineDay} <> p.day)
       ) GROUP BY user_id, day ORDER BY day`,
    ).all(params) as { user_id: number; day: string; minutes: number }[];
    return rows.map((r) => ({ userId: r.user_id, day: r.day, minutes: r.minutes }));
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
      .all({ users: JSON.stringify(userIds), day, from: from.getTime(), to: to.getTime() }) as [number, number][];
    return new Map(rows.filter(([, minutes]) => minutes > 0));
  }

  // --- working day (R20) and plans (R34)

  getWorkDay(userId: number, day: string): WorkDay | undefined {
    const row = this.sql('SELECT * FROM work_days WHERE user_id = ? AND day = ?').get(userId, day) as Row | undefined;
    return row ? this.workDayWithBreaks(row) : undefined;
  }

  workDaysBetween(userIds: readonly number[], fromDay: string, toDay: string): WorkDay[] {
    const params = { users: JSON.stringify(userIds), from: fromDay, to: toDay };
    const within = 'user_id IN (SELECT value FROM json_each(@users)) AND day BETWEEN @from AND @to';
    const breaks = new Map<string, WorkDay['breaks']>();
    for (const b of this.sql(`SELECT id, user_id, day, start_at, end_at FROM work_breaks WHERE ${within} ORDER BY start_at`).all(params) as Row[]) {
      const key = `${b.user_id}/${b.day}`;
      breaks.set(key, [...(breaks.get(key) ?? []), { id: b.id as number, startAt: date(b.start_at), endAt: optionalDate(b.end_at) }]);
    }
    return (this.sql(`SELECT * FROM work_days WHERE ${within} ORDER BY user_id, day`).all(params) as Row[]).map((row) => ({
      userId: row.user_id as number,
      day: row.day as string,
      startedAt: date(row.started_at),
      endedAt: optionalDate(row.ended_at),
      breaks: breaks.get(`${row.user_id}/${row.day}`) ?? [],
    }));
  }

  lastWorkDayBefore(userId: number, day: string): WorkDay | undefined {
    const row = this.sql('SELECT * FROM work_days WHERE user_id = ? AND day < ? ORDER BY day DESC LIMIT 1').get(userId, day) as Row | undefined;
    return row ? this.workDayWithBreaks(row) : undefined;
  }

  private workDayWithBreaks(row: Row): WorkDay {
    const breaks = this.sql('SELECT id, start_at, end_at FROM work_breaks WHERE user_id = ? AND day = ? ORDER BY start_at').all(row.user_id, row.day) as Row[];
    return {
      userId: row.user_id as number,
      day: row.day as string,
      startedAt: date(row.started_at),
      endedAt: optionalDate(row.ended_at),
      breaks: breaks.map((b) => ({ id: b.id as number, startAt: date(b.start_at), endAt: optionalDate(b.end_at) })),
    };
  }

  insertWorkDay(userId: number, day: string, startedAt: Date): void {
    this.sql('INSERT INTO work_days (user_id, day, started_at) VALUES (?, ?, ?)').run(userId, day, startedAt.getTime());
  }

  setWorkDayEnd(userId: number, day: string, endedAt: Date | null): void {
    this.sql('UPDATE work_days SET ended_at = ? WHERE user_id = ? AND day = ?').run(endedAt?.getTime() ?? null, userId, day);
  }

  openBreakOf(userId: number): { id: number; day: string; startAt: Date } | undefined {
    const row = this.sql('SELECT id, day, start_at FROM work_breaks WHERE user_id = ? AND end_at IS NULL').get(userId) as Row | undefined;
    return row ? { id: row.id as number, day: row.day as string, startAt: date(row.start_at) } : undefined;
  }

  insertBreak(userId: number, day: string, startAt: Date): void {
    this.sql('INSERT INTO work_breaks (user_id, day, start_at) VALUES (?, ?, ?)').run(userId, day, startAt.getTime());
  }

  endBreak(id: number, endAt: Date): void {
    this.sql('UPDATE work_breaks SET end_at = ? WHERE id = ?').run(endAt.getTime(), id);
  }

  planItems(userId: number, day: string): PlanItem[] {
    const rows = this.sql('SELECT task_id, kind, added_at FROM plan_items WHERE user_id = ? AND day = ? ORDER BY added_at').all(userId, day) as Row[];
    return rows.map((r) => ({ taskId: r.task_id as number, kind: r.kind as PlanItemKind, addedAt: date(r.added_at) }));
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

  tasksDueBetween(userId: number, from: Date, to: Date): Task[] {
    return this.tasksWhere('WHERE t.responsible_id = @user AND t.deadline_at >= @from AND t.deadline_at < @to AND t.deleted_at IS NULL', 'ORDER BY t.deadline_at, t.id', '', {
      user: userId,
      from: from.getTime(),
      to: to.getTime(),
    });
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

  reportsOf(managerId: number): User[] {
    return (this.sql('SELECT * FROM users WHERE manager_id = ? ORDER BY name').all(managerId) as Row[]).map(rowToUser);
  }

  observedCounts(userIds: readonly number[]): Map<number, number> {
    const rows = this.sql(
      `SELECT o.user_id, count(*) AS n FROM task_observers o JOIN tasks t ON t.id = o.task_id
       WHERE o.user_id IN (SELECT value FROM json_each(?)) AND t.status NOT IN ('completed', 'declined') AND t.deleted_at IS NULL
       GROUP BY o.user_id`,
    ).all(JSON.stringify(userIds)) as { user_id: number; n: number }[];
    return new Map(rows.map((r) => [r.user_id, r.n]));
  }

  ratingsBetween(userIds: readonly number[], from: Date, to: Date) {
    const rows = this.sql(
      `SELECT c.*, u.name AS author_name, t.title AS task_title, t.responsible_id FROM comments c
       JOIN tasks t ON t.id = c.task_id JOIN users u ON u.id = c.author_id
       WHERE c.kind = 'rating' AND t.responsible_id IN (SELECT value FROM json_each(?)) AND c.created_at >= ? AND c.created_at < ? ORDER BY c.created_at, c.id`,
    ).all(JSON.stringify(userIds), from.getTime(), to.getTime()) as Row[];
    return rows.map((row) => ({ comment: rowToComment(row), taskId: row.task_id as number, taskTitle: row.task_title as string, responsibleId: row.responsible_id as number }));
  }

  deadlineMovesBetween(userIds: readonly number[], from: Date, to: Date): { taskId: number; title: string; responsibleId: number; moves: number }[] {
    const rows = this.sql(
      // From the people's tasks (an index) into each one's history (by task and time), not the whole history.
      `SELECT t.id, t.title, t.responsible_id, count(*) FROM tasks t CROSS JOIN history h ON h.task_id = t.id
       WHERE h.field = 'deadline' AND h.old_value IS NOT NULL AND h.at >= ? AND h.at < ?
         AND t.responsible_id IN (SELECT value FROM json_each(?)) AND t.deleted_at IS NULL
       GROUP BY t.id ORDER BY t.id`,
    )
      .raw()
      .all(from.getTime(), to.getTime(), JSON.stringify(userIds)) as [number, string, number, number][];
    return rows.map(([taskId, title, responsibleId, moves]) => ({ taskId, title, responsibleId, moves }));
  }

  plannedTaskIdsFrom(userIds: readonly number[], fromDay: string): Set<number> {
    const ids = this.sql(
      `SELECT DISTINCT task_id FROM plan_items WHERE user_id IN (SELECT value FROM json_each(?)) AND day >= ? AND kind <> 'removed'`,
    )
      .pluck()
      .all(JSON.stringify(userIds), fromDay) as number[];
    return new Set(ids);
  }

  negativeRatingsBetween(userIds: readonly number[], from: Date, to: Date) {
    const rows = this.sql(
      `SELECT c.*, u.name AS author_name, t.title AS task_title, t.responsible_id FROM comments c
       JOIN tasks t ON t.id = c.task_id JOIN users u ON u.id = c.author_id
       WHERE c.kind = 'rating' AND c.body LIKE 'negative%' AND t.responsible_id IN (SELECT value FROM json_each(?))
         AND c.created_at >= ? AND c.created_at < ? ORDER BY c.created_at`,
    ).all(JSON.stringify(userIds), from.getTime(), to.getTime()) as Row[];
    return rows.map((row) => ({ comment: rowToComment(row), taskId: row.task_id as number, taskTitle: row.task_title as string, responsibleId: row.responsible_id as number }));
  }

  resultsMadeBetween(userIds: readonly number[], from: Date, to: Date): { taskId: number; responsibleId: number; at: Date }[] {
    const rows = this.sql(
      `SELECT c.task_id, t.responsible_id, c.created_at FROM comments c JOIN tasks t ON t.id = c.task_id
       WHERE c.kind = 'result' AND c.created_at >= ? AND c.created_at < ? AND t.responsible_id IN (SELECT value FROM json_each(?)) AND t.deleted_at IS NULL`,
    )
      .raw()
      .all(from.getTime(), to.getTime(), JSON.stringify(userIds)) as [number, number, number][];
    return rows.map(([taskId, responsibleId, at]) => ({ taskId, responsibleId, at: date(at) }));
  }

  closedBetween(userIds: readonly number[], from: Date, to: Date): { task: Task; result: TaskResult | null }[] {
    const ids = this.sql(
      `SELECT DISTINCT c.task_id FROM comments c JOIN tasks t ON t.id = c.task_id
       WHERE c.kind = 'result' AND c.created_at >= ? AND c.created_at < ? AND t.responsible_id IN (SELECT value FROM json_each(?)) AND t.deleted_at IS NULL`,
    ).all(from.getTime(), to.getTime(), JSON.stringify(userIds)) as { task_id: number }[];
    const tasks = this.findTasks({ ids: ids.map((r) => r.task_id), order: 'created' });
    return tasks.map((task) => ({ task, result: this.lastResultOf(task.id) ?? null }));
  }

  // --- history

  insertHistory(entries: readonly NewHistoryEntry[]): void {
    const insert = this.sql('INSERT INTO history (task_id, actor_id, at, field, old_value, new_value, note, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const e of entries) insert.run(e.taskId, e.actorId, e.at.getTime(), e.field, e.oldValue, e.newValue, e.note, e.via ?? null);
  }

  deadlineChanges(taskIds: readonly number[]): { taskId: number; at: Date; oldValue: string | null; newValue: string | null }[] {
    if (taskIds.length === 0) return [];
    const rows = this.sql(
      `SELECT task_id, at, old_value, new_value FROM history WHERE task_id IN (SELECT value FROM json_each(?)) AND field = 'deadline' ORDER BY task_id, at, id`,
    )
      .raw()
      .all(JSON.stringify(taskIds)) as [number, number, string | null, string | null][];
    return rows.map(([taskId, at, oldValue, newValue]) => ({ taskId, at: date(at), oldValue, newValue }));
  }

  historyOf(taskId: number): HistoryEntry[] {
    const rows = this.sql(
      'SELECT h.*, u.name AS actor_name FROM history h JOIN users u ON u.id = h.actor_id WHERE h.task_id = ? ORDER BY h.at, h.id',
    ).all(taskId) as Row[];
    return rows.map(rowToHistory);
  }
  changeEndingWith(last: HistoryEntry): HistoryEntry[] {
    // A rowid range: one command's rows are written together, so they sit just before its last row.
    const rows = this.sql(
      `SELECT h.*, u.name AS actor_name FROM history h JOIN users u ON u.id = h.actor_id
       WHERE h.id BETWEEN ? AND ? AND h.actor_id = ? AND h.at = ? AND h.field <> 'seen' ORDER BY h.id`,
    ).all(last.id - 50_000, last.id, last.actorId, last.at.getTime()) as Row[];
    return rows.map(rowToHistory);
  }

  lastChangeBy(actorId: number): HistoryEntry | undefined {
    // Walks the history backwards by id and stops at the person's newest row.
    const row = this.sql(
      `SELECT h.*, u.name AS actor_name FROM history h JOIN users u ON u.id = h.actor_id
       WHERE h.actor_id = ? AND h.field <> 'seen' ORDER BY h.id DESC LIMIT 1`,
    ).get(actorId) as Row | undefined;
    return row ? rowToHistory(row) : undefined;
  }

}

/** A row of the correction log (time_entry_changes). */
function rowToEntryChange(row: Row): EntryChange {
  return {
    entryId: row.entry_id as number,
    actorId: row.actor_id as number,
    at: date(row.at),
    oldStart: optionalDate(row.old_start),
    oldEnd: optionalDate(row.old_end),
    newStart: date(row.new_start),
    newEnd: optionalDate(row.new_end),
    comment: row.comment as string,
    retroactive: row.retroactive === 1,
    reason: row.reason as string | null,
    ...(row.old_task_id !== null ? { taskMove: { from: row.old_task_id as number, to: row.new_task_id as number } } : {}),
  };
}
