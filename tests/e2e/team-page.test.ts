import { parse as parseCsv } from 'csv-parse/sync';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamReportSchema } from '../../src/schemas/report.js';
import { CHROMIUM, checkPageInChromium, hasChromium } from './chromium.js';
import { Sandbox } from './helpers.js';

if (!hasChromium)
  console.warn(`SKIPPED: the team page's Chromium check needs ${CHROMIUM} (.ci/run installs it)`);

/**
 * Issue 20, "the team report is the manager's page": three days of a week for anna (assigned and own
 * work, a late addition, a moved deadline, work awaiting control, a remark), ben (assigned work done and
 * not yet rated) and cara (nothing at all) - then the manager's report in every format, a period, a merge
 * of day-report files and the html page in headless Chromium.
 */
const sb = new Sandbox();
sb.user = 'boss';
const on = (day: string, time: string, user?: string) => ({
  now: `2026-11-${day}T${time}`,
  ...(user ? { user } : {}),
});
const EVENING = on('25', '18:00');

beforeAll(async () => {
  for (const name of ['anna', 'ben', 'cara'])
    await sb.ok(['user', 'add', name, '--manager', 'boss'], on('23', '08:00'));
  // Monday: anna's assigned offer goes to the manager's control; her own wiki task has no deadline.
  await sb.ok(['day', 'start'], on('23', '09:00', 'anna'));
  await sb.ok(
    [
      'add',
      'Sales: Draft the offer',
      '--plan',
      '2h',
      '--deadline',
      'today',
      '--accept',
      '--director',
      'boss',
      '--description',
      'For Ivan',
    ],
    on('23', '09:01', 'anna'),
  );
  await sb.ok(
    ['add', 'Ops: Tidy the wiki', '--plan', '30m', '--description', 'Old pages'],
    on('23', '09:02', 'anna'),
  );
  await sb.ok(['start', '1'], on('23', '09:05', 'anna'));
  await sb.ok(['done', '1', '--result', 'Offer sent: docs/offer.pdf'], on('23', '11:00', 'anna'));
  await sb.ok(['day', 'end'], on('23', '17:00', 'anna'));
  await sb.ok(['report', 'record', '2026-11-23'], on('23', '17:01', 'anna'));
  await sb.ok(['comment', '1', 'Add the delivery terms'], on('24', '10:00'));
  // Wednesday: a call whose deadline moves, a task added after work began.
  await sb.ok(['day', 'start'], on('25', '09:00', 'anna'));
  await sb.ok(
    ['add', 'Sales: Call Ivan', '--plan', '15m', '--deadline', 'today', '--description', 'About the offer'],
    on('25', '09:00', 'anna'),
  );
  await sb.ok(['start', '3'], on('25', '09:10', 'anna'));
  await sb.ok(['edit', '3', '--deadline', 'tomorrow'], on('25', '09:15', 'anna'));
  await sb.ok(
    ['add', 'Sales: Answer Petr', '--plan', '30m', '--deadline', 'today', '--description', 'Prices'],
    on('25', '10:00', 'anna'),
  );
  await sb.ok(['start', '4'], on('25', '10:00', 'anna'));
  await sb.ok(['pause'], on('25', '10:30', 'anna'));
  // ben's assigned tickets are done; the manager has not rated them.
  await sb.ok(
    [
      'add',
      'Support: Answer tickets',
      '--plan',
      '1h',
      '--deadline',
      '2026-11-25',
      '--responsible',
      'ben',
      '--description',
      'Queue A',
    ],
    on('24', '17:00'),
  );
  await sb.ok(['start', '5'], on('25', '09:00', 'ben'));
  await sb.ok(['done', '5', '--result', '20 tickets answered'], on('25', '10:00', 'ben'));
}, 120_000);
afterAll(() => sb.remove());

type Person = { user: string; [key: string]: any };

