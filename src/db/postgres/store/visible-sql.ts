import type { TaskVisibility } from '../../../core/store.js';
import type { SqlParams } from './params.js';
import { visibleTaskSql } from './task-sql.js';

/** R4 for each table of a dump: the rows of the tasks the person may see and of the people among userIds. */
export function visibleRowsSql(table: string, visibleTo: TaskVisibility, params: SqlParams): string {
  // Parameters are added only by the terms used: the server refuses a parameter a statement never reads.
  const visibleTask = (column: string) =>
    `${column} IN (SELECT vt.id FROM tasks vt WHERE ${visibleTaskSql(visibleTo, params, 'vt')})`;
  const visibleUser = (column: string) => `${column} = ANY (${params.list(visibleTo.userIds, 'bigint')})`;
  const visibleEntry = () => `${visibleUser('user_id')} AND ${visibleTask('task_id')}`;
  const visibleTemplate = () =>
    `${visibleUser('responsible_id')} OR director_id = ${params.add(visibleTo.actorId)}`;
  const byTable: Record<string, () => string> = {
    projects: () =>
      `id IN (SELECT vt.project_id FROM tasks vt WHERE ${visibleTaskSql(visibleTo, params, 'vt')})`,
    tags: () => `id IN (SELECT tag_id FROM task_tags WHERE ${visibleTask('task_id')})`,
    tasks: () => visibleTask('id'),
    task_tags: () => visibleTask('task_id'),
    task_observers: () => visibleTask('task_id'),
    task_coexecutors: () => visibleTask('task_id'),
    crm_links: () => visibleTask('task_id'),
    task_links: () => `${visibleTask('task_id')} AND ${visibleTask('other_id')}`,
    time_entries: visibleEntry,
    time_entry_changes: () => `entry_id IN (SELECT id FROM time_entries WHERE ${visibleEntry()})`,
    comments: () => visibleTask('task_id'),
    results: () => `comment_id IN (SELECT id FROM comments WHERE ${visibleTask('task_id')})`,
    history: () => visibleTask('task_id'),
    external_ids: () => `CASE entity WHEN 'task' THEN ${visibleTask('local_id')}
      WHEN 'entry' THEN local_id IN (SELECT id FROM time_entries WHERE ${visibleEntry()})
      WHEN 'comment' THEN local_id IN (SELECT id FROM comments WHERE ${visibleTask('task_id')})
      WHEN 'annotation' THEN local_id IN (SELECT id FROM comments WHERE ${visibleTask('task_id')})
      WHEN 'template' THEN local_id IN (SELECT id FROM templates WHERE ${visibleTemplate()})
      ELSE true END`,
    day_reports: () => visibleUser('user_id'),
    work_days: () => visibleUser('user_id'),
    work_breaks: () => visibleUser('user_id'),
    plan_items: () => `${visibleUser('user_id')} AND ${visibleTask('task_id')}`,
    templates: visibleTemplate,
    template_occurrences: () =>
      `template_id IN (SELECT id FROM templates WHERE ${visibleTemplate()}) AND ${visibleTask('task_id')}`,
  };
  const term = byTable[table];
  return term === undefined ? '' : `WHERE ${term()}`;
}
