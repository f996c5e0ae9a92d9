import { describe, expect, it } from 'vitest';
import { continuationNeedsNewPart, nextPartNumber } from '../../src/core/rules/continuation.js';
import { missingPlanWarning, planningFlags } from '../../src/core/rules/planning.js';
import { plainTask } from '../support/plain.js';

// src/core/rules/planning.ts and continuation.ts over plain data (R7, R8, R14, R24, R34).

describe('R7, R8: what a plan review points out', () => {
  it('flags an ordinary task without planned time, with tracking off, or without a description', () => {
    expect(planningFlags(plainTask({ plannedMinutes: null, timeTracking: false, description: ' ' }))).toEqual(
      [
        'R8: no planned time',
        'R8: time tracking is off',
        'R7: no description (action plan or link to the instruction)',
      ],
    );
  });
  it('finds nothing missing in a planned, described task; a compound task needs only its description', () => {
    expect(planningFlags(plainTask())).toEqual([]);
    expect(planningFlags(plainTask({ kind: 'general', plannedMinutes: null, timeTracking: false }))).toEqual(
      [],
    );
  });
  it('R14: a backlog item is planned when it is pulled out, not before', () => {
    expect(planningFlags(plainTask({ kind: 'stec', plannedMinutes: null, description: null }))).toEqual([]);
  });
  it('R8: warns when an ordinary task is added without a plan, and tells how to add one', () => {
    expect(missingPlanWarning(plainTask({ plannedMinutes: null }))).toBe(
      'R8: task 7 has no planned time; add it with: task edit 7 --plan 30m',
    );
    expect(missingPlanWarning(plainTask())).toBeNull();
    expect(missingPlanWarning(plainTask({ kind: 'general', plannedMinutes: null }))).toBeNull();
    expect(missingPlanWarning(plainTask({ kind: 'stec', plannedMinutes: null }))).toBeNull();
  });
});

describe('R24: continuations', () => {
  it('a task worked on past the threshold continues in a new part; up to it, its deadline just moves', () => {
    expect(continuationNeedsNewPart(7 * 60 + 1, 7)).toBe(true);
    expect(continuationNeedsNewPart(7 * 60, 7)).toBe(false);
    expect(continuationNeedsNewPart(0, 7)).toBe(false);
  });
  it('the first continuation is Part 2, then Part N+1', () => {
    expect(nextPartNumber({ part: null })).toBe(2);
    expect(nextPartNumber({ part: 3 })).toBe(4);
  });
});
