import { afterEach, describe, expect, it } from 'vitest';
import { acceptTask } from '../../src/core/control.js';
import { RuleError } from '../../src/core/errors.js';
import {
  TASK_ACTIONS,
  TASK_PERMISSIONS,
  TASK_RELATIONS,
  type TaskAction,
  type TaskRelation,
} from '../../src/core/rules/permissions.js';
import { addManualTime } from '../../src/core/time-corrections.js';
import { addComment, completeTask, createTask, deleteTask, editTask } from '../../src/core/tasks.js';
import { CoreWorld } from '../support/core.js';

/**
 * R38 cell by cell: each relation to a task tries each action through the core on an in-memory store;
 * the outcome must be what TASK_PERMISSIONS (and docs/permissions.md) say.
 *
 * People: root (administrator), mia (manager) > boss (manager) > anna (employee); dan (manager of
 * another team) set the task for anna; olga observes it; carl works in dan's team and has nothing to
 * do with it.
 */
const PERSON_OF: Record<TaskRelation, string> = {
  responsible: 'anna',
  director: 'dan',
  manager: 'mia',
  observer: 'olga',
  admin: 'root',
  other: 'carl',
};

function world(): { w: CoreWorld; taskId: number } {
  const w = new CoreWorld('2026-11-27T09:00:00');
  w.admin('root');
  w.person('mia', 'manager');
  w.person('boss', 'manager', 'mia');
  w.person('anna', 'employee', 'boss');
  w.person('dan', 'manager');
  w.person('carl', 'employee', 'dan');
  w.person('olga', 'employee');
  const { task } = createTask(w.as('dan'), {
    title: 'Sales: Prepare the offer',
    plannedMinutes: 60,
    responsible: 'anna',
    observers: ['olga'],
    deadline: { at: new Date('2026-11-30T12:00:00'), allDay: true },
  });
  return { w, taskId: task.id };
}

/** One concrete use of each action: a real command's core function. */
const TRY: Record<Exclude<TaskAction, 'view'>, (w: CoreWorld, name: string, id: number) => void> = {
  comment: (w, name, id) => void addComment(w.as(name), id, 'How is it going?'),
  track: (w, name, id) =>
    void addManualTime(w.as(name), id, {
      minutes: 20,
      at: new Date('2026-11-27T08:00:00'),
      comment: 'call before the timer',
    }),
  work: (w, name, id) => void editTask(w.as(name), id, { plannedMinutes: 90 }),
  define: (w, name, id) => void editTask(w.as(name), id, { acceptRequired: true }),
  review: (w, name, id) => {
    w.raw.write(() => w.raw.updateTask(id, { acceptRequired: true }));
    completeTask(w.as('anna'), id, { result: 'Offer sent: offers/2026-11.pdf' });
    acceptTask(w.as(name), id, 'positive', undefined);
  },
};

let current: CoreWorld | undefined;
afterEach(() => current?.close());

describe('R38: the permission table, cell by cell, through the core', () => {
  for (const relation of TASK_RELATIONS) {
    for (const action of TASK_ACTIONS) {
      if (action === 'view') continue;
      const allowed = TASK_PERMISSIONS[relation].includes(action);
      it(`${relation} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        const { w, taskId } = world();
        current = w;
        const attempt = () => TRY[action](w, PERSON_OF[relation], taskId);
        if (allowed) expect(attempt).not.toThrow();
        else expect(attempt).toThrow(RuleError);
      });
    }
  }

  it('the table is the documented one', () => {
    expect(TASK_PERMISSIONS).toEqual({
      responsible: ['view', 'comment', 'track', 'work'],
      director: ['view', 'comment', 'work', 'define', 'review'],
      manager: ['view', 'comment', 'work', 'define', 'review'],
      observer: ['view', 'comment'],
      admin: ['view'],
      other: [],
    });
  });
});

describe('R38: the issue examples, in the core', () => {
  it('someone from another team neither hands over nor deletes a task', () => {
    const { w, taskId } = world();
    current = w;
    expect(() => editTask(w.as('carl'), taskId, { responsible: 'carl', director: 'carl' })).toThrow(/R38/);
    expect(() => deleteTask(w.as('carl'), taskId)).toThrow(/R38/);
    expect(w.raw.getTask(taskId)?.responsible).toBe('anna');
    expect(w.raw.getTask(taskId)?.deletedAt).toBeNull();
  });

  it('the executor does not make herself director to accept her own work', () => {
    const { w, taskId } = world();
    current = w;
    expect(() => editTask(w.as('anna'), taskId, { director: 'anna' })).toThrow(
      /R38: you may not change the director of task/,
    );
    // The director may; so may the responsible's manager, up the chain.
    expect(() => editTask(w.as('mia'), taskId, { director: 'boss' })).not.toThrow();
    expect(w.raw.getTask(taskId)?.director).toBe('boss');
  });

  it('only the director postpones a hard deadline', () => {
    const { w, taskId } = world();
    current = w;
    editTask(w.as('dan'), taskId, { hard: true });
    const later = { at: new Date('2026-12-04T12:00:00'), allDay: true };
    expect(() => editTask(w.as('anna'), taskId, { deadline: later, reason: 'busy' })).toThrow(/R38|R10/);
    expect(() =>
      editTask(w.as('dan'), taskId, { deadline: later, force: true, reason: 'the client moved the meeting' }),
    ).not.toThrow();
  });

  it('a manager adds people to their own team only; only an administrator makes managers', async () => {
    const { w } = world();
    current = w;
    const { addUser } = await import('../../src/core/identity.js');
    expect(() => addUser(w.as('anna').store, { name: 'eve', role: 'admin' }, w.now)).toThrow(
      /R38: only an administrator creates managers/,
    );
    expect(() => addUser(w.as('anna').store, { name: 'eve' }, w.now)).toThrow(/R38/);
    expect(() => addUser(w.as('boss').store, { name: 'eve', manager: 'dan' }, w.now)).toThrow(/R38/);
    expect(addUser(w.as('boss').store, { name: 'eve', manager: 'boss' }, w.now).managerId).toBe(
      w.user('boss').id,
    );
    expect(addUser(w.as('root').store, { name: 'max', role: 'manager' }, w.now).role).toBe('manager');
  });

  it("time entries are their owner's alone", async () => {
    const { w, taskId } = world();
    current = w;
    const { entry } = addManualTime(w.as('anna'), taskId, {
      minutes: 20,
      at: new Date('2026-11-27T08:00:00'),
      comment: 'call before the timer',
    });
    const { editTimeEntry } = await import('../../src/core/time-corrections.js');
    expect(() => editTimeEntry(w.as('boss'), entry.id, { minutes: 60, comment: 'it was longer' })).toThrow(
      /R38/,
    );
  });
});
