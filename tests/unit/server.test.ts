// Issue 23: the team server's set-up decisions, on plain data (the real server: tests/pg).
import { describe, expect, it } from 'vitest';
import { resolveServerUrl, serverRole } from '../../src/cli/commands/server.js';
import { NotFoundError, RuleError, StorageError, UsageError } from '../../src/core/errors.js';
import {
  addServerPerson,
  checkLoginName,
  giveServerLogin,
  initServer,
  type NewServerPerson,
  type ServerPeople,
  type ServerSchema,
} from '../../src/core/server.js';
import { describeTarget, translatePostgresError } from '../../src/db/postgres/connection.js';

const NOW = new Date('2026-11-27T09:00:00Z');

/** People in memory; `together` keeps what `work` did only when it returns (all or nothing). */
class PeopleInMemory implements ServerPeople {
  people: (Omit<NewServerPerson, 'login'> & { id: number; login: string | null })[] = [
    { id: 1, name: 'boss', login: 'boss', fullName: null, role: 'admin', managerId: null, createdAt: NOW },
  ];
  /** Login roles and whether each is in the people's group (postgres: the administrator's own). */
  roles = new Map([
    ['boss', true],
    ['postgres', false],
  ]);
  findPerson(name: string) {
    return this.people.find((p) => p.name === name);
  }
  personWithLogin(login: string) {
    return this.people.find((p) => p.login === login);
  }
  loginRole(login: string) {
    const person = this.roles.get(login);
    return person === undefined ? 'none' : person ? 'person' : 'other';
  }
  createPerson(person: NewServerPerson) {
    this.createLoginRole(person.login);
    const id = this.people.length + 1;
    this.people.push({ ...person, id });
    return id;
  }
  createLoginRole(login: string) {
    this.roles.set(login, true);
  }
  setLogin(personId: number, login: string) {
    this.people.find((p) => p.id === personId)!.login = login;
  }
  /** A person moved in by `task import`: a users row without a login. */
  movedIn(name: string) {
    this.people.push({
      id: this.people.length + 1,
      name,
      login: null,
      fullName: null,
      role: 'employee',
      managerId: 1,
      createdAt: NOW,
    });
  }
  together<T>(work: () => T): T {
    const people = this.people.map((p) => ({ ...p }));
    const roles = new Map(this.roles);
    try {
      return work();
    } catch (error) {
      this.people = people;
      this.roles = roles;
      throw error;
    }
  }
}

describe('server user add (core)', () => {
  it('R4: adds a person with their login and whom they report to', () => {
    const people = new PeopleInMemory();
    const added = addServerPerson(
      people,
      { name: 'anna', managerName: 'boss', role: 'employee', fullName: 'Anna K' },
      NOW,
    );
    expect(added).toEqual({ id: 2, name: 'anna', login: 'anna', role: 'employee', manager: 'boss' });
    expect(people.findPerson('anna')).toMatchObject({
      login: 'anna',
      managerId: 1,
      fullName: 'Anna K',
      createdAt: NOW,
    });
  });

  it('refuses a person who exists, a login role that exists, an unknown manager, oneself as manager', () => {
    const people = new PeopleInMemory();
    expect(() =>
      addServerPerson(people, { name: 'boss', managerName: null, role: 'admin', fullName: null }, NOW),
    ).toThrow(UsageError);
    expect(() =>
      addServerPerson(people, { name: 'postgres', managerName: null, role: 'admin', fullName: null }, NOW),
    ).toThrow(/already has a login role named postgres/);
    expect(() =>
      addServerPerson(people, { name: 'anna', managerName: 'lead', role: 'employee', fullName: null }, NOW),
    ).toThrow(NotFoundError);
    expect(() =>
      addServerPerson(people, { name: 'anna', managerName: 'anna', role: 'employee', fullName: null }, NOW),
    ).toThrow(/cannot report to themselves/);
    expect(people.people).toHaveLength(1);
  });

  it("login names are plain: lower case, no quotes, not PostgreSQL's or regula's own", () => {
    expect(checkLoginName('anna.k-2')).toBe('anna.k-2');
    for (const bad of [
      'Anna',
      'anna"; DROP ROLE x',
      '1anna',
      '',
      'pg_monitor',
      'regula_person',
      'a'.repeat(64),
    ]) {
      expect(() => checkLoginName(bad), bad).toThrow(UsageError);
    }
  });
});

