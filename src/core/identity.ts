import { NotFoundError, UsageError } from './errors.js';
import type { Store } from './store.js';
import { ROLES, type Role, type User } from './types.js';

const USER_NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

export function assertUserName(name: string): string {
  if (!USER_NAME.test(name)) {
    throw new UsageError(`"${name}" is not a user name; use letters, digits, dot, dash, underscore or @ (at most 64)`);
  }
  return name;
}

/**
 * Finds the acting user. On an empty database the first acting user is created (the set-up needs no
 * extra step); after that an unknown name is refused, so a typo never creates a ghost person in a
 * shared file.
 */
export function resolveActor(store: Store, name: string, now: Date): User {
  const known = store.read(() => store.findUserByName(name));
  if (known) return known;
  return store.write(() => {
    const again = store.findUserByName(name);
    if (again) return again;
    if (store.countUsers() > 0) throw unknownUser(store, name);
    return store.insertUser({ name: assertUserName(name), fullName: null, role: 'admin', managerId: null, createdAt: now });
  });
}

/** Looks up a person named on the command line (--director, --responsible, --as ...). */
export function requireUser(store: Store, name: string): User {
  const user = store.findUserByName(name);
  if (!user) throw unknownUser(store, name);
  return user;
}

function unknownUser(store: Store, name: string): UsageError {
  const known = store.listUsers().map((u) => u.name);
  return new UsageError(`unknown user "${name}"; known users: ${known.join(', ')}; add one with: task user add NAME`);
}

export interface NewUserInput {
  name: string;
  fullName?: string | null;
  role?: Role;
  manager?: string | null;
}

export function addUser(store: Store, input: NewUserInput, now: Date): User {
  return store.write(() => {
    const name = assertUserName(input.name);
    if (store.findUserByName(name)) throw new UsageError(`user "${name}" already exists`);
    const role = input.role ?? 'employee';
    if (!ROLES.includes(role)) throw new UsageError(`--role: "${role}" is not one of ${ROLES.join(', ')}`);
    const manager = input.manager ? store.findUserByName(input.manager) : undefined;
    if (input.manager && !manager) throw new NotFoundError(`manager "${input.manager}" is not a known user; add them first with: task user add ${input.manager}`);
    return store.insertUser({ name, fullName: input.fullName ?? null, role, managerId: manager?.id ?? null, createdAt: now });
  });
}
