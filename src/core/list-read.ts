import type { CoreContext } from './context.js';
import { prerequisitesByTask } from './dependencies.js';
import { visibleTo } from './rules/visibility.js';
import type { TaskWithSpent } from './time-entries.js';
import { type ListFilter, listInPages, listRowsInPages, type PagedList, type PagedRows } from './views.js';

/** Who waits for whom among a list's tasks (R24 +BLOCKED, +BLOCKING). */
interface Prerequisites {
  dependsOn: Map<number, number[]>;
  waitingFor: Map<number, number[]>;
}

/** A list of whole tasks read page by page, with who waits for whom among its tasks. */
export interface ListRead extends PagedList<TaskWithSpent>, Prerequisites {}

/** A list's table read page by page: its rows, the names of the people responsible, who waits for whom. */
export interface TableRead extends PagedRows, Prerequisites {
  /** Each person's name by id (the rows name the responsible by id). */
  names: ReadonlyMap<number, string>;
}

/**
 * Reads a list of whole tasks (for JSON) inside one read transaction and hands it to `use` (which writes
 * it out page by page: a list of 100,000 tasks is never one array in memory).
 */
export function readTaskList<R>(ctx: CoreContext, filter: ListFilter, use: (list: ListRead) => R): R {
  return ctx.store.read(() => {
    const list = listInPages(ctx, filter);
    return use({ ...list, ...prerequisitesByTask(ctx.store, list.ids, visibleTo(ctx)) });
  });
}

/** Reads a list's table rows (only its columns) inside one read transaction and hands them to `use`. */
export function readTaskTable<R>(ctx: CoreContext, filter: ListFilter, use: (table: TableRead) => R): R {
  return ctx.store.read(() => {
    const rows = listRowsInPages(ctx, filter);
    const names = new Map(ctx.store.listUsers().map((user) => [user.id, user.name]));
    return use({ ...rows, names, ...prerequisitesByTask(ctx.store, rows.ids, visibleTo(ctx)) });
  });
}
