import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, dayStartFromKey, startOfLocalDay } from '../../src/core/local-time.js';
import { buildDayPlan } from '../../src/core/plan.js';
import { migrate } from '../../src/db/migrations.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import { setTz } from '../support/tz.js';

// Period reports take today's planned minutes per person from one SQL sum (plannedMinutesToday) instead
// of building today's plan, which reads every overdue task in full. The sum must be what the plan counts
// (R34): overdue open work carried in, tasks due today, tasks added to today's plan - each once - and
// none of the compound, deleted, declined, closed-before-today or removed-from-the-plan ones.

const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
  from = dayStartFromKey(today);
  to = startOfLocalDay(addLocalDays(from, 1));
});
afterAll(() => {
  setTz(originalTz);
});

const HOUR = 3_600_000;
const today = '2026-11-20';
// Local days in the test's time zone, set before the tests run.
let from: Date;
let to: Date;
const calendar = { workdayMinutes: 480, workingDays: [1, 2, 3, 4, 5] };

/** A deterministic pseudo-random sequence (a linear congruential generator). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function build(seed: number, users: number): SqliteStore {
  const db = new Database(':memory:');
  migrate(db, ':memory:');
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  for (let u = 1; u <= users; u++)
    db.prepare('INSERT INTO users (name, created_at) VALUES (?, 0)').run(`user${u}`);
  const insert = db.prepare(
    `INSERT INTO tasks (title, text, director_id, responsible_id, created_at, updated_at, status, kind, deadline_at, closed_at, planned_minutes, deleted_at)
     VALUES (?, ?, 1, ?, 0, 0, ?, ?, ?, ?, ?, ?)`,
  );
  const plan = db.prepare(
    'INSERT OR REPLACE INTO plan_items (user_id, day, task_id, kind, added_at) VALUES (?, ?, ?, ?, ?)',
  );
  for (let t = 1; t <= 400; t++) {
    const status = pick([
      'new',
      'pending',
      'in_progress',
      'completed',
      'declined',
      'awaiting_control',
    ] as const);
    const closed = status === 'completed' || status === 'declined';
    // Deadlines from four days before today to two days after, or none.
    const deadline = next() < 0.15 ? null : from.getTime() + Math.floor((next() * 6 - 4) * 24) * HOUR;
    const closedAt = closed ? from.getTime() + Math.floor((next() * 3 - 2) * 24) * HOUR : null;
    insert.run(
      `Task ${t}`,
      `Task ${t}`,
      1 + Math.floor(next() * users),
      status,
      next() < 0.1 ? 'general' : 'ordinary',
      deadline,
      closedAt,
      next() < 0.2 ? null : 15 * (1 + Math.floor(next() * 8)),
      next() < 0.05 ? 1 : null,
    );
    // Some tasks are in someone's plan for today (or another day): added, started unplanned, or removed.
    if (next() < 0.35)
      plan.run(
        1 + Math.floor(next() * users),
        next() < 0.8 ? today : '2026-11-19',
        t,
        pick(['added', 'unplanned', 'removed']),
        from.getTime(),
      );
  }
  return new SqliteStore(db, ':memory:');
}

describe("today's planned minutes summed in SQL", () => {
  for (const seed of [3, 11, 29]) {
    it(`equals what today's plan counts, person by person (seed ${seed})`, () => {
      const users = 6;
      const store = build(seed, users);
      const ids = Array.from({ length: users }, (_, i) => i + 1);
      const summed = store.plannedMinutesToday(ids, today, from, to);
      const planned = ids.map(
        (id) => buildDayPlan(store, { id, name: `user${id}` }, today, today, calendar).plannedMinutes,
      );
      expect(ids.map((id) => summed.get(id) ?? 0)).toEqual(planned);
      // Only people with something planned are returned, and the data plans something for most.
      expect([...summed.values()].every((minutes) => minutes > 0)).toBe(true);
      expect(summed.size).toBeGreaterThan(3);
    });
  }

  it('counts an overdue task listed as started unplanned, and not one removed from the plan', () => {
    const store = build(5, 1);
    const db = (store as unknown as { db: Database.Database }).db;
    db.exec('DELETE FROM plan_items; DELETE FROM tasks');
    const insert = db.prepare(
      "INSERT INTO tasks (id, title, text, director_id, responsible_id, created_at, updated_at, status, deadline_at, planned_minutes) VALUES (?, 'T', 'T', 1, 1, 0, 0, 'pending', ?, ?)",
    );
    insert.run(1, from.getTime() - 24 * HOUR, 30);
    insert.run(2, from.getTime() - 24 * HOUR, 45);
    insert.run(3, from.getTime() + 2 * HOUR, 60);
    db.prepare(
      "INSERT INTO plan_items (user_id, day, task_id, kind, added_at) VALUES (1, ?, 1, 'unplanned', 0), (1, ?, 2, 'removed', 0)",
    ).run(today, today);
    expect(store.plannedMinutesToday([1], today, from, to).get(1)).toBe(90);
    expect(buildDayPlan(store, { id: 1, name: 'user1' }, today, today, calendar).plannedMinutes).toBe(90);
  });
});

describe("a past day's planned minutes summed in SQL (period reports)", () => {
  for (const seed of [3, 11, 29]) {
    it(`equal what that day's plan counts, overdue work carried in included (seed ${seed})`, () => {
      const users = 6;
      const store = build(seed, users);
      const ids = Array.from({ length: users }, (_, i) => i + 1);
      const day = '2026-11-19';
      const dayFrom = dayStartFromKey(day);
      const rows = store.plannedByDay(ids, dayFrom, from, from);
      const summed = ids.map((id) => rows.find((r) => r.userId === id && r.day === day)?.minutes ?? 0);
      const planned = ids.map(
        (id) => buildDayPlan(store, { id, name: `user${id}` }, day, today, calendar).plannedMinutes,
      );
      expect(summed).toEqual(planned);
      expect(planned.filter((minutes) => minutes > 0).length).toBeGreaterThan(3);
    });
  }
});

describe("a person's tasks due in a range", () => {
  it('reads them from an index on (responsible, deadline), in order, without a sort', () => {
    const store = build(3, 6);
    const db = (store as unknown as { db: Database.Database }).db;
    const prepare = db.prepare.bind(db);
    const texts: string[] = [];
    db.prepare = ((text: string) => {
      texts.push(text);
      return prepare(text);
    }) as typeof db.prepare;
    let due: number[];
    try {
      due = store.tasksDueBetween(1, from, to).map((t) => t.id);
    } finally {
      db.prepare = prepare as typeof db.prepare;
    }
    const plans = texts.flatMap((text) =>
      (prepare(`EXPLAIN QUERY PLAN ${text}`).all({ user: 1, from: 0, to: 0 }) as { detail: string }[]).map(
        (r) => r.detail,
      ),
    );
    expect(plans).toContain(
      'SEARCH t USING INDEX tasks_due_by_responsible (responsible_id=? AND deadline_at>? AND deadline_at<?)',
    );
    expect(plans.filter((p) => p.includes('TEMP B-TREE'))).toEqual([]);
    const walked = db
      .prepare(
        'SELECT id FROM tasks WHERE responsible_id = 1 AND deadline_at >= ? AND deadline_at < ? AND deleted_at IS NULL ORDER BY deadline_at, id',
      )
      .pluck()
      .all(from.getTime(), to.getTime());
    expect(due).toEqual(walked);
    expect(due.length).toBeGreaterThan(3);
  });
});
