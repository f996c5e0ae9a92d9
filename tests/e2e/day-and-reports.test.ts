import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { execa } from 'execa';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayReportSchema, periodReportSchema, teamReportSchema } from '../../src/schemas/report.js';
import { Sandbox } from './helpers.js';

/**
 * A full working day of two employees and their manager, scripted with REGULA_NOW steps: plan,
 * start/switch/pause, a manual entry, a Part 2, a transfer of progress, results, recording - then every
 * report in every format, the amended-report flow and the merge of two exported reports.
 */
const sb = new Sandbox({ inProcess: true });
const at = (time: string) => ({ now: `2026-11-27T${time}` });
const as = (user: string, time: string) => ({ user, now: `2026-11-27T${time}` });

beforeAll(async () => {
  sb.user = 'boss';
  await sb.ok(['user', 'add', 'anna', '--manager', 'boss'], at('08:30'));
  await sb.ok(['user', 'add', 'ben', '--manager', 'boss'], at('08:31'));
  await sb.ok(
    ['add', 'Sales: Call Ivan', '--plan', '15m', '--deadline', 'today', '--description', 'Agree the meeting'],
    as('anna', '08:40'),
  );
  await sb.ok(
    [
      'add',
      'Sales: Prepare offer',
      '--plan',
      '1h30m',
      '--deadline',
      'today',
      '--accept',
      '--director',
      'boss',
      '--description',
      'Template',
    ],
    as('anna', '08:41'),
  );
  await sb.ok(
    [
      'add',
      'Retail: Revise algorithms',
      '--plan',
      '2h',
      '--deadline',
      'today',
      '--description',
      '1. Collect 2. Revise',
    ],
    as('anna', '08:42'),
  );
  await sb.ok(['add', 'Ops: Fix printer', '--plan', '20m'], as('anna', '08:43'));
  await sb.ok(
    ['add', 'Support: Answer tickets', '--plan', '4h', '--deadline', 'today', '--description', 'Queue A'],
    as('ben', '08:50'),
  );
  await sb.ok(['day', 'start'], as('anna', '09:00'));
}, 60_000);
afterAll(() => sb.remove());

