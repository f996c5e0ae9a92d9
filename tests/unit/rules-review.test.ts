import { describe, expect, it } from 'vitest';
import {
  awaitsRating,
  checkNoOpenRemarks,
  checkNotClosingAwaitingControl,
} from '../../src/core/rules/control.js';
import { handoverStopsTimers, ownSeconds } from '../../src/core/rules/people.js';
import {
  checkConclusion,
  checkGeneralConclusion,
  checkResultGiven,
  conclusionText,
  isBlankText,
  isManagementTask,
  needsGeneralConclusion,
  planForExplanation,
} from '../../src/core/rules/results.js';

describe('R29: rating', () => {
  it("the director's done on work awaiting his control is refused with the way forward", () => {
    expect(() =>
      checkNotClosingAwaitingControl({ id: 20, status: 'awaiting_control', responsible: 'anna' }, true),
    ).toThrow(/^R29: task 20 awaits your control with anna's result; accept and rate it/);
    expect(() =>
      checkNotClosingAwaitingControl({ id: 20, status: 'awaiting_control', responsible: 'anna' }, false),
    ).not.toThrow();
    expect(() =>
      checkNotClosingAwaitingControl({ id: 20, status: 'pending', responsible: 'anna' }, true),
    ).not.toThrow();
  });
  it('every completed task set for someone else waits for a rating, accept flag or not', () => {
    expect(awaitsRating({ status: 'completed', mark: null, directorId: 1, responsibleId: 2 })).toBe(true);
    expect(awaitsRating({ status: 'completed', mark: 'positive', directorId: 1, responsibleId: 2 })).toBe(
      false,
    );
    expect(awaitsRating({ status: 'completed', mark: null, directorId: 2, responsibleId: 2 })).toBe(false);
    expect(awaitsRating({ status: 'pending', mark: null, directorId: 1, responsibleId: 2 })).toBe(false);
  });
});

describe('R30: remarks', () => {
  it('a task with an unanswered remark is not deleted', () => {
    expect(() => checkNoOpenRemarks({ id: 13, responsible: 'anna' }, [41])).toThrow(
      /^R30: task 13 has 1 remark\(s\) anna has not answered \(comment 41\)/,
    );
    expect(() => checkNoOpenRemarks({ id: 13, responsible: 'anna' }, [])).not.toThrow();
  });
});

describe('R2: handover', () => {
  it("stops the old responsible's running timer", () => {
    expect(handoverStopsTimers(2, 3, [2])).toBe(true);
    expect(handoverStopsTimers(2, 3, [])).toBe(false);
    expect(handoverStopsTimers(2, 2, [2])).toBe(false);
  });
  it('R32: the new responsible explains only their own minutes', () => {
    expect(
      ownSeconds(
        [
          { userId: 2, seconds: 3600 },
          { userId: 3, seconds: 600 },
        ],
        3,
      ),
    ).toBe(600);
  });
});

describe('R31, R33: results', () => {
  it('a result made only of invisible characters says nothing', () => {
    for (const text of ['\u200B', '\u200B\u200C\u200D\u2060\uFEFF', ' \u00A0\u3000', '\u00AD', '\u202E']) {
      expect(isBlankText(text), JSON.stringify(text)).toBe(true);
      expect(() => checkResultGiven(text, 9)).toThrow(/^R31/);
    }
    expect(checkResultGiven('Подписано', 9)).toBe('Подписано');
  });
  it('management tasks are the marked ones and Control tasks, in any language', () => {
    expect(isManagementTask({ kind: 'ordinary', management: false, review: false })).toBe(false);
    expect(isManagementTask({ kind: 'ordinary', management: true, review: false })).toBe(true);
    expect(isManagementTask({ kind: 'control', management: false, review: false })).toBe(true);
    expect(isManagementTask({ kind: 'ordinary', management: false, review: true })).toBe(true);
    expect(() => checkConclusion({ id: 5, kind: 'ordinary', management: true, review: false }, null)).toThrow(
      /^R33: task 5 is a management task and closes with brief findings .*: add --conclusion/,
    );
    expect(() =>
      checkConclusion({ id: 5, kind: 'ordinary', management: true, review: false }, '\u200B'),
    ).toThrow(/^R33/);
    expect(() =>
      checkConclusion({ id: 5, kind: 'ordinary', management: true, review: false }, 'Замечаний нет'),
    ).not.toThrow();
    expect(() =>
      checkConclusion({ id: 5, kind: 'ordinary', management: false, review: false }, null),
    ).not.toThrow();
  });
});

describe('R33: reviews of reports and compound tasks close with a GENERAL CONCLUSION', () => {
  it('is needed of a task marked as a review and of a Control task over a compound task, not of other management work', () => {
    expect(needsGeneralConclusion({ review: false }, false)).toBe(false);
    expect(needsGeneralConclusion({ review: true }, false)).toBe(true);
    expect(needsGeneralConclusion({ review: false }, true)).toBe(true);
  });
  it('is refused when missing or blank, and kept on its own line after the findings', () => {
    expect(() => checkGeneralConclusion(7, true, null)).toThrow(
      /^R33: task 7 is a review of reports or of a compound task and closes with a GENERAL CONCLUSION besides the findings: add --general-conclusion "..."$/,
    );
    expect(() => checkGeneralConclusion(7, true, '\u200B ')).toThrow(/^R33/);
    expect(() => checkGeneralConclusion(7, true, 'Плановая дисциплина выросла')).not.toThrow();
    expect(() => checkGeneralConclusion(7, false, null)).not.toThrow();
    expect(conclusionText('No remarks', '  The team keeps its plans ')).toBe(
      'No remarks\nGENERAL CONCLUSION: The team keeps its plans',
    );
    expect(conclusionText('No remarks', null)).toBe('No remarks');
    expect(conclusionText(null, 'Fine')).toBe('GENERAL CONCLUSION: Fine');
  });
});

describe('R32: the plan an explanation is measured against', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 10, 27, h));
  it('is the lowest plan in force since work began', () => {
    expect(planForExplanation(60, [{ at: at(11), oldValue: 10, newValue: 60 }], at(9))).toBe(10);
    expect(planForExplanation(60, [{ at: at(8), oldValue: 10, newValue: 60 }], at(9))).toBe(60);
    expect(planForExplanation(30, [{ at: at(11), oldValue: null, newValue: 30 }], at(9))).toBe(30);
    expect(planForExplanation(20, [{ at: at(10), oldValue: 60, newValue: 20 }], at(9))).toBe(20);
    expect(planForExplanation(45, [], null)).toBe(45);
    expect(planForExplanation(null, [], at(9))).toBeNull();
  });
});
