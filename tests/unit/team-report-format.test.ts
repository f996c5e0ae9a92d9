import { describe, expect, it } from 'vitest';
import type { TeamPerson, TeamTaskLine } from '../../src/core/report-types.js';
import { assembleTeamReport } from '../../src/core/team-report.js';
import { renderTeamReport } from '../../src/format/report-team.js';

const line = (taskId: number, title: string): TeamTaskLine => ({
  taskId,
  title,
  status: 'awaiting_control',
  planned: true,
  compound: false,
  plannedMinutes: 60,
  trackedMinutes: 50,
  assigned: true,
  result: null,
  carriedOver: null,
  addedLate: null,
  flags: [],
});

const anna: TeamPerson = {
  user: 'anna',
  fullName: null,
  plannedMinutes: 120,
  plannedLateMinutes: 0,
  trackedMinutes: 100,
  untrackedMinutes: null,
  ratio: 0.83,
  days: [
    {
      day: '2026-11-25',
      plannedMinutes: 120,
      plannedLateMinutes: 0,
      trackedMinutes: 100,
      untrackedMinutes: null,
      report: 'recorded',
      mark: null,
    },
  ],
  closed: [],
  overdue: [],
  awaitingControl: [
    { taskId: 7, title: 'Sales: Prepare the contract', kind: 'progress' },
    { taskId: 8, title: 'Sales: Send the offer', kind: 'completion' },
  ],
  negativeRatings: [],
  unansweredRemarks: [],
  tasks: [line(7, 'Sales: Prepare the contract'), line(8, 'Sales: Send the offer')],
  ratings: [],
  awaitingRating: [],
  unscheduled: [],
  deadlineMoves: [],
  assignedMinutes: 100,
  ownMinutes: 0,
  observing: 0,
  byHand: { entries: 0, minutes: 0 },
};
const report = assembleTeamReport('boss', '2026-11-25', '2026-11-25', '2026-11-25T18:00:00.000Z', [anna]);

describe('R28 in the team report: a transfer of progress is told from finished work where the work went', () => {
  it('in every format', () => {
    expect(renderTeamReport(report, 'table')).toMatch(
      /Sales: Prepare the contract\n +-> progress sent for your reaction \(R28\)\n/,
    );
    expect(renderTeamReport(report, 'table')).toMatch(/Sales: Send the offer\n +-> awaiting control\n/);
    expect(renderTeamReport(report, 'md')).toContain(
      '| 7 | Sales: Prepare the contract | planned | awaiting control | 1h | 50m | assigned | progress sent for your reaction (R28) |',
    );
    expect(renderTeamReport(report, 'csv')).toContain(
      'Sales: Prepare the contract,awaiting_control,planned,yes,progress sent for your reaction (R28)',
    );
    expect(renderTeamReport(report, 'html')).toContain('<td>progress sent for your reaction (R28)</td>');
  });
});
