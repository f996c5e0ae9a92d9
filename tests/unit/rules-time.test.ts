import { describe, expect, it } from 'vitest';
import {
  checkManualComment,
  checkNoOverlap,
  checkOneTaskToStart,
  checkRetroactiveReason,
  firstClash,
  isRetroactive,
} from '../../src/core/rules/time.js';
import { checkTracksTime } from '../../src/core/rules/tracking.js';
import { plainEntry, plainTask } from '../support/plain.js';

// src/core/rules/time.ts and tracking.ts over plain data (R8, R12, R16, R21-R23).

const now = new Date('2026-11-27T12:00:00');
const at = (hhmm: string) => new Date(`2026-11-27T${hhmm}:00`);
const morning = plainEntry(4, '2026-11-27T09:00:00', '2026-11-27T10:00:00');

describe('R22: manual time says what it was spent on', () => {
  it('refuses an entry without a comment, or with a blank one', () => {
    expect(() => checkManualComment(undefined)).toThrow(/^R22: manual time needs --comment/);
    expect(() => checkManualComment('   ')).toThrow(/^R22/);
  });
  it('accepts a comment, trimmed', () => {
    expect(checkManualComment('  call before the timer ')).toBe('call before the timer');
  });
});

describe('R23: corrections of a closed day are retroactive and give a reason', () => {
  it('a day is closed when it ended or its report was recorded', () => {
    expect(isRetroactive(false, false)).toBe(false);
    expect(isRetroactive(true, false)).toBe(true);
    expect(isRetroactive(false, true)).toBe(true);
  });
  it('refuses a retroactive correction without a reason', () => {
    expect(() => checkRetroactiveReason(true, undefined, '2026-11-26')).toThrow(
      /^R23: 2026-11-26 is closed .* needs --reason/,
    );
    expect(() => checkRetroactiveReason(true, ' ', '2026-11-26')).toThrow(/^R23/);
  });
  it('accepts it with a reason; a correction of an open day needs none', () => {
    expect(checkRetroactiveReason(true, ' forgot the call ', '2026-11-26')).toBe('forgot the call');
    expect(checkRetroactiveReason(false, undefined, '2026-11-27')).toBeNull();
  });
});

describe('R21, R22: time is never counted twice', () => {
  it('refuses an entry overlapping another, naming it and the remedy', () => {
    expect(() => checkNoOverlap(at('09:30'), at('10:30'), [morning], now)).toThrow(
      /^R22: the entry overlaps entry 4 \(.*, task 7\); time is never counted twice - choose another --at/,
    );
    expect(() =>
      checkNoOverlap(at('08:00'), at('09:01'), [morning], now, { remedy: 'edit entry ENTRY first' }),
    ).toThrow(/edit entry 4 first$/);
  });
  it('a running entry holds its time up to now', () => {
    const running = plainEntry(5, '2026-11-27T11:00:00', null);
    expect(firstClash([running], at('11:30'), at('11:45'), now)).toBe(running);
    expect(firstClash([running], at('12:00'), at('12:30'), now)).toBeUndefined();
  });
  it('accepts an entry that only touches another, and one beside an empty (cancelled) entry', () => {
    expect(() => checkNoOverlap(at('10:00'), at('11:00'), [morning], now)).not.toThrow();
    const cancelled = plainEntry(6, '2026-11-27T10:30:00', '2026-11-27T10:30:00');
    expect(() => checkNoOverlap(at('10:00'), at('11:00'), [cancelled], now)).not.toThrow();
  });
  it('an entry ends after it starts; only a correction may shorten one to nothing', () => {
    expect(() => checkNoOverlap(at('11:00'), at('10:00'), [], now)).toThrow(/must end after it starts/);
    expect(() => checkNoOverlap(at('11:00'), at('11:00'), [], now)).toThrow(/must end after it starts/);
    expect(() => checkNoOverlap(at('11:00'), at('11:00'), [], now, { allowEmpty: true })).not.toThrow();
  });
  it('R21: one timer runs at a time, so a timer starts on one task', () => {
    expect(() => checkOneTaskToStart([12, 13])).toThrow(/^R21: one timer runs at a time; .*task start 12$/);
    expect(checkOneTaskToStart([12])).toBe(12);
  });
});

describe('R8, R12, R16: timers run only on tasks that track time', () => {
  it('refuses a compound task, a task with tracking off and a backlog item', () => {
    expect(() => checkTracksTime(plainTask({ kind: 'general', timeTracking: false }))).toThrow(
      /^R16: task 7 is a compound \(General\) task and tracks no time itself/,
    );
    expect(() => checkTracksTime(plainTask({ timeTracking: false }))).toThrow(
      /^R8: task 7 has time tracking off; .*task edit 7 --tracking on/,
    );
    expect(() => checkTracksTime(plainTask({ kind: 'stec' }))).toThrow(
      /^R12: task 7 waits in the STEC backlog/,
    );
  });
  it('accepts an ordinary task that tracks time', () => {
    expect(() => checkTracksTime(plainTask())).not.toThrow();
  });
});
