import type { CoreContext } from './context.js';
import { RegulaError } from './errors.js';

/**
 * One change applied to several tasks (`task 12 13 done`, `task 12-15 delete`): one write transaction,
 * so every task changes or none does, and a refusal says which task stopped the batch.
 */
export function changeEachTask<T>(ctx: CoreContext, ids: readonly number[], change: (id: number) => T): T[] {
  if (ids.length === 1) return [change(ids[0]!)];
  return ctx.store.write(() =>
    ids.map((id) => {
      try {
        return change(id);
      } catch (error) {
        if (error instanceof RegulaError) error.message = `${error.message} (task ${id}; none of the ${ids.length} tasks was changed)`;
        throw error;
      }
    }),
  );
}
