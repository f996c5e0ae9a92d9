import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrations.js';
import { isoInstantSql } from '../../src/db/sqlite/dump.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import type { TaskQuery } from '../../src/core/store.js';
import { renderTaskTable } from '../../src/format/task-table.js';
import { displayWidth } from '../../src/format/width.js';
import { plansOf } from '../support/query-plans.js';

/** The store's own database connection, to read the plans of what it prepares. */
const databaseOf = (store: SqliteStore) => (store as unknown as { db: Database.Database }).db;

/** 300 tasks with deadlines, priorities, projects and creation times in scrambled orders, some without a deadline. */
function storeWithTasks(): SqliteStore {
  const db = new Database(':memory:');
  migrate(db, ':memory:');
  db.exec(`INSERT INTO users (name, created_at) VALUES ('ann', 0), ('bob', 0);
    INSERT INTO projects (name, created_at) VALUES ('Sales', 0), ('ops', 0), ('Legal', 0);`);
  const insert = db.prepare(
    `INSERT INTO tasks (title, text, project_id, priority, deadline_at, planned_minutes, director_id, responsible_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, 0)`,
  );
  const priorities = ['high', 'medium', 'low'];
  for (let i = 1; i <= 300; i++) {
    const deadline = i % 7 === 0 ? null : Date.UTC(2026, 10, 1 + ((i * 37) % 40));
    insert.run(
      `Task ${i}`,
      `Task ${i}`,
      i % 4 === 0 ? null : (i % 3) + 1,
      priorities[(i * 11) % 3],
      deadline,
      i % 5 === 0 ? null : i,
      (i % 2) + 1,
      (i * 7919) % 1000,
    );
  }
  return new SqliteStore(db, ':memory:');
}

describe('task lists read by the store', () => {
  const store = storeWithTasks();
  const orders: NonNullable<TaskQuery['order']>[] = ['deadline', 'priority', 'created', 'newest', 'project'];

  it.each(orders)(
    'the narrow list read returns the same tasks in the same %s order as the full read',
    (order) => {
      const full = store.findTasks({ order });
      const narrow = store.findTaskSummaries({ order });
      expect(narrow.map((t) => t.id)).toEqual(full.map((t) => t.id));
      const keys = [
        'id',
        'title',
        'status',
        'priority',
        'deadline',
        'deadlineAllDay',
        'deadlineHard',
        'plannedMinutes',
        'responsibleId',
        'responsible',
        'seenAt',
        'trackedSeconds',
      ] as const;
      expect(Object.keys(narrow[5]!).sort()).toEqual([...keys].sort());
      expect(narrow[5]).toEqual(Object.fromEntries(keys.map((key) => [key, full[5]![key]])));
    },
  );

  it('sorts by deadline (none last), then priority, then id', () => {
    const tasks = store.findTaskSummaries({ order: 'deadline' });
    const rank = { high: 0, medium: 1, low: 2 };
    const key = (t: (typeof tasks)[number]) => [
      t.deadline === null ? 1 : 0,
      t.deadline?.getTime() ?? 0,
      rank[t.priority],
      t.id,
    ];
    const sorted = [...tasks].sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
      return 0;
    });
    expect(tasks.map((t) => t.id)).toEqual(sorted.map((t) => t.id));
    expect(tasks.at(-1)!.deadline).toBeNull();
    expect(tasks[0]!.deadline).not.toBeNull();
  });

  it('newest is created, reversed (the newest first, later ids first on a tie)', () => {
    const created = store.findTaskSummaries({ order: 'created' }).map((t) => t.id);
    expect(store.findTaskSummaries({ order: 'newest' }).map((t) => t.id)).toEqual([...created].reverse());
  });

  it('applies filters and limits to the narrow read as to the full one', () => {
    const query: TaskQuery = { responsibleId: 2, priorities: ['high'], order: 'priority', limit: 10 };
    const narrow = store.findTaskSummaries(query);
    expect(narrow).toHaveLength(10);
    expect(narrow.every((t) => t.responsible === 'bob' && t.priority === 'high')).toBe(true);
    expect(narrow.map((t) => t.id)).toEqual(store.findTasks(query).map((t) => t.id));
  });

  it('a limited list in the default order is the head of the whole list, read along the list-order index without sorting every task', () => {
    const whole = store.findTaskSummaries({ order: 'deadline' }).map((t) => t.id);
    for (const limit of [1, 25, 299])
      expect(store.findTaskSummaries({ order: 'deadline', limit }).map((t) => t.id)).toEqual(
        whole.slice(0, limit),
      );
    const open = store.findTaskSummaries({ order: 'deadline', statuses: ['new'] }).map((t) => t.id);
    expect(
      store.findTaskSummaries({ order: 'deadline', statuses: ['new'], limit: 25 }).map((t) => t.id),
    ).toEqual(open.slice(0, 25));
    const plan = plansOf(databaseOf(store), () => store.findTaskSummaries({ order: 'deadline', limit: 7 })); // a statement not prepared yet
    expect(plan).toContain('SCAN t USING INDEX tasks_in_list_order');
    expect(plan.filter((detail) => detail.includes('TEMP B-TREE'))).toEqual([]);
  });

  it('reads the dependency links of the tasks asked for only', () => {
    const db = (store as unknown as { db: Database.Database }).db;
    db.exec(
      `INSERT INTO task_links (task_id, other_id, kind) VALUES (1, 2, 'depends'), (1, 3, 'depends'), (4, 5, 'depends'), (6, 1, 'depends')`,
    );
    db.exec("UPDATE tasks SET status = 'completed' WHERE id = 3");
    try {
      expect(store.dependencyLinks([1, 6, 7])).toEqual([
        { taskId: 1, otherId: 2, otherOpen: true },
        { taskId: 1, otherId: 3, otherOpen: false },
        { taskId: 6, otherId: 1, otherOpen: true },
      ]);
      expect(store.dependencyLinks([])).toEqual([]);
    } finally {
      db.exec("DELETE FROM task_links; UPDATE tasks SET status = 'new' WHERE id = 3");
    }
  });
});

