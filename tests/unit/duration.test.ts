import { describe, expect, it } from 'vitest';
import { durationFromFlag, formatMinutes, parseDurationMinutes } from '../../src/core/duration.js';

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
    expect(() => durationFromFlag('--plan', 'soon')).toThrow(/--plan: "soon" is not a duration; use 25m, 1h, 1h30m/);
    expect(() => durationFromFlag('--plan', '0m')).toThrow(/more than zero/);
  });

  it('formats minutes the way they are typed', () => {
    expect(formatMinutes(0)).toBe('0m');
    expect(formatMinutes(5)).toBe('5m');
    expect(formatMinutes(60)).toBe('1h');
    expect(formatMinutes(95)).toBe('1h35m');
  });
});
