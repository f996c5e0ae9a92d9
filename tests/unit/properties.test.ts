import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateFromFlag, parseDateInput } from '../../src/core/dates.js';
import { durationFromFlag, parseDurationMinutes } from '../../src/core/duration.js';
import { UsageError } from '../../src/core/errors.js';
import { parseDueFilter } from '../../src/core/filters.js';
import { parseSchedule } from '../../src/core/schedule.js';
import { titlePartsFor } from '../../src/core/tasks.js';
import { parseTitle, renderTitle } from '../../src/core/title.js';
import { MAX_TASKS_AT_ONCE, taskIds } from '../../src/cli/flags.js';
import { taskwarriorOrder } from '../../src/cli/argv.js';
import { setTz } from '../support/tz.js';

const now = new Date(2026, 10, 27, 9, 0);
/** Anything a person (or a script) might type: printable text, digits and separators, control characters. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({
    unit: fc.constantFrom(...'0123456789:.hmdw+- ТЕКСТ\u0000\u001b\n\t'.split('')),
    maxLength: 20,
  }),
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
    const idText = fc.oneof(
      anyText,
      fc.string({ unit: fc.constantFrom(...'0123456789,-# '.split('')), maxLength: 16 }),
    );
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

/**
 * Issue 21: random text reaches the accepting side of the date parser a few times in 100,000, so a parser
 * that accepts wrong values passes. These generators make each input together with the answer a model
 * written here (the calendar, the clock, the duration forms) expects, valid as often as invalid, boundaries
 * included; the parsers must give exactly that answer. `mutants` below shows the properties catch small
 * mistakes in the real parsers.
 */
interface Case<T> {
  text: string;
  expected: T | null;
}

const FIRST_YEAR = 1970;
const LAST_YEAR = 2199;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Dates as instants in UTC (the model's time zone): a whole day means its last millisecond. */
type DateAnswer = { at: number; allDay: boolean };
// Friday 27 November 2026 (UTC, see utcNow in the tests).
const TODAY = { y: 2026, m: 11, d: 27 };
const endOfDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d + 1) - 1;

const validIsoDay = fc
  .record({
    y: fc.oneof(
      fc.integer({ min: FIRST_YEAR, max: LAST_YEAR }),
      fc.constantFrom(2000, 2024, 2100, FIRST_YEAR, LAST_YEAR),
    ),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysIn(y, m)) }));
const validTime = fc.record({ h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }) });

const validDate: fc.Arbitrary<Case<DateAnswer>> = fc.oneof(
  validIsoDay.map(({ y, m, d }) => ({
    text: `${pad(y, 4)}-${pad(m)}-${pad(d)}`,
    expected: { at: endOfDay(y, m, d), allDay: true },
  })),
  fc.tuple(validIsoDay, validTime).map(([{ y, m, d }, { h, mi }]) => ({
    text: `${pad(y, 4)}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(mi)}`,
    expected: { at: Date.UTC(y, m - 1, d, h, mi), allDay: false },
  })),
  fc
    .record({
      sign: fc.constantFrom('+', '-'),
      n: fc.integer({ min: 0, max: 9999 }),
      unit: fc.constantFrom('d', 'w'),
    })
    .map(({ sign, n, unit }) => {
      const days = n * (unit === 'w' ? 7 : 1) * (sign === '-' ? -1 : 1);
      return {
        text: `${sign}${n}${unit}`,
        expected: { at: endOfDay(TODAY.y, TODAY.m, TODAY.d + days), allDay: true },
      };
    }),
  fc
    .constantFrom(['today', 0], ['tomorrow', 1], ['yesterday', -1], ['eow', 2], ['mon', 3], ['friday', 7])
    .map(([word, days]) => ({
      text: String(word),
      expected: { at: endOfDay(TODAY.y, TODAY.m, TODAY.d + Number(days)), allDay: true },
    })),
  validTime.map(({ h, mi }) => ({
    text: `${pad(h)}:${pad(mi)}`,
    expected: { at: Date.UTC(TODAY.y, TODAY.m - 1, TODAY.d, h, mi), allDay: false },
  })),
);

