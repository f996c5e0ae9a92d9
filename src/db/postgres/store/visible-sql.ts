import type { TaskVisibility } from '../../../core/store.js';
import type { SqlValue } from '../connection.js';

/** Positional parameters ($1, $2, ...) collected while a statement is built. */
export class SqlParams {
  readonly values: SqlValue[] = [];

  /** The placeholder of a new parameter holding `value`. */
  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A bigint[] parameter (sent as its text form, '{1,2,3}'). */
  ids(ids: readonly number[]): string {
    return `${this.add(`{${ids.map((id) => Math.trunc(id)).join(',')}}`)}::bigint[]`;
  }

  /** A text[] parameter. */
  texts(texts: readonly string[]): string {
    return `${this.add(`{${texts.map((t) => `"${t.replace(/["\\]/g, '\\$&')}"`).join(',')}}`)}::text[]`;
  }
}

/**
 * R4 as the program applies it (core/rules/visibility.ts, the same terms as SQLite's visibleTaskSql): a
 * task whose responsible is among the visible people, or that the person directs or observes. The
 * server's row-level security holds the same for a person's own connection; this is what an administrator
 * or an export for one person needs.
 */
export function visibleTaskSql(visibleTo: TaskVisibility, params: SqlParams, alias = 't'): string {
  const actor = params.add(visibleTo.actorId);
  return `(${alias}.responsible_id = ANY (${params.ids(visibleTo.userIds)}) OR ${alias}.director_id = ${actor}
    OR EXISTS (SELECT 1 FROM task_observers vo WHERE vo.task_id = ${alias}.id AND vo.user_id = ${actor}))`;
}

/** R4 for each table of a dump: the rows of the tasks the person may see and of the people among userIds. */
export function visibleRowsSql(table: string, visibleTo: TaskVisibility, params: SqlParams): string {
  // Parameters are added only by the terms used: the server refuses a parameter a statement never reads.
  const visibleTask = (column: string) =>
    `${column} IN (SELECT vt.id FROM tasks vt WHERE ${visibleTaskSql(visibleTo, params, 'vt')})`;
  const visibleUser = (column: string) => `${column} = ANY (${params.ids(visibleTo.userIds)})`;
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