describe("the team report is the manager's page", () => {
  it('per person: the tasks worked, where the work went, what needs the manager and what a planner needs (json)', async () => {
    const team = await sb.json(['report', '--team', '--week'], EVENING);
    expect(() => teamReportSchema.parse(team)).not.toThrow();
    const person = (name: string): Person => team.people.find((p: Person) => p.user === name);
    const anna = person('anna');
    expect(anna.tasks.map((t: any) => [t.taskId, t.status, t.assigned, t.planned])).toEqual([
      [1, 'awaiting_control', true, true],
      [4, 'pending', false, true],
      [3, 'pending', false, true],
    ]);
    expect(anna.tasks.find((t: any) => t.taskId === 1)).toMatchObject({
      plannedMinutes: 120,
      trackedMinutes: 115,
      result: { result: 'Offer sent: docs/offer.pdf' },
    });
    expect(anna.tasks.find((t: any) => t.taskId === 4).addedLate).toBe('2026-11-25T10:00:00.000Z');
    expect(anna.tasks.find((t: any) => t.taskId === 3).carriedOver).toEqual({
      kind: 'deadline_moved',
      deadline: expect.any(String),
    });
    expect(anna).toMatchObject({
      assignedMinutes: 115,
      ownMinutes: 80,
      awaitingControl: [{ taskId: 1, kind: 'completion' }],
      unansweredRemarks: [{ taskId: 1, body: 'Add the delivery terms' }],
      unscheduled: [{ taskId: 2, title: 'Ops: Tidy the wiki' }],
      deadlineMoves: [{ taskId: 3, moves: 1 }],
    });
    expect(anna.days.map((d: any) => [d.day, d.report])).toEqual([
      ['2026-11-23', 'recorded'],
      ['2026-11-24', 'missing'],
      ['2026-11-25', 'missing'],
      ['2026-11-26', 'not_due'], // the moved call is planned there
    ]);
    expect(person('ben')).toMatchObject({
      awaitingRating: [{ taskId: 5 }],
      tasks: [{ taskId: 5, assigned: true, status: 'completed' }],
    });
    expect(person('cara')).toMatchObject({ tasks: [], trackedMinutes: 0 });
    expect(person('cara').days.map((d: any) => d.report)).toEqual(['missing', 'missing', 'missing']);
  });

  it('says it in every format: needs you, no activity, the tasks, the days of the period', async () => {
    const text = String((await sb.ok(['report', '--team', '--week', '--format', 'table'], EVENING)).stdout);
    expect(text).toContain('Needs you:');
    expect(text).toMatch(/anna: awaits your control \(R27\) - 1 Sales: Draft the offer/);
    expect(text).toMatch(/ben: waits for your rating \(R29\) - 5 Support: Answer tickets/);
    expect(text).toMatch(/cara: no activity/);
    expect(text).toMatch(/anna: day report not recorded \(R35\): 2 days - 2026-11-24, 2026-11-25/);
    expect(text).toMatch(/unscheduled: no deadline, in no plan \(R34\): 2 Ops: Tidy the wiki/);
    expect(text).toMatch(/deadline moved 1 time \(R36\): 3 Sales: Call Ivan/);
    expect(text).toMatch(/planned late 10:00 +pending/);
    expect(text).toContain('  2026-11-24       0m       0m       0m          -  missing');
    expect(text).toContain('  2026-11-26      15m       0m       0m          -  not due');
    expect(text).toMatch(/\n {2}2026-11-25 +\S+ +30m +1h20m /);

    const md = String((await sb.ok(['report', '--team', '--week', '--format', 'md'], EVENING)).stdout);
    expect(md).toContain('## Needs you');
    expect(md).toContain(
      '| 1 | Sales: Draft the offer | planned | awaiting control | 2h | 1h55m | assigned | awaiting control: Offer sent: docs/offer.pdf |',
    );
    expect(md).toContain('| 2026-11-24 | 0m | 0m | 0m | - | missing |');
    expect(md).toMatch(/\| 2026-11-25 \| \S+ \| 30m \| 1h20m \|/);
    expect(md).toMatch(/\| anna \| \S+ \(30m late\) \|/);
    expect(md).toContain('No activity: nothing planned, tracked or closed.');

    const rows = parseCsv(
      String((await sb.ok(['report', '--team', '--week', '--format', 'csv'], EVENING)).stdout),
      { columns: true },
    ) as Record<string, string>[];
    expect(rows.filter((r) => r.user === 'cara').map((r) => [r.row, r.day, r.report])).toEqual([
      ['day', '2026-11-23', 'missing'],
      ['day', '2026-11-24', 'missing'],
      ['day', '2026-11-25', 'missing'],
      ['needs_you', '', ''],
      ['needs_you', '', ''],
    ]);
    expect(rows.filter((r) => r.user === 'cara' && r.row === 'needs_you').map((r) => r.note)).toEqual([
      'day report not recorded (R35): 3 days: 2026-11-23, 2026-11-24, 2026-11-25',
      'no activity: nothing planned, tracked or closed',
    ]);
    expect(
      rows.find((r) => r.row === 'day' && r.user === 'anna' && r.day === '2026-11-25')?.planned_late_minutes,
    ).toBe('30');
    expect(rows.find((r) => r.row === 'task' && r.task_id === '4')).toMatchObject({
      user: 'anna',
      plan: 'planned late 10:00',
      assigned: 'no',
      tracked_minutes: '30',
    });
    expect(rows.find((r) => r.row === 'planner' && r.task_id === '2')?.note).toMatch(/^unscheduled/);
  });

  it("R20: planned late over a period is the sum of each day's own figure, as the day reports give it", async () => {
    const week = await sb.json(['report', '--team', '--week'], EVENING);
    const anna = week.people.find((p: Person) => p.user === 'anna');
    const ownDays = await Promise.all(
      ['23', '24', '25'].map((day) =>
        sb.json(['report', '--date', `2026-11-${day}`], on('25', '18:00', 'anna')),
      ),
    );
    expect(ownDays.map((r) => r.totals.plannedLateMinutes)).toEqual([0, 0, 30]);
    expect(anna.days.map((d: any) => [d.day, d.plannedLateMinutes])).toEqual([
      ['2026-11-23', 0],
      ['2026-11-24', 0],
      ['2026-11-25', 30],
      ['2026-11-26', 0],
    ]);
    expect(anna.plannedLateMinutes).toBe(30);
    const oneDay = await sb.json(['report', '--team', '--date', '2026-11-25'], EVENING);
    expect(oneDay.people.find((p: Person) => p.user === 'anna').plannedLateMinutes).toBe(30);
    expect(week.people.find((p: Person) => p.user === 'cara').plannedLateMinutes).toBe(0);
    const html = String((await sb.ok(['report', '--team', '--week', '--format', 'html'], EVENING)).stdout);
    expect(html).toContain('<th>Planned late</th>');
    expect(html).toMatch(/<td>2026-11-25<\/td><td class="num">[^<]+<\/td><td class="num flag">30m<\/td>/);
  });

  it('report merge keeps the same content from day-report files', async () => {
    const files = ['anna', 'ben'].map((user) => join(sb.dir, `${user}-25.json`));
    for (const [i, user] of ['anna', 'ben'].entries())
      writeFileSync(
        files[i]!,
        String((await sb.ok(['report', '--format', 'json'], on('25', '18:00', user))).stdout),
      );
    const merged = await sb.json(['report', 'merge', ...files], EVENING);
    const direct = await sb.json(
      ['report', '--team', '--date', '2026-11-25', '--user', 'anna', '--user', 'ben'],
      EVENING,
    );
    const keep = (p: Person) => ({
      user: p.user,
      tasks: p.tasks,
      assignedMinutes: p.assignedMinutes,
      ownMinutes: p.ownMinutes,
      days: p.days,
      unansweredRemarks: p.unansweredRemarks,
    });
    expect(merged.people.map(keep)).toEqual(direct.people.map(keep));
    const md = String((await sb.ok(['report', 'merge', ...files, '--format', 'md'], EVENING)).stdout);
    expect(md).toContain('| 4 | Sales: Answer Petr | planned late 10:00 |');
  });

  it.skipIf(!hasChromium)(
    `the html page is self-contained and renders in headless Chromium: no console error, no page error, no request${hasChromium ? '' : ` - SKIPPED: no Chromium at ${CHROMIUM}`}`,
    async () => {
      const html = String((await sb.ok(['report', '--team', '--week', '--format', 'html'], EVENING)).stdout);
      // No external requests: no script, no stylesheet or image by URL (the SVG namespace is a name, not a request).
      expect(html).not.toMatch(/<script|<link|<img|url\(/i);
      expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
      expect(html).toContain('<svg');
      const page = join(sb.dir, 'team.html');
      writeFileSync(page, html);
      // What the browser itself saw (tests/e2e/chromium-check.test.ts shows each of these checks can fail).
      const seen = await checkPageInChromium(page);
      expect({
        consoleErrors: seen.consoleErrors,
        pageErrors: seen.pageErrors,
        failedRequests: seen.failedRequests,
        requests: seen.requests,
      }).toEqual({
        consoleErrors: [],
        pageErrors: [],
        failedRequests: [],
        requests: [],
      });
      expect(seen.screenshot.subarray(1, 4).toString()).toBe('PNG');
      expect(seen.screenshot.length).toBeGreaterThan(20_000);
      // The screenshot shown in docs/reports.md is this one (REGULA_DOCS_SCREENSHOT=1 refreshes it).
      if (process.env.REGULA_DOCS_SCREENSHOT === '1') {
        const images = fileURLToPath(new URL('../../docs/images/', import.meta.url));
        mkdirSync(images, { recursive: true });
        writeFileSync(join(images, 'team-report.png'), seen.screenshot);
      }
    },
    120_000,
  );
});