/** One part of an otherwise real date out of its range: day 0 or past the month's end, month 0 or 13+, hour 24+, minute 60+, a year outside 1970-2199. */
const invalidDate: fc.Arbitrary<Case<DateAnswer>> = fc.oneof(
  validIsoDay.chain(({ y, m }) =>
    fc
      .constantFrom(0, daysIn(y, m) + 1, 32)
      .map((d) => ({ text: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, expected: null })),
  ),
  fc
    .tuple(validIsoDay, fc.constantFrom(0, 13, 19, 99))
    .map(([{ y, d }, m]) => ({ text: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, expected: null })),
  fc
    .tuple(validIsoDay, fc.integer({ min: 24, max: 99 }), fc.integer({ min: 0, max: 59 }))
    .map(([{ y, m, d }, h, mi]) => ({
      text: `${pad(y, 4)}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(mi)}`,
      expected: null,
    })),
  fc
    .tuple(validIsoDay, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 60, max: 99 }))
    .map(([{ y, m, d }, h, mi]) => ({
      text: `${pad(y, 4)}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(mi)}`,
      expected: null,
    })),
  fc
    .tuple(
      fc.oneof(fc.integer({ min: 1000, max: FIRST_YEAR - 1 }), fc.integer({ min: LAST_YEAR + 1, max: 9999 })),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) => ({ text: `${y}-${pad(m)}-${pad(d)}`, expected: null })),
  fc
    .constantFrom(
      '+3x',
      '3d',
      '+12345d',
      'tomorow',
      '2026-1-05',
      '2026-02-29',
      '9:5',
      '',
      '2200-01-01',
      '2200-01-01 00:00',
      '1969-12-31',
    )
    .map((text) => ({ text, expected: null })),
);

const validDuration: fc.Arbitrary<Case<number>> = fc.oneof(
  fc
    .oneof(fc.integer({ min: 0, max: 60_000 }), fc.constantFrom(0, 1, 59_999, 60_000))
    .map((n) => ({ text: String(n), expected: n })),
  fc.integer({ min: 0, max: 1000 }).map((h) => ({ text: `${h}h`, expected: h * 60 })),
  fc.integer({ min: 0, max: 60_000 }).map((m) => ({ text: `${m}m`, expected: m })),
  fc
    .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 60 }))
    .map(([h, m]) => ({ text: `${h}h${m}m`, expected: h * 60 + m })),
  fc
    .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => ({ text: `${h}:${pad(m)}`, expected: h * 60 + m })),
  fc
    .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9 }))
    .map(([h, tenth]) => ({ text: `${h}.${tenth}h`, expected: h * 60 + tenth * 6 })),
);

const invalidDuration: fc.Arbitrary<Case<number>> = fc.oneof(
  fc.integer({ min: 60_001, max: 10_000_000 }).map((n) => ({ text: String(n), expected: null })),
  fc.integer({ min: 1001, max: 99_999 }).map((h) => ({ text: `${h}h`, expected: null })),
  fc
    .tuple(fc.integer({ min: 1000, max: 2000 }), fc.integer({ min: 1, max: 59 }))
    .map(([h, m]) => ({ text: `${h}h${m}m`, expected: null })),
  fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 60, max: 99 }))
    .map(([h, m]) => ({ text: `${h}:${m}`, expected: null })),
  fc.integer({ min: 1, max: 999 }).map((n) => ({ text: `-${n}m`, expected: null })),
  fc
    .constantFrom('h', 'm', '1h30', '5 apples', '1.2.3h', '1:5', ':30', '1,5h', 'ч')
    .map((text) => ({ text, expected: null })),
);

/** Valid and invalid input, half and half. */
const dateCases = fc.oneof(validDate, invalidDate);
const durationCases = fc.oneof(validDuration, invalidDuration);

type DateParser = (input: string, now: Date) => { at: Date; allDay: boolean } | null;
type DurationParser = (input: string) => number | null;
const utcNow = new Date(Date.UTC(TODAY.y, TODAY.m - 1, TODAY.d, 9, 0));

function dateProperty(parse: DateParser) {
  return fc.property(dateCases, ({ text, expected }) => {
    const parsed = parse(text, utcNow);
    expect(parsed && { at: parsed.at.getTime(), allDay: parsed.allDay }).toEqual(expected);
  });
}

function durationProperty(parse: DurationParser) {
  return fc.property(durationCases, ({ text, expected }) => {
    expect(parse(text)).toBe(expected);
  });
}

