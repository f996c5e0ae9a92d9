import { describe, expect, it } from 'vitest';
import {
  actsAsDirector,
  checkDeadlineMove,
  checkHardDeadlineMoveRecorded,
  movesLater,
  checkDeadlineMoveNeedsContinuation,
  continuationDeadline,
  type ActorRelation,
} from '../../src/core/rules/deadlines.js';

const day = (d: number) => new Date(Date.UTC(2026, 11, d, 23, 59));
const hard = { id: 4, deadline: day(5), deadlineHard: true, director: 'boss' };
const responsible: ActorRelation = { isResponsible: true, isDirector: false, isResponsiblesManager: false };
const director: ActorRelation = { isResponsible: false, isDirector: true, isResponsiblesManager: false };
const manager: ActorRelation = { isResponsible: false, isDirector: false, isResponsiblesManager: true };
const withReason = { force: true, reason: 'the client moved the tender' };

describe('R10: hard deadlines', () => {
  it('the responsible never postpones a hard deadline, even with a reason', () => {
    expect(() => checkDeadlineMove(hard, day(10), withReason, responsible)).toThrow(
      /^R10: task 4 has a hard deadline; only its director \(boss\) moves it later/,
    );
    expect(() => checkDeadlineMove(hard, null, withReason, responsible)).toThrow(/^R10/);
  });
  it("the director, or the responsible's manager, moves it later with a reason", () => {
    expect(() => checkDeadlineMove(hard, day(10), { force: false, reason: null }, director)).toThrow(
      /^R10: .* --force --reason/,
    );
    expect(() => checkDeadlineMove(hard, day(10), withReason, director)).not.toThrow();
    expect(() => checkDeadlineMove(hard, day(10), withReason, manager)).not.toThrow();
  });
  it('bringing it earlier is always allowed', () => {
    expect(() => checkDeadlineMove(hard, day(3), { force: false, reason: null }, responsible)).not.toThrow();
  });
});

describe('R24: past the threshold the deadline moves only through a continuation', () => {
  const task = { id: 6, deadline: day(1), status: 'in_progress' as const };
  it('refuses moving it later after more than the threshold of work', () => {
    expect(() => checkDeadlineMoveNeedsContinuation(task, day(4), 45 * 60, 7)).toThrow(
      /^R24: task 6 was worked on for 45 min \(over 7\); .* task continue 6 --deadline DATE/,
    );
    expect(() => checkDeadlineMoveNeedsContinuation(task, null, 45 * 60, 7)).toThrow(/^R24/);
  });
  it('lets it move at the threshold, earlier, or on a closed task', () => {
    expect(() => checkDeadlineMoveNeedsContinuation(task, day(4), 7 * 60, 7)).not.toThrow();
    expect(() =>
      checkDeadlineMoveNeedsContinuation(task, new Date(Date.UTC(2026, 10, 30)), 45 * 60, 7),
    ).not.toThrow();
    expect(() =>
      checkDeadlineMoveNeedsContinuation({ ...task, status: 'completed' }, day(4), 45 * 60, 7),
    ).not.toThrow();
  });
  it('a continuation never pulls a later deadline earlier and never moves a hard one', () => {
    const soft = { id: 6, deadline: day(10), deadlineHard: false };
    expect(continuationDeadline(soft, undefined, day(1))).toEqual(day(10));
    expect(() => continuationDeadline(soft, day(2), day(1))).toThrow(
      /^R24: a continuation never pulls a later deadline earlier/,
    );
    expect(continuationDeadline({ ...soft, deadline: day(1) }, undefined, day(2))).toEqual(day(2));
    expect(continuationDeadline({ ...soft, deadline: null }, undefined, day(2))).toEqual(day(2));
    expect(() => continuationDeadline(hard, day(10), day(1))).toThrow(
      /^R10: task 4 has a hard deadline and a continuation never moves it/,
    );
    expect(continuationDeadline({ ...hard, deadline: day(1) }, undefined, day(2))).toEqual(day(1));
  });
});

describe('R10 on the final state: a postponed hard deadline keeps its reason', () => {
  const before = { id: 4, deadline: day(5), deadlineHard: true };
  it('refuses moving it later, making it soft or removing it without a reason', () => {
    expect(() =>
      checkHardDeadlineMoveRecorded(before, { deadline: day(10), deadlineHard: true }, null),
    ).toThrow(
      /^R10: task 4 has a hard deadline; moving it later, making it soft or removing it needs its director's reason/,
    );
    expect(() =>
      checkHardDeadlineMoveRecorded(before, { deadline: day(5), deadlineHard: false }, ' '),
    ).toThrow(/^R10/);
    expect(() =>
      checkHardDeadlineMoveRecorded(before, { deadline: null, deadlineHard: false }, null),
    ).toThrow(/^R10/);
  });
  it('accepts it with a reason, and bringing it earlier without one', () => {
    expect(() =>
      checkHardDeadlineMoveRecorded(before, { deadline: day(10), deadlineHard: true }, 'the tender moved'),
    ).not.toThrow();
    expect(() =>
      checkHardDeadlineMoveRecorded(before, { deadline: day(3), deadlineHard: true }, null),
    ).not.toThrow();
  });
  it('removing a deadline is the latest move of all; a task without one is not postponed', () => {
    expect(movesLater(day(5), null)).toBe(true);
    expect(movesLater(day(5), day(5))).toBe(false);
    expect(movesLater(null, day(5))).toBe(false);
  });
  it("the director's rights belong to the responsible's manager too", () => {
    expect(actsAsDirector(director)).toBe(true);
    expect(actsAsDirector(manager)).toBe(true);
    expect(actsAsDirector(responsible)).toBe(false);
  });
});
