import { describe, expect, it } from 'vitest';
import { REPORT_VERSION, type PeriodReport } from '../../src/core/report-types.js';
import { renderPeriodReport } from '../../src/format/report-team.js';

const report = (byProject: PeriodReport['byProject']): PeriodReport => ({
  schema: 'regula.period-report',
  version: REPORT_VERSION,
  users: ['anna'],
  from: '2026-11-23',
  to: '2026-11-27',
  generatedAt: '2026-11-27T18:00:00.000Z',
  excludedTags: [],
  days: [
    { day: '2026-11-23', plannedMinutes: 480, trackedMinutes: 450 },
    { day: '2026-11-24', plannedMinutes: 0, trackedMinutes: 0 },
  ],
  byProject,
  byTag: [{ tag: null, minutes: 450 }],
  byCrm: [],
  totals: { plannedMinutes: 480, trackedMinutes: 450, ratio: 0.94 },
});

describe('the period report as a terminal table', () => {
  it('lists the days with time, then the totals by project and tag', () => {
    const text = renderPeriodReport(
      report([
        { project: 'Sales', minutes: 390 },
        { project: 'Бухгалтерия', minutes: 60 },
      ]),
      'table',
    );
    expect(text).toBe(
      [
        'Report of anna for 2026-11-23 .. 2026-11-27',
        'Totals: planned 8h, tracked 7h30m, ratio 0.94',
        '',
        '  2026-11-23  planned      8h  tracked   7h30m',
        '',
        'By project:',
        '     6h30m  Sales',
        '        1h  Бухгалтерия',
        '',
        'By tag:',
        '     7h30m  (no tag)',
      ].join('\n'),
    );
  });

  it('shows control characters in a project name as escapes, not as terminal commands', () => {
    const text = renderPeriodReport(report([{ project: 'Evil\u001b[2J', minutes: 30 }]), 'table');
    expect(text).toContain('       30m  Evil\\u001b[2J');
  });
});
