import type { CoreContext } from './context.js';
import { UsageError } from './errors.js';
import { historyRow } from './history.js';
import { requireAnyTask, requireTask } from './task-lookup.js';
import { setStatus, type TaskOutcome } from './task-save.js';
import { checkNoOpenRemarks, checkMayDelete } from './rules/index.js';
import { relationsOf } from './relation.js';
import { stopRunningEntriesOnTask } from './time-entries.js';

// Deleting a task and bringing it back (R0: nothing is lost).

/** Deleting hides a task but keeps it and its history (R0: nothing is lost). */
export function deleteTask(ctx: CoreContext, id: number): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTask(store, id);
    checkMayDelete(task, relationsOf(store, actor, task));
    checkNoOpenRemarks(
      task,
      store
        .openRemarksFor(task.responsibleId)
        .filter((r) => r.taskId === id)
        .map((r) => r.comment.id),
    );
    const openChildren = store
      .findTasks({ parentId: id })
      .filter((t) => t.status !== 'completed' && t.status !== 'declined');
    if (openChildren.length)
      throw new UsageError(
        `task ${id} has open subtasks (${openChildren.map((t) => t.id).join(', ')}); close or move them first`,
      );
    const stopped = stopRunningEntriesOnTask(store, id, now);
    // A deleted task is not being worked on: it comes back (task restore) pending, not "in progress".
    if (task.status === 'in_progress') setStatus(ctx, task, 'pending');
    store.updateTask(id, { deletedAt: now, updatedAt: now });
    store.insertHistory([historyRow(id, actor.id, now, 'deleted', null, now.toISOString())]);
    const warnings = stopped ? [`the running timer on task ${id} was stopped first; its time is kept`] : [];
    return { task: requireAnyTask(store, id), warnings };
  });
}

/** Brings a deleted task back as it was (R0: nothing is lost; R36: the restore is in its history). */
export function restoreTask(ctx: CoreContext, id: number): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireAnyTask(store, id);
    if (task.deletedAt === null) throw new UsageError(`task ${id} is not deleted`);
    checkMayDelete(task, relationsOf(store, actor, task), 'restore');
    store.updateTask(id, { deletedAt: null, updatedAt: now });
    store.insertHistory([historyRow(id, actor.id, now, 'deleted', task.deletedAt.toISOString(), null)]);
    return { task: { ...task, deletedAt: null }, warnings: [] };
  });
}
