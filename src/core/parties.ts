import { isAboveInChain, taskRelations, type TaskRelation } from './rules/permissions.js';
import type { Store } from './store.js';
import type { Task, User } from './types.js';

/** True when `managerId` is the person's manager, or theirs, up the reporting chain (R4, R38). */
export function managesUser(store: Store, managerId: number, userId: number): boolean {
  return isAboveInChain((id) => store.getUser(id)?.managerId ?? null, managerId, userId);
}

/** How the person stands to a task (R38): responsible, director, manager, observer, administrator or nobody. */
export function relationsOf(store: Store, actor: User, task: Pick<Task, 'id' | 'responsibleId' | 'directorId'>): Set<TaskRelation> {
  return taskRelations({
    actor,
    task,
    observes: store.observersOf(task.id).includes(actor.name),
    managesResponsible: managesUser(store, actor.id, task.responsibleId),
  });
}
