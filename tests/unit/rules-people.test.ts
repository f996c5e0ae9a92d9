import { describe, expect, it } from 'vitest';
import {
  checkCoExecutors,
  checkMayClose,
  checkMayDelete,
  checkMayTrackTime,
  observerWarning,
} from '../../src/core/rules/people.js';
import {
  checkMayRestore,
  checkPersonAction,
  checkRestoresAsSelf,
  checkTaskAction,
  isAboveInChain,
  relationsAllow,
  taskRelations,
  type TaskRelation,
} from '../../src/core/rules/permissions.js';
import { checkMayChangePolicy } from '../../src/core/rules/policy.js';
import { plainTask, plainUser } from '../support/plain.js';

// src/core/rules/people.ts, permissions.ts (its plain functions; the table cell by cell through the core is
// tests/unit/permissions.test.ts) and policy.ts over plain data (R1-R3, R38, R39).

const task = plainTask(); // boss (1) set it for anna (2)
const anna = plainUser({ id: 2, name: 'anna', managerId: 3 });
const carl = plainUser({ id: 4, name: 'carl' });
const relations = (...names: TaskRelation[]) => new Set<TaskRelation>(names);

describe('R2: one responsible, no co-executors', () => {
  it('refuses co-executors unless company policy allows them', () => {
    expect(() => checkCoExecutors(['carl'], { allowCoExecutors: false })).toThrow(
      /^R2: co-executors are forbidden: .*allowCoExecutors is off/,
    );
    expect(() => checkCoExecutors(['carl'], { allowCoExecutors: true })).not.toThrow();
    expect(() => checkCoExecutors([], { allowCoExecutors: false })).not.toThrow();
  });
  it("refuses time on someone else's task; the responsible tracks it", () => {
    expect(() => checkMayTrackTime(task, carl)).toThrow(
      /^R2: task 7 is anna's; time is tracked only by a task's responsible/,
    );
    expect(() => checkMayTrackTime(task, anna)).not.toThrow();
  });
});

describe('R3: observers come with a reminder', () => {
  it('names the observers added, and says nothing when there are none', () => {
    expect(observerWarning(['vic', 'carl'])).toMatch(
      /^R3: observers \(vic, carl\) only on someone's instruction/,
    );
    expect(observerWarning([])).toBeNull();
  });
});

describe('R1, R27, R38: who closes and who deletes a task', () => {
  it('the responsible, the director or the manager closes it; an observer or a stranger does not', () => {
    expect(() => checkMayClose(task, relations('observer'))).toThrow(
      /^R38: task 7 can be closed only by its responsible \(anna\), its director \(boss\) or anna's manager/,
    );
    expect(() => checkMayClose(task, relations('other'))).toThrow(/^R38/);
    for (const who of ['responsible', 'director', 'manager'] as const)
      expect(() => checkMayClose(task, relations(who))).not.toThrow();
  });
  it("deleting and restoring are the director's (or the manager's) decision, not the responsible's", () => {
    expect(() => checkMayDelete(task, relations('responsible'))).toThrow(
      /^R38: only the director of task 7 \(boss\) or anna's manager may delete it/,
    );
    expect(() => checkMayDelete(task, relations('responsible'), 'restore')).toThrow(/may restore it$/);
    expect(() => checkMayDelete(task, relations('director'))).not.toThrow();
    expect(() => checkMayDelete(task, relations('manager'))).not.toThrow();
  });
});

