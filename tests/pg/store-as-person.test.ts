// Issue 23: the team server's store works for a person logged in as themselves, inside the fences of
// 0002-0005 (row-level security, column grants, guards): what `task` writes for a person goes through, a
// teammate sees none of it (R4), and a row in someone else's name is refused (R38).
import PgNative from 'pg-native';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedStore } from '../../src/core/store.js';
import type { TaskFields } from '../../src/core/types.js';
import { connectWith } from '../../src/db/postgres/connection.js';
import { latestServerSchemaVersion, PostgresSchema } from '../../src/db/postgres/migrations.js';
import { openPostgresStoreWith } from '../../src/db/postgres/open.js';
import { noServerNotice, SERVER_URL, TestServer } from './server.js';
import { taskFields } from '../support/task-fields.js';

const serverUrl = SERVER_URL;
if (serverUrl === undefined) noServerNotice();
else
  describe('the team server store for a person logged in as themselves', () => {
    const server = new TestServer(serverUrl);
    const [lead, anna, ben] = ['lead', 'anna', 'ben'].map((name) => server.login(name)) as [
      string,
      string,
      string,
    ];
    const id: Record<string, number> = {};
    const opened: OpenedStore[] = [];
    const storeOf = (login: string) => {
      const store = openPostgresStoreWith(PgNative, server.url(login));
      opened.push(store);
      return store.store;
    };

    beforeAll(async () => {
      await server.create();
      const db = connectWith(PgNative, server.url());
      try {
        const schema = new PostgresSchema(db);
        schema.exclusively(() => schema.migrate(0, latestServerSchemaVersion(), new Date()));
        for (const [login, role, manager] of [
          [lead, 'manager', null],
          [anna, 'employee', lead],
          [ben, 'employee', lead],
        ] as const) {
          server.remember(login);
          db.query(`CREATE ROLE ${db.quoteIdentifier(login)} LOGIN IN ROLE regula_person`);
          const [row] = db.query<{ id: string }>(
            'INSERT INTO regula.users (name, login, role, manager_id, created_at) VALUES ($1, $1, $2, $3, 0) RETURNING id',
            [login, role, manager === null ? null : id[manager]!],
          );
          id[login] = Number(row!.id);
        }
      } finally {
        db.close();
      }
    }, 120_000);
    afterAll(async () => {
      for (const store of opened) store.close();
      await server.drop();
    }, 60_000);

    const T0 = new Date(Date.UTC(2026, 10, 20, 9));
    const fields = (patch: Partial<TaskFields>): TaskFields =>
      taskFields(id[lead]!, id[anna]!, T0, {
        title: 'Sales: Call the client',
        text: 'Call the client',
        management: true,
        review: true,
        ...patch,
      });

    it('a person makes, tags, links, comments, closes and reads back their task; a teammate sees none of it (R4)', () => {
      const store = storeOf(anna);
      const task = store.write(() => {
        const project = store.insertProject('Sales', T0);
        const taskId = store.insertTask(fields({ projectId: project.id }));
        store.setTags(taskId, ['Urgent', 'clients']);
        store.addObserver(taskId, id[ben]!);
        store.addCrmLink(taskId, { kind: 'deal', ref: '7' });
        const note = store.insertComment({
          taskId,
          authorId: id[anna]!,
          kind: 'progress',
          body: 'Half done',
          replyToId: null,
          createdAt: T0,
        });
        store.insertHistory([
          { taskId, actorId: id[anna]!, at: T0, field: 'created', oldValue: null, newValue: 'x', note: null },
        ]);
        return { taskId, note };
      });
      expect(store.getTask(task.taskId)).toMatchObject({
        project: 'Sales',
        tags: ['clients', 'Urgent'],
        review: true,
        director: lead,
        responsible: anna,
      });
      expect(
        store.findTasks({ tags: ['urgent'], visibleTo: { actorId: id[anna]!, userIds: [id[anna]!] } }),
      ).toHaveLength(1);
      expect(store.tagSummaries().map((s) => [s.name, s.total])).toEqual([
        ['clients', 1],
        ['Urgent', 1],
      ]);
      expect(store.lastChangeBy(id[anna]!)?.field).toBe('created');
      // R31: closed with its result in the same transaction.
      store.write(() => {
        const result = store.insertComment({
          taskId: task.taskId,
          authorId: id[anna]!,
          kind: 'result',
          body: 'Called',
          replyToId: null,
          createdAt: T0,
        });
        store.insertResult(result, {
          proposal: null,
          abstract: null,
          links: [],
          explanation: null,
          conclusion: null,
        });
        store.updateTask(task.taskId, { status: 'completed', closedAt: T0, updatedAt: T0 });
      });
      expect(
        store.closedBetween([id[anna]!], T0, new Date(T0.getTime() + 1)).map((c) => c.result?.result),
      ).toEqual(['Called']);
      // ben observes it (R3); a task of anna's he does not observe stays out of his sight.
      const hidden = store.write(() =>
        store.insertTask(fields({ title: 'Sales: Own', directorId: id[anna]! })),
      );
      const bens = storeOf(ben);
      expect(bens.findTasks({}).map((t) => t.id)).toEqual([task.taskId]);
      expect(bens.getTask(hidden)).toBeUndefined();
      expect(bens.commentsOf(hidden)).toEqual([]);
    });

    it('R2: the manager handing a task over stops the responsible’s running timer (stopEntry through stop_timer_of)', () => {
      const annas = storeOf(anna);
      const { taskId, entryId } = annas.write(() => {
        const taskId = annas.insertTask(fields({ title: 'Sales: Handed over', status: 'in_progress' }));
        const entryId = annas.insertEntry({
          taskId,
          userId: id[anna]!,
          startAt: T0,
          endAt: null,
          source: 'timer',
          comment: null,
          retroactive: false,
          reason: null,
          createdAt: T0,
        });
        return { taskId, entryId };
      });
      const leads = storeOf(lead);
      const running = leads.read(() => leads.runningEntriesOnTask(taskId));
      expect(running.map((e) => e.id)).toEqual([entryId]);
      const end = new Date(T0.getTime() + 30 * 60_000);
      leads.write(() => leads.stopEntry(entryId, end, end));
      expect(annas.read(() => annas.runningEntryOf(id[anna]!))).toBeUndefined();
      expect(annas.read(() => annas.entriesOfTask(taskId)).map((e) => e.endAt)).toEqual([end]);
    });

    it('a row in someone else’s name is refused by the server (R38), and nothing of that write stays', () => {
      const store = storeOf(anna);
      const before = store.countTasks();
      expect(() =>
        store.write(() => {
          store.insertTask(fields({ title: 'Sales: Sneaked in' }));
          store.insertHistory([
            {
              taskId: 1,
              actorId: id[lead]!,
              at: T0,
              field: 'title',
              oldValue: null,
              newValue: 'x',
              note: null,
            },
          ]);
        }),
      ).toThrow(/^R38: /);
      expect(store.countTasks()).toBe(before);
      // The manager sees his people's tasks and rates them (R29: those who direct it).
      const leads = storeOf(lead);
      expect(leads.findTasks({ responsibleId: id[anna]! }).length).toBe(before);
    });
  });
