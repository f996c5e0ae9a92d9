import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrations.js';
import { SUMMARY_SELECT, TASK_COLUMNS, TASK_SELECT } from '../../src/db/sqlite/task-sql.js';

// A task row is read and written by column name from one table each (no positional tuple kept in step
// by hand): every column of `tasks` must be in both, so a new column cannot be forgotten on one side.

function taskColumns(): string[] {
  const db = new Database(':memory:');
  migrate(db, ':memory:');
  const columns = db
    .prepare("SELECT name FROM pragma_table_info('tasks') ORDER BY cid")
    .pluck()
    .all() as string[];
  db.close();
  return columns;
}

describe('task rows by column name', () => {
  it('every column of the tasks table is read into a Task field', () => {
    const read = new Set(
      Object.values(TASK_SELECT)
        .map((sql) => /^t\.(\w+)$/.exec(sql)?.[1])
        .filter(Boolean),
    );
    expect(taskColumns().filter((column) => !read.has(column))).toEqual([]);
  });

  it('every column a task is made with is written from a TaskFields property (the id and the tracked total are the database’s)', () => {
    const written = new Set<string>(Object.values(TASK_COLUMNS));
    expect(taskColumns().filter((column) => !written.has(column))).toEqual(['id', 'tracked_ms']);
  });

  it('a summary reads the same expressions as the whole task', () => {
    for (const [field, sql] of Object.entries(SUMMARY_SELECT))
      expect(TASK_SELECT[field as keyof typeof TASK_SELECT]).toBe(sql);
  });
});
