import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateFromFlag, parseDateInput } from '../../src/core/dates.js';
import { durationFromFlag, parseDurationMinutes } from '../../src/core/duration.js';
import { UsageError } from '../../src/core/errors.js';
import { parseDueFilter } from '../../src/core/filters.js';
import { parseSchedule } from '../../src/core/schedule.js';
import { titlePartsFor } from '../../src/core/tasks.js';
import { parseTitle, renderTitle } from '../../src/core/title.js';
import { MAX_TASKS_AT_ONCE, taskIds } from '../../src/cli/flags.js';
import { taskwarriorOrder } from '../../src/cli/argv.js';

const now = new Date(2026, 10, 27, 9, 0);
/** Anything a person (or a script) might type: printable text, digits and separators, control characters. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...'0123456789:.hmdw+- ТЕКСТ\u0000\u001b\n\t'.split('')), maxLength: 20 }),
);

/** The only acceptable failure: a UsageError with a message (exit 2, one clear line). */
function valueOrClearError(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message.length).toBeGreaterThan(10);
  }
}

describe('parsers never crash on random input', () => {
  it('task id lists (12, 12,13, 12-15): distinct positive ids, never more than the cap, or a clear error', () => {
    const idText = fc.oneof(anyText, fc.string({ unit: fc.constantFrom(...'0123456789,-# '.split('')), maxLength: 16 }));
    fc.assert(
      fc.property(fc.array(idText, { minLength: 1, maxLength: 3 }), (words) => {
        valueOrClearError(() => {
          const ids = taskIds(words);
          expect(ids.length).toBeGreaterThan(0);
          expect(ids.length).toBeLessThanOrEqual(MAX_TASKS_AT_ONCE);
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) expect(Number.isSafeInteger(id) && id > 0).toBe(true);
        });
        // Reordering the command line never throws, whatever was typed.
        expect(Array.isArray(taskwarriorOrder(words))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('durations: a whole number of minutes or null; the flag form throws only UsageError', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const minutes = parseDurationMinutes(text);
        expect(minutes === null || (Number.isInteger(minutes) && minutes >= 0)).toBe(true);
        valueOrClearError(() => durationFromFlag('--plan', text));
      }),
      { numRuns: 2000 },
    );
  });

  it('dates: a real instant or null; the flag form throws only UsageError', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseDateInput(text, now);
        expect(parsed === null || !Number.isNaN(parsed.at.getTime())).toBe(true);
        valueOrClearError(() => dateFromFlag('--deadline', text, now));
        valueOrClearError(() => parseDueFilter(text, now));
        valueOrClearError(() => parseSchedule(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('titles: any text parses; rendering a parse and parsing it again is stable', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parts = parseTitle(text);
        expect(typeof parts.text).toBe('string');
        const again = parseTitle(renderTitle(parts));
        if (parts.text !== '') expect(renderTitle(again)).toBe(renderTitle(parts));
        valueOrClearError(() => titlePartsFor(text, undefined));
      }),
      { numRuns: 2000 },
    );
  });
});
