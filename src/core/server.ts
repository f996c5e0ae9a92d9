import { NotFoundError, StorageError, UsageError } from './errors.js';
import type { Role } from './types.js';

/*
 * The team server's set-up (issue 23): its schema and its people. Who a person is on the server is their
 * PostgreSQL login, so a person is two things made together - a login role and a users row mapped to it.
 * What each person may see and change is then held by the server itself (src/db/postgres/migrations/0002).
 * The ports below are implemented by src/db/postgres; this module decides.
 */

/** The server's schema: what version it holds, and bringing it up to date (numbered migrations). */
export interface ServerSchema {
  /** The version recorded on the server; 0 when regula was never set up there. */
  schemaVersion(): number;
  /** Applies the migrations after `from`, up to `to`, in one transaction; returns their names. */
  migrate(from: number, to: number, now: Date): string[];
  /** Runs `work` in one transaction that holds the server's set-up lock. */
  exclusively<T>(work: () => T): T;
}

export interface ServerInitResult {
  from: number;
  to: number;
  applied: string[];
}

/** Sets up (or updates) the server's schema, roles and policies; running it again changes nothing. */
export function initServer(schema: ServerSchema, latest: number, now: Date): ServerInitResult {
  return schema.exclusively(() => {
    const from = schema.schemaVersion();
    if (from > latest) {
      throw new StorageError(
        `the server's regula schema is at version ${from}, newer than this program knows (${latest}); upgrade regula (npm install) before using it`,
      );
    }
    const applied = from === latest ? [] : schema.migrate(from, latest, now);
    return { from, to: latest, applied };
  });
}

export interface ServerPersonRecord {
  id: number;
  name: string;
  role: Role;
  /** The PostgreSQL role they log in as; null for a person moved in (task import) who has none yet. */
  login: string | null;
}

/**
 * What a login name is on the server's cluster: no role yet; a role in regula's people's group (made by
 * `task server user add`, or by hand as the docs once said); or another role (the administrator's own, a
 * role of another application) that regula never turns into a person.
 */
export type LoginRoleKind = 'none' | 'person' | 'other';

export interface NewServerPerson {
  name: string;
  /** The PostgreSQL role the person logs in as. */
  login: string;
  fullName: string | null;
  role: Role;
  managerId: number | null;
  createdAt: Date;
}

/** The server's people and logins. */
export interface ServerPeople {
  findPerson(name: string): ServerPersonRecord | undefined;
  /** The person who logs in as `login`, if any. */
  personWithLogin(login: string): ServerPersonRecord | undefined;
  loginRole(login: string): LoginRoleKind;
  /** Creates the login role (a member of the people's group) and the users row; inside `together`. */
  createPerson(person: NewServerPerson): number;
  /** Creates the login role alone, a member of the people's group; inside `together`. */
  createLoginRole(login: string): void;
  /** Maps an existing person to a login role; inside `together`. */
  setLogin(personId: number, login: string): void;
  /** Runs `work` in one transaction: all of it is written, or nothing. */
  together<T>(work: () => T): T;
}

export interface AddServerPersonInput {
  name: string;
  managerName: string | null;
  role: Role;
  fullName: string | null;
}

export interface AddedServerPerson {
  id: number;
  name: string;
  login: string;
  role: Role;
  manager: string | null;
}

/**
 * A login name the server and every libpq tool take without quoting surprises: lower-case letters, digits,
 * `_`, `.`, `-`, starting with a letter; not PostgreSQL's own (`pg_`) nor regula's group roles.
 */
export function checkLoginName(name: string): string {
  if (!/^[a-z][a-z0-9_.-]{0,62}$/.test(name)) {
    throw new UsageError(
      `"${name}" cannot be a login name on the server: use lower-case letters, digits, _ . - (starting with a letter, at most 63)`,
    );
  }
  if (name.startsWith('pg_') || name.startsWith('regula_')) {
    throw new UsageError(
      `"${name}" cannot be a login name: names starting with pg_ or regula_ belong to PostgreSQL and to regula's own roles`,
    );
  }
  return name;
}

/**
 * `task server user add NAME --manager M`: the person's login and users row together, in one transaction
 * (R4: --manager is whom they report to; R38: the database administrator runs it, which the server checks).
 */
