import type { CoreContext } from './context.js';
import type { ActorRelation } from './rules/deadlines.js';
import { isAboveInChain, taskRelations, type TaskRelation } from './rules/permissions.js';
import type { Store } from './store.js';
import type { Task, User } from './types.js';

/** True when `managerId` is the person's manager, or their manager's, up the chain (R4, R38). */
export function managesUser(store: Store, managerId: number, userId: number): boolean {
  return isAboveInChain((id) => store.getUser(id)?.managerId ?? null, managerId, userId);
}

/** How the acting person stands to the task - what the rules (R10, R29, R30) ask about the actor. */
export function relationTo(
  ctx: CoreContext,
  task: Pick<Task, 'responsibleId' | 'directorId'>,
): ActorRelation {
  const { actor, store } = ctx;
  return {
    isResponsible: task.responsibleId === actor.id,
    isDirector: task.directorId === actor.id,
    isResponsiblesManager:
      task.responsibleId !== actor.id && managesUser(store, actor.id, task.responsibleId),
  };
}

/** How the person stands to a task for the permission table (R38): responsible, director, manager, observer, administrator or nobody. */
export function relationsOf(
  store: Store,
  actor: User,
  task: Pick<Task, 'id' | 'responsibleId' | 'directorId'>,
): Set<TaskRelation> {
  return taskRelations({
    actor,
    task,
    observes: store.observersOf(task.id).includes(actor.name),
    managesResponsible: managesUser(store, actor.id, task.responsibleId),
  });
}
