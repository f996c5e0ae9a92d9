import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrations.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import { offsetSegments } from '../../src/core/local-time.js';
import { setTz } from '../support/tz.js';

const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  setTz(originalTz);
});

function storeWith(entries: [string, string | null][]): SqliteStore {
  const db = new Database(':memory:');
  migrate(db, ':memory:');
  db.exec(`INSERT INTO users (name, created_at) VALUES ('a', 0);
    INSERT INTO tasks (title, text, director_id, responsible_id, created_at, updated_at) VALUES ('x', 'x', 1, 1, 0, 0);`);
  const insert = db.prepare(
    "INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, created_at, updated_at) VALUES (1, 1, ?, ?, 'timer', 0, 0)",
  );
  for (const [start, end] of entries) insert.run(Date.parse(start), end ? Date.parse(end) : null);
  return new SqliteStore(db, ':memory:');
}

describe('tracked time per local day, aggregated by the store', () => {
  it('splits an entry crossing midnight and sums same-day entries in SQL', () => {
    const store = storeWith([
      ['2026-11-27T08:00:00Z', '2026-11-27T09:00:00Z'], // 09:00-10:00 Berlin
      ['2026-11-27T22:00:00Z', '2026-11-28T01:00:00Z'], // 23:00-02:00 Berlin
    ]);
    const rows = store.trackedByDay(
      [1],
      new Date(2026, 10, 27),
      new Date(2026, 10, 29),
      new Date(2026, 10, 29),
    );
    expect(rows.map((r) => [r.day, r.seconds / 3600]).sort()).toEqual([
      ['2026-11-27', 2],
      ['2026-11-28', 2],
    ]);
  });

  it('gives a DST fall-back day its 25 hours and a spring-forward day its 23', () => {
    const store = storeWith([
      ['2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z'], // the whole of Sunday 25 October, Berlin
      ['2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'], // the whole of Sunday 29 March, Berlin
    ]);
    const rows = store.trackedByDay(
      [1],
      new Date(2026, 0, 1),
      new Date(2026, 11, 31),
      new Date(2026, 11, 31),
    );
    expect(Object.fromEntries(rows.map((r) => [r.day, r.seconds / 3600]))).toEqual({
      '2026-03-29': 23,
      '2026-10-25': 25,
    });
  });

  it('counts a running entry up to now, clipped to the period', () => {
    const store = storeWith([['2026-11-27T08:00:00Z', null]]);
    const rows = store.trackedByDay(
      [1],
      new Date(2026, 10, 27),
      new Date(2026, 10, 28),
      new Date('2026-11-27T10:30:00Z'),
    );
    expect(rows).toEqual([{ userId: 1, day: '2026-11-27', taskId: 1, seconds: 2.5 * 3600 }]);
  });
});

describe('the two ways the store totals a day agree', () => {
  it('per-day totals over many people (time-index path) equal the per-person sums (arithmetic path), across DST and midnight', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:');
    const insertUser = db.prepare('INSERT INTO users (id, name, created_at) VALUES (?, ?, 0)');
    for (let u = 1; u <= 8; u++) insertUser.run(u, `u${u}`);
    db.exec(
      "INSERT INTO tasks (id, title, text, director_id, responsible_id, created_at, updated_at) VALUES (1, 'x', 'x', 1, 1, 0, 0)",
    );
    const insert = db.prepare(
      "INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, created_at, updated_at) VALUES (1, ?, ?, ?, 'timer', 0, 0)",
    );
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const from = new Date(2026, 2, 20); // around the spring change (Berlin, 29 March)
    const to = new Date(2026, 3, 5);
    for (let u = 1; u <= 8; u++) {
      let cursor = from.getTime() + next() * 3_600_000;
      while (cursor < to.getTime() + 86_400_000) {
        const length = (10 + next() * 240) * 60_000; // up to four hours: some cross midnight
        insert.run(u, Math.round(cursor), Math.round(cursor + length)); // instants are whole milliseconds
        cursor += length + next() * 6 * 3_600_000;
      }
    }
    const store = new SqliteStore(db, ':memory:');
    const users = [1, 2, 3, 4, 5, 6, 7, 8];
    const now = new Date(2026, 5, 1);
    const perDay = store.trackedPerDay(users, from, to, now, []);
    const expected = new Map<string, number>();
    for (const row of store.trackedByDay(users, from, to, now))
      expected.set(row.day, (expected.get(row.day) ?? 0) + row.seconds);
    expect([...perDay.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [day, seconds] of expected)
      expect(Math.abs(perDay.get(day)! - seconds), day).toBeLessThanOrEqual(8);
    const [noProject, ...others] = store.trackedPerFacet(users, from, to, now, []).projects;
    expect(others).toEqual([]);
    expect(noProject![0]).toBeNull();
    expect(Math.abs(noProject![1] - [...expected.values()].reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(
      60,
    );
  });

  it('finds the exact instants the UTC offset changes', () => {
    const segments = offsetSegments(new Date(2026, 0, 1), new Date(2026, 11, 31));
    expect(segments.slice(1).map((s) => [new Date(s.start).toISOString(), s.offsetMs / 3_600_000])).toEqual([
      ['2026-03-29T01:00:00.000Z', 2],
      ['2026-10-25T01:00:00.000Z', 1],
    ]);
  });
});
