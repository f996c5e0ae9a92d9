import type { CoreContext } from './context.js';
import { prerequisitesByTask } from './dependencies.js';
import { visibleTo } from './rules/visibility.js';
import type { TaskWithSpent } from './time-entries.js';
import type { Task, TaskSummary } from './types.js';
import { type ListFilter, listInPages, type PagedList } from './views.js';

/** A list read page by page, with who waits for whom among its tasks (R24 +BLOCKED, +BLOCKING). */
export interface ListRead<T extends TaskSummary> extends PagedList<T> {
  dependsOn: Map<number, number[]>;
  waitingFor: Map<number, number[]>;
}

/**
 * Reads a list inside one read transaction and hands it to `use` (which writes it out page by page: a
 * list of 100,000 tasks is never one array in memory). `narrow`: the columns of the table, not whole tasks.
 */
export function readTaskList<R>(
  ctx: CoreContext,
  filter: ListFilter,
  narrow: true,
  use: (list: ListRead<TaskSummary>) => R,
): R;
export function readTaskList<R>(
  ctx: CoreContext,
  filter: ListFilter,
  narrow: false,
  use: (list: ListRead<Task>) => R,
): R;
export function readTaskList<R>(
  ctx: CoreContext,
  filter: ListFilter,
  narrow: boolean,
  use: (list: ListRead<Task>) => R,
): R {
  return ctx.store.read(() => {
    const list = narrow ? listInPages(ctx, filter, true) : listInPages(ctx, filter, false);
    const { dependsOn, waitingFor } = prerequisitesByTask(ctx.store, list.ids, visibleTo(ctx));
    return use({
      ids: list.ids,
      pages: () => list.pages() as Generator<TaskWithSpent<Task>[]>,
      dependsOn,
      waitingFor,
    });
  });
}
