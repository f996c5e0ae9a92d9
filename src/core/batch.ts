import type { CoreContext } from './context.js';
import { RegulaError } from './errors.js';
import type { Store } from './store.js';

/**
 * One change applied to several tasks (`task 12 13 done`, `task 12-15 delete`): one write transaction,
 * so every task changes or none does, and a refusal says which task stopped the batch. With
 * `childrenFirst`, subtasks are changed before their parents (`task 1-3 done` closes a compound task's
 * steps, then the compound task); the results come back in the order the ids were given.
 */
export function changeEachTask<T>(
  ctx: CoreContext,
  ids: readonly number[],
  change: (id: number) => T,
  how: { childrenFirst?: boolean } = {},
): T[] {
  if (ids.length === 1) return [change(ids[0]!)];
  return ctx.store.write(() => {
    const order = how.childrenFirst ? byDepthDeepestFirst(ctx.store, ids) : ids;
    const results = new Map<number, T>();
    for (const id of order) {
      try {
        results.set(id, change(id));
      } catch (error) {
        if (error instanceof RegulaError)
          error.message = `${error.message} (task ${id}; none of the ${ids.length} tasks was changed)`;
        throw error;
      }
    }
    return ids.map((id) => results.get(id)!);
  });
}

function byDepthDeepestFirst(store: Store, ids: readonly number[]): number[] {
  const depth = (id: number) => {
    let levels = 0;
    for (
      let task = store.getTask(id);
      task?.parentId != null && levels < 1000;
      task = store.getTask(task.parentId)
    )
      levels++;
    return levels;
  };
  const depths = new Map(ids.map((id) => [id, depth(id)]));
  return [...ids].sort((a, b) => depths.get(b)! - depths.get(a)!);
}
