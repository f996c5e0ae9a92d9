import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { RuleError } from '../../src/core/errors.js';
import { GATED_WRITE_METHODS, READ_METHODS, gateStore } from '../../src/core/gate.js';
import { recordDayReport } from '../../src/core/reports.js';
import type { Store } from '../../src/core/store.js';
import { addManualTime, editTimeEntry } from '../../src/core/time-corrections.js';
import { createTask, deleteTask, editTask } from '../../src/core/tasks.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import { CoreWorld } from '../support/core.js';

let world: CoreWorld | undefined;
afterEach(() => world?.close());

/** anna (reports to boss) has task 1 with an entry; carl (reports to vic) is nobody to it. */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('boss');
  w.person('anna', 'employee', 'boss');
  w.person('vic', 'manager');
  w.person('carl', 'employee', 'vic');
  createTask(w.as('boss'), { title: 'Sales: Prepare the offer', responsible: 'anna', plannedMinutes: 60 });
  addManualTime(w.as('anna'), 1, {
    minutes: 30,
    at: new Date('2026-11-27T08:00:00'),
    comment: 'call before the timer',
  });
  return w;
}

describe('the gate: nothing writes around it', () => {
  it('every method of the store port is a known read, a gated write or a transaction frame', () => {
    // The port (src/core/store.ts) is what core may call; its methods are read from the interface text.
    const port = readFileSync(fileURLToPath(new URL('../../src/core/store.ts', import.meta.url)), 'utf8');
    const body = port.slice(port.indexOf('export interface Store {'));
    const methods = [...body.matchAll(/^ {2}(\w+)(?:<[^>]+>)?\(/gm)].map((m) => m[1]!);
    expect(methods.length).toBeGreaterThan(100);
    const known = new Set<string>([
      ...READ_METHODS,
      ...GATED_WRITE_METHODS,
      'write',
      'read',
      'readAhead',
      'scratchCopy',
      'insertAmendment',
    ]);
    expect(methods.filter((name) => !known.has(name))).toEqual([]);
    // Every public method of the SQLite store is on the port; its private helpers are refused by the gate.
    const w = setUp();
    const gated = gateStore(w.raw, w.gate(w.user('anna'))) as unknown as Record<string, () => void>;
    // The SQLite store is composed of one class per aggregate (src/db/sqlite/): every class of the chain counts.
    const names = new Set<string>();
    for (
      let proto: object | null = SqliteStore.prototype;
      proto && proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto) as object | null
    ) {
      for (const name of Object.getOwnPropertyNames(proto)) names.add(name);
    }
    expect(names.has('getTask') && names.has('searchWords') && names.has('trackedByDay')).toBe(true);
    for (const name of names) {
      if (name === 'constructor' || name === 'close' || methods.includes(name)) continue;
      expect(() => gated[name]!()).toThrow(/no check in the gate/);
    }
    // And nothing is listed twice: a write cannot pass as a read.
    expect(READ_METHODS.filter((name) => GATED_WRITE_METHODS.includes(name))).toEqual([]);
  });

  it('an unknown method and the gate-only amendment writer are refused through the gated store', () => {
    const w = setUp();
    const store = w.as('anna').store as Store & Record<string, unknown>;
    expect(() =>
      (store.insertAmendment as Store['insertAmendment'])({
        userId: 1,
        day: '2026-11-27',
        at: w.now,
        actorId: 1,
        via: null,
        what: 'x',
        reason: 'y',
      }),
    ).toThrow(/no check in the gate/);
  });

  /**
   * Each write method, called by someone with no relation to the data, is refused before it writes.
   * (A handful of writes are open to anyone: bookkeeping of imports and template runs, a new project name.)
   */
  // fillingSearchIndexAfter only frames an import's inserts (each passes its own check, tested below).
  const OPEN_TO_ANYONE = new Set([
    'setExternal',
    'insertOccurrence',
    'insertProject',
    'fillingSearchIndexAfter',
  ]);
  const ATTEMPTS: Record<string, (s: Store, w: CoreWorld) => unknown> = {
    addLink: (s) => s.addLink(1, 1, 'depends'),
    removeLink: (s) => s.removeLink(1, 1, 'depends'),
    setEntryEnd: (s, w) => s.setEntryEnd(1, w.now, w.now),
    loadEntities: (s) => s.loadEntities([]),
    deleteUserIfUnused: (s, w) => s.deleteUserIfUnused(w.user('vic').id),
    insertTemplate: (s, w) =>
      s.insertTemplate({
        title: 'Ops: Weekly check',
        project: 'Ops',
        tags: [],
        priority: 'medium',
        plannedMinutes: 10,
        description: null,
        schedule: 'weekly',
        deadlineOffsetDays: 0,
        startDay: '2026-11-27',
        responsibleId: w.user('anna').id,
        directorId: w.user('boss').id,
        paused: false,
        management: false,
        review: false,
        createdAt: w.now,
        updatedAt: w.now,
      }),
    updateTemplate: () => {
      throw new RuleError('R38', 'no template in this world: covered by insertTemplate');
    },
    deleteTemplate: () => {
      throw new RuleError('R38', 'no template in this world: covered by insertTemplate');
    },
    insertUser: (s, w) =>
      s.insertUser({ name: 'eve', fullName: null, role: 'admin', managerId: null, createdAt: w.now }),
    updateUser: (s, w) => s.updateUser({ ...w.user('anna'), role: 'admin' }),
    insertTask: (s, w) => s.insertTask({ ...w.raw.getTask(1)!, createdAt: w.now }),
    updateTask: (s) => s.updateTask(1, { plannedMinutes: 5 }),
    setTags: (s) => s.setTags(1, ['x']),
    addObserver: (s, w) => s.addObserver(1, w.user('vic').id),
    removeObserver: (s, w) => s.removeObserver(1, w.user('vic').id),
    addCrmLink: (s) => s.addCrmLink(1, { kind: 'deal', ref: '7' }),
    removeCrmLink: (s) => s.removeCrmLink(1, { kind: 'deal', ref: '7' }),
    addCoExecutor: (s, w) => s.addCoExecutor(1, w.user('carl').id),
    insertEntry: (s, w) =>
      s.insertEntry({
        taskId: 1,
        userId: w.user('anna').id,
        startAt: w.now,
        endAt: w.now,
        source: 'manual',
        comment: 'x',
        retroactive: false,
        reason: null,
        createdAt: w.now,
      }),
    updateEntry: (s, w) =>
      s.updateEntry(
        1,
        { startAt: w.now, endAt: w.now, comment: 'x', retroactive: false, reason: null },
        w.now,
      ),
    insertEntryChange: (s, w) =>
      s.insertEntryChange({
        entryId: 1,
        actorId: w.user('anna').id,
        at: w.now,
        oldStart: null,
        oldEnd: null,
        newStart: w.now,
        newEnd: w.now,
        comment: 'x',
        retroactive: false,
        reason: null,
      }),
    stopEntry: (s, w) => s.stopEntry(1, w.now, w.now),
    moveEntry: (s) => s.moveEntry(1, 1, new Date()),
    insertDayReport: (s, w) => s.insertDayReport(w.user('anna').id, '2026-11-27', w.now, '{}'),
    approveDayReport: (s, w) =>
      s.approveDayReport(w.user('anna').id, '2026-11-27', w.user('carl').id, w.now, 'positive', null),
    insertWorkDay: (s, w) => s.insertWorkDay(w.user('anna').id, '2026-11-27', w.now),
    setWorkDayEnd: (s, w) => s.setWorkDayEnd(w.user('anna').id, '2026-11-27', w.now),
    insertBreak: (s, w) => s.insertBreak(w.user('anna').id, '2026-11-27', w.now),
    endBreak: (s) => s.endBreak(1, new Date()),
    setPlanItem: (s, w) => s.setPlanItem(w.user('anna').id, '2026-11-27', 1, 'added', w.now),
    deletePlanItem: (s, w) => s.deletePlanItem(w.user('anna').id, '2026-11-27', 1),
    insertComment: (s, w) =>
      s.insertComment({
        taskId: 1,
        authorId: w.user('carl').id,
        kind: 'comment',
        body: 'hi',
        replyToId: null,
        createdAt: w.now,
      }),
    insertResult: (s, w) => {
      const commentId = w.raw.write(() =>
        w.raw.insertComment({
          taskId: 1,
          authorId: w.user('anna').id,
          kind: 'result',
          body: 'done',
          replyToId: null,
          createdAt: w.now,
        }),
      );
      return s.insertResult(commentId, {
        proposal: null,
        abstract: null,
        links: [],
        explanation: null,
        conclusion: null,
      });
    },
    insertHistory: (s, w) =>
      s.insertHistory([
        {
          taskId: 1,
          actorId: w.user('anna').id,
          at: w.now,
          field: 'x',
          oldValue: null,
          newValue: null,
          note: null,
        },
      ]),
    setPolicyValue: (s, w) =>
      s.setPolicyValue({
        key: 'allowCoExecutors',
        oldValue: null,
        newValue: 'true',
        actorId: w.user('carl').id,
        at: w.now,
        reason: 'help',
      }),
    clearPolicy: (s) => s.clearPolicy(),
    replyToDayReport: (s, w) => s.replyToDayReport(w.user('anna').id, '2026-11-27', 'OK', w.now),
    setResultExplanation: (s, w) => {
      const commentId = w.raw.write(() =>
        w.raw.insertComment({
          taskId: 1,
          authorId: w.user('anna').id,
          kind: 'result',
          body: 'done',
          replyToId: null,
          createdAt: w.now,
        }),
      );
      return s.setResultExplanation(commentId, 'why');
    },
  };

  it('fillingSearchIndexAfter: the writes inside it are checked like any other', () => {
    const w = setUp();
    const store = w.as('carl').store;
    const before = JSON.stringify([w.raw.getTask(1), w.raw.linksOf(1)]);
    expect(() =>
      store.write(() => store.fillingSearchIndexAfter(() => store.addLink(1, 1, 'depends'))),
    ).toThrow(RuleError);
    expect(JSON.stringify([w.raw.getTask(1), w.raw.linksOf(1)])).toBe(before);
  });

  for (const method of GATED_WRITE_METHODS) {
    if (OPEN_TO_ANYONE.has(method)) continue;
    it(`${method}: refused to someone with no right to it`, () => {
      const w = setUp();
      const attempt = ATTEMPTS[method];
      expect(attempt, `no attempt written for ${method}`).toBeDefined();
      const store = w.as('carl').store;
      const before = JSON.stringify([
        w.raw.getTask(1),
        w.raw.allEntries(),
        w.raw.listUsers(),
        w.raw.historyOf(1),
      ]);
      expect(() => store.write(() => attempt!(store, w))).toThrow(RuleError);
      expect(
        JSON.stringify([w.raw.getTask(1), w.raw.allEntries(), w.raw.listUsers(), w.raw.historyOf(1)]),
      ).toBe(before);
    });
  }

  it('the regulations are checked on touched tasks when the transaction ends (R16)', () => {
    const w = setUp();
    const { task } = createTask(w.as('anna'), { title: 'General: Conclude the agreement', kind: 'general' });
    const store = w.as('anna').store;
    expect(() => store.write(() => store.updateTask(task.id, { timeTracking: true }))).toThrow(/R16/);
    expect(w.raw.getTask(task.id)?.timeTracking).toBe(false);
  });
});

