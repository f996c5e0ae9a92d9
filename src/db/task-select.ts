import { OPEN_STATUSES } from '../core/status.js';
import type { Task, TaskSummary } from '../core/types.js';

/** The open statuses as an SQL list: ('new', 'pending', ...). The same text on SQLite and PostgreSQL. */
export const OPEN_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * Each field of a task but its tags and the SQL that reads it over a store's TASK_FROM (aliases t, p, d, r):
 * the same columns in the SQLite file and on the team server, so both stores' select lists start here and
 * add the tags their own way (tests/unit/task-rows.test.ts, tests/pg/task-rows.test.ts: every column of the
 * tasks table is read and written).
 */
export const TASK_FIELD_SQL = {
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
  review: 't.review',
  trackedSeconds: 't.tracked_ms',
} as const satisfies Record<Exclude<keyof Task, 'tags'>, string>;

/** What a list view reads of a task (over SUMMARY_FROM): the same expressions, fewer fields. */
export const SUMMARY_SELECT = {
  id: TASK_FIELD_SQL.id,
  title: TASK_FIELD_SQL.title,
  status: TASK_FIELD_SQL.status,
  priority: TASK_FIELD_SQL.priority,
  deadline: TASK_FIELD_SQL.deadline,
  deadlineAllDay: TASK_FIELD_SQL.deadlineAllDay,
  deadlineHard: TASK_FIELD_SQL.deadlineHard,
  plannedMinutes: TASK_FIELD_SQL.plannedMinutes,
  responsibleId: TASK_FIELD_SQL.responsibleId,
  responsible: TASK_FIELD_SQL.responsible,
  seenAt: TASK_FIELD_SQL.seenAt,
  trackedSeconds: TASK_FIELD_SQL.trackedSeconds,
} as const satisfies Record<keyof TaskSummary, string>;
