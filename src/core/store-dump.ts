// A whole-database dump in the domain's words: the kinds of record and how they are loaded.
// Part of the Store port (src/core/store.ts re-exports every name).

/**
 * The kinds of record a whole-database dump holds, in an order that loads cleanly (people before the
 * tasks that name them, tasks before their time). Named by the domain; the export file keeps its own
 * section names for them (core/interchange/regula.ts).
 */
export const ENTITY_KINDS = [
  'instance',
  'people',
  'policy',
  'policyChanges',
  'projects',
  'tags',
  'tasks',
  'taskTags',
  'observers',
  'coExecutors',
  'crmLinks',
  'dependencies',
  'timeEntries',
  'entryCorrections',
  'comments',
  'results',
  'history',
  'importIds',
  'dayReports',
  'dayAmendments',
  'workDays',
  'breaks',
  'planItems',
  'templates',
  'templateOccurrences',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * Which fields of a dumped record are instants (`created_at`, `start_at`, `old_end`, ...): ISO 8601 UTC
 * text in a dump, a Date when loaded.
 */
export const INSTANT_FIELD = /(^|_)(at|start|end)$/;

/** Records of one kind to load, fields named as in a dump, instants as Date. */
export interface EntitySet {
  kind: EntityKind;
  records: readonly Record<string, unknown>[];
}
