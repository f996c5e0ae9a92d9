import type { CoreContext } from './context.js';
import { addUser, editUser, type NewUserInput, type UserChanges } from './identity.js';
import type { User } from './types.js';

/** A person as `task user` shows them: whom they report to (R4) by name, and whether it is the actor. */
export interface PersonView {
  user: User;
  manager: string | null;
  isActor: boolean;
}

/** `task user add`: the manager named as it was given. */
export function addPerson(ctx: CoreContext, input: NewUserInput): PersonView {
  const user = addUser(ctx.store, input, ctx.now);
  return { user, manager: input.manager ?? null, isActor: false };
}

/** `task user edit`. */
export function editPerson(ctx: CoreContext, name: string, changes: UserChanges): PersonView {
  const user = editUser(ctx.store, ctx.actor, name, changes);
  const manager =
    user.managerId === null ? null : (ctx.store.read(() => ctx.store.getUser(user.managerId!))?.name ?? null);
  return { user, manager, isActor: user.id === ctx.actor.id };
}

/** `task user list`: everyone in the database. */
export function listPeople(ctx: CoreContext): PersonView[] {
  const users = ctx.store.read(() => ctx.store.listUsers());
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return users.map((user) => ({
    user,
    manager: user.managerId === null ? null : (nameOf.get(user.managerId) ?? null),
    isActor: user.id === ctx.actor.id,
  }));
}
