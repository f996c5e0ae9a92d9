import type { ReportTaskLine, TeamTaskLine } from './report-types.js';

/**
 * The tasks of a person's period for the team report: the lines of each day's report (oldest day first)
 * merged per task - tracked time added up, planned when any day planned it, the result and where the
 * work went as the last day says, the first late addition (R20).
 */
export function teamTaskLines(daysOldestFirst: readonly (readonly ReportTaskLine[])[]): TeamTaskLine[] {
  const merged = new Map<number, TeamTaskLine>();
  for (const lines of daysOldestFirst) {
    for (const line of lines) {
      const known = merged.get(line.id);
      if (!known) {
        merged.set(line.id, {
          taskId: line.id,
          title: line.title,
          status: line.status,
          planned: line.plan !== 'unplanned',
          compound: line.compound,
          plannedMinutes: line.plannedMinutes,
          trackedMinutes: line.trackedMinutes,
          assigned: line.assigned ?? false,
          result: line.result,
          carriedOver: line.carriedOver,
          addedLate: line.addedLate,
          flags: line.flags,
        });
        continue;
      }
      known.trackedMinutes += line.trackedMinutes;
      known.planned ||= line.plan !== 'unplanned';
      known.status = line.status;
      known.result = line.result ?? known.result;
      known.carriedOver = line.carriedOver;
      known.addedLate ??= line.addedLate;
      known.flags = line.flags;
    }
  }
  return [...merged.values()];
}

/** Tracked time on assigned work and on the person's own initiative. */
export function initiativeMinutes(tasks: readonly TeamTaskLine[]): {
  assignedMinutes: number;
  ownMinutes: number;
} {
  let assignedMinutes = 0;
  let ownMinutes = 0;
  for (const task of tasks) {
    if (task.assigned) assignedMinutes += task.trackedMinutes;
    else ownMinutes += task.trackedMinutes;
  }
  return { assignedMinutes, ownMinutes };
}
