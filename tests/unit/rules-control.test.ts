import { describe, expect, it } from 'vitest';
import {
  checkAwaitingControl,
  checkControlClose,
  checkIsDirector,
  checkMayCreateControl,
  checkMaySubmitProgress,
  checkNotProgressTransfer,
  checkRating,
  checkReturnDeadline,
} from '../../src/core/rules/control.js';
import type { TaskRelation } from '../../src/core/rules/permissions.js';
import { plainComment, plainTask, plainUser } from '../support/plain.js';

// src/core/rules/control.ts over plain data (R26-R29); R29's rating wait and R30's remarks are in
// rules-review.test.ts.

const awaiting = plainTask({ status: 'awaiting_control', acceptRequired: true });
const anna = plainUser({ id: 2, name: 'anna' });
const relations = (...names: TaskRelation[]) => new Set<TaskRelation>(names);

describe('R27: control of finished work', () => {
  it("only the director or the responsible's manager accepts, rates or returns the work", () => {
    expect(() => checkIsDirector(awaiting, relations('responsible'), 'accept')).toThrow(
      /^R27: only the director of task 7 \(boss\) or anna's manager may accept it/,
    );
    expect(() => checkIsDirector(awaiting, relations('director'), 'accept')).not.toThrow();
    expect(() => checkIsDirector(awaiting, relations('manager'), 'return')).not.toThrow();
  });
  it('accept and return apply to work awaiting control only', () => {
    expect(() => checkAwaitingControl(plainTask({ status: 'in_progress' }), 'accept')).toThrow(
      /^R27: task 7 is in progress, not awaiting control; there is nothing to accept/,
    );
    expect(() => checkAwaitingControl(awaiting, 'accept')).not.toThrow();
  });
});

describe('R28: a transfer of progress', () => {
  it('is submitted by the responsible, on a task with accept-after-completion on', () => {
    expect(() => checkMaySubmitProgress(awaiting, plainUser({ id: 1, name: 'boss' }))).toThrow(
      /^R28: only the responsible of task 7 \(anna\) submits its progress/,
    );
    expect(() => checkMaySubmitProgress(plainTask(), anna)).toThrow(
      /^R28: task 7 has no accept-after-completion flag; .*task edit 7 --accept/,
    );
    expect(() => checkMaySubmitProgress(plainTask({ acceptRequired: true }), anna)).not.toThrow();
  });
  it('is answered by returning the task, not by accepting it', () => {
    expect(() => checkNotProgressTransfer(awaiting, plainComment({ kind: 'progress' }))).toThrow(
      /^R28: task 7 was submitted as a transfer of progress, not as finished work; .*task return 7/,
    );
    expect(() => checkNotProgressTransfer(awaiting, plainComment({ kind: 'result' }))).not.toThrow();
    expect(() => checkNotProgressTransfer(awaiting, undefined)).not.toThrow();
  });
  it('returned work gets a new deadline of today or later', () => {
    const now = new Date('2026-11-27T15:00:00');
    expect(() => checkReturnDeadline(undefined, now)).toThrow(
      /^R28: returning a task to work needs its new deadline/,
    );
    expect(() => checkReturnDeadline(new Date('2026-11-26T18:00:00'), now)).toThrow(
      /^R28: the new deadline of returned work must be today or later/,
    );
    const thisMorning = new Date('2026-11-27T08:00:00');
    expect(checkReturnDeadline(thisMorning, now)).toBe(thisMorning);
  });
});

describe('R29: a negative rating says why', () => {
  it('refuses a negative mark without a comment', () => {
    expect(() => checkRating('negative', null)).toThrow(/^R29: a negative rating needs the reason/);
  });
  it('accepts a negative mark with its reason, and a positive one alone', () => {
    expect(() => checkRating('negative', 'the offer missed the discount')).not.toThrow();
    expect(() => checkRating('positive', null)).not.toThrow();
  });
});

describe('R26: Control tasks', () => {
  it("are created by the controlled task's director or the responsible's manager", () => {
    expect(() => checkMayCreateControl(awaiting, false)).toThrow(
      /^R26: only the director of task 7 \(boss\) or anna's manager creates a Control task for it/,
    );
    expect(() => checkMayCreateControl(awaiting, true)).not.toThrow();
  });
  it('close only after the task they control', () => {
    const control = { id: 9, kind: 'control' as const };
    expect(() => checkControlClose(control, true, [7])).toThrow(
      /^R26: Control task 9 is not closed before the task it controls \(7\) is closed/,
    );
    expect(() => checkControlClose(control, true, [])).not.toThrow();
    expect(() => checkControlClose(control, false, [7])).not.toThrow();
    expect(() => checkControlClose({ id: 7, kind: 'ordinary' }, true, [8])).not.toThrow();
  });
});
