import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import type { CoreContext } from '../../src/core/context.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { attentionAt, listRowAttentionAt } from '../../src/core/attention.js';
import type { TaskWithSpent } from '../../src/core/time-entries.js';
import type { TaskListRow, TaskSummary, User } from '../../src/core/types.js';
import {
  listInPages,
  listRowsInPages,
  listTasks,
  listTaskSummaries,
  type ListFilter,
} from '../../src/core/views.js';
import { migrate } from '../../src/db/migrations.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import { writeJsonArray } from '../../src/format/json.js';
import { listRowOf, renderTaskTable, writeTaskTable } from '../../src/format/task-table.js';

// `list` streams (issue 22): the ids in list order, then a page of rows at a time (the table's narrow rows,
// `Store.taskListRows`), the table kept as its cells only and written in chunks, `--json` a page at a time.
// The bytes must be what the whole-list rendering writes: these tests compare the two on lists longer
// than a page.

const now = new Date('2026-11-27T12:00:00Z');

function storeWith(tasks: number): { store: SqliteStore; ann: User } {
  const db = new Database(':memory:');
  migrate(db, ':memory:');
  db.exec(`INSERT INTO users (name, created_at) VALUES ('ann', 0), ('bob', 0), ('Вера', 0);
    INSERT INTO projects (name, created_at) VALUES ('Sales', 0), ('ops', 0);`);
  const insert = db.prepare(
    `INSERT INTO tasks (title, text, project_id, priority, status, deadline_at, planned_minutes, director_id, responsible_id, created_at, updated_at, tracked_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 0, ?)`,
  );
  const priorities = ['high', 'medium', 'low'];
  const statuses = ['new', 'pending', 'in_progress', 'completed'];
  for (let i = 1; i <= tasks; i++) {
    const deadline = i % 7 === 0 ? null : Date.UTC(2026, 10, 1 + ((i * 37) % 40), (i * 5) % 24);
    // The last task is someone else's: the responsible column appears only once the last page is read.
    const responsible = i === tasks ? 3 : 1;
    const title = i % 11 === 0 ? `Продажи: 会議の準備 ✅ with a long title to wrap ${i}` : `Sales: Task ${i}`;
    insert.run(
      title,
      title,
      i % 4 === 0 ? null : (i % 2) + 1,
      priorities[(i * 11) % 3],
      statuses[i % 4],
      deadline,
      i % 5 === 0 ? null : i,
      responsible,
      i,
      (i * 61_000) % 9_000_000,
    );
  }
  const ann = { id: 1, name: 'ann' } as User;
  return { store: new SqliteStore(db, ':memory:'), ann };
}

function contextOf(store: SqliteStore, actor: User): CoreContext {
  return { store, actor, now, config: DEFAULT_CONFIG, policy: DEFAULT_POLICY };
}

describe('a list read a page at a time', () => {
  const { store, ann } = storeWith(1_234);
  const ctx = contextOf(store, ann);
  const filters: ListFilter[] = [
    { all: true },
    { all: true, sort: 'priority' },
    { all: true, sort: 'newest', limit: 700 },
    {},
  ];

  it.each(filters)('gives the rows of the whole-list read, in its order (%o)', (filter) => {
    const whole = listTaskSummaries(ctx, filter);
    const narrow = store.read(() => {
      const list = listRowsInPages(ctx, filter);
      const pages = [...list.pages()];
      const rows = pages.flat();
      return { pages, rows, spent: rows.map((row) => list.spentSeconds(row)) };
    });
    // What the store reads narrow is what the table makes of the same task read whole.
    expect(narrow.rows).toEqual(whole.map(({ task }) => listRowOf(task)));
    expect(narrow.spent).toEqual(whole.map((r) => r.spentSeconds));
    expect(narrow.rows.length).toBeGreaterThan(250);
    expect(narrow.pages.slice(0, -1).every((page) => page.length === 250)).toBe(true);
    const full = store.read(() => [...listInPages(ctx, filter).pages()].flat());
    expect(full).toEqual(listTasks(ctx, filter));
  });
});

describe("the R37 colour of the table's rows", () => {
  it('is the colour of the same task read whole, around midnight and the deadline itself', () => {
    const at = (iso: string) => new Date(iso);
    for (const now of [at('2026-11-27T12:00:00Z'), at('2026-11-27T00:00:00Z'), at('2026-11-27T23:59:59Z')]) {
      const whole = attentionAt(now);
      const row = listRowAttentionAt(now);
      const day = 86_400_000;
      for (const offset of [-day, -1, 0, 1, 3_600_000, day / 2, day - 1, day, 2 * day, null]) {
        for (const status of ['new', 'pending', 'completed'] as const) {
          for (const seenAt of [null, now]) {
            const deadline = offset === null ? null : new Date(now.getTime() + offset);
            const task = { status, deadline, seenAt };
            const listRow = { status, deadlineAt: deadline?.getTime() ?? null, seen: seenAt !== null };
            expect(row(listRow), `${now.toISOString()} ${offset} ${status} ${seenAt}`).toBe(whole(task));
          }
        }
      }
    }
  });
});

