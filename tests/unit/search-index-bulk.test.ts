import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrations.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';

// Imports add thousands of tasks in one transaction: the search index (R25) is filled once afterwards
// instead of by a trigger per row, and must end up exactly as the triggers would have left it.

function storeWithTasks(): { db: Database.Database; store: SqliteStore } {
  const db = new Database(':memory:');
  migrate(db, ':memory:');
  db.exec("INSERT INTO users (name, created_at) VALUES ('ann', 0)");
  const store = new SqliteStore(db, ':memory:');
  store.write(() => {
    addTask(db, 'Sales: Call Ivan', 'Ask about the contract');
    addComment(db, 1, 'He prefers mornings');
  });
  return { db, store };
}

function addTask(db: Database.Database, title: string, description: string | null): number {
  return Number(
    db
      .prepare(
        'INSERT INTO tasks (title, text, description, director_id, responsible_id, created_at, updated_at) VALUES (?, ?, ?, 1, 1, 0, 0)',
      )
      .run(title, title, description).lastInsertRowid,
  );
}

function addComment(db: Database.Database, taskId: number, body: string): number {
  return Number(
    db
      .prepare(
        "INSERT INTO comments (task_id, author_id, kind, body, created_at) VALUES (?, 1, 'comment', ?, 0)",
      )
      .run(taskId, body).lastInsertRowid,
  );
}

const indexed = (db: Database.Database) => ({
  tasks: db.prepare('SELECT rowid, body FROM task_search ORDER BY rowid').all(),
  comments: db.prepare('SELECT rowid, body FROM comment_search ORDER BY rowid').all(),
});

describe('the search index after a bulk insert', () => {
  it('is filled once at the end, as the triggers would have filled it (ё folded, descriptions, comments, rows changed again)', () => {
    const bulk = storeWithTasks();
    const rowByRow = storeWithTasks();
    const work = (db: Database.Database) => {
      const a = addTask(db, 'Ops: Проверить счёт за всё', null);
      addTask(db, 'Legal: Agree the offer', 'Two pages, ёлка');
      addComment(db, a, 'Ещё один');
      db.prepare("UPDATE tasks SET title = 'Ops: Check the invoice again' WHERE id = ?").run(a);
      db.prepare("UPDATE tasks SET description = 'Changed by the import' WHERE id = 1").run();
      addComment(db, 1, 'Called twice');
    };
    let duringBulk: ReturnType<typeof indexed> | undefined;
    bulk.store.write(() =>
      bulk.store.fillingSearchIndexAfter(() => {
        addTask(bulk.db, 'Sales: Not indexed yet', null);
        duringBulk = indexed(bulk.db);
        bulk.db.prepare('DELETE FROM tasks WHERE id = 2').run();
        work(bulk.db);
      }),
    );
    rowByRow.store.write(() => {
      addTask(rowByRow.db, 'Sales: Not indexed yet', null);
      rowByRow.db.prepare('DELETE FROM tasks WHERE id = 2').run();
      work(rowByRow.db);
    });
    expect(duringBulk!.tasks).toHaveLength(2); // task 1's title and description only: no row-by-row indexing
    expect(indexed(bulk.db)).toEqual(indexed(rowByRow.db));
    expect(
      bulk.db.prepare("SELECT count(*) FROM meta WHERE key = 'search_index_deferred'").pluck().get(),
    ).toBe(0);
    // Afterwards the triggers index every new row again.
    bulk.store.write(() => addTask(bulk.db, 'HR: Hire', null));
    rowByRow.store.write(() => addTask(rowByRow.db, 'HR: Hire', null));
    expect(indexed(bulk.db)).toEqual(indexed(rowByRow.db));
  });

  it('leaves nothing behind when the bulk insert fails (the transaction rolls back)', () => {
    const { db, store } = storeWithTasks();
    const before = indexed(db);
    expect(() =>
      store.write(() =>
        store.fillingSearchIndexAfter(() => {
          addTask(db, 'Sales: Half done', null);
          throw new Error('bad record');
        }),
      ),
    ).toThrow('bad record');
    expect(indexed(db)).toEqual(before);
    expect(db.prepare("SELECT count(*) FROM meta WHERE key = 'search_index_deferred'").pluck().get()).toBe(0);
    store.write(() => addTask(db, 'Sales: Next', null));
    expect(indexed(db).tasks.at(-1)).toEqual({ rowid: 4, body: 'Sales: Next' });
  });
});
