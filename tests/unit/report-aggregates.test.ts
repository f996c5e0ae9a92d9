import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrations.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import { splitByLocalDay } from '../../src/core/local-time.js';
import { setTz } from '../support/tz.js';

// Period reports add up time in SQL by three routes (the totals kept on tasks, the task index, a bounded
// range of the time index) and per day by bounded ranges; each must give what a plain walk over every
// entry gives. The data has entries crossing midnight, one lasting three days, a timer left running for
// ten days, and a DST change (Europe/Berlin, 25 October 2026) inside the periods.

const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  setTz(originalTz);
});

interface Entry {
  taskId: number;
  userId: number;
  start: number;
  end: number | null;
}

const MINUTE = 60_000;
const now = Date.parse('2026-11-20T10:00:00Z');

/** A deterministic pseudo-random sequence (a linear congruential generator). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function build(): {
  store: SqliteStore;
  entries: Entry[];
  tasks: { project: string | null; tags: string[]; crm: string[] }[];
} {
  const db = new Database(':memory:');
  migrate(db, ':memory:');
  const next = random(7);
  const users = 8;
  for (let u = 1; u <= users; u++)
    db.prepare('INSERT INTO users (name, created_at) VALUES (?, 0)').run(`user${u}`);
  for (const name of ['Sales', 'Ops', 'Legal'])
    db.prepare('INSERT INTO projects (name, created_at) VALUES (?, 0)').run(name);
  for (const name of ['NO', 'client', 'internal']) db.prepare('INSERT INTO tags (name) VALUES (?)').run(name);
  const tasks: { project: string | null; tags: string[]; crm: string[] }[] = [];
  for (let t = 1; t <= 30; t++) {
    const project = t % 4 === 0 ? null : ['Sales', 'Ops', 'Legal'][t % 3]!;
    db.prepare(
      'INSERT INTO tasks (title, text, project_id, director_id, responsible_id, created_at, updated_at) VALUES (?, ?, (SELECT id FROM projects WHERE name = ?), 1, ?, 0, 0)',
    ).run(`Task ${t}`, `Task ${t}`, project, (t % users) + 1);
    const tags = ['NO', 'client', 'internal'].filter((_, i) => (t + i) % 3 === 0 || (t % 5 === 0 && i === 2));
    for (const tag of tags)
      db.prepare('INSERT INTO task_tags (task_id, tag_id) SELECT ?, id FROM tags WHERE name = ?').run(t, tag);
    const crm = t % 6 === 0 ? [`deal:${t}`] : [];
    for (const link of crm)
      db.prepare("INSERT INTO crm_links (task_id, kind, ref) VALUES (?, 'deal', ?)").run(t, link.slice(5));
    tasks.push({ project, tags, crm });
  }
  const entries: Entry[] = [];
  const first = Date.parse('2026-09-01T06:00:00Z');
  for (let i = 0; i < 1500; i++) {
    const start = first + Math.floor(next() * 80 * 24 * 60) * MINUTE;
    const end = start + (5 + Math.floor(next() * 300)) * MINUTE;
    if (end > now) continue;
    entries.push({ taskId: 1 + Math.floor(next() * 30), userId: 1 + Math.floor(next() * users), start, end });
  }
  entries.push({
    taskId: 3,
    userId: 2,
    start: Date.parse('2026-10-24T20:00:00Z'),
    end: Date.parse('2026-10-27T09:30:00Z'),
  }); // three days, over the DST change
  entries.push({ taskId: 5, userId: 4, start: now - 10 * 24 * 60 * MINUTE, end: null }); // a forgotten timer
  const insert = db.prepare(
    "INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, comment, created_at, updated_at) VALUES (?, ?, ?, ?, 'manual', 'x', 0, 0)",
  );
  for (const e of entries) insert.run(e.taskId, e.userId, e.start, e.end);
  return { store: new SqliteStore(db, ':memory:'), entries, tasks };
}

/** The plain walk: every entry clipped to the period, split at local midnight. */
function expected(
  entries: Entry[],
  tasks: { project: string | null; tags: string[]; crm: string[] }[],
  users: number[],
  from: Date,
  to: Date,
  excluded: number[],
) {
  const perDay = new Map<string, number>();
  const perTask = new Map<number, number>();
  for (const e of entries) {
    if (!users.includes(e.userId) || excluded.includes(e.taskId)) continue;
    const start = Math.max(e.start, from.getTime());
    const end = Math.min(e.end ?? Math.max(now, e.start), to.getTime());
    if (end <= start) continue;
    for (const share of splitByLocalDay(new Date(start), new Date(end)))
      perDay.set(share.day, (perDay.get(share.day) ?? 0) + share.seconds);
    perTask.set(e.taskId, (perTask.get(e.taskId) ?? 0) + (end - start));
  }
  const projects = new Map<string | null, number>();
  const tags = new Map<string | null, number>();
  const crm = new Map<string, number>();
  const add = <K>(map: Map<K, number>, key: K, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  for (const [taskId, ms] of perTask) {
    const task = tasks[taskId - 1]!;
    add(projects, task.project, ms);
    if (!task.tags.length) add(tags, null, ms);
    for (const tag of task.tags) add(tags, tag, ms);
    for (const link of task.crm) add(crm, link, ms);
  }
  const seconds = <K>(map: Map<K, number>) => new Map([...map].map(([k, ms]) => [k, Math.round(ms / 1000)]));
  return {
    perDay: new Map([...perDay].map(([d, s]) => [d, Math.round(s)])),
    projects: seconds(projects),
    tags: seconds(tags),
    crm: seconds(crm),
  };
}

describe('period totals in SQL agree with a walk over every entry', () => {
  const { store, entries, tasks } = build();
  const everyone = [1, 2, 3, 4, 5, 6, 7, 8];
  const periods: [string, Date, Date][] = [
    ['all of the history', new Date(2026, 7, 1), new Date(2026, 11, 1)],
    ['most of the history', new Date(2026, 8, 10), new Date(2026, 11, 1)],
    ['a month with the DST change', new Date(2026, 9, 1), new Date(2026, 10, 1)],
    ['one day inside the three-day entry', new Date(2026, 9, 26), new Date(2026, 9, 27)],
    ['a week of the running timer', new Date(2026, 10, 9), new Date(2026, 10, 16)],
    ['days long after the forgotten timer began', new Date(2026, 10, 16), new Date(2026, 10, 21)],
  ];

  for (const [label, from, to] of periods) {
    for (const [who, users] of [
      ['everyone', everyone],
      ['six people', [1, 2, 3, 4, 5, 6]],
      ['two people', [2, 4]],
    ] as const) {
      for (const excluded of [[], [3, 6, 9]]) {
        it(`${label}, ${who}${excluded.length ? ', with excluded tasks' : ''}`, () => {
          const want = expected(entries, tasks, [...users], from, to, excluded);
          const perDay = store.trackedPerDay([...users], from, to, new Date(now), excluded);
          expect(new Map([...perDay].filter(([, s]) => s > 0))).toEqual(
            new Map([...want.perDay].filter(([, s]) => s > 0)),
          );
          const facets = store.trackedPerFacet([...users], from, to, new Date(now), excluded);
          expect(new Map(facets.projects)).toEqual(new Map([...want.projects].filter(([, s]) => s > 0)));
          expect(new Map(facets.tags)).toEqual(new Map([...want.tags].filter(([, s]) => s > 0)));
          expect(new Map(facets.crm)).toEqual(new Map([...want.crm].filter(([, s]) => s > 0)));
          expect(perDay.size).toBeGreaterThan(0);
        });
      }
    }
  }

  it('keeps the longest finished entry, so a period reads only entries that can reach it', () => {
    const longest = (store as unknown as { db: Database.Database }).db
      .prepare('SELECT longest_ms FROM time_entry_bounds')
      .pluck()
      .get();
    expect(longest).toBe(Date.parse('2026-10-27T09:30:00Z') - Date.parse('2026-10-24T20:00:00Z'));
  });
});
