import type { Command } from 'commander';
import { formatMinutes, secondsToMinutes } from '../../core/duration.js';
import type { Backdate, StartOutcome, StoppedTimer } from '../../core/timers.js';
import type { CoreContext } from '../../core/context.js';
import type { App } from '../app.js';
import * as flag from '../flags.js';
import { isTaskIdList } from '../argv.js';
import { NotFoundError, UsageError } from '../../core/errors.js';

export function registerTimerCommands(program: Command, app: App): void {
  program
    .command('start')
    .description('start the timer on a task; the running one is paused (R21)')
    .argument(
      '[id...]',
      'task id, or words of its title (R25: task start prepar); on a terminal, nothing: pick from your open tasks',
    )
    .option(
      '--at <time>',
      'it started earlier (forgot to start or switch): 10:30, "yesterday 17:00"; needs --comment (R22)',
    )
    .option('--comment <text>', 'with --at: why the start is dated back (R22)')
    .option('--reason <text>', 'with --at in a day already over or recorded: why it is corrected now (R23)')
    .action(async (words: string[], options: BackdateOptions, command: Command) => {
      let ctx = await app.context(command);
      const id = await taskToStart(app, command, ctx, words);
      const backdate = await backdateOf(app, command, options, 'Why is the start dated back (R22)?');
      ctx = await app.contextNow(command);
      const { startTimer } = await import('../../core/timers.js');
      await printStart(app, command, startTimer(ctx, id, backdate), backdate && ctx.now);
    });

  program
    .command('pause')
    .alias('stop')
    .description('pause the running timer (naming its task is optional: task pause 12, task 12 stop)')
    .argument('[id]', 'the running task; refused when another task is running')
    .option(
      '--at <time>',
      'it should have paused earlier (forgot to pause): 12:00, "yesterday 18:00"; needs --comment (R22)',
    )
    .option('--comment <text>', 'with --at: why the pause is dated back (R22)')
    .option('--reason <text>', 'with --at in a day already over or recorded: why it is corrected now (R23)')
    .action(async (id: string | undefined, options: BackdateOptions, command: Command) => {
      let ctx = await app.context(command);
      const backdate = await backdateOf(app, command, options, 'Why is the pause dated back (R22)?');
      ctx = await app.contextNow(command);
      const { pauseTimer } = await import('../../core/timers.js');
      const stopped = pauseTimer(ctx, id === undefined ? undefined : flag.taskId(id), backdate);
      if (app.json(command)) return app.printJson({ paused: stopped ? stoppedJson(stopped) : null });
      const { terminalSafe } = await import('../../format/safe-text.js');
      app.print(
        stopped
          ? terminalSafe(
              `Paused ${describeStopped(stopped)}${backdate ? ` at ${await clock(stopped.entry.endAt!, ctx.now)}` : ''}.`,
            )
          : 'No timer is running.',
      );
    });

  program
    .command('cancel')
    .description(
      'the running timer was started by mistake: stop it and keep none of its time (R22: with a comment)',
    )
    .option('--comment <text>', 'why the time is taken back (required; a terminal asks)')
    .action(async (options: { comment?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { cancelTimer } = await import('../../core/time-corrections.js');
      const comment =
        options.comment ??
        (app.interactive(command) ? await app.ask('Why is the timer cancelled (R22)?') : undefined);
      const cancelled = cancelTimer(ctx, comment);
      if (app.json(command)) return app.printJson({ cancelled: stoppedJson(cancelled) });
      const { terminalSafe } = await import('../../format/safe-text.js');
      app.print(
        terminalSafe(
          `Cancelled the timer on ${describeStopped(cancelled)}; none of it is counted (entry ${cancelled.entry.id} is kept, 0m).`,
        ),
      );
    });

  program
    .command('resume')
    .description('start again the task whose timer stopped last')
    .option('--at <time>', 'it started again earlier: 13:00; needs --comment (R22)')
    .option('--comment <text>', 'with --at: why the start is dated back (R22)')
    .option('--reason <text>', 'with --at in a day already over or recorded: why it is corrected now (R23)')
    .action(async (options: BackdateOptions, command: Command) => {
      let ctx = await app.context(command);
      const backdate = await backdateOf(app, command, options, 'Why is the start dated back (R22)?');
      ctx = await app.contextNow(command);
      const { resumeTimer } = await import('../../core/timers.js');
      await printStart(app, command, resumeTimer(ctx, backdate), backdate && ctx.now);
    });

  program
    .command('status')
    .description("the running task with its elapsed time, and today's total")
    .option('--team', 'R4: what each person who reports to you is working on now')
    .option('--user <user>', 'with --team: only these people (repeatable)', flag.collect)
    .action(async (options: { team?: boolean; user?: string[] }, command: Command) => {
      const ctx = await app.context(command);
      if (options.user && !options.team)
        throw new UsageError('--user goes with --team: task status --team --user anna');
      if (options.team) {
        const { teamStatus } = await import('../../core/timers.js');
        const team = teamStatus(ctx, options.user);
        if (app.json(command)) {
          const { statusJson } = await import('../../format/json.js');
          return app.printJson({
            team: team.map((member) => ({ user: member.user.name, ...statusJson(member) })),
          });
        }
        const { renderTeamStatus } = await import('../../format/task-view.js');
        return app.print(renderTeamStatus(team));
      }
      const { timerStatus } = await import('../../core/timers.js');
      const { dayReminders } = await import('../../core/workday.js');
      const status = timerStatus(ctx);
      app.warn(dayReminders(ctx));
      if (app.json(command)) {
        const { statusJson } = await import('../../format/json.js');
        app.printJson(statusJson(status));
        return;
      }
      const { renderStatus } = await import('../../format/task-view.js');
      app.print(renderStatus(status));
    });
}

/**
 * The task a start names: an id, a list (refused by R21), or words of its title (R25). On a terminal,
 * no words, or words that name several tasks, offer the tasks to pick from instead of refusing.
 */
async function taskToStart(app: App, command: Command, ctx: CoreContext, words: string[]): Promise<number> {
  if (words.length > 0 && words.every(isTaskIdList)) {
    const { checkOneTaskToStart } = await import('../../core/rules/index.js');
    return checkOneTaskToStart(flag.taskIds(words));
  }
  const search = await import('../../core/search.js');
  const text = words.join(' ');
  if (!app.interactive(command)) {
    if (words.length === 0)
      throw new UsageError(
        'missing the task id: task start ID, or words of its title (R25: task start prepar)',
      );
    return search.pickTaskToStart(ctx, text).id;
  }
  const candidates = search.startCandidates(ctx, text);
  if (candidates.length === 1 && words.length > 0) return candidates[0]!.id;
  if (candidates.length === 0 && words.length === 0)
    throw new NotFoundError('you have no open task to start; add one: task add "Project: what to do"');
  if (candidates.length === 0) return search.pickTaskToStart(ctx, text).id; // refuses, saying how to add it
  const { pickTask } = await import('../prompts/pick-task.js');
  return pickTask(
    words.length
      ? `"${text}" matches ${candidates.length} tasks; which one? (type to narrow)`
      : 'Start which task? (type to narrow)',
    candidates,
  );
}

interface BackdateOptions {
  at?: string;
  comment?: string;
  reason?: string;
}

/** `--at` with its comment (R22; a terminal asks for a missing one) and reason (R23); none without --at. */
async function backdateOf(
  app: App,
  command: Command,
  options: BackdateOptions,
  question: string,
): Promise<Backdate | undefined> {
  if (options.at === undefined) {
    if (options.comment !== undefined || options.reason !== undefined)
      throw new UsageError(
        '--comment and --reason go with --at (a timer dated back); a note on the task is: task comment ID TEXT',
      );
    return undefined;
  }
  const ctx = await app.context(command);
  const at = flag.timeOfDay(options.at, ctx.now, '--at');
  const comment = options.comment ?? (app.interactive(command) ? await app.ask(question) : undefined);
  return { at, comment, reason: options.reason };
}

/** A moment as a person reads it: the time alone when it is today. */
async function clock(at: Date, now: Date): Promise<string> {
  const { formatLocalDateTime, formatLocalTime, localDayKey } = await import('../../core/local-time.js');
  return localDayKey(at) === localDayKey(now) ? formatLocalTime(at) : formatLocalDateTime(at);
}

function stoppedJson(stopped: StoppedTimer) {
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

/** `backdatedAt`: the command's now, when the start was dated back with --at. */
async function printStart(
  app: App,
  command: Command,
  outcome: StartOutcome,
  backdatedAt?: Date,
): Promise<void> {
  app.warn(outcome.warnings);
  if (app.json(command)) {
    app.printJson({
      taskId: outcome.task.id,
      title: outcome.task.title,
      startedAt: outcome.entry.startAt.toISOString(),
      alreadyRunning: outcome.alreadyRunning,
      startMovedBack: outcome.startMovedBack,
      workingDay: outcome.workingDay,
      unplanned: outcome.unplanned,
      paused: outcome.paused ? stoppedJson(outcome.paused) : null,
    });
    return;
  }
  const { terminalSafe } = await import('../../format/safe-text.js');
  const since = backdatedAt ? ` at ${await clock(outcome.entry.startAt, backdatedAt)}` : '';
  if (outcome.paused) app.print(terminalSafe(`Paused ${describeStopped(outcome.paused)}${since}.`));
  if (outcome.workingDay === 'opened') app.print('Working day started (R20).');
  if (outcome.workingDay === 'reopened') app.print('Working day reopened (R20).');
  if (outcome.workingDay === 'break_ended') app.print('Break ended.');
  if (outcome.unplanned)
    app.print(`Task ${outcome.task.id} was not in today's plan: recorded as unplanned work (R34).`);
  const started = outcome.startMovedBack
    ? `Task ${outcome.task.id} ${outcome.task.title} now counts from ${await clock(outcome.entry.startAt, backdatedAt!)}.`
    : outcome.alreadyRunning
      ? `Task ${outcome.task.id} ${outcome.task.title} is already running.`
      : `Started task ${outcome.task.id} ${outcome.task.title}${since}.`;
  app.print(terminalSafe(started));
}