describe('the streamed task table', () => {
  const { store, ann } = storeWith(1_234);
  const ctx = contextOf(store, ann);
  const rows = listTaskSummaries(ctx, { all: true });
  // Task 10 waits for task 20 (open): the Deps column shows.
  const waitingFor = new Map([[10, [20]]]);
  const pagesOf = <T>(items: readonly T[], size: number): T[][] =>
    Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
  /** The table's rows of these tasks, read as the list reads them, a page at a time. */
  const listRows = (of: readonly TaskWithSpent<TaskSummary>[], size: number) =>
    pagesOf(
      of.map((r) => r.task.id),
      size,
    ).map((ids) => store.taskListRows(ids));
  const names = new Map(store.listUsers().map((user) => [user.id, user.name]));
  const spent = new Map(rows.map((r) => [r.task.id, r.spentSeconds]));
  const facts = { names, spentSeconds: (row: TaskListRow) => spent.get(row.id)! };

  for (const [label, options] of [
    ['on a terminal (wrapped)', { color: false, width: 60 }],
    ['piped (plain)', { color: false, width: 60, plain: true }],
    ['in colour', { color: true, width: 100 }],
  ] as const) {
    it(`${label}: the same bytes as the whole table, written in chunks of whole lines`, () => {
      const chunks: string[] = [];
      const asked: (readonly number[])[] = [];
      writeTaskTable(
        listRows(rows, 250),
        {
          ...options,
          ...facts,
          now,
          viewerId: ann.id,
          waitingFor: (ids) => {
            asked.push([...ids]);
            return waitingFor;
          },
        },
        (chunk) => chunks.push(chunk),
      );
      // Who waits for whom is asked once, for the listed tasks, after the last page.
      expect(asked).toEqual([rows.map((r) => r.task.id)]);
      const whole = renderTaskTable(rows, { ...options, now, showResponsible: true, waitingFor });
      expect(whole).toContain('Resp');
      expect(whole).toContain('Deps');
      expect(chunks.join('')).toBe(`${whole}\n`);
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.every((chunk) => chunk.endsWith('\n'))).toBe(true);
    });
  }

  it("leaves the responsible column out when every task is the viewer's, and says so when there are none", () => {
    const own = rows.filter((r: TaskWithSpent<TaskSummary>) => r.task.responsibleId === ann.id);
    const chunks: string[] = [];
    writeTaskTable(
      listRows(own, 100),
      { ...facts, color: false, width: 80, now, viewerId: ann.id, waitingFor: () => new Map() },
      (chunk) => chunks.push(chunk),
    );
    expect(chunks.join('')).toBe(
      `${renderTaskTable(own, { color: false, width: 80, now, showResponsible: false })}\n`,
    );
    const none: string[] = [];
    writeTaskTable(
      [],
      { ...facts, color: false, width: 80, now, viewerId: ann.id, waitingFor: () => new Map() },
      (chunk) => none.push(chunk),
    );
    expect(none.join('')).toBe('No tasks.\n');
  });
});

describe('a JSON array written a page at a time', () => {
  const items = Array.from({ length: 23 }, (_, i) => ({
    id: i,
    title: `T "${i}"\n`,
    tags: i % 3 ? ['a', 'b'] : [],
    nested: { at: new Date(Date.UTC(2026, 0, i + 1)), none: null },
  }));
  const written = (pages: (typeof items)[]) => {
    const chunks: string[] = [];
    writeJsonArray(
      pages,
      (item) => ({ ...item, extra: item.id % 2 === 0 }),
      (chunk) => chunks.push(chunk),
    );
    return chunks.join('');
  };
  const expected = (list: typeof items) =>
    `${JSON.stringify(
      list.map((item) => ({ ...item, extra: item.id % 2 === 0 })),
      null,
      2,
    )}\n`;

  it('is what JSON.stringify(array, null, 2) writes, however the pages fall', () => {
    expect(written([items])).toBe(expected(items));
    expect(written([items.slice(0, 5), [], items.slice(5, 6), items.slice(6)])).toBe(expected(items));
    expect(written([items.slice(0, 1)])).toBe(expected(items.slice(0, 1)));
  });

  it('is [] for no items', () => {
    expect(written([])).toBe('[]\n');
    expect(written([[], []])).toBe('[]\n');
  });
});
