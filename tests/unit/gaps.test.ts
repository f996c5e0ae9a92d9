import { describe, expect, it } from 'vitest';
import { freeStretches } from '../../src/core/gaps.js';

describe('free stretches of a window', () => {
  it('subtracts busy intervals in any order, overlapping or sticking out of the window', () => {
    expect(freeStretches(0, 100, [])).toEqual([[0, 100]]);
    expect(
      freeStretches(0, 100, [
        [60, 70],
        [10, 20],
        [15, 30],
      ]),
    ).toEqual([
      [0, 10],
      [30, 60],
      [70, 100],
    ]);
    expect(
      freeStretches(10, 100, [
        [0, 20],
        [90, 200],
      ]),
    ).toEqual([[20, 90]]);
    expect(
      freeStretches(0, 100, [
        [0, 50],
        [50, 100],
      ]),
    ).toEqual([]);
    expect(
      freeStretches(0, 100, [
        [20, 30],
        [22, 25],
      ]),
    ).toEqual([
      [0, 20],
      [30, 100],
    ]); // one inside another
    expect(freeStretches(0, 100, [[150, 200]])).toEqual([[0, 100]]);
  });
});
