import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RuleError } from '../../src/core/errors.js';
import { MadeTasks } from '../../src/core/gate-made-tasks.js';
import type { TaskState } from '../../src/core/rules/invariants.js';
import { importTaskwarrior } from '../../src/core/interchange/taskwarrior.js';
import { importTimewarrior } from '../../src/core/interchange/timewarrior.js';
import type { TaskFields, User } from '../../src/core/types.js';
import type { SqliteStore } from '../../src/db/sqlite/store.js';
import * as schemas from '../../src/schemas/import.js';
import { parseRecords } from '../../src/schemas/validate.js';
import { CoreWorld } from '../support/core.js';
import { taskFields } from '../support/task-fields.js';

/**
 * Issue 22: an import inserts each row once - into the database, when its plan is applied. The plan is
 * still made and checked on a private copy (issue 21), but the rows nothing reads back are not written
 * there, and the gate checks the regulations of the tasks a transaction made on their plain state
 * (src/core/gate-made-tasks.ts) instead of reading each back - a state that must be the row the store
 * gives back, and must refuse what reading it back refused.
 */

const worlds: CoreWorld[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const w of worlds.splice(0)) w.close();
});

function world(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  worlds.push(w);
  w.admin('ann');
  return w;
}

const uuid = (i: number) => `${String(i).padStart(8, '0')}-2222-4222-8222-222222222222`;

/**
 * Ordinary, compound (open and closed), backlog and closed Control tasks, annotated, in a day's plan -
 * and with `dependencies`, some depending on others.
 */
const taskRecords = (dependencies: boolean) =>
  parseRecords(
    schemas.taskwarriorTaskSchema,
    Array.from({ length: 120 }, (_, i) => {
      const closed = i % 6 === 0;
      const title = [
        `Ops: Check invoice ${i}`,
        `General: Move office ${i}`,
        `STEC: Audit template ${i}`,
        `Ops: Control: Report ${i} filed`,
      ][i % 4]!;
      return {
        uuid: uuid(i),
        description: title,
        status: closed && i % 4 !== 2 ? 'completed' : 'pending',
        entry: '20261101T090000Z',
        ...(closed && i % 4 !== 2 ? { end: '20261102T090000Z' } : {}),
        ...(i % 5 === 0 ? { tags: ['Work', `t${i % 3}`] } : {}),
        ...(i % 3 === 0 ? { annotations: [{ entry: '20261103T090000Z', description: `note ${i}` }] } : {}),
        ...(dependencies && i > 0 && i % 7 === 0 ? { depends: [uuid(i - 1)] } : {}),
        ...(i === 8 ? { scheduled: '20261128T000000Z' } : {}),
      };
    }),
    { file: 'f.json', record: 'task' },
  );

const compact = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Finished intervals of five kinds of work, and one of them still running. */
const intervals = parseRecords(
  schemas.timewarriorIntervalSchema,
  [
    ...Array.from({ length: 150 }, (_, i) => {
      const start = new Date(Date.UTC(2026, 9, 1, 8) + i * 3_600_000);
      return {
        id: 151 - i,
        start: compact(start),
        end: compact(new Date(start.getTime() + 40 * 60_000 + i * 1_001)),
        tags: [`w${i % 5}`, 'Work'],
      };
    }),
    { id: 1, start: '20261127T080000Z', tags: ['w0', 'Work'] },
  ],
  { file: 'f.json', record: 'interval' },
);

/** The kept tables: the rows an import inserts by the thousand. */
const BULK_INSERT = /^INSERT INTO (tasks|task_tags|comments|history|time_entries|external_ids) /;

/** How many rows of the kept tables were inserted on connections other than the world's database (its plan copies). */
function rowsOffTheDatabase(w: CoreWorld): { rows: number } {
  const { db } = w.raw as unknown as SqliteStore;
  const off = { rows: 0 };
  const prepare = Database.prototype.prepare;
  vi.spyOn(Database.prototype, 'prepare').mockImplementation(function (
    this: Database.Database,
    source: string,
  ) {
    const statement = prepare.call(this, source);
    if (this !== db && BULK_INSERT.test(source)) {
      const rows = source.split('), (').length;
      const run = statement.run.bind(statement) as (...args: unknown[]) => Database.RunResult;
      statement.run = ((...args: unknown[]) => {
        off.rows += rows;
        return run(...args);
      }) as typeof statement.run;
    }
    return statement;
  });
  return off;
}

