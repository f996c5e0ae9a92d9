import { managesUser } from './relation.js';
import { taskRelations, type TaskRelation } from './rules/permissions.js';
import type { Store } from './store.js';
import type { Task, User } from './types.js';

export { managesUser };

/** How the person stands to a task (R38): responsible, director, manager, observer, administrator or nobody. */
export function relationsOf(store: Store, actor: User, task: Pick<Task, 'id' | 'responsibleId' | 'directorId'>): Set<TaskRelation> {
  return taskRelations({
    actor,
    task,
    observes: store.observersOf(task.id).includes(actor.name),
    managesResponsible: managesUser(store, actor.id, task.responsibleId),
  });
}
