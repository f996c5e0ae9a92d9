import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

/**
 * Issue 20, "wrong numbers in plans and reports": each case is the smallest reproduction of a number a
 * manager was shown wrongly - work finished early, time typed in later, the days of a period team report,
 * untracked time, midnight, time by hand, and the day report's formats.
 */
const boxes: Sandbox[] = [];
function sandbox(): Sandbox {
  const box = new Sandbox({ inProcess: true });
  boxes.push(box);
  return box;
}
afterAll(() => {
  for (const box of boxes) box.remove();
});

const on = (day: string, time: string, user?: string) => ({
  now: `2026-11-${day}T${time}`,
  ...(user ? { user } : {}),
});

describe('work finished early (R34)', () => {
  it("a task closed before its deadline day is not in that day's plan, report or period totals", async () => {
    const box = sandbox();
    await box.ok(
      ['add', 'Sales: Draft the offer', '--plan', '2h', '--deadline', 'tomorrow'],
      on('26', '09:00'),
    );
    await box.ok(['start', '1'], on('26', '09:05'));
    await box.ok(['done', '1', '--result', 'Offer drafted: docs/offer.md'], on('26', '10:00'));

    const plan = await box.json(['plan'], on('27', '09:00'));
    expect(plan.items.map((e: { id: number }) => e.id)).toEqual([]);
    expect(plan.plannedMinutes).toBe(0);
    const report = await box.json(['report'], on('27', '18:00'));
    expect(report.tasks).toEqual([]);
    expect(report.totals).toMatchObject({ plannedMinutes: 0, ratio: null });
    // The period totals read the plans of past days in SQL: the same answer there.
    const week = await box.json(['report', '--week'], on('28', '10:00'));
    expect(week.days.filter((d: { plannedMinutes: number }) => d.plannedMinutes > 0)).toEqual([]);
    // On the day it was done it is still that day's work.
    const doneDay = await box.json(['report', '--date', '2026-11-26'], on('28', '10:00'));
    expect(doneDay.tasks.map((t: { id: number; status: string }) => [t.id, t.status])).toEqual([
      [1, 'completed'],
    ]);
  });
});

describe('R20: when work began', () => {
  it('time typed in later for an earlier hour does not make the plan "added after work began"', async () => {
    const box = sandbox();
    await box.ok(['day', 'start'], on('27', '08:55'));
    await box.ok(['add', 'Sales: Call Ivan', '--plan', '1h', '--deadline', 'today'], on('27', '08:56'));
    await box.ok(['start', '1'], on('27', '09:00'));
    await box.ok(
      ['time', 'add', '1', '20m', '--at', '08:00', '--comment', 'read the brief on the way in'],
      on('27', '11:00'),
    );
    await box.ok(['add', 'Sales: Answer Petr', '--plan', '30m', '--deadline', 'today'], on('27', '11:05'));

    const plan = await box.json(['plan'], on('27', '11:10'));
    expect(plan.workBeganAt).toBe('2026-11-27T09:00:00.000Z');
    expect(plan.items.map((e: { id: number; addedLate: string | null }) => [e.id, e.addedLate])).toEqual([
      [1, null],
      [2, '2026-11-27T11:05:00.000Z'],
    ]);
    const report = await box.json(['report'], on('27', '11:10'));
    expect(report.totals.plannedLateMinutes).toBe(30);
  });
});

describe('R4, R35: the days of a period team report', () => {
  it('every working day up to today counts for every person; a day to come is never missing', async () => {
    const box = sandbox();
    box.user = 'boss';
    await box.ok(['user', 'add', 'anna', '--manager', 'boss'], on('23', '08:00'));
    await box.ok(['user', 'add', 'ben', '--manager', 'boss'], on('23', '08:00'));
    await box.ok(['day', 'start'], on('23', '09:00', 'anna'));
    await box.ok(
      ['add', 'Sales: Prepare the fair', '--plan', '3h', '--deadline', '2026-11-27'],
      on('23', '09:05', 'anna'),
    );
    await box.ok(['day', 'end'], on('23', '17:00', 'anna'));
    await box.ok(['report', 'record', '2026-11-23'], on('23', '17:01', 'anna'));

    const team = await box.json(['report', '--team', '--week'], on('25', '18:00'));
    const days = (user: string) =>
      team.people
        .find((p: { user: string }) => p.user === user)
        .days.map((d: { day: string; report: string }) => [d.day, d.report]);
    expect(days('anna')).toEqual([
      ['2026-11-23', 'recorded'],
      ['2026-11-24', 'missing'],
      ['2026-11-25', 'missing'],
      ['2026-11-27', 'not_due'],
    ]);
    // ben did nothing all week: his passed working days are missing, not left out.
    expect(days('ben')).toEqual([
      ['2026-11-23', 'missing'],
      ['2026-11-24', 'missing'],
      ['2026-11-25', 'missing'],
    ]);
    const table = String(
      (await box.ok(['report', '--team', '--week', '--format', 'table'], on('25', '18:00'))).stdout,
    );
    expect(table).toMatch(/ben.*0 approved, 0 recorded, 3 missing/);
    const csv = parseCsv(
      String((await box.ok(['report', '--team', '--week', '--format', 'csv'], on('25', '18:00'))).stdout),
      { columns: true },
    ) as Record<string, string>[];
    expect(csv.filter((r) => r.user === 'ben' && r.row === 'day').map((r) => [r.day, r.report])).toEqual(
      days('ben'),
    );
  });
});