describe('issue 22: an import inserts each row once', () => {
  it('a new import of tasks (compound, backlog, closed Control tasks, notes) and of time writes on its plan copy only the few rows the plan reads back', () => {
    const w = world();
    const off = rowsOffTheDatabase(w);
    const ctx = w.as('ann', { importing: true });
    const tw = importTaskwarrior(ctx, taskRecords(false), false);
    // (A running interval is checked against the person's running timer (R21): that read writes what the copy holds.)
    const timew = importTimewarrior(ctx, intervals.slice(0, -1), false);
    expect(tw.created).toMatchObject({ tasks: 120, comments: 40 });
    expect(timew.created).toEqual({ tasks: 5, entries: 150 });
    // Of the ~900 rows (tasks, tags, comments, history, entries, import ids), the copy wrote only those
    // its plan read back: a task made for new work is read as soon as it is made (the intervals before
    // it come along), and the copy writes what it holds before the first project is added.
    expect(off.rows).toBeLessThan(60);
    // Everything is in the database, once.
    expect(w.raw.countTasks()).toBe(125);
    expect(w.raw.allEntries()).toHaveLength(150);
  });

  it('a dry run still writes its rows on the copy, so it meets every constraint the real run would - and writes nothing here', () => {
    const w = world();
    const off = rowsOffTheDatabase(w);
    const ctx = w.as('ann', { importing: true });
    expect(importTaskwarrior(ctx, taskRecords(false), true).created).toMatchObject({ tasks: 120 });
    expect(off.rows).toBeGreaterThan(400);
    expect(w.raw.countTasks()).toBe(0);
  });

  it('the plain state the gate checks is, field by field, the row the store reads back', () => {
    const w = world();
    const checked: TaskState[] = [];
    const state = MadeTasks.prototype.state;
    vi.spyOn(MadeTasks.prototype, 'state').mockImplementation(function (this: MadeTasks, id: number) {
      const plain = state.call(this, id);
      if (plain) checked.push(plain);
      return plain;
    });
    const ctx = w.as('ann', { importing: true });
    importTaskwarrior(ctx, taskRecords(true), false);
    importTimewarrior(ctx, intervals, false);
    // Tasks the Timewarrior import made were changed after (started, time put on them) and are followed.
    expect(checked.length).toBe(125);
    expect(checked.some((t) => t.trackedSeconds > 0)).toBe(true);
    for (const plain of checked) {
      const { project: _p, director: _d, responsible: _r, tags: _t, ...read } = w.raw.getTask(plain.id)!;
      expect(plain, `task ${plain.id}`).toEqual(read);
    }
  });
});

const fields = (owner: User, patch: Partial<TaskFields> = {}): TaskFields =>
  taskFields(owner.id, owner.id, new Date('2026-11-27T08:00:00'), patch);

const compound = {
  title: 'General: Move office',
  text: 'Move office',
  kind: 'general',
  generalLevel: 1,
  timeTracking: false,
} as const;

/** A refusal of the whole transaction: the rule it names, and nothing written. */
function refused(
  w: CoreWorld,
  work: (store: ReturnType<CoreWorld['as']>['store'], ann: User) => void,
): string {
  const { store, actor } = w.as('ann', { importing: true });
  try {
    store.write(() => work(store, actor));
  } catch (error) {
    expect(error).toBeInstanceOf(RuleError);
    expect(w.raw.countTasks()).toBe(0);
    return (error as RuleError).message.slice(0, 4);
  }
  throw new Error('not refused');
}

describe('the regulations on tasks made in the same transaction, without reading them back', () => {
  it('R16: a compound task made with time on it is refused - finished time or a running timer', () => {
    const w = world();
    const entry = (taskId: number, userId: number, endAt: Date | null) => ({
      taskId,
      userId,
      startAt: new Date('2026-11-27T08:00:00'),
      endAt,
      source: 'import' as const,
      comment: 'imported',
      retroactive: false,
      reason: null,
      createdAt: w.now,
    });
    expect(
      refused(w, (store, ann) => {
        const id = store.insertTask(fields(ann, compound));
        store.insertEntry(entry(id, ann.id, new Date('2026-11-27T08:30:00')));
      }),
    ).toBe('R16:');
    expect(
      refused(w, (store, ann) => {
        const id = store.insertTask(fields(ann, compound));
        store.insertEntry(entry(id, ann.id, null));
      }),
    ).toBe('R16:');
  });

  it('R12: a backlog item made and then started is refused', () => {
    const w = world();
    expect(
      refused(w, (store, ann) => {
        const id = store.insertTask(fields(ann, { title: 'STEC: Audit', text: 'Audit', kind: 'stec' }));
        store.updateTask(id, { status: 'in_progress' });
      }),
    ).toBe('R12:');
  });

  it('R15: a compound task made closed over a step made open is refused, and so is a step made under a compound task made closed', () => {
    const w = world();
    expect(
      refused(w, (store, ann) => {
        const id = store.insertTask(fields(ann, compound));
        store.insertTask(fields(ann, { parentId: id }));
        store.updateTask(id, { status: 'completed', closedAt: w.now });
      }),
    ).toBe('R15:');
    expect(
      refused(w, (store, ann) => {
        const id = store.insertTask(fields(ann, { ...compound, status: 'completed', closedAt: w.now }));
        store.insertTask(fields(ann, { parentId: id }));
      }),
    ).toBe('R15:');
  });

  it('R26: a Control task made closed while the task it depends on, made open, is refused', () => {
    const w = world();
    expect(
      refused(w, (store, ann) => {
        const controlled = store.insertTask(fields(ann));
        const control = store.insertTask(
          fields(ann, { title: 'Ops: Control: Invoices checked', text: 'Invoices checked', kind: 'control' }),
        );
        store.addLink(control, controlled, 'depends');
        store.updateTask(control, { status: 'completed', closedAt: w.now });
      }),
    ).toBe('R26:');
  });
});
