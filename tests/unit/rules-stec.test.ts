import { describe, expect, it } from 'vitest';
import { checkBacklogNotTimed, checkPullHasPlan, stecDeadline } from '../../src/core/rules/stec.js';
import { plainTask } from '../support/plain.js';

// src/core/rules/stec.ts over plain data (R12, R14); a backlog item's defaults and statuses are in
// rules-compound.test.ts.

const backlogItem = plainTask({ kind: 'stec', plannedMinutes: null });

describe('R14: pulling a task out of the STEC backlog', () => {
  it('refuses a task that is not in the backlog', () => {
    expect(() => checkPullHasPlan(plainTask(), new Date(), 30)).toThrow(
      /^R14: task 7 is not in the STEC backlog; only STEC tasks are pulled/,
    );
  });
  it('refuses a pull without a real deadline and planned time, naming what is missing', () => {
    expect(() => checkPullHasPlan(backlogItem, undefined, undefined)).toThrow(
      /^R14: pulling a task out of STEC sets a real deadline and planned time: add --deadline and --plan$/,
    );
    expect(() => checkPullHasPlan(backlogItem, new Date(), undefined)).toThrow(/add --plan$/);
  });
  it('accepts a pull with both', () => {
    expect(() => checkPullHasPlan(backlogItem, new Date(), 30)).not.toThrow();
  });
});

describe('R12: a backlog item waits a year away, untimed', () => {
  it('is due at the end of the same local day a year later', () => {
    expect(stecDeadline(new Date('2026-11-27T09:00:00'))).toEqual(new Date('2027-11-27T23:59:59.999'));
  });
  it('refuses time added to it or a timer running on it', () => {
    expect(() => checkBacklogNotTimed(backlogItem, 0, 60, 0)).toThrow(
      /^R12: task 7 waits in the STEC backlog and is not timed/,
    );
    expect(() => checkBacklogNotTimed(backlogItem, 0, 0, 1)).toThrow(/^R12/);
  });
  it('accepts it unchanged (time an older database holds stays), and any time on an ordinary task', () => {
    expect(() => checkBacklogNotTimed(backlogItem, 600, 600, 0)).not.toThrow();
    expect(() => checkBacklogNotTimed(plainTask(), 0, 60, 1)).not.toThrow();
  });
});
