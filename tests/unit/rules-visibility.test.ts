import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/store.js';
import {
  exportScopeNote,
  maySeeTask,
  maySeeUser,
  taskVisibility,
  type VisibleScope,
} from '../../src/core/rules/visibility.js';
import { plainUser } from '../support/plain.js';

// src/core/rules/visibility.ts over plain data (R4, R38): what a scope lets a person see. The scope itself
// (the reporting chain walked in the store) is tested on an in-memory store in visibility.test.ts.

// vic (3) manages anna (2); carl (4) observes task 8.
const vicScope: VisibleScope = { actorId: 3, userIds: new Set([3, 2]) };
const observers: Record<number, string[]> = { 8: ['carl'] };
const people = [plainUser({ id: 4, name: 'carl' }), plainUser({ id: 5, name: 'eve' })];
/** Only the two reads an observer check makes. */
const reads = {
  getUser: (id: number) => people.find((p) => p.id === id),
  observersOf: (taskId: number) => observers[taskId] ?? [],
} as unknown as Store;
const scopeOf = (id: number): VisibleScope => ({ actorId: id, userIds: new Set([id]) });

describe('R4: a manager sees their people, nobody sees past them', () => {
  it("refuses another team's person; accepts oneself and one's people, and everyone for an administrator", () => {
    expect(maySeeUser(vicScope, 4)).toBe(false);
    expect(maySeeUser(vicScope, 2)).toBe(true);
    expect(maySeeUser(vicScope, 3)).toBe(true);
    expect(maySeeUser('all', 4)).toBe(true);
  });
  it('refuses a task nobody in the scope is party to', () => {
    expect(maySeeTask(reads, scopeOf(5), { id: 8, responsibleId: 2, directorId: 1 })).toBe(false);
    expect(maySeeTask(reads, vicScope, { id: 9, responsibleId: 4, directorId: 1 })).toBe(false);
  });
  it('accepts the responsible and those above them, the director and an observer', () => {
    const task = { id: 8, responsibleId: 2, directorId: 1 };
    expect(maySeeTask(reads, vicScope, task)).toBe(true);
    expect(maySeeTask(reads, scopeOf(1), task)).toBe(true);
    expect(maySeeTask(reads, scopeOf(4), task)).toBe(true);
    expect(maySeeTask(reads, 'all', task)).toBe(true);
  });
  it("a scope becomes the store's restriction; an administrator's is none", () => {
    expect(taskVisibility(vicScope)).toEqual({ actorId: 3, userIds: [3, 2] });
    expect(taskVisibility('all')).toBeUndefined();
  });
  it('an export by anyone but an administrator says what it left out', () => {
    expect(exportScopeNote(plainUser({ id: 3, name: 'vic', role: 'manager' }))).toMatch(
      /^R4: exported only what vic may see/,
    );
    expect(exportScopeNote(plainUser({ id: 1, name: 'root', role: 'admin' }))).toBeNull();
  });
});
