import { describe, expect, it } from 'vitest';
import {
  checkCompoundClose,
  checkCompoundFields,
  checkKindChange,
  checkNoOwnTime,
  checkStepParent,
  generalLevelUnder,
  stepsHoldingOpen,
} from '../../src/core/rules/compound.js';
import { createTask, editTask } from '../../src/core/tasks.js';
import { undoLast } from '../../src/core/undo.js';
import { CoreWorld } from '../support/core.js';
import { checkBacklogStatus, checkNotInBacklog, stecDefaults } from '../../src/core/rules/stec.js';
import { checkTitleHasProject } from '../../src/core/rules/titles.js';
import { parseTitle } from '../../src/core/title.js';
import type { Policy } from '../../src/core/policy.js';

describe('R16: kind changes', () => {
  it('refuses turning a compound task with steps into an ordinary one', () => {
    expect(() =>
      checkKindChange({ id: 12, kind: 'general' }, 'ordinary', { steps: 2, trackedSeconds: 0 }),
    ).toThrow(/^R16: task 12 is a compound task with 2 step/);
    expect(() =>
      checkKindChange({ id: 12, kind: 'general' }, 'ordinary', { steps: 0, trackedSeconds: 0 }),
    ).not.toThrow();
  });
  it('refuses turning a task with tracked time into a compound one', () => {
    expect(() =>
      checkKindChange({ id: 7, kind: 'ordinary' }, 'general', { steps: 0, trackedSeconds: 60 }),
    ).toThrow(/^R16: task 7 has tracked time/);
    expect(() =>
      checkKindChange({ id: 7, kind: 'ordinary' }, 'general', { steps: 0, trackedSeconds: 0 }),
    ).not.toThrow();
  });
  it('a compound task tracks no time and plans nothing itself', () => {
    expect(() =>
      checkCompoundFields({ id: 1, kind: 'general', timeTracking: true, plannedMinutes: null }),
    ).toThrow(/^R16/);
    expect(() =>
      checkCompoundFields({ id: 1, kind: 'general', timeTracking: false, plannedMinutes: 180 }),
    ).toThrow(/^R16/);
    expect(() =>
      checkCompoundFields({ id: 1, kind: 'ordinary', timeTracking: true, plannedMinutes: 180 }),
    ).not.toThrow();
  });
});

describe('R15: closing and steps', () => {
  it('a compound task closes only when its steps are closed or moved out', () => {
    expect(() => checkCompoundClose({ id: 33, kind: 'general' }, 'completed', [34, 35])).toThrow(
      /^R15: task 33 has open steps \(34, 35\)/,
    );
    expect(() => checkCompoundClose({ id: 33, kind: 'general' }, 'awaiting_control', [34])).toThrow(/^R15/);
    expect(() => checkCompoundClose({ id: 33, kind: 'general' }, 'pending', [34])).not.toThrow();
    expect(() => checkCompoundClose({ id: 33, kind: 'general' }, 'completed', [])).not.toThrow();
  });
  it('R26: a Control step that controls its own compound task does not hold it open; other steps do', () => {
    const steps = [
      { id: 34, controls: [] },
      { id: 35, controls: [33] },
      { id: 36, controls: [34] },
    ];
    expect(stepsHoldingOpen(33, steps)).toEqual([34, 36]);
    expect(stepsHoldingOpen(33, [{ id: 35, controls: [33] }])).toEqual([]);
  });
  it('no step is added under a closed task', () => {
    expect(() => checkStepParent({ id: 5, status: 'completed' })).toThrow(/^R15: task 5 is closed/);
    expect(() => checkStepParent({ id: 5, status: 'declined' })).toThrow(/^R15/);
    expect(() => checkStepParent({ id: 5, status: 'pending' })).not.toThrow();
    expect(() => checkStepParent(undefined)).not.toThrow();
  });
});

