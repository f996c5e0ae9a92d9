import { NotFoundError } from './errors.js';
import { formatLocalDateTime } from './local-time.js';
import type { Store } from './store.js';
import type { Task } from './types.js';

/** A task by id, deleted ones too (its history and details stay readable, R36). */
export function requireAnyTask(store: Store, id: number): Task {
  const task = store.getTask(id);
  if (!task) throw new NotFoundError(`task ${id} not found; see the list with: task list --all`);
  return task;
}

export function requireTask(store: Store, id: number): Task {
  const task = store.getTask(id);
  if (!task) throw new NotFoundError(`task ${id} not found; see the list with: task list --all`);
  if (task.deletedAt !== null)
    throw new NotFoundError(
      `task ${id} was deleted on ${formatLocalDateTime(task.deletedAt)}; bring it back with: task restore ${id}`,
    );
  return task;
}
