import { isAboveInChain } from './permissions.js';
import type { CoreContext } from '../context.js';
import { NotFoundError, RuleError, UsageError } from '../errors.js';
import { requireUser } from '../identity.js';
import type { Store, TaskVisibility } from '../store.js';
import type { Task, User } from '../types.js';

/*
 * R4, R38: who may see what. A person sees their own tasks and the tasks they are party to (responsible,
 * director, observer), and the tasks whose responsible is below them in the reporting chain (their
 * people, their people's people, ...); the time entries, plans and day reports of themselves and of the
 * people below them. An administrator sees everything (whole-database export and backup need it).
 *
 * The manager-chain helpers (`peopleBelow`, `isBelowInChain`) are the small API the write gate uses too.
 */

/** Everything (an administrator), or the people whose work the actor sees and the actor (R4). */
export type VisibleScope = 'all' | { actorId: number; userIds: ReadonlySet<number> };

/** Everyone below this manager in the reporting chain (their people, their people's people, ...), nearest first. */
export function peopleBelow(store: Store, managerId: number): User[] {
  return chainBelow(store.listUsers(), managerId);
}

/** R4, R38: whether `userId` reports to `managerId`, directly or through managers below them. */
export function isBelowInChain(store: Store, managerId: number, userId: number): boolean {
  return isAboveInChain((id) => store.getUser(id)?.managerId ?? null, managerId, userId);
}

/** The chain below a manager over a list of users; a loop in the data (a reports to b reports to a) ends the walk. */
function chainBelow(users: readonly User[], managerId: number): User[] {
  const below: User[] = [];
  const seen = new Set<number>([managerId]);
  for (let frontier = [managerId]; frontier.length > 0; ) {
    const next = users.filter(
      (user) => user.managerId !== null && frontier.includes(user.managerId) && !seen.has(user.id),
    );
    for (const user of next) seen.add(user.id);
    below.push(...next);
    frontier = next.map((user) => user.id);
  }
  return below;
}

/** R4, R38: what the actor may see - everything for an administrator, else themselves and everyone below them. */
export function visibleScope(store: Store, actor: User): VisibleScope {
  if (actor.role === 'admin') return 'all';
  return {
    actorId: actor.id,
    userIds: new Set([actor.id, ...peopleBelow(store, actor.id).map((user) => user.id)]),
  };
}

/** R4: whether the actor may see this person's time entries, plans and day reports. */
export function maySeeUser(scope: VisibleScope, userId: number): boolean {
  return scope === 'all' || scope.userIds.has(userId);
}

/** R4, R38: whether the actor may see this task: party to it (responsible, director, observer) or above its responsible. */
export function maySeeTask(
  store: Store,
  scope: VisibleScope,
  task: Pick<Task, 'id' | 'responsibleId' | 'directorId'>,
): boolean {
  if (scope === 'all' || scope.userIds.has(task.responsibleId) || task.directorId === scope.actorId)
    return true;
  const actor = store.getUser(scope.actorId);
  return actor !== undefined && store.observersOf(task.id).includes(actor.name);
}

/** The store's task restriction for a scope (undefined: no restriction), done in SQL so lists stay fast. */
export function taskVisibility(scope: VisibleScope): TaskVisibility | undefined {
  return scope === 'all' ? undefined : { actorId: scope.actorId, userIds: [...scope.userIds] };
}

/** The actor's scope as a task restriction, ready for a TaskQuery's `visibleTo`. */
export function visibleTo(ctx: CoreContext): TaskVisibility | undefined {
  return taskVisibility(visibleScope(ctx.store, ctx.actor));
}

/**
 * R4: a task the actor may not see is answered as if it did not exist (exit 4), so its existence does
 * not leak; the same message as an id that was never used.
 */
export function checkMaySeeTask(ctx: CoreContext, task: Task): Task {
  if (!maySeeTask(ctx.store, visibleScope(ctx.store, ctx.actor), task)) {
    throw new NotFoundError(`task ${task.id} not found; see the list with: task list --all`);
  }
  return task;
}

/** R4: a manager sees the plans, reports and time of the people below them (an admin sees everyone's). */
export function checkMaySee(ctx: CoreContext, user: User): void {
  if (maySeeUser(visibleScope(ctx.store, ctx.actor), user.id)) return;
  throw new RuleError(
    'R4',
    `${user.name} does not report to you; a manager sees the plans, reports and time of their own people only`,
  );
}

/** The person a plan, report or time list is about: the actor, or someone the actor may see (R4). */
export function subjectOf(ctx: CoreContext, userName: string | undefined): User {
  if (userName === undefined || userName === ctx.actor.name) return ctx.actor;
  const user = requireUser(ctx.store, userName);
  checkMaySee(ctx, user);
  return user;
}

/** R4: the named people (each one the actor may see), or everyone who reports to the actor directly. */
export function teamOf(ctx: CoreContext, userNames: readonly string[] | undefined): User[] {
  const people = userNames?.length ? namedPeople(ctx, userNames) : ctx.store.reportsOf(ctx.actor.id);
  if (people.length === 0) {
    throw new UsageError(
      `nobody reports to ${ctx.actor.name}; add people with: task user add NAME --manager ${ctx.actor.name}, or name them with --user`,
    );
  }
  return people;
}

/**
 * subjectOf for each name, the people read once: a team of fifty named one by one was fifty queries (a
 * round trip each on the team server). A name not found by its exact spelling is asked as before, so an
 * unknown or differently written name gets the same answer.
 */
function namedPeople(ctx: CoreContext, userNames: readonly string[]): User[] {
  if (userNames.length === 1) return [subjectOf(ctx, userNames[0])];
  const byName = new Map(ctx.store.listUsers().map((user) => [user.name, user]));
  return userNames.map((name) => {
    const user = name === ctx.actor.name ? undefined : byName.get(name);
    if (!user) return subjectOf(ctx, name);
    checkMaySee(ctx, user);
    return user;
  });
}

/** R4: of these people, the ones whose work the actor may see (everyone, for an administrator). */
export function visiblePeople(ctx: CoreContext, users: readonly User[]): User[] {
  const scope = visibleScope(ctx.store, ctx.actor);
  return users.filter((user) => maySeeUser(scope, user.id));
}

/** R4: what an export by someone other than an administrator leaves out, to say on stderr; null for an administrator. */
export function exportScopeNote(actor: User): string | null {
  if (actor.role === 'admin') return null;
  return `R4: exported only what ${actor.name} may see (their tasks, the tasks they direct or observe, and the tasks, time and reports of the people below them); an administrator exports the whole database`;
}
