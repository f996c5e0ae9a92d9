import { describe, expect, it } from 'vitest';
import {
  checkClosedWithResult,
  checkExplanation,
  checkResultGiven,
  closedWithoutResultFlag,
  explanationNeeded,
} from '../../src/core/rules/results.js';

// src/core/rules/results.ts over plain data (R31, R32); R33's conclusions and R32's plan in force are in
// rules-review.test.ts.

describe('R31: a task closes with a result', () => {
  it('refuses closing without one, by the command and on the final state', () => {
    expect(() => checkResultGiven(undefined, 7)).toThrow(
      /^R31: a task is closed only with a result: task done 7/,
    );
    expect(() => checkClosedWithResult({ id: 7 }, null)).toThrow(/^R31: task 7 is closed only with a result/);
    expect(() => checkClosedWithResult({ id: 7 }, '\u200b ')).toThrow(/^R31/);
  });
  it('accepts a result a reader can see', () => {
    expect(checkResultGiven(' Offer sent ', 7)).toBe('Offer sent');
    expect(() => checkClosedWithResult({ id: 7 }, 'Offer sent')).not.toThrow();
  });
  it('flags a completed task that came without a result from another tool, and nothing else', () => {
    expect(closedWithoutResultFlag({ status: 'completed' }, false)).toMatch(
      /^R31: completed without a written result/,
    );
    expect(closedWithoutResultFlag({ status: 'completed' }, true)).toBeNull();
    expect(closedWithoutResultFlag({ status: 'declined' }, false)).toBeNull();
  });
});

describe('R32: time far above the plan is explained', () => {
  const task = { id: 7, plannedMinutes: 30 };
  it('refuses closing without an explanation past the factor', () => {
    expect(explanationNeeded(task, 61 * 60, 2)).toBe(true);
    expect(() => checkExplanation(task, 61 * 60, 2, null)).toThrow(
      /^R32: task 7 took 1h01m against 30m planned \(over 2x\); say why with --explanation/,
    );
  });
  it('accepts it with an explanation, up to the factor, and without a plan', () => {
    expect(() => checkExplanation(task, 61 * 60, 2, 'the client added two products')).not.toThrow();
    expect(explanationNeeded(task, 60 * 60, 2)).toBe(false);
    expect(() => checkExplanation(task, 60 * 60, 2, null)).not.toThrow();
    expect(explanationNeeded({ plannedMinutes: null }, 10 * 3600, 2)).toBe(false);
    expect(explanationNeeded({ plannedMinutes: 0 }, 10 * 3600, 2)).toBe(false);
  });
});
