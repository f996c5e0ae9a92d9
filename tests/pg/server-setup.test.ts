// Issue 23: `task server init` and `task server user add` against a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestServerSchemaVersion, listServerMigrations } from '../../src/db/postgres/migrations.js';
import { noServerNotice, SERVER_URL, TestServer } from './server.js';

// Every migration the program ships (0001-0004 the schema and its permissions, later ones the store's).
const LATEST = latestServerSchemaVersion();
const APPLIED = listServerMigrations().map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`);

const serverUrl = SERVER_URL;
if (serverUrl === undefined) noServerNotice();
else
  describe('task server: set-up by the database administrator', () => {
    const server = new TestServer(serverUrl);
    const admin = () => ({ REGULA_DB: server.url() });

    beforeAll(() => server.create());
    afterAll(() => server.drop());

    it('server init creates the schema, roles and policies and records the version', async () => {
      const result = await server.task(['server', 'init', server.url()]);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain(`set up to version ${LATEST} (applied ${APPLIED.join(', ')})`);
      expect(APPLIED.slice(0, 4)).toEqual([
        '0001-schema',
        '0002-identities-and-permissions',
        '0003-derived-columns',
        '0004-closing-holes',
      ]);
      expect(
        await server.value("SELECT string_agg(version || name, ',' ORDER BY version) FROM schema_migrations"),
      ).toBe(
        listServerMigrations()
          .map((m) => `${m.version}${m.name}`)
          .join(','),
      );
      expect(
        Number(await server.value("SELECT count(*) FROM pg_policies WHERE schemaname = 'regula'")),
      ).toBeGreaterThan(40);
      expect(await server.value("SELECT count(*) FROM pg_roles WHERE rolname = 'regula_person'")).toBe('1');
    });

    it('server init a second time is harmless: nothing applied, nothing changed', async () => {
      const before = await server.value(
        "SELECT (SELECT count(*) FROM pg_policies WHERE schemaname = 'regula') || '/' || (SELECT count(*) FROM pg_proc WHERE pronamespace = 'regula'::regnamespace) || '/' || (SELECT string_agg(applied_at::text, ',') FROM schema_migrations)",
      );
      const again = await server.task(['server', 'init', server.url(), '--json']);
      expect(again.exitCode, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({
        from: LATEST,
        version: LATEST,
        applied: [],
        changed: false,
      });
      expect(again.stderr).toBe('');
      const after = await server.value(
        "SELECT (SELECT count(*) FROM pg_policies WHERE schemaname = 'regula') || '/' || (SELECT count(*) FROM pg_proc WHERE pronamespace = 'regula'::regnamespace) || '/' || (SELECT string_agg(applied_at::text, ',') FROM schema_migrations)",
      );
      expect(after).toBe(before);
    });

    it('server user add creates the login role and the users row together; the person logs in as themselves', async () => {
      const boss = server.login('boss');
      const anna = server.login('anna');
      server.remember(boss);
      server.remember(anna);
      const first = await server.task(['server', 'user', 'add', boss, '--admin'], admin());
      expect(first.exitCode, first.stderr).toBe(0);
      const added = await server.task(
        ['server', 'user', 'add', anna, '--manager', boss, '--full-name', 'Anna K', '--json'],
        admin(),
      );
      expect(added.exitCode, added.stderr).toBe(0);
      expect(JSON.parse(added.stdout)).toMatchObject({
        name: anna,
        login: anna,
        role: 'employee',
        manager: boss,
      });
      expect(
        await server.value(
          `SELECT rolcanlogin || '/' || pg_has_role('${anna}', 'regula_person', 'MEMBER') FROM pg_roles WHERE rolname = '${anna}'`,
        ),
      ).toBe('true/true');
      expect(
        await server.value(
          `SELECT u.role || '/' || m.name || '/' || u.full_name FROM users u JOIN users m ON m.id = u.manager_id WHERE u.login = '${anna}'`,
        ),
      ).toBe(`employee/${boss}/Anna K`);
      // Who you are is who you logged in as.
      expect(await server.value('SELECT name FROM users WHERE id = regula.me()', anna)).toBe(anna);
    });

    it('server user add is all-or-nothing: when the users row cannot be written, no login role is left behind', async () => {
      const eve = server.login('eve');
      server.remember(eve);
      // A person moved in earlier already holds the login name `eve_...` under another name: the role is
      // created first, then the row fails on the unique login - the whole transaction goes.
      await server.value(
        `INSERT INTO users (name, login, role, created_at) VALUES ('eve moved in', '${eve}', 'employee', 0)`,
      );
      const result = await server.task(['server', 'user', 'add', eve], admin());
      expect(result.exitCode).toBe(5);
      expect(result.stderr).toMatch(
        /^task: the PostgreSQL server .* refused it: duplicate key value violates unique constraint "users_login_key"/,
      );
      expect(await server.value(`SELECT count(*) FROM pg_roles WHERE rolname = '${eve}'`)).toBe('0');
      expect(await server.value(`SELECT count(*) FROM users WHERE name = '${eve}'`)).toBe('0');
    });

    it('server user add refuses a name already taken, an unknown manager and a bad login name, writing nothing', async () => {
      const anna = server.login('anna');
      const taken = await server.task(['server', 'user', 'add', anna], admin());
      expect(taken.exitCode).toBe(2);
      expect(taken.stderr).toBe(
        `task: ${anna} is already a person on this server; see them with psql: SELECT * FROM regula.users`,
      );
      const orphan = await server.task(
        ['server', 'user', 'add', server.login('zed'), '--manager', 'nobody'],
        admin(),
      );
      expect(orphan.exitCode).toBe(4);
      expect(orphan.stderr).toContain('manager nobody not found on the server');
      expect(
        await server.value(`SELECT count(*) FROM pg_roles WHERE rolname = '${server.login('zed')}'`),
      ).toBe('0');
      const bad = await server.task(['server', 'user', 'add', 'Robert"; DROP'], admin());
      expect(bad.exitCode).toBe(2);
    });

    it('R38: a person cannot create people; the server itself refuses', async () => {
      const anna = server.login('anna');
      const mallory = server.login('mallory');
      const result = await server.task(['server', 'user', 'add', mallory, '--admin'], {
        REGULA_DB: server.url(anna),
      });
      expect(result.exitCode).toBe(3);
      expect(result.stderr).toMatch(/^task: R38: the server refused it: permission denied to create role/);
      expect(await server.value(`SELECT count(*) FROM pg_roles WHERE rolname = '${mallory}'`)).toBe('0');
    });

    it('task user add on the server points to server user add: a person comes with a login, nothing written', async () => {
      const boss = server.login('boss');
      const carl = server.login('carl');
      const before = await server.value('SELECT count(*) FROM users');
      const result = await server.task(['user', 'add', carl, '--manager', boss], {
        REGULA_DB: server.url(boss),
      });
      expect(result.exitCode, result.stderr).toBe(3);
      expect(result.stderr).toBe(
        `task: R38: on the team server a person is added together with their login, by its database administrator: task server user add ${carl} [--manager NAME]`,
      );
      expect(await server.value('SELECT count(*) FROM users')).toBe(before);
    });

    it('two server init at once on a new database take turns: both succeed, each migration applied once', async () => {
      const other = new TestServer(serverUrl);
      await other.create();
      try {
        const [a, b] = await Promise.all([
          other.task(['server', 'init', other.url()]),
          other.task(['server', 'init', other.url()]),
        ]);
        expect([a.exitCode, b.exitCode], `${a.stderr}${b.stderr}`).toEqual([0, 0]);
        expect([a.stdout, b.stdout].filter((out) => out.includes('nothing changed'))).toHaveLength(1);
        expect(await other.value('SELECT count(*) FROM schema_migrations')).toBe(String(APPLIED.length));
      } finally {
        await other.drop();
      }
    });

    it('before server init, user add says what to run', async () => {
      const other = new TestServer(serverUrl);
      await other.create();
      try {
        const result = await other.task(['server', 'user', 'add', other.login('x')], {
          REGULA_DB: other.url(),
        });
        expect(result.exitCode).toBe(5);
        expect(result.stderr).toMatch(
          /regula is not set up on the PostgreSQL server .*; its database administrator runs: task server init URL$/,
        );
      } finally {
        await other.drop();
      }
    });
  });