describe('one definition each', () => {
  it('R35: untracked time is the working day not covered by entries - the same in day end, time gaps and the reports', async () => {
    const box = sandbox();
    await box.ok(['add', 'Ops: Sort the mail', '--plan', '3h', '--deadline', 'today'], on('27', '08:00'));
    await box.ok(['day', 'start'], on('27', '09:00'));
    // Typed in outside the working day: it neither fills the day's gaps nor makes them smaller.
    await box.ok(
      ['time', 'add', '1', '30m', '--at', '07:00', '--comment', 'sorted the mail at home'],
      on('27', '09:00'),
    );
    await box.ok(['start', '1'], on('27', '10:00'));
    const ended = await box.ok(['day', 'end'], on('27', '11:00'));
    expect(ended.stderr).toContain('R35: 1h of the working day is untracked (1 gap)');
    expect((await box.json(['time', 'gaps'], on('27', '11:05'))).totalMinutes).toBe(60);
    expect((await box.json(['report'], on('27', '11:05'))).totals.untrackedMinutes).toBe(60);
  });

  it('midnight splits an entry the same way in time list and the reports', async () => {
    const box = sandbox();
    box.tz = 'Europe/Moscow';
    await box.ok(['add', 'Ops: Night release', '--plan', '2h'], on('26', '20:00'));
    await box.ok(
      [
        'time',
        'add',
        '1',
        '1h',
        '--at',
        '2026-11-26 23:30',
        '--comment',
        'the release',
        '--reason',
        'entered the next morning',
      ],
      on('27', '10:00'),
    );
    for (const [day, minutes] of [
      ['2026-11-26', 30],
      ['2026-11-27', 30],
    ] as const) {
      const listed = await box.json(['time', 'list', '--date', day], on('27', '10:00'));
      expect(listed.map((e: { minutes: number }) => e.minutes)).toEqual([minutes]);
      expect((await box.json(['report', '--date', day], on('27', '10:00'))).totals.trackedMinutes).toBe(
        minutes,
      );
    }
    const text = String((await box.ok(['time', 'list'], on('27', '10:00'))).stdout); // piped: plain lines
    expect(text).toContain('30m of 1h on these days');
    expect(text).toContain('Total: 30m');
  });

  it('R22: time by hand is only the stretch typed in, not the whole timer entry a start --at touched', async () => {
    const box = sandbox();
    box.user = 'boss';
    await box.ok(['user', 'add', 'anna', '--manager', 'boss'], on('27', '08:00'));
    await box.ok(
      ['add', 'Sales: Call Ivan', '--plan', '2h', '--deadline', 'today'],
      on('27', '08:30', 'anna'),
    );
    await box.ok(
      ['add', 'Sales: Prepare the offer', '--plan', '4h', '--deadline', 'today'],
      on('27', '08:31', 'anna'),
    );
    await box.ok(['start', '1'], on('27', '09:00', 'anna'));
    await box.ok(['start', '2', '--at', '10:45', '--comment', 'forgot to switch'], on('27', '12:00', 'anna'));
    await box.ok(['pause'], on('27', '14:00', 'anna'));

    const team = await box.json(['report', '--team'], on('27', '14:00'));
    expect(team.people[0].byHand).toEqual({ entries: 1, minutes: 75 });
    const report = await box.json(['report'], on('27', '14:00', 'anna'));
    expect(
      report.flaggedEntries.map((e: { taskId: number; minutes: number; handMinutes: number }) => [
        e.taskId,
        e.minutes,
        e.handMinutes,
      ]),
    ).toEqual([
      [1, 105, 0],
      [2, 195, 75],
    ]);
  });
});

describe('R29, R20: the day report in every format', () => {
  it('shows the negative ratings its JSON has, and keeps its columns on "planned late" rows', async () => {
    const box = sandbox();
    box.user = 'boss';
    await box.ok(['user', 'add', 'anna', '--manager', 'boss'], on('27', '08:00'));
    await box.ok(
      [
        'add',
        'Legal: Check the contract',
        '--plan',
        '1h',
        '--deadline',
        'today',
        '--accept',
        '--director',
        'boss',
      ],
      on('27', '08:30', 'anna'),
    );
    await box.ok(['start', '1'], on('27', '09:00', 'anna'));
    await box.ok(
      ['add', 'Legal: Call the notary', '--plan', '15m', '--deadline', 'today'],
      on('27', '09:30', 'anna'),
    );
    await box.ok(['done', '1', '--result', 'Contract checked'], on('27', '10:00', 'anna'));
    await box.ok(
      ['accept', '1', '--mark', 'negative', '--comment', 'Clause 3 repeated the old mistake'],
      on('27', '10:30'),
    );

    const json = await box.json(['report'], on('27', '18:00', 'anna'));
    expect(json.negativeRatings.map((r: { body: string }) => r.body)).toEqual([
      expect.stringContaining('Clause 3 repeated the old mistake'),
    ]);
    for (const format of ['table', 'md', 'html'] as const) {
      const out = String((await box.ok(['report', '--format', format], on('27', '18:00', 'anna'))).stdout);
      expect(out, format).toContain('Clause 3 repeated the old mistake');
    }
    const csv = parseCsv(
      String((await box.ok(['report', '--format', 'csv'], on('27', '18:00', 'anna'))).stdout),
      { columns: true },
    ) as Record<string, string>[];
    expect(csv.find((r) => r.task_id === '1')?.negative_rating).toContain(
      'Clause 3 repeated the old mistake',
    );

    const table = String(
      (await box.ok(['report', '--format', 'table'], on('27', '18:00', 'anna'))).stdout,
    ).split('\n');
    const rows = table.filter((line) => /^\s+\d+ {2}/.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('planned late 09:30');
    // The status column starts at the same place on every row.
    const statusAt = rows.map((line) => line.search(/completed|new|in progress/));
    expect(new Set(statusAt).size).toBe(1);
  });
});
