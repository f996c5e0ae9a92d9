import type { CoreContext } from '../context.js';
import { diffTask, historyRow } from '../history.js';
import { saveTask } from '../tasks.js';
import type { Task, TaskFields } from '../types.js';
import type { ImportTally } from './summary.js';

export interface ImportedTask {
  /** The task an earlier import of the same record made, if any. */
  existing: Task | undefined;
  /** The existing task as the record now says it should be (fields the import does not own kept). */
  update: (existing: Task) => Task;
  /** The columns of a new task. */
  fields: TaskFields;
  tags: string[];
  /** "Taskwarrior", "Bitrix24": named in the history rows. */
  source: string;
  /** The record's id in the other tool, for the history of a new task. */
  recordId: string;
}

/**
 * Writes one imported task: updates the task an earlier import made (a history row for every field that
 * changed, R36) or inserts a new one (a "created" row naming the record). Returns the task's id.
 */
export function writeImportedTask(ctx: CoreContext, tally: ImportTally, imported: ImportedTask): number {
  const { store, actor, now } = ctx;
  const { existing } = imported;
  if (existing) {
    const after = imported.update(existing);
    const rows = diffTask(existing, after, actor.id, now, `imported from ${imported.source}`);
    saveTask(store, existing, after, now);
    store.insertHistory(rows);
    tally.updated('tasks');
    return existing.id;
  }
  const taskId = store.insertTask(imported.fields);
  if (imported.tags.length) store.setTags(taskId, imported.tags);
  store.insertHistory([historyRow(taskId, actor.id, now, 'created', null, imported.fields.title, `imported from ${imported.source} ${imported.recordId}`)]);
  tally.created('tasks');
  return taskId;
}
