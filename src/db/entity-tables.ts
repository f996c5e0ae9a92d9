import type { EntityKind } from '../core/store.js';

/**
 * Where each kind of dumped record lives: the same tables and names in the SQLite file and on the team
 * server (src/db/postgres/migrations/0001 mirrors src/db/migrations), so both stores dump and load by it.
 */
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

/** The key order a dump lists the records of a table without an `id` in (the others: by id). */
export const KEY_ORDER_OF_TABLE: Readonly<Record<string, string>> = {
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