describe('server user login (core): a login for a person moved in', () => {
  it('R38: creates the login role and maps the moved-in person to it, no second person', () => {
    const people = new PeopleInMemory();
    people.movedIn('anna');
    expect(giveServerLogin(people, { name: 'anna', login: null })).toEqual({
      id: 2,
      name: 'anna',
      login: 'anna',
      role: 'employee',
      roleCreated: true,
      changed: true,
    });
    expect(people.people).toHaveLength(2);
    expect(people.findPerson('anna')?.login).toBe('anna');
    expect(people.loginRole('anna')).toBe('person');
  });

  it('--login names it; a role made by hand in the people group is taken as it is', () => {
    const people = new PeopleInMemory();
    people.movedIn('Anna Petrova');
    people.roles.set('anna.p', true);
    expect(giveServerLogin(people, { name: 'Anna Petrova', login: 'anna.p' })).toMatchObject({
      login: 'anna.p',
      roleCreated: false,
      changed: true,
    });
    expect(people.findPerson('Anna Petrova')?.login).toBe('anna.p');
  });

  it('running it again changes nothing', () => {
    const people = new PeopleInMemory();
    people.movedIn('anna');
    giveServerLogin(people, { name: 'anna', login: null });
    expect(giveServerLogin(people, { name: 'anna', login: null })).toMatchObject({
      changed: false,
      roleCreated: false,
    });
  });

  it("refuses a login that is someone else's, a role that is no person's, a second login, a name that cannot be a login, an unknown person", () => {
    const people = new PeopleInMemory();
    people.movedIn('anna');
    people.movedIn('Anna Petrova');
    expect(() => giveServerLogin(people, { name: 'anna', login: 'boss' })).toThrow(
      'the login boss already belongs to boss on this server; give anna another: task server user login anna --login NAME',
    );
    expect(() => giveServerLogin(people, { name: 'anna', login: 'postgres' })).toThrow(
      /a login role named postgres that is not one of regula's people/,
    );
    expect(() => giveServerLogin(people, { name: 'Anna Petrova', login: null })).toThrow(
      `"Anna Petrova" cannot be a login name on the server (lower-case letters, digits, _ . -); give one: task server user login 'Anna Petrova' --login NAME`,
    );
    expect(() => giveServerLogin(people, { name: 'boss', login: 'boss2' })).toThrow(
      /boss already logs in as boss; a person has one login/,
    );
    expect(() => giveServerLogin(people, { name: 'zed', login: null })).toThrow(NotFoundError);
    expect(people.findPerson('anna')?.login).toBeNull();
    expect(people.loginRole('boss2')).toBe('none');
  });

  it('user add of a person moved in points to user login', () => {
    const people = new PeopleInMemory();
    people.movedIn('anna');
    expect(() =>
      addServerPerson(people, { name: 'anna', managerName: null, role: 'employee', fullName: null }, NOW),
    ).toThrow(
      'anna is already a person on this server (moved in, without a login); give them one: task server user login anna',
    );
  });
});

describe('server init (core)', () => {
  const schema = (
    version: number,
    applied: string[] = [],
  ): ServerSchema & { migrated: [number, number][] } => ({
    migrated: [],
    schemaVersion: () => version,
    migrate(from, to) {
      this.migrated.push([from, to]);
      return applied;
    },
    exclusively: (work) => work(),
  });

  it('applies what is missing, nothing when up to date, and refuses a newer server', () => {
    const fresh = schema(0, ['0001-schema', '0002-identities-and-permissions']);
    expect(initServer(fresh, 2, NOW)).toEqual({
      from: 0,
      to: 2,
      applied: ['0001-schema', '0002-identities-and-permissions'],
    });
    const current = schema(2);
    expect(initServer(current, 2, NOW)).toEqual({ from: 2, to: 2, applied: [] });
    expect(current.migrated).toEqual([]);
    expect(() => initServer(schema(3), 2, NOW)).toThrow(StorageError);
  });
});

