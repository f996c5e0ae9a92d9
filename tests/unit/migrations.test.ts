import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion, listMigrations, migrate } from '../../src/db/migrations.js';

describe('migrations', () => {
  it('apply from empty, record every version, and are idempotent', () => {
    const db = new Database(':memory:');
    expect(migrate(db, ':memory:')).toBe(latestSchemaVersion());
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(listMigrations().map(({ version, name }) => ({ version, name })));
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'projects',
        'tasks',
        'tags',
        'task_tags',
        'task_observers',
        'crm_links',
        'time_entries',
        'comments',
        'results',
        'history',
      ]),
    );
    expect(migrate(db, ':memory:')).toBe(latestSchemaVersion());
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
      n: listMigrations().length,
    });
  });

  it('each migration applies on top of the one before it', () => {
    const db = new Database(':memory:');
    for (const { version } of listMigrations()) {
      expect(migrate(db, ':memory:', version)).toBe(version);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    }
  });

  it('refuse a database from a newer program', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    expect(() => migrate(db, 'team.db')).toThrow(
      /team.db has schema version \d+, newer than this program knows/,
    );
  });

  it('R21: the schema allows one running entry per person and refuses a reversed entry', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:');
    db.exec(`INSERT INTO users (name, created_at) VALUES ('a', 0), ('b', 0);
      INSERT INTO tasks (title, text, director_id, responsible_id, created_at, updated_at) VALUES ('x', 'x', 1, 1, 0, 0);`);
    const insert = db.prepare(
      "INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, created_at, updated_at) VALUES (1, ?, ?, ?, 'timer', 0, 0)",
    );
    insert.run(1, 10, null);
    insert.run(2, 10, null);
    expect(() => insert.run(1, 20, null)).toThrow(/UNIQUE/);
    expect(() => insert.run(1, 20, 10)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, created_at, updated_at) VALUES (1, 1, 0, 5, 'manual', 0, 0)",
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('keep the longest finished entry exact: it grows with a longer entry and shrinks when that one is shortened or deleted', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:');
    db.exec(`INSERT INTO users (name, created_at) VALUES ('a', 0);
      INSERT INTO tasks (title, text, director_id, responsible_id, created_at, updated_at) VALUES ('x', 'x', 1, 1, 0, 0);`);
    const HOUR = 3_600_000;
    const insert = db.prepare(
      "INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, created_at, updated_at) VALUES (1, 1, ?, ?, 'timer', 0, 0)",
    );
    const longest = () => db.prepare('SELECT longest_ms FROM time_entry_bounds').pluck().get();
    insert.run(0, 2 * HOUR);
    const weekend = Number(insert.run(10 * HOUR, 70 * HOUR).lastInsertRowid);
    insert.run(80 * HOUR, 83 * HOUR);
    expect(longest()).toBe(60 * HOUR);
    db.prepare('UPDATE time_entries SET end_at = ? WHERE id = ?').run(18 * HOUR, weekend);
    expect(longest()).toBe(8 * HOUR);
    db.prepare('UPDATE time_entries SET end_at = ? WHERE id = ?').run(11 * HOUR, weekend);
    expect(longest()).toBe(3 * HOUR);
    db.prepare('DELETE FROM time_entries WHERE end_at = ?').run(83 * HOUR);
    expect(longest()).toBe(2 * HOUR);
    db.prepare('UPDATE time_entries SET comment = ? WHERE id = ?').run('note', weekend);
    expect(longest()).toBe(2 * HOUR);
  });
});
