import { describe, expect, it } from 'vitest';
import {
  durationFromFlag,
  formatMinutes,
  isoDuration,
  parseDurationMinutes,
  parseTaskwarriorDuration,
} from '../../src/core/duration.js';

describe('durations', () => {
  it.each([
    ['25m', 25],
    ['1h', 60],
    ['1h30m', 90],
    ['1h 30m', 90],
    ['1:30', 90],
    ['0:05', 5],
    ['1.5h', 90],
    ['90', 90],
    ['2H', 120],
    ['45min', 45],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseDurationMinutes(text)).toBe(minutes);
  });

  it.each(['', 'abc', '1:75', '-5m', 'h', '1h30', '5 apples', '99999h', '1.2.3h'])('refuses %j', (text) => {
    expect(parseDurationMinutes(text)).toBeNull();
  });

  it('names the flag and the accepted forms in the error', () => {
    expect(() => durationFromFlag('--plan', 'soon')).toThrow(
      /--plan: "soon" is not a duration; use 25m, 1h, 1h30m/,
    );
    expect(() => durationFromFlag('--plan', '0m')).toThrow(/more than zero/);
  });

  it('formats minutes the way they are typed', () => {
    expect(formatMinutes(0)).toBe('0m');
    expect(formatMinutes(5)).toBe('5m');
    expect(formatMinutes(60)).toBe('1h');
    expect(formatMinutes(95)).toBe('1h35m');
  });
});

describe("Taskwarrior's estimate UDA (issue 20: the planned time survives a round trip)", () => {
  it.each([
    [90, 'PT1H30M'],
    [60, 'PT1H'],
    [5, 'PT5M'],
    [0, 'PT0S'],
  ])('writes %i minutes as %s', (minutes, iso) => {
    expect(isoDuration(minutes)).toBe(iso);
    expect(parseTaskwarriorDuration(iso)).toBe(minutes);
  });

  it.each([
    ['PT2H', 120],
    ['P1DT2H', 1560],
    ['P1W', 10080],
    ['PT90M', 90],
    ['PT30S', 1],
    ['5400', 90],
    [5400, 90],
    ['1h30m', 90],
  ] as const)('reads %j as %i minutes', (value, minutes) => {
    expect(parseTaskwarriorDuration(value)).toBe(minutes);
  });

  it.each(['P', 'PT', 'soon', '', 'P1H'])('ignores %j', (value) => {
    expect(parseTaskwarriorDuration(value)).toBeNull();
  });
});
