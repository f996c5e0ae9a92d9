// Issue 19 / 23: `task server init` and `task server user add` as command modules, in layers - argv ->
// input, run on set-up ports in memory (the real server: tests/pg/server-setup.test.ts), renderers.
import { afterEach, describe, expect, it } from 'vitest';
import {
  serverInitCommand,
  serverUserAddCommand,
  serverUserLoginCommand,
} from '../../src/cli/commands/server.js';
import { UsageError } from '../../src/core/errors.js';
import type {
  NewServerPerson,
  ServerPeople,
  ServerPersonRecord,
  ServerSchema,
  ServerSetup,
} from '../../src/core/server.js';
import {
  serverInitRenderers,
  serverLoginRenderers,
  serverPersonRenderers,
} from '../../src/format/server-view.js';
import type { TextView } from '../../src/format/renderers.js';
import { type ContextOverrides, commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const view: TextView = { color: false, width: 80, now: NOW, terminal: false };

/** A server in memory: its schema version, its people (boss, the admin), and where each command connected. */
class ServerInMemory implements ServerSchema, ServerPeople {
  version = 0;
  people: (ServerPersonRecord & { managerId: number | null; createdAt: Date })[] = [
    { id: 1, name: 'boss', role: 'admin', login: 'boss', managerId: null, createdAt: NOW },
  ];
  readonly connected: string[] = [];

  setup(conninfo: string): ServerSetup {
    this.connected.push(conninfo);
    return { where: 'h:5432/regula', schema: this, people: this, latestVersion: 7 };
  }
  schemaVersion = () => this.version;
  migrate(from: number, to: number) {
    this.version = to;
    return Array.from({ length: to - from }, (_, i) => `000${from + i + 1}-m`);
  }
  exclusively = <T>(work: () => T) => work();
  together = <T>(work: () => T) => work();
  findPerson = (name: string) => this.people.find((p) => p.name === name);
  personWithLogin = (login: string) => this.people.find((p) => p.login === login);
  loginRole = (login: string) =>
    login === 'postgres' ? 'other' : this.personWithLogin(login) !== undefined ? 'person' : 'none';
  createPerson(person: NewServerPerson) {
    this.people.push({ ...person, id: this.people.length + 1 });
    return this.people.length;
  }
  createLoginRole() {}
  setLogin(personId: number, login: string) {
    this.people.find((p) => p.id === personId)!.login = login;
  }
}

let world: CoreWorld | undefined;
afterEach(() => world?.close());

/** A command context whose team server is `server`; --db and the environment as given. */
function onServer(server: ServerInMemory, overrides: ContextOverrides = {}) {
  world = new CoreWorld('2026-11-27T09:00:00');
  return commandContext(world, 'boss', false, {
    serverSetup: async (conninfo, work) => work(server.setup(conninfo)),
    ...overrides,
  });
}

describe('server commands: argv -> input', () => {
  it('task server init [URL]: the URL given is checked, none leaves it to --db and the environment', () => {
    expect(inputFromArgv(serverInitCommand, [])).toEqual({ url: undefined });
    expect(inputFromArgv(serverInitCommand, [' postgres://a@h/db '])).toEqual({ url: 'postgres://a@h/db' });
    expect(() => inputFromArgv(serverInitCommand, ['db.example.com'])).toThrow(
      '"db.example.com" is not a PostgreSQL URL; give one like postgres://admin@db.example.com:5432/regula',
    );
  });

  it.each([
    [['anna'], { name: 'anna', managerName: null, role: 'employee', fullName: null }],
    [
      ['anna', '--manager', ' boss ', '--full-name', 'Anna K'],
      { name: 'anna', managerName: 'boss', role: 'employee', fullName: 'Anna K' },
    ],
    [['boss', '--admin'], { name: 'boss', managerName: null, role: 'admin', fullName: null }],
    [['lead', '--role', 'Manager'], { name: 'lead', managerName: null, role: 'manager', fullName: null }],
  ])('R4, R38: task server user add %j', (words, input) => {
    expect(inputFromArgv(serverUserAddCommand, words)).toEqual(input);
  });

  it.each([
    [['anna', '--role', 'boss'], '--role: "boss" is not one of employee, manager, admin'],
    [['anna', '--admin', '--role', 'employee'], '--admin and --role employee disagree; give one of them'],
  ])('refuses %j before connecting', (words, message) => {
    expect(() => inputFromArgv(serverUserAddCommand, words)).toThrow(UsageError);
    expect(() => inputFromArgv(serverUserAddCommand, words)).toThrow(message);
  });
});

describe('server user login: argv -> input', () => {
  it.each([
    [['anna'], { name: 'anna', login: null }],
    [['Anna Petrova', '--login', ' anna.p '], { name: 'Anna Petrova', login: 'anna.p' }],
  ])('task server user login %j', (words, input) => {
    expect(inputFromArgv(serverUserLoginCommand, words)).toEqual(input);
  });
});

describe('server commands: run on the set-up ports', () => {
  it('R38: user login maps a person moved in (no login) to their login role, no second person', async () => {
    const server = new ServerInMemory();
    server.people.push({ id: 2, name: 'anna', role: 'employee', login: null, managerId: 1, createdAt: NOW });
    const ctx = onServer(server, { env: { REGULA_DB: 'postgres://h/db' } });
    const given = await serverUserLoginCommand.run(ctx, { name: 'anna', login: null }, noTerminal);
    expect(given).toEqual({
      id: 2,
      name: 'anna',
      login: 'anna',
      role: 'employee',
      roleCreated: true,
      changed: true,
    });
    expect(server.people).toHaveLength(2);
    expect(server.connected).toEqual(['postgres://h/db']);
    await expect(
      serverUserLoginCommand.run(ctx, { name: 'anna', login: 'boss' }, noTerminal),
    ).rejects.toThrow('anna already logs in as anna; a person has one login');
  });

  it('init connects to the URL given and brings the schema up to date, then changes nothing', async () => {
    const server = new ServerInMemory();
    const ctx = onServer(server, { globals: { db: 'postgres://other/db', as: undefined } });
    const first = await serverInitCommand.run(ctx, { url: 'postgres://a@h/db' }, noTerminal);
    expect(first.where).toBe('h:5432/regula');
    expect(first.result).toMatchObject({ from: 0, to: 7 });
    expect(first.result.applied).toHaveLength(7);
    const again = await serverInitCommand.run(ctx, { url: 'postgres://a@h/db' }, noTerminal);
    expect(again.result).toEqual({ from: 7, to: 7, applied: [] });
    expect(server.connected).toEqual(['postgres://a@h/db', 'postgres://a@h/db']);
  });

  it('without a URL: --db, else REGULA_DB naming a server, else the libpq environment', async () => {
    const server = new ServerInMemory();
    const url = { url: undefined };
    await serverInitCommand.run(
      onServer(server, { globals: { db: 'postgres://d/b', as: undefined } }),
      url,
      noTerminal,
    );
    await serverInitCommand.run(onServer(server, { env: { REGULA_DB: 'postgres://e/b' } }), url, noTerminal);
    await serverInitCommand.run(
      onServer(server, { env: { REGULA_DB: '/home/a/regula.db' } }),
      url,
      noTerminal,
    );
    expect(server.connected).toEqual(['postgres://d/b', 'postgres://e/b', '']);
  });

  it('a SQLite --db is refused before anything connects', async () => {
    const server = new ServerInMemory();
    const ctx = onServer(server, { globals: { db: 'team.db', as: undefined } });
    const input = inputFromArgv(serverUserAddCommand, ['anna']);
    await expect(serverUserAddCommand.run(ctx, input, noTerminal)).rejects.toThrow(
      '--db team.db names a SQLite file; task server needs a PostgreSQL URL: --db postgres://HOST/DATABASE',
    );
    expect(server.connected).toEqual([]);
  });

  it("R4: user add makes the person with their manager, dated by the command's now", async () => {
    const server = new ServerInMemory();
    const ctx = onServer(server, { env: { REGULA_DB: 'postgres://h/db' } });
    const input = inputFromArgv(serverUserAddCommand, ['anna', '--manager', 'boss']);
    expect(await serverUserAddCommand.run(ctx, input, noTerminal)).toEqual({
      id: 2,
      name: 'anna',
      login: 'anna',
      role: 'employee',
      manager: 'boss',
    });
    expect(server.findPerson('anna')).toMatchObject({ managerId: 1, createdAt: NOW });
  });
});

describe('server commands: renderers', () => {
  it('user login: whom the login maps to and how they set a password; again: nothing changed', () => {
    const given = {
      id: 2,
      name: 'anna',
      login: 'anna',
      role: 'employee' as const,
      roleCreated: true,
      changed: true,
    };
    expect(serverLoginRenderers.text(given, view)).toBe(
      'anna (employee) now logs in as anna (the new login role anna).\nSet a password with psql \\password anna, or let pg_hba.conf authenticate them.',
    );
    expect(serverLoginRenderers.text({ ...given, roleCreated: false, changed: false }, view)).toBe(
      'anna logs in as anna already; nothing changed.',
    );
    expect(serverLoginRenderers.json(given)).toEqual(given);
  });

  it('init: set up, with what to do next; JSON says whether anything changed', () => {
    const outcome = { where: 'h/db', result: { from: 0, to: 2, applied: ['0001-schema', '0002-x'] } };
    expect(serverInitRenderers.text(outcome, view)).toBe(
      'The regula schema on h/db is set up to version 2 (applied 0001-schema, 0002-x).\nNext: add people with task server user add NAME --manager M (the first one with --admin).',
    );
    expect(serverInitRenderers.json(outcome)).toEqual({
      server: 'h/db',
      from: 0,
      version: 2,
      applied: ['0001-schema', '0002-x'],
      changed: true,
    });
  });

  it('user add: the person, their login and how they set a password', () => {
    const added = { id: 2, name: 'anna', login: 'anna', role: 'employee' as const, manager: 'boss' };
    expect(serverPersonRenderers.text(added, view)).toBe(
      'Added anna (employee, reports to boss) with the login role anna.\nThey log in as anna: set a password with psql \\password anna, or let pg_hba.conf authenticate them.',
    );
    expect(serverPersonRenderers.json(added)).toEqual(added);
  });
});