describe('issue 21: date and duration parsers give the model answer, on valid input as often as on invalid', () => {
  const originalTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'UTC';
  });
  afterAll(() => {
    setTz(originalTz);
  });

  it('half of the generated input is valid', () => {
    for (const cases of [dateCases, durationCases] as fc.Arbitrary<Case<unknown>>[]) {
      const sample = fc.sample(cases, { numRuns: 4000, seed: 21 });
      const valid = sample.filter((c) => c.expected !== null).length / sample.length;
      expect(valid).toBeGreaterThan(0.4);
      expect(valid).toBeLessThan(0.6);
    }
  });

  it('dates: exactly the instant the calendar and the clock give, or null', () => {
    fc.assert(dateProperty(parseDateInput), { numRuns: 3000 });
  });

  it('durations: exactly the minutes written, or null beyond 1000 hours and for what is not a duration', () => {
    fc.assert(durationProperty(parseDurationMinutes), { numRuns: 3000 });
  });

  /**
   * Small mistakes in the real parsers - each a one-token change of the source, compiled afresh - must
   * make the properties fail. A mutant that survives means the generators do not reach that behaviour.
   */
  const mutants: { file: string; find: string; replace: string; parser: 'date' | 'duration' }[] = [
    {
      file: 'src/core/dates.ts',
      find: "(relative[3] === 'w' ? 7 : 1)",
      replace: "(relative[3] === 'w' ? 6 : 1)",
      parser: 'date',
    },
    { file: 'src/core/dates.ts', find: "(relative[1] === '-' ? -1 : 1)", replace: '1', parser: 'date' },
    {
      file: 'src/core/dates.ts',
      find: 'return { at: endOfLocalDay(day), allDay: true }',
      replace: 'return { at: day, allDay: true }',
      parser: 'date',
    },
    {
      file: 'src/core/dates.ts',
      find: 'time.hours, time.minutes)',
      replace: 'time.hours, time.minutes + 1)',
      parser: 'date',
    },
    {
      file: 'src/core/clock.ts',
      find: 'new Date(Date.UTC(year, month, 0))',
      replace: 'new Date(Date.UTC(2001, month, 0))',
      parser: 'date',
    },
    {
      file: 'src/core/clock.ts',
      find: 'ms < END_OF_LAST_YEAR',
      replace: 'ms <= END_OF_LAST_YEAR + 86_400_000',
      parser: 'date',
    },
    {
      file: 'src/core/duration.ts',
      find: 'minutes > MAX_PLANNED_MINUTES',
      replace: 'minutes >= MAX_PLANNED_MINUTES',
      parser: 'duration',
    },
    {
      file: 'src/core/duration.ts',
      find: '/^(\\d+):([0-5]\\d)$/',
      replace: '/^(\\d+):(\\d\\d)$/',
      parser: 'duration',
    },
    {
      file: 'src/core/duration.ts',
      find: 'Math.round(Number(match[1]) * 60)',
      replace: 'Math.floor(Number(match[1]) * 60)',
      parser: 'duration',
    },
    {
      file: 'src/core/duration.ts',
      find: 'Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)',
      replace: 'Number(match[1] ?? 0) * 60',
      parser: 'duration',
    },
  ];

  it.each(mutants.map((m) => [`${m.file}: ${m.find} -> ${m.replace}`, m] as const))(
    'catches the mutant %s',
    async (_name, mutant) => {
      const parse = await compileMutant(
        mutant.file,
        mutant.find,
        mutant.replace,
        mutant.parser === 'date' ? 'parseDateInput' : 'parseDurationMinutes',
      );
      const runs = { numRuns: 3000, seed: 7 };
      const result =
        mutant.parser === 'date'
          ? fc.check(dateProperty(parse as DateParser), runs)
          : fc.check(durationProperty(parse as DurationParser), runs);
      expect(result.failed, `the mutant survived ${result.numRuns} inputs`).toBe(true);
    },
  );
});

/**
 * The parser `exported` of src/core with `find` replaced by `replace` in `file`: the mutated file and what
 * it imports bundled by esbuild into a fresh module (the real modules are untouched).
 */
async function compileMutant(
  file: string,
  find: string,
  replace: string,
  exported: string,
): Promise<(...args: never[]) => unknown> {
  const { build } = await import('esbuild');
  const { readFileSync } = await import('node:fs');
  const { dirname, resolve } = await import('node:path');
  const root = resolve(__dirname, '../..');
  const target = resolve(root, file);
  const original = readFileSync(target, 'utf8');
  expect(original, `${file} no longer contains the mutated code; update the mutant`).toContain(find);
  const mutated = original.replace(find, replace);
  const entry = `export { ${exported} } from '${resolve(root, 'src/core', exported === 'parseDateInput' ? 'dates.ts' : 'duration.ts')}';`;
  const built = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
    plugins: [
      {
        name: 'mutant',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, (args) =>
            args.path === target
              ? { contents: mutated, loader: 'ts', resolveDir: dirname(target) }
              : undefined,
          );
        },
      },
    ],
  });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', built.outputFiles[0]!.text)(module, module.exports, require);
  return module.exports[exported] as (...args: never[]) => unknown;
}