describe('a day by the regulations, two employees and a manager', () => {
  it('R34: the plan shows planned time against the working day', async () => {
    const plan = await sb.json(['plan'], as('anna', '09:00'));
    expect(plan.items.map((i: any) => [i.id, i.source, i.plannedMinutes])).toEqual([
      [1, 'deadline', 15],
      [2, 'deadline', 90],
      [3, 'deadline', 120],
    ]);
    expect(plan).toMatchObject({
      plannedMinutes: 225,
      workdayMinutes: 480,
      overMinutes: 0,
      spareMinutes: 255,
    });
    const md = (await sb.run(['plan', '--format', 'md'], as('anna', '09:00'))).stdout;
    expect(md).toContain('**Total:** planned 3h45m of the 8h working day - spare 4h15m');
    const csv = parseCsv(String((await sb.run(['plan', '--format', 'csv'], as('anna', '09:00'))).stdout), {
      columns: true,
    });
    expect(csv.map((r: any) => [r.task_id, r.planned_minutes])).toEqual([
      ['1', '15'],
      ['2', '90'],
      ['3', '120'],
    ]);
  });

  it('R4, R34: the manager reviews the plans of the team in the morning; nobody else sees them', async () => {
    const team = await sb.json(['plan', '--team'], at('09:00'));
    expect(team).toMatchObject({
      schema: 'regula.team-plan',
      version: 1,
      manager: 'boss',
      day: '2026-11-27',
    });
    expect(team.plans.map((p: any) => [p.user, p.plannedMinutes, p.items.map((i: any) => i.id)])).toEqual([
      ['anna', 225, [1, 2, 3]],
      ['ben', 240, [5]],
    ]);
    const md = String((await sb.run(['plan', '--team', '--format', 'md'], at('09:00'))).stdout);
    expect(md).toMatch(
      /^# Plans of boss's team for 2026-11-27\n\n## anna\n[\s\S]*\*\*Total:\*\* planned 3h45m[\s\S]*## ben\n[\s\S]*\*\*Total:\*\* planned 4h of the 8h working day/,
    );
    const csv = parseCsv(String((await sb.run(['plan', '--team', '--format', 'csv'], at('09:00'))).stdout), {
      columns: true,
    });
    expect(csv.map((r: any) => [r.user, r.task_id])).toEqual([
      ['anna', '1'],
      ['anna', '2'],
      ['anna', '3'],
      ['ben', '5'],
    ]);
    expect((await sb.json(['plan', '--user', 'ben'], at('09:00'))).items.map((i: any) => i.id)).toEqual([5]);
    const peeking = await sb.run(['plan', '--user', 'anna'], as('ben', '09:00'));
    expect(peeking.exitCode).toBe(3);
    expect(peeking.stderr).toBe(
      'task: R4: anna does not report to you; a manager sees the plans, reports and time of their own people only',
    );
  });

  it('the day runs: switching timers, progress transfer, manual entry, Part 2, results', async () => {
    await sb.ok(['start', '1'], as('anna', '09:00'));
    await sb.ok(['start', '2'], as('anna', '09:05'));
    await sb.ok(['submit', '2', '--progress', 'Draft ready, need your reaction'], as('anna', '10:00'));
    await sb.ok(['start', '3'], as('anna', '10:00'));
    await sb.ok(['pause'], as('anna', '12:00'));
    const unplanned = await sb.ok(
      ['time', 'add', '4', '20m', '--at', '12:05', '--comment', 'fixed the printer jam'],
      as('anna', '12:30'),
    );
    expect(unplanned.stdout).toContain('Added entry');
    await sb.ok(['start', '3'], as('anna', '13:00'));
    const part2 = await sb.json(['continue', '3'], as('anna', '14:00'));
    expect(part2).toMatchObject({ id: 6, title: 'Retail: (Part 2) Revise algorithms' });
    const moved = await sb.json(['continue', '1'], as('anna', '14:00'));
    expect(moved).toMatchObject({ id: 1, deadline: '2026-11-30T23:59:59.999Z' });
    await sb.ok(
      ['return', '2', '--deadline', 'today', '--comment', 'Good, add a discount'],
      as('boss', '14:30'),
    );
    await sb.ok(['reply', '2', 'OK, adding it'], as('anna', '14:35'));
    await sb.ok(['start', '2'], as('anna', '14:35'));
    await sb.ok(
      ['done', '2', '--result', 'Offer sent: docs/offer.pdf', '--proposal', 'Keep the offer template'],
      as('anna', '15:30'),
    );
    await sb.ok(['accept', '2', '--mark', 'positive'], as('boss', '15:40'));
    await sb.ok(['day', 'end'], as('anna', '17:00'));

    await sb.ok(['start', '5'], as('ben', '09:00'));
    await sb.ok(['done', '5', '--result', '20 tickets answered'], as('ben', '13:00'));
    await sb.ok(['report', 'record'], as('ben', '17:00'));
  });

  it('R35: the personal report: planned vs tracked, results, unplanned work, where unfinished work went, flagged entries', async () => {
    const report = await sb.json(['report'], as('anna', '17:01'));
    expect(() => dayReportSchema.parse(report)).not.toThrow();
    const line = (id: number) => report.tasks.find((t: any) => t.id === id);
    // Its deadline moved to Monday during the day: it stays in today's plan, and the report says where it went.
    expect(line(1)).toMatchObject({
      plan: 'added',
      trackedMinutes: 5,
      carriedOver: { kind: 'deadline_moved', deadline: '2026-11-30T23:59:59.999Z' },
    });
    expect(line(2)).toMatchObject({
      status: 'completed',
      trackedMinutes: 110,
      result: { result: 'Offer sent: docs/offer.pdf', proposal: 'Keep the offer template' },
    });
    expect(line(3)).toMatchObject({
      status: 'completed',
      trackedMinutes: 180,
      result: { result: expect.stringMatching(/^Continued in task 6 \(Part 2\)/) },
    });
    expect(line(4)).toMatchObject({ plan: 'unplanned', trackedMinutes: 20 });
    expect(report.flaggedEntries).toMatchObject([
      { taskId: 4, minutes: 20, source: 'manual', comment: 'fixed the printer jam', retroactive: false },
    ]);
    expect(report.totals).toEqual({
      plannedMinutes: 225,
      plannedLateMinutes: 0,
      trackedMinutes: 315,
      unplannedMinutes: 20,
      workdayMinutes: 480,
      presentMinutes: 480,
      untrackedMinutes: 165,
      ratio: 1.4,
    });
    expect(report.recorded).toBeNull();
  });

  it('R35, R23: a recorded report shows amendments made after it', async () => {
    await sb.ok(['report', 'record'], as('anna', '17:05'));
    const again = await sb.run(['report', 'record'], as('anna', '17:06'));
    expect(again.exitCode).toBe(3);
    expect(again.stderr).toMatch(/R35: the report of 2026-11-27 was recorded at .* and is frozen/);
    const refused = await sb.run(
      ['time', 'add', '3', '10m', '--at', '16:00', '--comment', 'wrap-up'],
      as('anna', '18:30'),
    );
    expect(refused.exitCode).toBe(3);
    // R32: the 10 minutes take the closed task 3 over 1.5x its plan, so they come with the explanation.
    await sb.ok(
      [
        'time',
        'add',
        '3',
        '10m',
        '--at',
        '16:00',
        '--comment',
        'wrap-up',
        '--reason',
        'forgot before recording',
        '--explanation',
        'the wrap-up took longer',
      ],
      as('anna', '18:30'),
    );
    const report = await sb.json(['report'], as('anna', '18:31'));
    expect(report.recorded).toMatchObject({
      amended: true,
      amendments: [{ taskId: 3, comment: 'wrap-up', reason: 'forgot before recording', before: null }],
    });
    expect(report.totals.trackedMinutes).toBe(325);
    const text = (await sb.run(['report', '--format', 'table'], as('anna', '18:31'))).stdout;
    expect(text).toMatch(/AMENDED/);
    expect(text).toContain('Amendments after recording (R23):');
  });

  it('R4: the team report for the manager, in every format', async () => {
    await sb.ok(['report', 'approve', 'ben', '--mark', 'positive'], as('boss', '18:00'));
    const notMine = await sb.run(['report', 'approve', 'anna', '--mark', 'positive'], as('ben', '18:00'));
    expect(notMine.exitCode).toBe(3);
    expect(notMine.stderr).toMatch(/R4: anna does not report to you/);

    const team = await sb.json(['report', '--team'], as('boss', '18:45'));
    expect(() => teamReportSchema.parse(team)).not.toThrow();
    const person = (name: string) => team.people.find((p: any) => p.user === name);
    expect(person('anna')).toMatchObject({
      plannedMinutes: 225,
      trackedMinutes: 325,
      days: [{ day: '2026-11-27', report: 'recorded' }],
      closed: [
        { taskId: 2, result: { result: 'Offer sent: docs/offer.pdf', proposal: 'Keep the offer template' } },
        { taskId: 3, result: { result: expect.stringMatching(/Continued in task 6/) } },
      ],
    });
    expect(person('ben')).toMatchObject({
      plannedMinutes: 240,
      trackedMinutes: 240,
      days: [{ report: 'approved', mark: 'positive' }],
      closed: [{ taskId: 5 }],
    });
    // R22, R23: anna's manual 20m entry and her retroactive 10m one; ben tracked everything with the timer.
    expect([person('anna').byHand, person('ben').byHand]).toEqual([
      { entries: 2, minutes: 30 },
      { entries: 0, minutes: 0 },
    ]);
    // R35: present minus tracked - anna's 8h day less 5h25m; ben's day was never ended, so it runs to now (18:45).
    expect([person('anna').untrackedMinutes, person('ben').untrackedMinutes]).toEqual([155, 345]);
    expect(team.totals).toEqual({ plannedMinutes: 465, trackedMinutes: 565, ratio: 1.22 });

    const csvText = String(
      (await sb.run(['report', '--team', '--format', 'csv'], as('boss', '18:45'))).stdout,
    );
    const rows = parseCsv(csvText, { columns: true }) as Record<string, string>[];
    // One row per person and day (row "day"), then the tasks, what needs the manager and the planner's points.
    const DAY_COLUMNS = [
      'from',
      'to',
      'user',
      'day',
      'planned_minutes',
      'tracked_minutes',
      'report',
      'mark',
      'planned_late_minutes',
      'untracked_minutes',
    ];
    const dayRows = rows
      .filter((r) => r.row === 'day')
      .map((r) => Object.fromEntries(DAY_COLUMNS.map((c) => [c, r[c]])));
    expect(rows.filter((r) => r.row === 'task').map((r) => [r.user, r.task_id])).toEqual([
      ['anna', '2'],
      ['anna', '3'],
      ['anna', '1'],
      ['anna', '4'],
      ['ben', '5'],
    ]);
    expect(dayRows).toEqual([
      {
        from: '2026-11-27',
        to: '2026-11-27',
        user: 'anna',
        day: '2026-11-27',
        planned_minutes: '225',
        tracked_minutes: '325',
        report: 'recorded',
        mark: '',
        planned_late_minutes: '0',
        untracked_minutes: '155',
      },
      {
        from: '2026-11-27',
        to: '2026-11-27',
        user: 'ben',
        day: '2026-11-27',
        planned_minutes: '240',
        tracked_minutes: '240',
        report: 'approved',
        mark: 'positive',
        planned_late_minutes: '0',
        untracked_minutes: '345',
      },
    ]);

    const html = String((await sb.run(['report', '--team', '--format', 'html'], as('boss', '18:45'))).stdout);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain('<title>planned 225 min</title>');
    expect(html).toContain('<title>tracked 325 min</title>');
    expect(html).toContain('Offer sent: docs/offer.pdf');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);

    const md = String((await sb.run(['report', '--team', '--format', 'md'], as('boss', '18:45'))).stdout);
    expect(md).toContain(
      '| anna | 3h45m | 5h25m | 2h35m | 1.44 | 2 (30m) | 2 | 0 | 0 | 0 approved, 1 recorded, 0 missing |',
    );
    expect(md).toContain(
      '| ben | 4h | 4h | 5h45m | 1.00 | - | 1 | 0 | 0 | 1 approved, 0 recorded, 0 missing |',
    );
  });

  it('periods: a week with totals per day and per project, and billable exclusion (R9)', async () => {
    await sb.ok(['edit', '4', '--tag', 'NO'], as('anna', '19:00'));
    const week = await sb.json(['report', '--week'], as('anna', '19:00'));
    expect(() => periodReportSchema.parse(week)).not.toThrow();
    expect(week).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });
    expect(week.days.find((d: any) => d.day === '2026-11-27')).toEqual({
      day: '2026-11-27',
      plannedMinutes: 225,
      trackedMinutes: 325,
    });
    expect(week.byProject).toEqual([
      { project: 'Retail', minutes: 190 },
      { project: 'Sales', minutes: 115 },
      { project: 'Ops', minutes: 20 },
    ]);
    const billable = await sb.json(['report', '--week', '--billable'], as('anna', '19:00'));
    expect(billable.totals.trackedMinutes).toBe(305);
    expect(billable.byProject.map((p: any) => p.project)).not.toContain('Ops');
  });

  it('merge: day reports exported from separate databases become one team report', async () => {
    const annaFile = join(sb.dir, 'anna.json');
    const benFile = join(sb.dir, 'ben.json');
    writeFileSync(
      annaFile,
      String((await sb.run(['report', '--format', 'json'], as('anna', '19:00'))).stdout),
    );
    writeFileSync(benFile, String((await sb.run(['report', '--format', 'json'], as('ben', '19:00'))).stdout));
    const merged = await sb.json(['report', 'merge', annaFile, benFile], as('boss', '19:05'));
    expect(() => teamReportSchema.parse(merged)).not.toThrow();
    expect(
      merged.people.map((p: any) => [p.user, p.plannedMinutes, p.trackedMinutes, p.days[0].report]),
    ).toEqual([
      ['anna', 225, 325, 'recorded'],
      ['ben', 240, 240, 'approved'],
    ]);
    expect(merged.people.map((p: any) => p.untrackedMinutes)).toEqual([155, 360]); // each person's own day report, ben's day still open at 19:00
    const html = String(
      (await sb.run(['report', 'merge', annaFile, benFile, '--format', 'html'], as('boss', '19:05'))).stdout,
    );
    expect(html).toContain('<svg');
    writeFileSync(
      join(sb.dir, 'bad.json'),
      JSON.stringify({ schema: 'regula.day-report', version: 1, user: 'x' }),
    );
    const bad = await sb.run(['report', 'merge', join(sb.dir, 'bad.json')], as('boss', '19:05'));
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json: not a regula day or team report: day: /);
  });

  it('the calendar export is valid iCalendar with stable UIDs', async () => {
    const first = String((await sb.run(['export', '--format', 'ics'], as('anna', '19:10'))).stdout);
    const second = String((await sb.run(['export', '--format', 'ics'], as('anna', '19:20'))).stdout);
    const uids = (ics: string) => [...ics.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]);
    expect(uids(first)).toEqual(uids(second));
    expect(first.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(first));
    const todos = calendar
      .getAllSubcomponents('vtodo')
      .map((c) => [c.getFirstPropertyValue('summary'), String(c.getFirstPropertyValue('due'))]);
    expect(todos).toContainEqual(['Retail: (Part 2) Revise algorithms', '2026-11-30']);
    expect(todos).toContainEqual(['Sales: Call Ivan', '2026-11-30']);
    const events = calendar
      .getAllSubcomponents('vevent')
      .map((c) => [c.getFirstPropertyValue('summary'), String(c.getFirstPropertyValue('dtstart'))]);
    expect(events).toEqual([
      ['Sales: Prepare offer', '2026-11-27T09:00:00Z'],
      ['Retail: Revise algorithms', '2026-11-27T10:30:00Z'],
      ['Sales: Call Ivan', '2026-11-27T12:30:00Z'],
      ['Sales: Call Ivan', '2026-11-30T09:00:00Z'],
    ]);
  });

  it('status warns about a day never ended or never reported', async () => {
    await sb.ok(['day', 'start'], as('ben', '09:00'));
    const next = await sb.run(['status'], { user: 'ben', now: '2026-11-30T09:00' });
    expect(next.stderr).toContain(
      'warning: your working day 2026-11-27 was never ended; end it at the time you left: task day end --at "2026-11-27 18:00"',
    );
    const annaNext = await sb.run(['status'], { user: 'anna', now: '2026-11-30T09:00' });
    expect(annaNext.stderr).toBe('');
  });

  it('examples/end-of-day.sh writes the team report as HTML and Markdown', async () => {
    const script = fileURLToPath(new URL('../../examples/end-of-day.sh', import.meta.url));
    const out = join(sb.dir, 'reports');
    const result = await execa(script, [out], {
      env: sb.env({ user: 'boss', now: '2026-11-27T18:30' }),
      reject: false,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(existsSync(join(out, 'team-2026-11-27.html'))).toBe(true);
    expect(readFileSync(join(out, 'team-2026-11-27.html'), 'utf8')).toContain('<svg');
    expect(readFileSync(join(out, 'team-2026-11-27.md'), 'utf8')).toContain(
      '# Team report 2026-11-27 for boss',
    );
  });
});

