import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, TASK_STATUSES } from '../../src/core/status.js';

describe('task status machine', () => {
  it('lets work start, pause and close', () => {
    expect(canTransition('new', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'pending')).toBe(true);
    expect(canTransition('pending', 'completed')).toBe(true);
  });

  it('R27: awaiting control only ends by acceptance or return', () => {
    expect(canTransition('awaiting_control', 'completed')).toBe(true);
    expect(canTransition('awaiting_control', 'pending')).toBe(true);
    expect(canTransition('awaiting_control', 'in_progress')).toBe(false);
  });

  it('R36: a closed task is only revived, never restarted directly', () => {
    expect(canTransition('completed', 'in_progress')).toBe(false);
    expect(canTransition('completed', 'pending')).toBe(true);
    expect(() => assertTransition(7, 'completed', 'in_progress')).toThrow(
      /task 7 is completed .* task reopen 7/,
    );
  });

  it('nothing moves back to new', () => {
    for (const status of TASK_STATUSES)
      if (status !== 'new') expect(canTransition(status, 'new')).toBe(false);
  });
});