describe('R38: relations and the permission table, over plain data', () => {
  it("follows a person's relations from the facts, 'other' when there are none", () => {
    const facts = { task, observes: false, managesResponsible: false };
    expect(taskRelations({ ...facts, actor: anna })).toEqual(relations('responsible'));
    expect(taskRelations({ ...facts, actor: { id: 1, role: 'manager' } })).toEqual(relations('director'));
    expect(taskRelations({ ...facts, actor: carl, observes: true })).toEqual(relations('observer'));
    expect(taskRelations({ ...facts, actor: { id: 9, role: 'admin' } })).toEqual(relations('admin'));
    expect(taskRelations({ ...facts, actor: carl })).toEqual(relations('other'));
  });
  it('any one relation that allows an action is enough', () => {
    expect(relationsAllow(relations('observer'), 'define')).toBe(false);
    expect(relationsAllow(relations('observer', 'manager'), 'define')).toBe(true);
  });
  it('refuses an action with who may do it, or with the words the caller gives', () => {
    expect(() => checkTaskAction(relations('observer'), 'track', task)).toThrow(
      /^R38: you may not .*task 7: that is for its responsible only \(R2\)/,
    );
    expect(() => checkTaskAction(relations('responsible'), 'define', task, 'add co-executors to')).toThrow(
      /^R38: you may not add co-executors to task 7: that is for its director or the responsible's manager/,
    );
    expect(() => checkTaskAction(relations('responsible'), 'track', task)).not.toThrow();
  });
  it('walks the reporting chain up, and stops on a cycle', () => {
    const managers = new Map<number, number | null>([
      [2, 3],
      [3, 5],
      [5, null],
      [6, 7],
      [7, 6],
    ]);
    const managerOf = (id: number) => managers.get(id) ?? null;
    expect(isAboveInChain(managerOf, 5, 2)).toBe(true);
    expect(isAboveInChain(managerOf, 2, 5)).toBe(false);
    expect(isAboveInChain(managerOf, 5, 6)).toBe(false);
  });
  it('people: a manager adds people to their own team only, an administrator makes managers', () => {
    const vic = { id: 3, role: 'manager' as const };
    const newcomer = { subjectId: null, managesSubject: false };
    expect(() => checkPersonAction('add-employee', { ...newcomer, actor: vic, subjectManagerId: 5 })).toThrow(
      /^R38: only an administrator, or a manager adding a person to their own team/,
    );
    expect(() =>
      checkPersonAction('add-employee', { ...newcomer, actor: vic, subjectManagerId: 3 }),
    ).not.toThrow();
    expect(() => checkPersonAction('add-manager', { ...newcomer, actor: vic, subjectManagerId: 3 })).toThrow(
      /^R38: only an administrator creates managers/,
    );
    expect(() =>
      checkPersonAction('add-manager', {
        ...newcomer,
        actor: { id: 9, role: 'admin' },
        subjectManagerId: null,
      }),
    ).not.toThrow();
  });
  it("people: a day is approved up the chain; a person's own data is theirs alone", () => {
    const parties = { actor: { id: 3, role: 'manager' as const }, subjectId: 2, subjectManagerId: 3 };
    expect(() => checkPersonAction('approve-day', { ...parties, managesSubject: false })).toThrow(
      /^R38: only the person's manager .* approves their day report/,
    );
    expect(() => checkPersonAction('approve-day', { ...parties, managesSubject: true })).not.toThrow();
    expect(() => checkPersonAction('own-data', { ...parties, managesSubject: true })).toThrow(
      /^R38: each person's time, working day and plan are theirs alone/,
    );
    expect(() =>
      checkPersonAction('own-data', {
        ...parties,
        actor: { id: 2, role: 'employee' },
        managesSubject: false,
      }),
    ).not.toThrow();
  });
  it('a backup is restored by an administrator of the database it replaces', () => {
    const people = [
      { name: 'root', role: 'admin' },
      { name: 'anna', role: 'employee' },
    ];
    expect(() => checkMayRestore('anna', people, 'database')).toThrow(
      /^R38: only an administrator of the database restores a backup, and anna is not one; ask root/,
    );
    expect(() => checkMayRestore('root', people, 'database')).not.toThrow();
    expect(() => checkMayRestore('anna', [{ name: 'anna', role: 'employee' }], 'backup')).not.toThrow();
  });
  it('a restore is done as the person at the keyboard: --as someone else lends no right', () => {
    expect(() => checkRestoresAsSelf('root', 'anna')).toThrow(
      /^R38: restore-backup is done as yourself \(root\), not --as anna/,
    );
    expect(() => checkRestoresAsSelf('root', ' root ')).not.toThrow();
    expect(() => checkRestoresAsSelf('root', undefined)).not.toThrow();
  });
});

describe('R39: company policy is changed by an administrator', () => {
  const root = plainUser({ id: 1, name: 'root', role: 'admin' });
  it('refuses anyone else, naming the administrators', () => {
    expect(() => checkMayChangePolicy(anna, [root, anna])).toThrow(
      /^R39: company policy is changed only by an administrator \(root\); ask one of them/,
    );
  });
  it('accepts an administrator', () => {
    expect(() => checkMayChangePolicy(root, [root, anna])).not.toThrow();
  });
});
