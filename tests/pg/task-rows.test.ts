// Issue 23: the team server reads and writes a task by field name from one table each
// (src/db/postgres/store/task-sql.ts), as the SQLite store does (tests/unit/task-rows.test.ts): every
// column of the server's tasks table must be in both, so a column a migration adds cannot be forgotten.
import PgNative from 'pg-native';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWith } from '../../src/db/postgres/connection.js';
import { latestServerSchemaVersion, PostgresSchema } from '../../src/db/postgres/migrations.js';
import { SUMMARY_SELECT, TASK_COLUMNS, TASK_SELECT } from '../../src/db/postgres/store/task-sql.js';
import { noServerNotice, SERVER_URL, TestServer } from './server.js';

const serverUrl = SERVER_URL;
if (serverUrl === undefined) noServerNotice();
else
  describe('team server task rows by column name', () => {
    const server = new TestServer(serverUrl);
    let columns: string[] = [];

    beforeAll(async () => {
      await server.create();
      const db = connectWith(PgNative, server.url());
      try {
        const schema = new PostgresSchema(db);
        schema.exclusively(() => schema.migrate(0, latestServerSchemaVersion(), new Date()));
        columns = db
          .query<{ column_name: string }>(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'regula' AND table_name = 'tasks' ORDER BY ordinal_position",
          )
          .map((r) => r.column_name);
      } finally {
        db.close();
      }
    }, 120_000);
    afterAll(() => server.drop(), 60_000);

    it('every column of the tasks table is read into a Task field', () => {
      const read = new Set(
        Object.values(TASK_SELECT)
          .map((sql) => /^t\.(\w+)$/.exec(sql)?.[1])
          .filter(Boolean),
      );
      expect(columns.length).toBeGreaterThan(20);
      expect(columns.filter((column) => !read.has(column))).toEqual([]);
    });

    it('every column a task is made with is written from a TaskFields property (the id and the tracked total are the database’s)', () => {
      const written = new Set<string>(Object.values(TASK_COLUMNS));
      expect(columns.filter((column) => !written.has(column))).toEqual(['id', 'tracked_ms']);
    });

    it('a summary reads the same expressions as the whole task', () => {
      for (const [field, sql] of Object.entries(SUMMARY_SELECT))
        expect(TASK_SELECT[field as keyof typeof TASK_SELECT]).toBe(sql);
    });
  });
