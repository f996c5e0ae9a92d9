import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrations.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import { plansOf } from '../support/query-plans.js';

/** Values for the named parameters of the bounded entry lookups, to explain their plans. */
const LOOKUP_PARAMS = { user: 1, earliest: 0, to: 0, from: 0, longest: 0 };

// status, start and show look up a person's entries around now: the lookup must read a bounded range of
// their index (the longest finished entry bounds how early an overlapping one starts; the running timer
// comes from its own index), and must still find everything a walk over the whole history finds.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const now = Date.parse('2026-11-20T10:00:00Z');

interface Entry {
  id: number;
  userId: number;
  start: number;
  end: number | null;
  source: 'timer' | 'manual';
}

interface World {
  db: Database.Database;
  store: SqliteStore;
  entries: Entry[];
}

// Two years of history take about a second to insert (the tracked-time triggers run per row): each
// history is built once (issue 19), and a test that changes rows works on a copy of it.
function build(runningSince: number): World {
  const db = new Database(':memory:');
  migrate(db, ':memory:');
  for (let u = 1; u <= 3; u++)
    db.prepare('INSERT INTO users (name, created_at) VALUES (?, 0)').run(`user${u}`);
  db.prepare(
    "INSERT INTO tasks (title, text, director_id, responsible_id, created_at, updated_at) VALUES ('Ops: x', 'x', 1, 1, 0, 0)",
  ).run();
  const insert = db.prepare(
    'INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, comment, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, 0, 0)',
  );
  const entries: Entry[] = [];
  const add = (userId: number, start: number, end: number | null, source: Entry['source']) => {
    const id = Number(
      insert.run(userId, start, end, source, source === 'manual' ? 'by hand' : null).lastInsertRowid,
    );
    entries.push({ id, userId, start, end, source });
  };
  // Two years of working days, eight stretches a day, for each of three people.
  for (let user = 1; user <= 3; user++) {
    for (let day = 730; day >= 1; day--) {
      let cursor = now - day * DAY + 8 * 60 * MINUTE + user * MINUTE;
      for (let i = 0; i < 8; i++) {
        add(user, cursor, cursor + 20 * MINUTE, i % 5 === 0 ? 'manual' : 'timer');
        cursor += 25 * MINUTE;
      }
    }
  }
  add(2, now - 400 * DAY - 3 * 60 * MINUTE, now - 400 * DAY + 9 * DAY, 'manual'); // a stretch of nine days, long ago
  add(1, now - 2 * DAY - 20 * 60 * MINUTE, now - 2 * DAY + 2 * MINUTE, 'timer'); // ran overnight into the day before yesterday
  add(1, runningSince, null, 'timer'); // the running timer
  return { db, store: new SqliteStore(db, ':memory:'), entries };
}

/** A store over the same connection with no statement prepared yet, so `plansOf` sees every one. */
function freshStatements(world: World): World {
  return { ...world, store: new SqliteStore(world.db, ':memory:') };
}

/** The same database, rows and all, in a connection of its own. */
function copyOf(world: World): World {
  const db = new Database(world.db.serialize());
  return { db, store: new SqliteStore(db, ':memory:'), entries: world.entries };
}

function overlapping(entries: Entry[], userId: number, from: number, to: number): number[] {
  return entries
    .filter((e) => e.userId === userId && e.start < to && (e.end === null || e.end > from))
    .sort((a, b) => a.start - b.start || a.id - b.id)
    .map((e) => e.id);
}

describe("a person's entries around now", () => {
  const startedThisMorning = build(now - 90 * MINUTE);
  for (const [label, world] of [
    ['a timer started this morning', startedThisMorning],
    ['a timer forgotten for ten days', build(now - 10 * DAY)],
  ] as const) {
    const { store, entries } = world;
    const windows: [string, number, number][] = [
      ['today', now - 10 * 60 * MINUTE, now + 14 * 60 * MINUTE],
      ['from now on (start)', now, Date.parse('9999-12-31T00:00:00Z')],
      ['the day before yesterday (an overnight stretch reaches it)', now - 2 * DAY, now - DAY],
      ['inside the nine-day stretch', now - 396 * DAY, now - 395 * DAY],
      ['a year', now - 365 * DAY, now],
    ];
    for (const [window, from, to] of windows) {
      for (const user of [1, 2]) {
        it(`${label}: ${window}, user${user}: what a walk over the whole history finds`, () => {
          const found = store.entriesOfUserBetween(user, new Date(from), new Date(to)).map((e) => e.id);
          expect(found).toEqual(overlapping(entries, user, from, to));
        });
      }
    }

    it(`${label}: when work began (R20) is what a walk over the day's entries finds, entries typed in later included`, () => {
      const { db, store: typed, entries: all } = copyOf(world);
      // Some entries were typed in after the fact: made later than they start.
      db.prepare('UPDATE time_entries SET created_at = start_at + 3 * 3600000 WHERE id % 7 = 0').run();
      db.prepare('UPDATE time_entries SET created_at = start_at WHERE id % 7 <> 0').run();
      const made = new Map(
        db.prepare('SELECT id, created_at FROM time_entries').raw().all() as [number, number][],
      );
      for (const [, from, to] of windows) {
        for (const user of [1, 2, 3]) {
          const times = all
            .filter((e) => e.userId === user && e.start < to && (e.end === null || e.end > from))
            .map((e) => Math.max(e.start, made.get(e.id)!, from))
            .filter((m) => m < to);
          const expected = times.length ? new Date(Math.min(...times)) : null;
          expect(typed.firstWorkMadeBetween(user, new Date(from), new Date(to))).toEqual(expected);
        }
      }
      expect(typed.firstWorkMadeBetween(3, new Date(now + DAY), new Date(now + 2 * DAY))).toBeNull();
    });

    it(`${label}: the timer stopped last is the one a walk finds`, () => {
      for (const user of [1, 2, 3]) {
        const timers = entries.filter((e) => e.userId === user && e.end !== null && e.source === 'timer');
        const last = timers.reduce((a, b) => (b.end! > a.end! || (b.end === a.end && b.id > a.id) ? b : a));
        expect(store.lastStoppedEntryOf(user)?.id).toBe(last.id);
      }
    });
  }

  it('reads a bounded range of the index and the running timer through its own index', () => {
    const { db, store } = freshStatements(startedThisMorning);
    const plans = plansOf(
      db,
      () => store.entriesOfUserBetween(1, new Date(now - DAY), new Date(now)),
      LOOKUP_PARAMS,
    );
    expect(plans).toContain(
      'SEARCH time_entries USING INDEX time_entries_by_user_start (user_id=? AND start_at>? AND start_at<?)',
    );
    expect(plans).toContain('SEARCH time_entries USING INDEX time_entries_one_running_per_user (user_id=?)');
    expect(plans.filter((p) => p.startsWith('SCAN'))).toEqual([]);
  });

  it('finds the timer stopped last in a bounded range of the index', () => {
    const { db, store } = freshStatements(startedThisMorning);
    const plans = plansOf(db, () => store.lastStoppedEntryOf(1), LOOKUP_PARAMS);
    expect(plans).toContain(
      'SEARCH time_entries USING INDEX time_entries_by_user_start (user_id=? AND start_at>?)',
    );
  });
});
