import { NotFoundError, RuleError, UsageError } from './errors.js';
import type { ConnectedIdentity, Store } from './store.js';
import { ROLES, type Role, type User } from './types.js';

const USER_NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

export function assertUserName(name: string): string {
  if (!USER_NAME.test(name)) {
    throw new UsageError(
      `"${name}" is not a user name; use letters, digits, dot, dash, underscore or @ (at most 64)`,
    );
  }
  return name;
}

/**
 * Letters of other scripts that look like Latin ones (Cyrillic а е о р с у х і ј ѕ һ ԁ ԛ ԝ, Greek α ο ρ
 * ν ι κ υ χ): "аnna" with a Cyrillic а reads as "anna" but would be another person.
 */
const LOOK_ALIKE: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  в: 'b',
  к: 'k',
  м: 'm',
  н: 'h',
  т: 't',
  α: 'a',
  ο: 'o',
  ρ: 'p',
  ν: 'v',
  ι: 'i',
  κ: 'k',
  υ: 'u',
  χ: 'x',
  β: 'b',
  τ: 't',
  ε: 'e',
  η: 'n',
  μ: 'u',
};

/** What a name looks like on screen: compatibility forms folded, lower case, look-alike letters as Latin. */
export function nameSkeleton(name: string): string {
  return [...name.normalize('NFKC').toLowerCase()].map((ch) => LOOK_ALIKE[ch] ?? ch).join('');
}

/** The existing user whose name looks the same as `name` but is spelled with other letters, if any. */
export function lookAlikeUser(store: Store, name: string): User | undefined {
  const skeleton = nameSkeleton(name);
  return store.listUsers().find((u) => u.name !== name && nameSkeleton(u.name) === skeleton);
}

/** Issue 21: a name that reads like an existing one is refused; people would take one for the other. */
export function assertNotLookAlike(store: Store, name: string): void {
  const twin = lookAlikeUser(store, name);
  if (twin) {
    const foreign = [...name]
      .filter((ch, i) => ch !== [...twin.name][i])
      .map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    throw new UsageError(
      `user name "${name}" looks like the existing user "${twin.name}" (different letters: ${foreign.join(' ') || 'case or form'}); choose a name that reads differently`,
    );
  }
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
    return store.insertUser({
      name: assertUserName(name),
      fullName: null,
      role: 'admin',
      managerId: null,
      createdAt: now,
    });
  });
}

/** The id of the administrator moving a team into an empty server: acting, but no person of it. */
export const MOVING_IN_ID = 0;

/**
 * R38 on the team server: who acts is the person mapped to the login the connection was made with, not a
 * name given. `--as` / REGULA_USER naming anyone else is refused; a login that is nobody's is refused too
 * (exit 3) - except the database owner moving a team into an empty server (`task import` of a regula
 * export), who acts as an administrator that is no person of it.
 */
export function serverActor(
  connected: ConnectedIdentity,
  asked: string | undefined,
  importing: boolean,
  now: Date,
): User {
  const { login, person, where } = connected;
  const wanted = asked?.trim();
  if (wanted && wanted !== login && wanted !== person?.name) {
    throw new RuleError(
      'R38',
      `on the team server you act as the login you connected with (${login}${person && person.name !== login ? `, ${person.name}` : ''}); --as / REGULA_USER ${wanted} is refused: connect as ${wanted}'s login instead`,
    );
  }
  if (person) return person;
  if (importing && connected.people === 0)
    return { id: MOVING_IN_ID, name: login, fullName: null, role: 'admin', managerId: null, createdAt: now };
  throw new RuleError(
    'R38',
    `the login ${login} is no person on the team server ${where}; its database administrator adds it: task server user add ${login}`,
  );
}

/** Looks up a person named on the command line (--director, --responsible, --as ...). */
export function requireUser(store: Store, name: string): User {
  const user = store.findUserByName(name);
  if (!user) throw unknownUser(store, name);
  return user;
}

function unknownUser(store: Store, name: string): UsageError {
  const known = store.listUsers().map((u) => u.name);
  return new UsageError(
    `unknown user "${name}"; known users: ${known.join(', ')}; add one with: task user add NAME`,
  );
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
    assertNotLookAlike(store, name);
    const role = input.role ?? 'employee';
    if (!ROLES.includes(role)) throw new UsageError(`--role: "${role}" is not one of ${ROLES.join(', ')}`);
    const manager = input.manager ? store.findUserByName(input.manager) : undefined;
    if (input.manager && !manager)
      throw new NotFoundError(
        `manager "${input.manager}" is not a known user; add them first with: task user add ${input.manager}`,
      );
    return store.insertUser({
      name,
      fullName: input.fullName ?? null,
      role,
      managerId: manager?.id ?? null,
      createdAt: now,
    });
  });
}

export interface UserChanges {
  fullName?: string | null;
  role?: Role;
  /** The new manager's name, or null: reports to nobody. */
  manager?: string | null;
}

/**
 * Changes a person. Who reports to whom decides who sees whose plans and reports (R4), so only an admin
 * or the person's current manager may change it, and only an admin changes roles.
 */
export function editUser(store: Store, actor: User, name: string, changes: UserChanges): User {
  return store.write(() => {
    const user = store.findUserByName(name);
    if (!user) throw new NotFoundError(`user "${name}" not found; see them with: task user list`);
    const next: User = { ...user };
    if (changes.fullName !== undefined) next.fullName = changes.fullName?.trim() || null;
    if (changes.role !== undefined && changes.role !== user.role) {
      if (actor.role !== 'admin')
        throw new RuleError('R4', `only an admin changes roles; ask an admin (task user list shows them)`);
      if (user.role === 'admin' && store.listUsers().filter((u) => u.role === 'admin').length === 1) {
        throw new UsageError(`${user.name} is the only admin; make someone else admin first`);
      }
      next.role = changes.role;
    }
    if (changes.manager !== undefined) {
      const manager = changes.manager === null ? null : store.findUserByName(changes.manager);
      if (manager === undefined)
        throw new NotFoundError(
          `manager "${changes.manager}" is not a known user; add them first with: task user add ${changes.manager}`,
        );
      if (manager?.id !== user.managerId) {
        if (actor.role !== 'admin' && actor.id !== user.managerId) {
          throw new RuleError(
            'R4',
            `only an admin or ${user.name}'s current manager changes whom ${user.name} reports to`,
          );
        }
        if (manager) assertNoReportingCycle(store, user, manager);
        next.managerId = manager?.id ?? null;
      }
    }
    store.updateUser(next);
    return next;
  });
}

/** A person cannot report to themselves, directly or through the people who report to them. */
function assertNoReportingCycle(store: Store, user: User, manager: User): void {
  const seen = new Set<number>();
  for (
    let current: User | undefined = manager;
    current;
    current = current.managerId === null ? undefined : store.getUser(current.managerId)
  ) {
    if (current.id === user.id)
      throw new UsageError(
        `${user.name} cannot report to ${manager.name}: ${manager.name} already reports to ${user.name}`,
      );
    if (seen.has(current.id)) break;
    seen.add(current.id);
  }
}
