import type { CoreContext } from './context.js';
import { RuleError, UsageError } from './errors.js';
import { requireUser } from './identity.js';
import type { User } from './types.js';

/** R4: a manager sees the plans, reports and time of the people who report to them (an admin sees everyone's). */
export function checkMaySee(ctx: CoreContext, user: User): void {
  if (user.id === ctx.actor.id || ctx.actor.role === 'admin' || user.managerId === ctx.actor.id) return;
  throw new RuleError('R4', `${user.name} does not report to you; a manager sees the plans, reports and time of their own people only`);
}

/** The person a plan, report or time list is about: the actor, or someone the actor may see (R4). */
export function subjectOf(ctx: CoreContext, userName: string | undefined): User {
  if (userName === undefined || userName === ctx.actor.name) return ctx.actor;
  const user = requireUser(ctx.store, userName);
  checkMaySee(ctx, user);
  return user;
}

/** R4: the named people (each one the actor may see), or everyone who reports to the actor. */
export function teamOf(ctx: CoreContext, userNames: readonly string[] | undefined): User[] {
  const people = userNames?.length ? userNames.map((name) => subjectOf(ctx, name)) : ctx.store.reportsOf(ctx.actor.id);
  if (people.length === 0) {
    throw new UsageError(`nobody reports to ${ctx.actor.name}; add people with: task user add NAME --manager ${ctx.actor.name}, or name them with --user`);
  }
  return people;
}
