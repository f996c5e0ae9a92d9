import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskFields } from '../../src/core/types.js';
import { migrate } from '../../src/db/migrations.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import { WriteBehind } from '../../src/db/sqlite/write-behind.js';
import { taskFields } from '../support/task-fields.js';

/**
 * Issue 22: on an import's plan copy, inserts wait and are written many rows per statement as soon as
 * anything else is called - so whatever the plan asks sees them, with the ids SQLite would have given.
 */

let db: Database.Database;
afterEach(() => db?.close());

function kept(): { store: SqliteStore; writeBehind: WriteBehind; statements: string[] } {
  db = new Database(':memory:');
  migrate(db, ':memory:');
  db.exec("INSERT INTO users (name, created_at) VALUES ('ann', 0)");
  const raw = new SqliteStore(db, ':memory:');
  raw.write(() => raw.insertTask(task('Ops: there before')));
  const statements: string[] = [];
  const writeBehind = new WriteBehind((text) => {
    statements.push(text);
    return db.prepare(text);
  });
  return { store: writeBehind.wrap(raw), writeBehind, statements };
}

const task = (title: string): TaskFields => taskFields(1, 1, new Date(0), { title, text: title });

const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('the inserts of a plan copy wait for the next read', () => {
  it('100 tasks with tags, history and import ids: the ids SQLite gives, written in a few statements when read', () => {
    const { store, statements } = kept();
    store.write(() => {
      const ids = Array.from({ length: 100 }, (_, i) => {
        const id = store.insertTask(task(`Ops: task ${i}`));
        store.setTags(id, ['Work', `t${i % 3}`]);
        store.insertHistory([
          {
            taskId: id,
            actorId: 1,
            at: new Date(0),
            field: 'created',
            oldValue: null,
            newValue: null,
            note: null,
          },
        ]);
        store.setExternal('tw', 'task', `uuid-${i}`, id, 'f');
        // What the gate asks of every tag and comment: answered without writing anything.
        expect(store.taskParties(id)).toEqual({ id, directorId: 1, responsibleId: 1 });
        return id;
      });
      expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
      // A read of tables no kept insert writes (the gate asks it for every time entry, R23) waits too.
      expect(store.recordedDays(1, '2026-01-01', '2026-12-31')).toEqual([]);
      expect(store.findUserByName('ann')?.id).toBe(1);
      expect(count('tasks')).toBe(1);
      // A read writes them first, and sees them.
      expect(store.getTask(101)?.tags).toEqual(['t0', 'Work']);
      expect(count('tasks')).toBe(101);
      expect(count('task_tags')).toBe(200);
      expect(store.findExternal('tw', 'task', 'uuid-99')).toEqual({ localId: 101, fingerprint: 'f' });
      // Another write runs after them, and the next insert takes the id after its rows.
      store.insertProject('Ops', new Date(0));
      expect(store.insertTask(task('Ops: after'))).toBe(102);
    });
    expect(count('tasks')).toBe(102);
    expect(statements.filter((s) => s.startsWith('INSERT INTO tasks')).length).toBeLessThanOrEqual(3);
  });

  it('a nested write that fails forgets the inserts made inside it and keeps the ones before', () => {
    const { store } = kept();
    store.write(() => {
      store.insertTask(task('Ops: kept'));
      expect(() =>
        store.write(() => {
          store.insertTask(task('Ops: rolled back'));
          throw new Error('refused');
        }),
      ).toThrow('refused');
      expect(store.insertTask(task('Ops: next'))).toBe(3);
    });
    expect(db.prepare('SELECT id, title FROM tasks ORDER BY id').raw().all()).toEqual([
      [1, 'Ops: there before'],
      [2, 'Ops: kept'],
      [3, 'Ops: next'],
    ]);
  });
});
