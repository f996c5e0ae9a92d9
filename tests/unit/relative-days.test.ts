import { afterEach, describe, expect, it } from 'vitest';
import { deadlineText } from '../../src/format/text.js';
import { setTz } from '../support/tz.js';

const originalTz = process.env.TZ;
afterEach(() => {
  setTz(originalTz);
});

describe('deadlineText in one process under several time zones', () => {
  it('names today, tomorrow and yesterday in the zone of the call, not the zone of an earlier one', () => {
    const now = new Date('2026-11-27T23:30:00Z');
    const deadline = { deadline: new Date('2026-11-28T10:00:00Z'), deadlineAllDay: true };
    process.env.TZ = 'UTC';
    expect(deadlineText(deadline, now)).toBe('tomorrow');
    // 00:30 on the 28th in Berlin: the same deadline is today there.
    process.env.TZ = 'Europe/Berlin';
    expect(deadlineText(deadline, now)).toBe('today');
  });
});
