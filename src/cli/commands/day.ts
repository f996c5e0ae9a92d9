import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { formatLocalTime } from '../../core/local-time.js';
import type { DayOutcome } from '../../core/workday.js';
import type { App } from '../app.js';
import type { CoreContext } from '../../core/context.js';
import * as flag from '../flags.js';

/** R20: the working day itself - start, breaks, end. */
export function registerDayCommands(program: Command, app: App): void {
  const day = program.command('day').description('the working day: start, pause (break), resume, end (R20)');
  const verbs = {
    start: 'start the working day',
    pause: 'take a break: the running task timer pauses too',
    resume: 'come back from a break',
    end: 'end the working day: the running timer stops',
  } as const;
  for (const verb of Object.keys(verbs) as (keyof typeof verbs)[]) {
    const sub = day
      .command(verb)
      .description(verbs[verb])
      .option('--at <time>', 'when it happened, for back-filling (e.g. "yesterday 18:00"); default now');
    if (verb === 'pause' || verb === 'end') {
      sub.option(
        '--reason <text>',
        'a timer left running is stopped at --at; when that lies in a closed day, why it is corrected now (R23)',
      );
    }
    sub.action(async (options: { at?: string; reason?: string }, command: Command) => {
      const ctx = await app.context(command);
      const core = await import('../../core/workday.js');
      const at = options.at !== undefined ? pastMoment(options.at, ctx.now) : undefined;
      const run = { start: core.startDay, pause: core.pauseDay, resume: core.resumeDay, end: core.endDay }[
        verb
      ];
      const outcome = run(ctx, { at, reason: options.reason });
      await printDay(app, command, verb, outcome);
      if (verb === 'start') app.warn(await inboxReminders(ctx));
      if (verb === 'end') app.warn(await gapsReminder(ctx, outcome.workDay.startedAt));
    });
  }
}

/** The morning's reminders (R30, R37): what waits in the inbox, with the command that shows it. */
async function inboxReminders(ctx: CoreContext): Promise<string[]> {
  const { inbox } = await import('../../core/remarks.js');
  const box = inbox(ctx);
  const reminders: string[] = [];
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (box.remarks.length)
    reminders.push(
      `R30: ${count(box.remarks.length, 'remark awaits', 'remarks await')} your answer: task inbox, then task reply ID TEXT`,
    );
  if (box.newAssignments.length)
    reminders.push(
      `R37: ${count(box.newAssignments.length, 'task was', 'tasks were')} newly assigned to you: task inbox`,
    );
  return reminders;
}

/** At the end of the day (R35): untracked time inside it, before the report is recorded. */
async function gapsReminder(ctx: CoreContext, day: Date): Promise<string[]> {
  const { timeGaps } = await import('../../core/gaps.js');
  const { formatMinutes, secondsToMinutes } = await import('../../core/duration.js');
  const { gaps, totalSeconds } = timeGaps(ctx, { day });
  if (gaps.length === 0) return [];
  return [
    `R35: ${formatMinutes(secondsToMinutes(totalSeconds))} of the working day is untracked (${gaps.length} gap${gaps.length === 1 ? '' : 's'}); see them with task time gaps, enter the work with task time add`,
  ];
}

function pastMoment(input: string, now: Date): Date {
  const parsed = flag.deadline(input, now, '--at');
  if (parsed.allDay)
    throw new UsageError(`--at: "${input}" needs a time of day, e.g. 18:00 or "yesterday 18:00"`);
  if (parsed.at.getTime() > now.getTime()) throw new UsageError(`--at: "${input}" is in the future`);
  return parsed.at;
}

async function printDay(app: App, command: Command, verb: string, outcome: DayOutcome): Promise<void> {
  const w = outcome.workDay;
  if (app.json(command)) {
    app.printJson({
      day: w.day,
      startedAt: w.startedAt.toISOString(),
      endedAt: w.endedAt?.toISOString() ?? null,
      breaks: w.breaks.map((b) => ({ start: b.startAt.toISOString(), end: b.endAt?.toISOString() ?? null })),
      paused: outcome.paused
        ? { taskId: outcome.paused.task.id, minutes: Math.floor(outcome.paused.seconds / 60) }
        : null,
      fromTemplates: (outcome.fromTemplates ?? []).map((t) => ({ id: t.id, title: t.title })),
    });
    return;
  }
  if (outcome.note) app.warn([outcome.note]);
  const { terminalSafe } = await import('../../format/safe-text.js');
  const { formatMinutes, secondsToMinutes } = await import('../../core/duration.js');
  for (const task of outcome.fromTemplates ?? [])
    app.print(terminalSafe(`From a template (R19): task ${task.id} ${task.title}`));
  if (outcome.paused)
    app.print(
      terminalSafe(
        `Paused task ${outcome.paused.task.id} ${outcome.paused.task.title} after ${formatMinutes(secondsToMinutes(outcome.paused.seconds))}.`,
      ),
    );
  const messages: Record<string, () => string> = {
    start: () =>
      `Working day ${w.day} started at ${formatLocalTime(w.startedAt)}. Fix the day's plan first: task plan fix (R20).`,
    pause: () => `On a break since ${formatLocalTime(w.breaks.at(-1)!.startAt)}.`,
    resume: () => 'Back from the break.',
    end: () =>
      `Working day ${w.day} ended at ${formatLocalTime(w.endedAt!)}. Record the report: task report record (R35).`,
  };
  app.print(messages[verb]!());
}