describe('R12: the backlog', () => {
  it('a backlog item waits a year away with medium priority', () => {
    const { deadline, priority } = stecDefaults(new Date(2026, 10, 27, 9));
    expect(priority).toBe('medium');
    expect([deadline.getFullYear(), deadline.getMonth(), deadline.getDate()]).toEqual([2027, 10, 27]);
  });
  it('is not started, timed or closed until pulled out', () => {
    expect(() => checkNotInBacklog({ id: 3, kind: 'stec' }, 'timed')).toThrow(
      /^R12: task 3 waits in the STEC backlog and is not timed/,
    );
    for (const to of ['in_progress', 'completed', 'awaiting_control'] as const)
      expect(() => checkBacklogStatus({ id: 3, kind: 'stec' }, to)).toThrow(/^R12/);
    expect(() => checkBacklogStatus({ id: 3, kind: 'stec' }, 'declined')).not.toThrow();
    expect(() => checkBacklogStatus({ id: 3, kind: 'ordinary' }, 'completed')).not.toThrow();
  });
});

describe('R6: a title without a project', () => {
  const policy: Pick<Policy, 'titleWithoutProject'> = { titleWithoutProject: 'warn' };
  it('is not warned about for a compound task or a backlog item', () => {
    expect(
      checkTitleHasProject(parseTitle('General: Conclude the agreement with Client X'), policy),
    ).toBeNull();
    expect(checkTitleHasProject(parseTitle('STEC: Audit the document templates'), policy)).toBeNull();
    expect(checkTitleHasProject(parseTitle('Call Ivan'), policy)).toMatch(/^R6: /);
  });
});

describe('R15: General-N by depth, recomputed when a task moves', () => {
  it('one deeper than a compound parent; under an ordinary task or at the top, General-1', () => {
    expect(generalLevelUnder(undefined)).toBe(1);
    expect(generalLevelUnder({ kind: 'general', generalLevel: 1 })).toBe(2);
    expect(generalLevelUnder({ kind: 'general', generalLevel: 3 })).toBe(4);
    expect(generalLevelUnder({ kind: 'ordinary', generalLevel: 0 })).toBe(1);
  });

  it('edit --parent renames the moved compound task and the compound tasks inside it; undo puts them back', () => {
    const world = new CoreWorld('2026-11-27T09:00:00');
    try {
      world.admin('boss');
      const ctx = () => world.as('boss');
      createTask(ctx(), { title: 'General: Open the office' });
      createTask(ctx(), { title: 'General: Furnish it' });
      createTask(ctx(), { title: 'General: Buy the chairs', parentId: 2 });
      createTask(ctx(), { title: 'Order the desks', parentId: 2, plannedMinutes: 30 });
      const titles = () => [2, 3, 4].map((id) => world.raw.getTask(id)!.title);
      expect(titles()).toEqual(['General: Furnish it', 'General-2: Buy the chairs', 'Order the desks']);
      world.at('2026-11-27T09:05:00');
      editTask(ctx(), 2, { parentId: 1 });
      expect(titles()).toEqual(['General-2: Furnish it', 'General-3: Buy the chairs', 'Order the desks']);
      expect(world.raw.getTask(3)!.generalLevel).toBe(3);
      expect(world.raw.historyOf(3).at(-1)).toMatchObject({
        field: 'title',
        oldValue: 'General-2: Buy the chairs',
        newValue: 'General-3: Buy the chairs',
      });
      world.at('2026-11-27T09:10:00');
      undoLast(ctx());
      expect(titles()).toEqual(['General: Furnish it', 'General-2: Buy the chairs', 'Order the desks']);
      editTask(ctx(), 3, { parentId: null });
      expect(world.raw.getTask(3)!.title).toBe('General: Buy the chairs');
    } finally {
      world.close();
    }
  });
});

describe('R16: a compound task gains no time of its own', () => {
  const general = { id: 12, kind: 'general' as const };
  it('refuses time added to it or a timer running on it', () => {
    expect(() => checkNoOwnTime(general, 0, 60, 0)).toThrow(
      /^R16: task 12 is a compound task: it tracks no time itself, only its steps do/,
    );
    expect(() => checkNoOwnTime(general, 0, 0, 1)).toThrow(/^R16/);
  });
  it('accepts it unchanged, and time on an ordinary task', () => {
    expect(() => checkNoOwnTime(general, 600, 600, 0)).not.toThrow();
    expect(() => checkNoOwnTime({ id: 7, kind: 'ordinary' }, 0, 60, 1)).not.toThrow();
  });
});
