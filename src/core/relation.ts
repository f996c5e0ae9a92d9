import type { CoreContext } from './context.js';
import type { ActorRelation } from './rules/deadlines.js';
import type { Store } from './store.js';
import type { Task } from './types.js';

const MAX_CHAIN = 50;

/** True when `managerId` is the person's manager, or their manager's, up the chain (R38). */
export function managesUser(store: Store, managerId: number, userId: number): boolean {
  let cursor = store.getUser(userId);
  for (let depth = 0; cursor && cursor.managerId !== null && depth < MAX_CHAIN; depth++) {
    if (cursor.managerId === managerId) return true;
    cursor = store.getUser(cursor.managerId);
  }
  return false;
}

/** How the acting person stands to the task - what the rules (R10, R29, R30) ask about the actor. */
export function relationTo(ctx: CoreContext, task: Pick<Task, 'responsibleId' | 'directorId'>): ActorRelation {
  const { actor, store } = ctx;
  return {
    isResponsible: task.responsibleId === actor.id,
    isDirector: task.directorId === actor.id,
    isResponsiblesManager: task.responsibleId !== actor.id && managesUser(store, actor.id, task.responsibleId),
  };
}