export function addServerPerson(
  people: ServerPeople,
  input: AddServerPersonInput,
  now: Date,
): AddedServerPerson {
  const login = checkLoginName(input.name);
  if (input.managerName !== null && input.managerName === input.name)
    throw new UsageError(`${input.name} cannot report to themselves; name their manager with --manager`);
  return people.together(() => {
    const existing = people.findPerson(input.name);
    if (existing?.login === null)
      throw new UsageError(
        `${input.name} is already a person on this server (moved in, without a login); give them one: task server user login ${input.name}`,
      );
    if (existing)
      throw new UsageError(
        `${input.name} is already a person on this server; see them with psql: SELECT * FROM regula.users`,
      );
    if (people.loginRole(login) !== 'none') {
      throw new UsageError(
        `the server already has a login role named ${login} that is not a regula person; choose another name (or drop that role first)`,
      );
    }
    const manager = input.managerName === null ? undefined : people.findPerson(input.managerName);
    if (input.managerName !== null && manager === undefined) {
      throw new NotFoundError(
        `manager ${input.managerName} not found on the server; add them first: task server user add ${input.managerName}`,
      );
    }
    const id = people.createPerson({
      name: input.name,
      login,
      fullName: input.fullName,
      role: input.role,
      managerId: manager?.id ?? null,
      createdAt: now,
    });
    return { id, name: input.name, login, role: input.role, manager: manager?.name ?? null };
  });
}

/** The server's set-up ports over one connection of its administrator (src/db/postgres/setup.ts). */
export interface ServerSetup {
  /** Where it is connected, as messages name it (no password). */
  readonly where: string;
  readonly schema: ServerSchema;
  readonly people: ServerPeople;
  /** The newest schema version this program knows. */
  readonly latestVersion: number;
}

export interface GiveLoginInput {
  /** The person's name (users.name), as moved in. */
  name: string;
  /** The login to give; null: their name, when it can be one. */
  login: string | null;
}

export interface GivenLogin {
  id: number;
  name: string;
  login: string;
  role: Role;
  /** Whether the login role was created now (false: it existed, in the people's group). */
  roleCreated: boolean;
  /** False when they logged in as that login already (nothing written). */
  changed: boolean;
}

/**
 * `task server user login NAME [--login L]`: a login for a person who has none - people moved in with
 * `task import` (an export holds no logins; who logs in as whom belongs to each server). The login role is
 * created when missing, or taken when it exists in the people's group (made by hand); the users row is
 * mapped to it, in one transaction. Never a second person: NAME must exist. A login is one person's (R38:
 * who you are is who you logged in as), so one that belongs to someone else, or a role that is not a
 * person's (the administrator's own), is refused.
 */
export function giveServerLogin(people: ServerPeople, input: GiveLoginInput): GivenLogin {
  const login = loginFor(input);
  return people.together(() => {
    const person = people.findPerson(input.name);
    if (!person)
      throw new NotFoundError(
        `no person ${input.name} on this server; add a new one with: task server user add NAME --manager M`,
      );
    const result = { id: person.id, name: person.name, login, role: person.role };
    if (person.login === login) return { ...result, roleCreated: false, changed: false };
    if (person.login !== null)
      throw new UsageError(
        `${person.name} already logs in as ${person.login}; a person has one login - to change it, its database administrator first clears it with psql: UPDATE regula.users SET login = NULL WHERE id = ${person.id}`,
      );
    const owner = people.personWithLogin(login);
    if (owner)
      throw new UsageError(
        `the login ${login} already belongs to ${owner.name} on this server; give ${person.name} another: task server user login ${shellWord(person.name)} --login NAME`,
      );
    const kind = people.loginRole(login);
    if (kind === 'other')
      throw new UsageError(
        `the server has a login role named ${login} that is not one of regula's people (not a member of regula_person); give ${person.name} another with --login, or drop that role first`,
      );
    if (kind === 'none') people.createLoginRole(login);
    people.setLogin(person.id, login);
    return { ...result, roleCreated: kind === 'none', changed: true };
  });
}

/** The login asked for, or the person's name when it can be one (a moved-in name may be "Anna Petrova"). */
function loginFor(input: GiveLoginInput): string {
  if (input.login !== null) return checkLoginName(input.login);
  try {
    return checkLoginName(input.name);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(
      `"${input.name}" cannot be a login name on the server (lower-case letters, digits, _ . -); give one: task server user login ${shellWord(input.name)} --login NAME`,
    );
  }
}

/** A name as a shell takes it back in the command a message suggests: quoted when it is not one plain word. */
function shellWord(name: string): string {
  return /^[\w.@-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}