describe('R23 in the core: a recorded day changes only with a reason, and says so', () => {
  it('time added, edited or a task deleted after recording needs a reason and is an amendment', () => {
    const w = setUp();
    w.at('2026-11-27T17:00:00');
    recordDayReport(w.as('anna'), w.now);
    w.at('2026-11-27T18:00:00');
    expect(() =>
      addManualTime(w.as('anna'), 1, {
        minutes: 20,
        at: new Date('2026-11-27T15:00:00'),
        comment: 'wrap-up',
      }),
    ).toThrow(/R23/);
    addManualTime(w.as('anna'), 1, {
      minutes: 20,
      at: new Date('2026-11-27T15:00:00'),
      comment: 'wrap-up',
      reason: 'forgot before recording',
    });
    expect(() => editTimeEntry(w.as('anna'), 1, { minutes: 45, comment: 'the call was longer' })).toThrow(
      /R23/,
    );
    expect(() => deleteTask(w.as('boss'), 1)).toThrow(
      /R23: the report of 2026-11-27 was recorded at 17:00; deleting task 1 changes it/,
    );
    deleteTask(w.as('boss', { reason: 'entered twice' }), 1);
    const amendments = w.raw.amendmentsOf(w.user('anna').id, '2026-11-27');
    expect(amendments.map((a) => [a.actor, a.what, a.reason])).toEqual([
      ['anna', 'time on task 1', 'forgot before recording'],
      ['boss', 'deleting task 1', 'entered twice'],
    ]);
  });

  it('a plan change of a task due on a recorded day needs a reason; other days are free', () => {
    const w = setUp();
    editTask(w.as('boss'), 1, { deadline: { at: new Date('2026-11-27T12:00:00'), allDay: true } });
    w.at('2026-11-27T17:00:00');
    recordDayReport(w.as('anna'), w.now);
    expect(() => editTask(w.as('anna'), 1, { plannedMinutes: 120 })).toThrow(/R23/);
    editTask(w.as('anna', { reason: 'the client asked for more' }), 1, { plannedMinutes: 120 });
    const { task } = createTask(w.as('anna'), { title: 'Ops: Check backups', plannedMinutes: 10 });
    expect(() => editTask(w.as('anna'), task.id, { plannedMinutes: 20 })).not.toThrow();
  });

  it('a change made with --as is recorded with who was at the keyboard', () => {
    const w = setUp();
    editTask(w.as('anna', { via: 'boss' }), 1, { plannedMinutes: 90 });
    expect(w.raw.historyOf(1).at(-1)).toMatchObject({ field: 'plannedMinutes', actor: 'anna', via: 'boss' });
  });
});
