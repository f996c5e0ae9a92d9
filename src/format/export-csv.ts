import { secondsToMinutes } from '../core/duration.js';
import type { EntryRow } from '../core/time-corrections.js';
import type { TaskWithSpent } from '../core/time-entries.js';
import { csvTable } from './csv.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Tasks for a spreadsheet: one row per task (formula-safe cells). */
export function tasksCsv(rows: readonly TaskWithSpent[]): string {
  return csvTable(
    ['id', 'title', 'project', 'kind', 'part', 'status', 'priority', 'deadline', 'deadline_hard', 'planned_minutes', 'spent_minutes', 'director', 'responsible', 'parent_id', 'tags', 'created_at', 'closed_at'],
    rows.map(({ task, spentSeconds }) => [
      task.id,
      task.title,
      task.project,
      task.kind,
      task.part,
      task.status,
      task.priority,
      iso(task.deadline),
      task.deadlineHard,
      task.plannedMinutes,
      secondsToMinutes(spentSeconds),
      task.director,
      task.responsible,
      task.parentId,
      task.tags.join(' '),
      iso(task.createdAt),
      iso(task.closedAt),
    ]),
  );
}

/** Time entries for a spreadsheet. */
export function entriesCsv(rows: readonly (EntryRow & { user: string })[]): string {
  return csvTable(
    ['id', 'task_id', 'title', 'user', 'start', 'end', 'minutes', 'source', 'comment', 'retroactive', 'reason'],
    rows.map(({ entry, task, seconds, user }) => [entry.id, task.id, task.title, user, iso(entry.startAt), iso(entry.endAt), secondsToMinutes(seconds), entry.source, entry.comment, entry.retroactive, entry.reason]),
  );
}