describe('R4: --everyone is an admin view', () => {
  it('an admin totals everyone; anyone else is refused', async () => {
    const box = new Sandbox({ inProcess: true });
    try {
      await box.ok(['user', 'list']);
      await box.ok(['user', 'add', 'ben', '--manager', 'alice']);
      await box.ok(['add', 'Ops: A', '--plan', '1h']);
      await box.ok(['add', 'Ops: B', '--plan', '1h'], { user: 'ben' });
      await box.ok(['time', 'add', '1', '30m', '--at', '08:00', '--comment', 'a']);
      await box.ok(['time', 'add', '2', '45m', '--at', '08:00', '--comment', 'b'], { user: 'ben' });
      const all = await box.json(['report', '--everyone', '--from', 'today']);
      expect(all).toMatchObject({ users: ['alice', 'ben'], totals: { trackedMinutes: 75 } });
      const refused = await box.run(['report', '--everyone', '--from', 'today'], { user: 'ben' });
      expect(refused.exitCode).toBe(3);
      expect(refused.stderr).toMatch(/^task: R4: only an admin sees everyone's time/);
    } finally {
      box.remove();
    }
  });
});

describe('R20: the plan is fixed before work begins', () => {
  it('tasks that come into the plan after work began are marked in the plan and the report; what was there before is not', async () => {
    const box = new Sandbox({ inProcess: true });
    const when = (time: string) => ({ now: `2026-11-27T${time}` });
    try {
      await box.ok(['add', 'Ops: Backlog item', '--plan', '30m'], { now: '2026-11-26T10:00' }); // 1, no deadline
      await box.ok(['add', 'Ops: Due next week', '--plan', '45m', '--deadline', '2026-12-02'], {
        now: '2026-11-26T10:00',
      }); // 2
      await box.ok(['add', 'Ops: Morning task', '--plan', '1h', '--deadline', 'today'], when('08:45')); // 3
      await box.ok(['add', 'Ops: Moved away later', '--plan', '20m', '--deadline', 'today'], when('08:46')); // 4
      await box.ok(['plan', 'add', '1'], when('08:50'));
      // Before work begins nothing is late.
      expect((await box.json(['plan', '--format', 'json'], when('08:55'))).plannedLateMinutes).toBe(0);
      await box.ok(['start', '3'], when('09:00'));
      await box.ok(['add', 'Ops: Urgent call', '--plan', '15m', '--deadline', 'today'], when('11:00')); // 5: created due today
      await box.ok(['edit', '2', '--deadline', 'today'], when('12:00')); // deadline moved into the day
      await box.ok(['add', 'Ops: Side job', '--plan', '10m'], when('12:30')); // 6
      await box.ok(['plan', 'add', '6'], when('13:00'));
      await box.ok(['edit', '4', '--deadline', 'tomorrow'], when('16:00')); // stays in today's plan, was there at 08:46

      const plan = await box.json(['plan', '--format', 'json'], when('17:00'));
      const late = Object.fromEntries(plan.items.map((i: any) => [i.id, i.addedLate]));
      expect(late).toEqual({
        1: null,
        2: '2026-11-27T12:00:00.000Z',
        3: null,
        4: null,
        5: '2026-11-27T11:00:00.000Z',
        6: '2026-11-27T13:00:00.000Z',
      });
      expect(plan).toMatchObject({
        workBeganAt: '2026-11-27T09:00:00.000Z',
        plannedMinutes: 30 + 45 + 60 + 20 + 15 + 10,
        plannedLateMinutes: 45 + 15 + 10,
      });

      const report = dayReportSchema.parse(await box.json(['report', '--format', 'json'], when('17:00')));
      expect(Object.fromEntries(report.tasks.map((t) => [t.id, t.addedLate]))).toEqual(late);
      expect(report.totals.plannedLateMinutes).toBe(70);
      const md = (await box.run(['report', '--format', 'md'], when('17:00'))).stdout;
      expect(md).toContain('planned 3h (1h10m of it added after work began)');
      expect(md).toContain('| 5 | Ops: Urgent call | planned late 11:00 |');
      const planMd = (await box.run(['plan', '--format', 'md'], when('17:00'))).stdout;
      expect(planMd).toContain('| 5 | Ops: Urgent call | 15m | added 11:00, after work began; R7:');
      expect(planMd).toContain('| 6 | Ops: Side job | 10m | added 13:00, after work began; R7:');
      expect(planMd).toContain('| 4 | Ops: Moved away later | 20m | added; R7:');
      const today = (await box.run(['today'], when('17:00'))).stdout;
      expect(today).toContain('     5    15m     0m  added 11:00 Ops: Urgent call');
      expect(today).toContain('▶    3     1h     8h  Ops: Morning task'); // planned before work began: no mark

      // The manager's end-of-day team report carries it per person; over a period it is the sum of the days' own figures.
      const team = teamReportSchema.parse(
        await box.json(['report', '--team', '--user', 'alice', '--format', 'json'], when('17:00')),
      );
      expect(team.people[0]).toMatchObject({
        user: 'alice',
        plannedLateMinutes: 70,
        days: [expect.objectContaining({ day: '2026-11-27', plannedLateMinutes: 70 })],
      });
      expect(
        (await box.run(['report', '--team', '--user', 'alice', '--format', 'md'], when('17:00'))).stdout,
      ).toContain('| alice | 3h (1h10m late) |');
      const week = teamReportSchema.parse(
        await box.json(['report', '--team', '--user', 'alice', '--week', '--format', 'json'], when('17:00')),
      );
      expect(week.people[0]!.plannedLateMinutes).toBe(70);
      expect(week.people[0]!.days.find((day) => day.day === '2026-11-27')?.plannedLateMinutes).toBe(70);

      // A day with no work yet (tomorrow) marks nothing.
      expect(
        (await box.json(['plan', 'tomorrow', '--format', 'json'], when('17:00'))).plannedLateMinutes,
      ).toBe(0);
    } finally {
      box.remove();
    }
  });
});

describe('R4: status --team, what the team is working on now', () => {
  it("shows each person who reports to the manager: the running task, today's time, the working day; only their own people", async () => {
    const box = new Sandbox({ inProcess: true });
    try {
      await box.ok(['user', 'list'], { user: 'boss' }); // the first user: boss
      await box.ok(['user', 'add', 'anna', '--manager', 'boss'], { user: 'boss' });
      await box.ok(['user', 'add', 'ben', '--manager', 'boss'], { user: 'boss' });
      await box.ok(['user', 'add', 'dora', '--role', 'manager'], { user: 'boss' });
      await box.ok(['add', 'Ops: Backup', '--plan', '1h'], { user: 'anna' });
      await box.ok(['add', 'Ops: Printer', '--plan', '1h'], { user: 'ben' });
      await box.ok(['start', '1'], { user: 'anna', now: '2026-11-27T09:00' });
      await box.ok(['start', '2'], { user: 'ben', now: '2026-11-27T09:30' });
      await box.ok(['day', 'pause'], { user: 'ben', now: '2026-11-27T10:00' });

      const team = await box.json(['status', '--team'], { user: 'boss', now: '2026-11-27T10:20' });
      expect(team).toEqual({
        team: [
          {
            user: 'anna',
            running: {
              taskId: 1,
              title: 'Ops: Backup',
              startedAt: '2026-11-27T09:00:00.000Z',
              elapsedMinutes: 80,
            },
            todayMinutes: 80,
            day: 'working',
            idleSince: null,
          },
          { user: 'ben', running: null, todayMinutes: 30, day: 'on_break', idleSince: null },
        ],
      });
      const text = (
        await box.ok(['status', '--team'], { user: 'boss', now: '2026-11-27T10:20' })
      ).stdout.split('\n');
      expect(text).toEqual([
        'anna  today 1h20m     working          ▶ 1 Ops: Backup (since 09:00, 1h20m)',
        'ben   today 30m       on a break       no timer running',
      ]);
      expect(
        (
          await box.json(['status', '--team', '--user', 'ben'], { user: 'boss', now: '2026-11-27T10:20' })
        ).team.map((m: any) => m.user),
      ).toEqual(['ben']);
      expect((await box.ok(['status'], { user: 'ben', now: '2026-11-27T10:20' })).stdout).toBe(
        'On a break since 10:00 (back with: task day resume). Today: 30m tracked.',
      );
      expect((await box.ok(['today'], { user: 'ben', now: '2026-11-27T10:20' })).stdout.split('\n')[0]).toBe(
        'On a break since 10:00 (back with: task day resume)',
      );
      // Back from the break without a timer: the untracked time counts from the break's end.
      await box.ok(['day', 'resume'], { user: 'ben', now: '2026-11-27T10:30' });
      expect((await box.ok(['status'], { user: 'ben', now: '2026-11-27T10:50' })).stdout).toBe(
        'No timer is running since 10:30 - 20m not tracked (task resume, or task start ID). Today: 30m tracked.',
      );
      expect(
        (await box.ok(['status', '--team'], { user: 'boss', now: '2026-11-27T10:50' })).stdout.split('\n')[1],
      ).toBe('ben   today 30m       working          no timer since 10:30 (20m)');
      expect((await box.ok(['today'], { user: 'ben', now: '2026-11-27T10:50' })).stdout.split('\n')[0]).toBe(
        'No timer since 10:30 - 20m not tracked',
      );

      const notHers = await box.run(['status', '--team', '--user', 'anna'], { user: 'dora' });
      expect(notHers.exitCode).toBe(3);
      expect(notHers.stderr).toMatch(/^task: R4: anna does not report to you/);
      const nobody = await box.run(['status', '--team'], { user: 'dora' });
      expect(nobody.exitCode).toBe(2);
      expect(nobody.stderr).toMatch(/^task: nobody reports to dora/);
    } finally {
      box.remove();
    }
  });
});