describe('the task table', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const task = (id: number, title: string, responsible = 'ann') => ({
    task: {
      id,
      title,
      status: 'pending' as const,
      priority: 'medium' as const,
      deadline: null,
      deadlineAllDay: true,
      deadlineHard: false,
      plannedMinutes: 90,
      responsibleId: 1,
      responsible,
      seenAt: now,
      trackedSeconds: 0,
    },
    spentSeconds: 3600,
  });

  it('on a terminal: borderless columns, the title last, wrapped at spaces to the width, never cut (issue 20)', () => {
    const rows = [
      task(1, 'Sales: a very long title '.repeat(5).trim()),
      task(22, 'Продажи: 会議の準備をする 会議の準備をする 会議の準備をする'),
      task(333, 'Short'),
    ];
    const lines = renderTaskTable(rows, { color: false, now, width: 80, showResponsible: true }).split('\n');
    expect(lines[0]).toBe(' ID Resp Status  P Deadline Plan  Spent Title');
    expect(lines[1]).toBe('--- ---- ------- - -------- ----- ----- -----');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(lines.join('\n')).not.toMatch(/[│┌└…]/);
    const indent = lines[0]!.indexOf('Title');
    // Every word is there, in order: the continuation lines start under the title.
    const titleOf = (first: number, count: number) =>
      lines
        .slice(first, first + count)
        .map((line) => line.slice(indent))
        .join(' ');
    expect(lines[2]!.startsWith('  1 ann  pending M          1h30m 1h    Sales: a very long title')).toBe(
      true,
    );
    expect(titleOf(2, 4)).toBe(rows[0]!.task.title);
    expect(lines[3]!.slice(0, indent).trim()).toBe('');
    expect(lines.at(-1)).toBe('333 ann  pending M          1h30m 1h    Short');
  });

  it('measures emoji and wide characters as the terminal shows them (✅ ☕ ⚠️), so the columns stay aligned', () => {
    const rows = [task(1, 'Ops: Coffee ☕ ⚠️ done ✅', '☕ ann'), task(2, 'Ops: plain', 'bob')];
    const lines = renderTaskTable(rows, { color: false, now, width: 80, showResponsible: true }).split('\n');
    expect(displayWidth('✅ ☕ ⚠️')).toBe(8);
    expect(displayWidth('会議')).toBe(4);
    // The Status column starts at the same screen column on every row.
    const statusColumn = (line: string) => displayWidth(line.slice(0, line.indexOf('pending')));
    expect(statusColumn(lines[2]!)).toBe(statusColumn(lines[3]!));
    expect(lines[2]).toMatch(/^ 1 ☕ ann pending/);
  });

  it('piped or --plain: one task per line, the whole title, no rule or box characters (task list | grep finds every word)', () => {
    const long = 'Legal: Send the signed contract to the notary and ask for the certified copies by Friday';
    const rows = [task(1, long), task(2, 'Ops: Short')];
    const lines = renderTaskTable(rows, {
      color: false,
      now,
      width: 40,
      showResponsible: false,
      plain: true,
    }).split('\n');
    expect(lines).toEqual([
      'ID Status  P Deadline Plan  Spent Title',
      ` 1 pending M          1h30m 1h    ${long}`,
      ' 2 pending M          1h30m 1h    Ops: Short',
    ]);
  });

  it('renders 10,000 rows in one pass (no table library)', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      task(i + 1, `Sales: task number ${i} with a title long enough to wrap at eighty columns ✅`),
    );
    const out = renderTaskTable(rows, { color: true, now, width: 80, showResponsible: false });
    expect(out.split('\n').length).toBeGreaterThan(10_000);
  });

  it('shows control characters in titles as escapes, never raw', () => {
    const out = renderTaskTable([task(1, 'Evil \u001b[31mred\u0007')], {
      color: false,
      now,
      width: 80,
      showResponsible: false,
    });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('\\u001b[31mred\\u0007');
  });
});

describe('instants written by SQLite for exports', () => {
  it('match JavaScript toISOString to the millisecond, before and after 1970, and keep null', () => {
    const db = new Database(':memory:');
    const iso = db.prepare(`SELECT ${isoInstantSql('@v')}`).pluck();
    const samples = [
      0,
      1,
      999,
      1000,
      1001,
      -1,
      -999,
      -1000,
      -1001,
      Date.parse('2026-11-27T12:34:56.789Z'),
      Date.parse('2026-03-29T01:00:00.000Z'),
      Date.parse('1999-12-31T23:59:59.999Z'),
    ];
    let seed = 11;
    for (let i = 0; i < 200; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      samples.push(Math.floor((seed / 2147483648) * 4e12) - 1e12);
    }
    for (const ms of samples) expect(iso.get({ v: ms }), String(ms)).toBe(new Date(ms).toISOString());
    expect(iso.get({ v: null })).toBeNull();
  });
});
