import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox({ inProcess: true });
});
afterEach(() => sb.remove());

async function trackSeconds(id: string, seconds: number): Promise<void> {
  await sb.ok(['start', id], { now: '2026-11-27T09:00:00' });
  const end = new Date(Date.UTC(2026, 10, 27, 9, 0, seconds)).toISOString().slice(0, 19);
  await sb.ok(['pause'], { now: end });
}

describe('R24: continuation', () => {
  it('at exactly 7:00 spent only the deadline moves (to the next working day by default)', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '10m', '--deadline', 'today']);
    await trackSeconds('1', 7 * 60);
    const result = await sb.run(['continue', '1', '--json'], { now: '2026-11-27T09:10' });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(String(result.stdout))).toMatchObject({
      id: 1,
      status: 'pending',
      deadline: '2026-11-30T23:59:59.999Z',
      title: 'Sales: Call Ivan',
    });
    expect(sb.sql('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 1 }]);
    expect((await sb.json(['show', '1'])).deadlineMoves).toBe(1);
  });

  it('at 7:01 spent a (Part 2) continuation is made and the original completed with a pointer to it', async () => {
    await sb.ok([
      'add',
      'Retail: Revise all the retail algorithms',
      '--plan',
      '2h',
      '--deadline',
      'today',
      '--tag',
      'RETAIL',
      '--description',
      '1. Collect 2. Revise',
    ]);
    await trackSeconds('1', 7 * 60 + 1);
    const part2 = await sb.json(['continue', '1', '--deadline', 'mon'], { now: '2026-11-27T09:10' });
    expect(part2).toMatchObject({
      id: 2,
      title: 'Retail: (Part 2) Revise all the retail algorithms',
      part: 2,
      previousPartId: 1,
      status: 'new',
      tags: ['RETAIL'],
      plannedMinutes: 113,
      deadline: '2026-11-30T23:59:59.999Z',
      description: '1. Collect 2. Revise\nPrevious part: task 1 "Retail: Revise all the retail algorithms"',
    });
    const original = await sb.json(['show', '1']);
    expect(original).toMatchObject({ status: 'completed', closedAt: '2026-11-27T09:10:00.000Z' });
    expect(original.result.result).toMatch(/^Continued in task 2 \(Part 2\)/);
  });

  it('a Part 3 follows a Part 2, each linking to the one before', async () => {
    await sb.ok(['add', 'Retail: Revise the algorithms', '--plan', '3h']);
    await trackSeconds('1', 3600);
    await sb.ok(['continue', '1'], { now: '2026-11-27T10:05' });
    await sb.ok(['start', '2'], { now: '2026-11-27T10:10' });
    await sb.ok(['pause'], { now: '2026-11-27T11:10' });
    const part3 = await sb.json(['continue', '2'], { now: '2026-11-27T11:15' });
    expect(part3).toMatchObject({
      title: 'Retail: (Part 3) Revise the algorithms',
      part: 3,
      previousPartId: 2,
      plannedMinutes: 60,
    });
    expect(part3.description).toBe('Previous part: task 2 "Retail: (Part 2) Revise the algorithms"');
  });

  it('a running timer is stopped first, so no tracked time is lost; inside a compound task no link is added', async () => {
    await sb.ok(['general', 'Retail: New pricing']);
    await sb.ok(['add', 'Revise the algorithms', '--parent', '1', '--plan', '1h', '--description', 'steps']);
    await sb.ok(['start', '2'], { now: '2026-11-27T09:00' });
    const part2 = await sb.json(['continue', '2'], { now: '2026-11-27T09:30' });
    expect(part2).toMatchObject({
      parentId: 1,
      description: 'steps',
      title: 'Retail: (Part 2) Revise the algorithms',
    });
    expect(sb.sql('SELECT count(*) AS n FROM time_entries WHERE end_at IS NULL')).toEqual([{ n: 0 }]);
    expect((await sb.json(['show', '2'])).spentMinutes).toBe(30);
  });

  it('the threshold is company policy', async () => {
    await sb.ok([
      'policy',
      'set',
      'continuationThresholdMinutes',
      '15',
      '--reason',
      'calls take longer here',
    ]);
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '10m']);
    await trackSeconds('1', 10 * 60);
    await sb.ok(['continue', '1'], { now: '2026-11-27T09:20' });
    expect(sb.sql('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 1 }]);
  });
});
