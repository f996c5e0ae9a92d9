import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { App } from '../app.js';
import * as flag from '../flags.js';
import { printTaskOutcome } from './tasks.js';

/** Control and review (R26-R30): control tasks, transfers of progress, acceptance, rating, answers. */
export function registerReviewCommands(program: Command, app: App): void {
  program
    .command('control')
    .description(
      'R26: create "<Project>: Control: TEXT" under the controlled task (or beside it in a compound task)',
    )
    .argument('<id>', 'the controlled task')
    .argument('<text...>', 'what is controlled')
    .option('--deadline <date>', "when to check (default: the controlled task's deadline)")
    .option('--plan <duration>', 'planned time for the check')
    .action(
      async (
        id: string,
        words: string[],
        options: { deadline?: string; plan?: string },
        command: Command,
      ) => {
        const ctx = await app.context(command);
        const { createControlTask } = await import('../../core/control.js');
        const outcome = createControlTask(ctx, flag.taskId(id), words.join(' '), {
          deadline: options.deadline !== undefined ? flag.deadline(options.deadline, ctx.now) : undefined,
          plannedMinutes: options.plan !== undefined ? flag.plan(options.plan) : undefined,
        });
        await printTaskOutcome(
          app,
          command,
          outcome,
          `Created control task ${outcome.task.id}: ${outcome.task.title}`,
        );
      },
    );

  program
    .command('submit')
    .description('R28: transfer of progress - ask the director to react to intermediate results')
    .argument('<id>', 'task id')
    .option('--progress <text>', 'the intermediate results and what reaction you need (required)')
    .action(async (id: string, options: { progress?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { submitProgress } = await import('../../core/control.js');
      const outcome = submitProgress(ctx, flag.taskId(id), options.progress);
      await printTaskOutcome(
        app,
        command,
        outcome,
        `Submitted progress of task ${outcome.task.id} for control.`,
      );
    });

  program
    .command('review')
    .description(
      'what awaits you as director or manager: finished work, transfers of progress (R27, R28), ratings (R29), unanswered remarks (R30)',
    )
    .action(async (_options: object, command: Command) => {
      const ctx = await app.context(command);
      const { reviewQueue } = await import('../../core/control.js');
      const items = reviewQueue(ctx);
      if (app.json(command)) {
        const { taskJson, commentJson } = await import('../../format/json.js');
        app.printJson(
          items.map((i) => ({
            kind: i.kind,
            task: taskJson(i.task, 0),
            submission: i.submission ? commentJson(i.submission) : null,
          })),
        );
        return;
      }
      const { terminalSafe } = await import('../../format/safe-text.js');
      if (items.length === 0) return app.print('Nothing awaits your control, rating or answer.');
      for (const item of items) {
        app.print(
          terminalSafe(`${String(item.task.id).padStart(5)}  ${item.task.title}  [${item.task.responsible}]`),
        );
        app.print(`       ${reviewLabel(item.kind, item.task.id)}`);
        if (item.submission)
          app.print(
            terminalSafe(
              `       ${item.kind === 'remark' ? 'your remark, not answered' : item.submission.kind === 'progress' ? 'progress' : 'result'}: ${item.submission.body}`,
            ),
          );
      }
    });

  program
    .command('accept')
    .description('R27, R29: accept finished work and rate it (negative needs --comment)')
    .argument('<id>', 'task id')
    .option('--mark <mark>', 'positive or negative (required)')
    .option('--comment <text>', 'remarks; required with a negative mark')
    .action(async (id: string, options: { mark?: string; comment?: string }, command: Command) => {
      const ctx = await app.context(command);
      const mark = options.mark?.trim().toLowerCase();
      if (mark !== 'positive' && mark !== 'negative')
        throw new UsageError('--mark: rate the work positive or negative (R29)');
      const { acceptTask } = await import('../../core/control.js');
      const outcome = acceptTask(ctx, flag.taskId(id), mark, options.comment);
      await printTaskOutcome(app, command, outcome, `Accepted task ${outcome.task.id} (${mark}).`);
    });

  program
    .command('return')
    .description('R27, R28: return work to the executor with an answer and a deadline of today or later')
    .argument('<id>', 'task id')
    .option('--deadline <date>', 'new deadline: today or later (required)')
    .option('--comment <text>', 'your answer or remarks (required)')
    .action(async (id: string, options: { deadline?: string; comment?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { returnTask } = await import('../../core/control.js');
      const deadline = options.deadline !== undefined ? flag.deadline(options.deadline, ctx.now) : undefined;
      const outcome = returnTask(ctx, flag.taskId(id), deadline, options.comment);
      await printTaskOutcome(
        app,
        command,
        outcome,
        `Returned task ${outcome.task.id} to ${outcome.task.responsible}.`,
      );
    });

  program
    .command('reply')
    .description(
      'R30: answer the reviewer\'s remarks on a task, or on your day report with --day (an answer, "OK / will do", or an objection)',
    )
    .argument('[id]', 'task id (not with --day)')
    .argument('[text...]', 'your answer')
    .option('--to <comment>', 'the remark answered (default: every remark before this reply)')
    .option('--day <date>', 'answer the remark on your report of that day (R30)')
    .action(
      async (
        id: string | undefined,
        words: string[],
        options: { to?: string; day?: string },
        command: Command,
      ) => {
        const ctx = await app.context(command);
        const { replyToRemark, replyToDayRemark } = await import('../../core/remarks.js');
        if (options.day !== undefined) {
          const { localDayKey } = await import('../../core/local-time.js');
          const day = localDayKey(flag.deadline(options.day, ctx.now, '--day').at);
          replyToDayRemark(ctx, day, [id ?? '', ...words].join(' '));
          if (app.json(command)) app.printJson({ day, kind: 'reply' });
          else app.print(`Answered the remark on your report of ${day}.`);
          return;
        }
        if (id === undefined || words.length === 0)
          throw new UsageError(
            'say which task and what you answer: task reply ID TEXT (a remark on a day report: task reply --day DATE TEXT)',
          );
        const to = options.to !== undefined ? flag.taskId(options.to, '--to') : undefined;
        const { commentId, answered } = replyToRemark(ctx, flag.taskId(id), words.join(' '), to);
        if (app.json(command)) app.printJson({ id: commentId, taskId: Number(id), kind: 'reply', answered });
        else app.print(`Reply #${commentId} added; ${answered} remark(s) answered.`);
      },
    );

  program
    .command('inbox')
    .description('remarks waiting for your answer (R30) and tasks newly assigned to you (R37)')
    .action(async (_options: object, command: Command) => {
      const ctx = await app.context(command);
      const { inbox } = await import('../../core/remarks.js');
      const box = inbox(ctx);
      if (app.json(command)) {
        const { taskJson, commentJson } = await import('../../format/json.js');
        app.printJson({
          remarks: box.remarks.map((r) => ({
            taskId: r.taskId,
            taskTitle: r.taskTitle,
            comment: commentJson(r.comment),
          })),
          dayRemarks: box.dayRemarks.map((r) => ({
            day: r.day,
            mark: r.mark,
            comment: r.comment,
            by: r.by,
            at: r.at.toISOString(),
          })),
          newAssignments: box.newAssignments.map((t) => taskJson(t, 0)),
        });
        return;
      }
      const { terminalSafe } = await import('../../format/safe-text.js');
      const { palette } = await import('../../format/style.js');
      const paint = palette(app.color(command));
      if (box.dayRemarks.length) {
        app.print(paint.bold('Remarks on your day reports to answer (task reply --day DAY TEXT):'));
        for (const r of box.dayRemarks)
          app.print(terminalSafe(`  ${r.day} ${r.by}: ${[r.mark, r.comment].filter(Boolean).join(': ')}`));
      }
      if (box.remarks.length === 0 && box.newAssignments.length === 0 && box.dayRemarks.length === 0)
        return app.print('Inbox empty: no remarks to answer, no new assignments.');
      if (box.remarks.length) {
        app.print(paint.bold(`Remarks to answer (task reply ID TEXT):`));
        for (const r of box.remarks)
          app.print(
            terminalSafe(
              `  task ${r.taskId} ${r.taskTitle}\n    #${r.comment.id} ${r.comment.author}: ${r.comment.body}`,
              { multiline: true },
            ),
          );
      }
      if (box.newAssignments.length) {
        app.print(paint.bold('Newly assigned to you:'));
        for (const t of box.newAssignments)
          app.print(
            paint.green(terminalSafe(`  ${String(t.id).padStart(4)}  ${t.title}  (from ${t.director})`)),
          );
      }
    });
}

/** What the manager is to do about one review item (R27-R30). */
function reviewLabel(kind: 'completion' | 'progress' | 'rating' | 'remark', id: number): string {
  switch (kind) {
    case 'progress':
      return 'PROGRESS (answer and return with a deadline)';
    case 'completion':
      return 'DONE (accept --mark positive|negative, or return)';
    case 'rating':
      return `RATE (task accept ${id} --mark positive|negative)`;
    case 'remark':
      return 'REMARK not answered yet (R30)';
  }
}
