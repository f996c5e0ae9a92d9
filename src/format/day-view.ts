import { formatMinutes, secondsToMinutes } from '../core/duration.js';
import { formatLocalTime } from '../core/local-time.js';
import type { DayOutcome } from '../core/workday.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';

/** What `task day start|pause|resume|end` did (R20). */
export interface DayResult {
  readonly verb: 'start' | 'pause' | 'resume' | 'end';
  readonly outcome: DayOutcome;
  /** For stderr: the outcome's note (text output only) and the reminders of the morning or the evening. */
  readonly warnings: readonly string[];
}

/** The morning's reminders (R30, R37): what waits in the inbox, with the command that shows it. */
export function inboxReminders(remarks: number, newAssignments: number): string[] {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const reminders: string[] = [];
  if (remarks)
    reminders.push(
      `R30: ${count(remarks, 'remark awaits', 'remarks await')} your answer: task inbox, then task reply ID TEXT`,
    );
  if (newAssignments)
    reminders.push(
      `R37: ${count(newAssignments, 'task was', 'tasks were')} newly assigned to you: task inbox`,
    );
  return reminders;
}

/** At the end of the day (R35): untracked time inside it, before the report is recorded. */
export function gapsReminder(gaps: number, totalSeconds: number): string[] {
  if (gaps === 0) return [];
  return [
    `R35: ${formatMinutes(secondsToMinutes(totalSeconds))} of the working day is untracked (${gaps} gap${gaps === 1 ? '' : 's'}); see them with task time gaps, enter the work with task time add`,
  ];
}

export function renderDay({ verb, outcome }: DayResult): string {
  const w = outcome.workDay;
  const lines: string[] = [];
  for (const task of outcome.fromTemplates ?? [])
    lines.push(terminalSafe(`From a template (R19): task ${task.id} ${task.title}`));
  if (outcome.paused)
    lines.push(
      terminalSafe(
        `Paused task ${outcome.paused.task.id} ${outcome.paused.task.title} after ${formatMinutes(secondsToMinutes(outcome.paused.seconds))}.`,
      ),
    );
  const messages = {
    start: () =>
      `Working day ${w.day} started at ${formatLocalTime(w.startedAt)}. Fix the day's plan first: task plan fix (R20).`,
    pause: () => `On a break since ${formatLocalTime(w.breaks.at(-1)!.startAt)}.`,
    resume: () => 'Back from the break.',
    end: () =>
      `Working day ${w.day} ended at ${formatLocalTime(w.endedAt!)}. Record the report: task report record (R35).`,
  };
  lines.push(messages[verb]());
  return lines.join('\n');
}

/** `task day ... --json` (docs/json.md). */
export function dayJson({ outcome }: DayResult) {
  const w = outcome.workDay;
  return {
    day: w.day,
    startedAt: w.startedAt.toISOString(),
    endedAt: w.endedAt?.toISOString() ?? null,
    breaks: w.breaks.map((b) => ({ start: b.startAt.toISOString(), end: b.endAt?.toISOString() ?? null })),
    paused: outcome.paused
      ? { taskId: outcome.paused.task.id, minutes: Math.floor(outcome.paused.seconds / 60) }
      : null,
    fromTemplates: (outcome.fromTemplates ?? []).map((t) => ({ id: t.id, title: t.title })),
  };
}

export const dayRenderers: Renderers<DayResult> = { text: renderDay, json: dayJson };
