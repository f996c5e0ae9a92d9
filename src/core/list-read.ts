import type { CoreContext } from './context.js';
import { prerequisitesByTask } from './dependencies.js';
import { visibleTo } from './rules/visibility.js';
import type { TaskWithSpent } from './time-entries.js';
import { type ListFilter, listInPages, listRowsInPages, type PagedList, type PagedRows } from './views.js';

/** A list of whole tasks read page by page, with who waits for whom among its tasks (R24 +BLOCKED, +BLOCKING). */
export interface ListRead extends PagedList<TaskWithSpent> {
  dependsOn: Map<number, number[]>;
  waitingFor: Map<number, number[]>;
}

/** A list's table read page by page: its rows, the names of the people responsible, who waits for whom. */
export interface TableRead extends PagedRows {
  /** Each person's name by id (the rows name the responsible by id). */
  names: ReadonlyMap<number, string>;
  /** The open tasks each of these listed tasks waits for (R24 +BLOCKED): ask once every page has been read. */
  waitingFor(ids: readonly number[]): ReadonlyMap<number, readonly number[]>;
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

/**
 * Reads a list's table rows (only its columns, in one pass over the tasks) inside one read transaction and
 * hands them to `use`; the dependencies of the listed tasks are read after the last page (the pages come
 * from one running statement on SQLite).
 */
export function readTaskTable<R>(ctx: CoreContext, filter: ListFilter, use: (table: TableRead) => R): R {
  return ctx.store.read(() => {
    const names = new Map(ctx.store.listUsers().map((user) => [user.id, user.name]));
    const { pages, spentSeconds } = listRowsInPages(ctx, filter);
    const waitingFor = (ids: readonly number[]) =>
      prerequisitesByTask(ctx.store, ids, visibleTo(ctx)).waitingFor;
    return use({ pages, spentSeconds, names, waitingFor });
  });
}
