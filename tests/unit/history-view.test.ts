import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/core/types.js';
import { renderHistory } from '../../src/format/task-view.js';
import { setTz } from '../support/tz.js';

const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC';
});
afterAll(() => {
  setTz(originalTz);
});

let nextId = 1;
function change(field: string, oldValue: string | null, newValue: string | null): HistoryEntry {
  return {
    id: nextId++,
    taskId: 1,
    actorId: 1,
    actor: 'boss',
    at: new Date('2026-11-27T09:00:00Z'),
    field,
    oldValue,
    newValue,
    note: null,
    via: null,
  };
}

describe('task history in words (issue 20, R36)', () => {
  it('names fields and values as a person says them, not as they are stored', () => {
    const text = renderHistory('Sales: Call Ivan', [
      change('acceptRequired', 'false', 'true'),
      change('status', 'pending', 'in_progress'),
      change('status', 'in_progress', 'awaiting_control'),
      change('deadlineHard', 'false', 'true'),
      change('timeTracking', 'true', 'false'),
      change('plannedMinutes', '30', '90'),
      change('parentId', null, '7'),
      change('title', 'Sales: Call Ivan', 'Sales: Call Ivan Petrov'),
      change('deleted', null, '2026-11-27T10:00:00.000Z'),
    ]);
    const lines = text
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^.*boss\s+/, ''));
    expect(lines).toEqual([
      'accept after completion: no -> yes',
      'status: pending -> in progress',
      'status: in progress -> awaiting control',
      'hard deadline: no -> yes',
      'time tracking: yes -> no',
      'planned time: 30m -> 1h30m',
      'parent task: - -> 7',
      'title: "Sales: Call Ivan" -> "Sales: Call Ivan Petrov"',
      'deleted: - -> 2026-11-27 10:00',
    ]);
    expect(text).not.toMatch(/acceptRequired|in_progress|"true"|"false"/);
  });
});