describe('the server a command talks to (cli)', () => {
  it('the URL given, else --db, else REGULA_DB when it names a server, else the libpq environment', () => {
    expect(resolveServerUrl('postgres://a@h/db', undefined, {})).toBe('postgres://a@h/db');
    expect(resolveServerUrl(undefined, 'postgresql://h:5433/db', {})).toBe('postgresql://h:5433/db');
    expect(resolveServerUrl(undefined, undefined, { REGULA_DB: 'postgres://h/db' })).toBe('postgres://h/db');
    expect(resolveServerUrl(undefined, undefined, { REGULA_DB: '/home/a/regula.db', PGHOST: 'h' })).toBe('');
    expect(() => resolveServerUrl(undefined, 'team.db', {})).toThrow(/names a SQLite file/);
    expect(() => resolveServerUrl('h/db', undefined, {})).toThrow(UsageError);
  });

  it('--admin, --role or an employee', () => {
    expect(serverRole({})).toBe('employee');
    expect(serverRole({ admin: true })).toBe('admin');
    expect(serverRole({ role: 'Manager' })).toBe('manager');
    expect(() => serverRole({ admin: true, role: 'employee' })).toThrow(/disagree/);
  });
});

describe('server errors as ours (db)', () => {
  it("a guard's rule refusal is a RuleError; a denied privilege is R38; a lost connection and the rest are storage errors", () => {
    const r38 = translatePostgresError(
      new Error('ERROR:  R38: you may not change task 1\nCONTEXT: ...'),
      'P0001',
      false,
      'h/db',
    );
    expect(r38).toBeInstanceOf(RuleError);
    expect(r38.message).toBe('R38: you may not change task 1');
    expect(
      translatePostgresError(new Error('ERROR:  permission denied to create role'), '42501', false, 'h/db')
        .message,
    ).toBe('R38: the server refused it: permission denied to create role');
    const lost = translatePostgresError(
      new Error('server closed the connection unexpectedly'),
      undefined,
      true,
      'h/db',
    );
    expect(lost).toBeInstanceOf(StorageError);
    expect(lost.message).toContain('lost the connection to the PostgreSQL server h/db');
    expect(
      translatePostgresError(
        new Error('ERROR:  relation "regula.users" does not exist'),
        '42P01',
        false,
        'h/db',
      ).message,
    ).toContain('task server init URL');
  });

  it('names a server without its password', () => {
    expect(describeTarget('postgres://anna:secret@db.example.com:5433/regula')).toBe(
      'db.example.com:5433/regula',
    );
    expect(describeTarget('host=db password=secret')).toBe('host=db password=...');
    expect(describeTarget('')).toContain('PGHOST');
  });
});

describe('server init output (format)', () => {
  it('says what was set up, updated or already there', async () => {
    const { serverInitText } = await import('../../src/format/server-view.js');
    expect(serverInitText({ from: 0, to: 3, applied: ['0001-schema', '0002-x', '0003-y'] }, 'h/db')).toBe(
      'The regula schema on h/db is set up to version 3 (applied 0001-schema, 0002-x, 0003-y).\nNext: add people with task server user add NAME --manager M (the first one with --admin).',
    );
    expect(serverInitText({ from: 2, to: 3, applied: ['0003-y'] }, 'h/db')).toBe(
      'The regula schema on h/db is updated from version 2 to version 3 (applied 0003-y).',
    );
    expect(serverInitText({ from: 3, to: 3, applied: [] }, 'h/db')).toBe(
      'The regula schema on h/db is already at version 3; nothing changed.',
    );
  });
});
