// Issue 23: the real `task` against the team server - `--db postgres://...` chooses the PostgreSQL store,
// who acts is the login (R38), and a team's SQLite file moves in with its ids, time, comments, history and
// recorded reports.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noServerNotice, SERVER_URL, TestServer } from './server.js';

const serverUrl = SERVER_URL;
if (serverUrl === undefined) noServerNotice();
else
  describe('task on the team server', () => {
    const server = new TestServer(serverUrl);
    const [boss, lead, anna] = ['boss', 'lead', 'anna'].map((name) => server.login(name)) as [
      string,
      string,
      string,
    ];
    const dir = mkdtempSync(join(tmpdir(), 'regula-pg-cli-'));
    // No config file of the machine's user is read (its user or policy would change the answers).
    const base = { REGULA_CONFIG: join(dir, 'none.json') };
    const as = (login: string, at = '09:00') => ({
      ...base,
      REGULA_DB: server.url(login),
      REGULA_NOW: `2026-11-27T${at}`,
    });

    beforeAll(async () => {
      await server.create();
      const admin = { ...base, REGULA_DB: server.url() };
      const steps: string[][] = [
        ['server', 'init'],
        ['server', 'user', 'add', boss, '--admin'],
        ['server', 'user', 'add', lead, '--manager', boss, '--role', 'manager'],
        ['server', 'user', 'add', anna, '--manager', lead],
      ];
      for (const login of [boss, lead, anna]) server.remember(login);
      for (const args of steps) {
        const result = await server.task(args, admin);
        expect(result.exitCode, result.stderr).toBe(0);
      }
    }, 120_000);
    afterAll(async () => {
      await server.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('an employee plans, starts, closes and sees the day; the manager’s team report shows it (--db / REGULA_DB postgres://)', async () => {
      const added = await server.task(['add', 'Ops: Подготовить отчёт', '--plan', '1h'], as(anna));
      expect(added.exitCode, added.stderr).toBe(0);
      expect(added.stdout).toContain('Created task 1: Ops: Подготовить отчёт');
      const started = await server.task(['start', '1'], as(anna));
      expect(started.exitCode, started.stderr).toBe(0);
      const status = await server.task(['status'], as(anna, '10:00'));
      expect(status.stdout).toContain('Running: task 1 Ops: Подготовить отчёт (since 09:00, 1h).');
      const done = await server.task(['done', '1', '--result', 'Отчёт отправлен'], as(anna, '10:05'));
      expect(done.exitCode, done.stderr).toBe(0);
      const today = await server.task(['today'], as(anna, '10:06'));
      expect(today.exitCode, today.stderr).toBe(0);
      expect(today.stdout).toMatch(/tracked 1h05m/);
      // R4: the manager's team report is read through the server's row-level security.
      const report = await server.task(['report', '--team', '--format', 'json'], {
        ...as(lead, '18:00'),
        REGULA_DB: `${server.url(lead)}`,
      });
      expect(report.exitCode, report.stderr).toBe(0);
      expect(report.stdout).toContain('Отчёт отправлен');
      expect(report.stdout).toContain(anna);
    });

    it('R25: search finds a task by a Cyrillic word in another case, ё as е', async () => {
      const found = await server.task(['search', 'ОТЧЕТ'], as(anna, '11:00'));
      expect(found.exitCode, found.stderr).toBe(0);
      expect(found.stdout).toMatch(/^\s*1\s.*Ops: Подготовить/m);
    });

    it('R38: --as or REGULA_USER naming someone else is refused in one line, exit 3; the login’s own name is fine', async () => {
      const refused = await server.task(['--as', boss, 'list'], as(anna));
      expect(refused.exitCode).toBe(3);
      expect(refused.stderr).toMatch(
        new RegExp(`^task: R38: on the team server you act as the login you connected with \\(${anna}\\)`),
      );
      expect(refused.stderr.split('\n')).toHaveLength(1);
      const viaEnv = await server.task(['list'], { ...as(anna), REGULA_USER: boss });
      expect(viaEnv.exitCode).toBe(3);
      const own = await server.task(['list'], { ...as(anna), REGULA_USER: anna });
      expect(own.exitCode, own.stderr).toBe(0);
    });

    it('R38: a login that is no person on the server is refused with what to run, exit 3', async () => {
      const result = await server.task(['list'], { ...base, REGULA_DB: server.url() });
      expect(result.exitCode).toBe(3);
      expect(result.stderr).toMatch(
        /^task: R38: the login \S+ is no person on the team server .*task server user add/,
      );
    });

    it('R31 on the server as in the core: an import brings a task closed elsewhere as it was, a re-import closes one', async () => {
      const record = (status: string, extra: object = {}) => ({
        uuid: '5b1d0a4e-3c2f-4e8a-9d1b-2a7c6e0f9a11',
        description: 'Ops: Renew the domain',
        status,
        entry: '20261120T090000Z',
        modified: '20261120T090000Z',
        ...extra,
      });
      const closedElsewhere = {
        uuid: '7c2e1b5f-4d3a-4f9b-8e2c-3b8d7f1a0b22',
        description: 'Ops: Order the badges',
        status: 'completed',
        entry: '20261119T090000Z',
        end: '20261119T100000Z',
        modified: '20261119T100000Z',
      };
      const first = join(dir, 'tw-first.json');
      writeFileSync(first, JSON.stringify([record('pending'), closedElsewhere]));
      const imported = await server.task(['import', first, '--from', 'taskwarrior', '--json'], as(anna));
      expect(imported.exitCode, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ created: { tasks: 2 } });
      const second = join(dir, 'tw-second.json');
      writeFileSync(
        second,
        JSON.stringify([
          record('completed', { end: '20261126T100000Z', modified: '20261126T100000Z' }),
          closedElsewhere,
        ]),
      );
      const again = await server.task(['import', second, '--from', 'taskwarrior', '--json'], as(anna));
      expect(again.exitCode, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ updated: { tasks: 1 } });
      const tasks = JSON.parse((await server.task(['list', '--all', '--json'], as(anna))).stdout) as {
        text: string;
        status: string;
      }[];
      expect(
        tasks.filter((t) => /Renew the domain|Order the badges/.test(t.text)).map((t) => t.status),
      ).toEqual(['completed', 'completed']);
      // Closing a task here still needs its result, on the server as in the core (R31).
      const open = await server.task(['add', 'Ops: Close me by hand'], as(anna));
      const id = /Created task (\d+)/.exec(open.stdout)?.[1];
      const byHand = await server.psql(`UPDATE tasks SET status = 'completed' WHERE id = ${id}`, anna);
      expect(byHand.exitCode).not.toBe(0);
      expect(byHand.stderr).toContain(`R31: task ${id} is completed without a result comment`);
    });

    it('task backup on the server points to pg_dump (exit 5)', async () => {
      const result = await server.task(['backup', join(dir, 'copy.db')], as(anna));
      expect(result.exitCode).toBe(5);
      expect(result.stderr).toContain('pg_dump');
    });

    it('moving in: a SQLite team’s export imported by the database owner keeps ids, entries, comments, history and recorded reports', async () => {
      const file = join(dir, 'team.db');
      const sqlite = (user: string, at: string, args: string[]) =>
        server.task(['--db', file, '--as', user, ...args], { ...base, REGULA_NOW: `2026-11-26T${at}` });
      const steps: [string, string, string[]][] = [
        ['boss', '08:00', ['add', 'Ops: Order paper', '--plan', '15m']],
        ['boss', '08:01', ['user', 'add', 'anna', '--manager', 'boss']],
        ['anna', '09:00', ['add', 'Sales: Позвонить клиенту', '--plan', '30m']],
        ['anna', '09:01', ['start', '2']],
        ['anna', '09:30', ['comment', '2', 'Клиент перезвонит']],
        ['anna', '09:45', ['done', '2', '--result', 'Договорились о встрече']],
        ['anna', '18:00', ['report', 'record']],
      ];
      for (const [user, at, args] of steps) {
        const result = await sqlite(user, at, args);
        expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      }
      const exported = await sqlite('boss', '19:00', ['export', '--format', 'json']);
      expect(exported.exitCode, exported.stderr).toBe(0);
      const exportFile = join(dir, 'team.json');
      writeFileSync(exportFile, exported.stdout);

      const target = new TestServer(serverUrl);
      await target.create();
      try {
        const owner = { ...base, REGULA_DB: target.url(), REGULA_NOW: '2026-11-27T08:00' };
        expect((await target.task(['server', 'init'], owner)).exitCode).toBe(0);
        const imported = await target.task(['import', exportFile], owner);
        expect(imported.exitCode, imported.stderr).toBe(0);
        // A moved-in person gets a login (docs/team-server.md, "Moving in"): the users row moved in, no second one.
        const bossLogin = target.login('boss');
        target.remember(bossLogin);
        const login = await target.task(['server', 'user', 'login', 'boss', '--login', bossLogin], owner);
        expect(login.exitCode, login.stderr).toBe(0);
        expect(login.stdout).toContain(
          `boss (admin) now logs in as ${bossLogin} (the new login role ${bossLogin}).`,
        );
        expect(await target.value("SELECT count(*) FROM users WHERE name = 'boss'")).toBe('1');
        // A login is one person's: anna cannot be given boss's.
        const taken = await target.task(['server', 'user', 'login', 'anna', '--login', bossLogin], owner);
        expect(taken.exitCode).toBe(2);
        expect(taken.stderr).toBe(
          `task: the login ${bossLogin} already belongs to boss on this server; give anna another: task server user login anna --login NAME`,
        );
        // Nor the administrator's own role (a superuser counts as a member of every role in pg_has_role).
        const administrator = new URL(serverUrl).username;
        const notAPerson = await target.task(
          ['server', 'user', 'login', 'anna', '--login', administrator],
          owner,
        );
        expect(notAPerson.exitCode).toBe(2);
        expect(notAPerson.stderr).toContain(
          `the server has a login role named ${administrator} that is not one of regula's people`,
        );
        expect(await target.value("SELECT coalesce(login, '-') FROM users WHERE name = 'anna'")).toBe('-');
        const again = await target.task(['export', '--format', 'json'], {
          ...base,
          REGULA_DB: target.url(bossLogin),
          REGULA_NOW: '2026-11-26T19:00',
        });
        expect(again.exitCode, again.stderr).toBe(0);
        const before = JSON.parse(exported.stdout).tables;
        const after = JSON.parse(again.stdout).tables;
        for (const table of [
          'users',
          'tasks',
          'time_entries',
          'comments',
          'results',
          'history',
          'day_reports',
        ])
          expect(after[table], table).toEqual(before[table]);
        expect(before.day_reports).toHaveLength(1);
        expect(before.history.length).toBeGreaterThan(3);
        // New records continue after the moved-in ids.
        const next = await target.task(['add', 'Ops: After the move'], {
          ...base,
          REGULA_DB: target.url(bossLogin),
        });
        expect(next.stdout).toContain('Created task 3');
      } finally {
        await target.drop();
      }
    });
  });
