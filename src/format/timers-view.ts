import { formatMinutes, secondsToMinutes } from '../core/duration.js';
import { formatLocalDateTime, formatLocalTime, localDayKey } from '../core/local-time.js';
import type { StartOutcome, StoppedTimer } from '../core/timers.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';

// Kept apart from status-view.ts: start and pause must not load the table and colour code (start-up).

/** What `task start` and `task resume` did; `backdatedAt` is the command's now when --at dated it back. */
export interface StartedTimer {
  readonly outcome: StartOutcome;
  readonly backdatedAt?: Date;
}

/** What `task pause` did: the timer it stopped, if one ran. */
export interface PausedTimer {
  readonly stopped: StoppedTimer | null;
  readonly backdatedAt?: Date;
}

/** A moment as a person reads it: the time alone when it is today. */
function clock(at: Date, now: Date): string {
  return localDayKey(at) === localDayKey(now) ? formatLocalTime(at) : formatLocalDateTime(at);
}

export function stoppedJson(stopped: StoppedTimer) {
  return {
    taskId: stopped.task.id,
    title: stopped.task.title,
    minutes: secondsToMinutes(stopped.seconds),
    entryId: stopped.entry.id,
  };
}

function describeStopped(stopped: StoppedTimer): string {
  return `task ${stopped.task.id} ${stopped.task.title} after ${formatMinutes(secondsToMinutes(stopped.seconds))}`;
}

function startedLines({ outcome, backdatedAt }: StartedTimer): string {
  const since = backdatedAt ? ` at ${clock(outcome.entry.startAt, backdatedAt)}` : '';
  const lines: string[] = [];
  if (outcome.paused) lines.push(terminalSafe(`Paused ${describeStopped(outcome.paused)}${since}.`));
  if (outcome.workingDay === 'opened') lines.push('Working day started (R20).');
  if (outcome.workingDay === 'reopened') lines.push('Working day reopened (R20).');
  if (outcome.workingDay === 'break_ended') lines.push('Break ended.');
  if (outcome.unplanned)
    lines.push(`Task ${outcome.task.id} was not in today's plan: recorded as unplanned work (R34).`);
  const task = `${outcome.task.id} ${outcome.task.title}`;
  const started = outcome.startMovedBack
    ? `Task ${task} now counts from ${clock(outcome.entry.startAt, backdatedAt!)}.`
    : outcome.alreadyRunning
      ? `Task ${task} is already running.`
      : `Started task ${task}${since}.`;
  lines.push(terminalSafe(started));
  return lines.join('\n');
}

export const startedRenderers: Renderers<StartedTimer> = {
  text: startedLines,
  json: ({ outcome }) => ({
    taskId: outcome.task.id,
    title: outcome.task.title,
    startedAt: outcome.entry.startAt.toISOString(),
    alreadyRunning: outcome.alreadyRunning,
    startMovedBack: outcome.startMovedBack,
    workingDay: outcome.workingDay,
    unplanned: outcome.unplanned,
    paused: outcome.paused ? stoppedJson(outcome.paused) : null,
  }),
};

export const pausedRenderers: Renderers<PausedTimer> = {
  text: ({ stopped, backdatedAt }) =>
    stopped
      ? terminalSafe(
          `Paused ${describeStopped(stopped)}${backdatedAt ? ` at ${clock(stopped.entry.endAt!, backdatedAt)}` : ''}.`,
        )
      : 'No timer is running.',
  json: ({ stopped }) => ({ paused: stopped ? stoppedJson(stopped) : null }),
};

export const cancelledRenderers: Renderers<StoppedTimer> = {
  text: (cancelled) =>
    terminalSafe(
      `Cancelled the timer on ${describeStopped(cancelled)}; none of it is counted (entry ${cancelled.entry.id} is kept, 0m).`,
    ),
  json: (cancelled) => ({ cancelled: stoppedJson(cancelled) }),
};
