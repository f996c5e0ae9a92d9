import { Option, type Command } from 'commander';
import { isTaskStatus, TASK_STATUSES, type TaskStatus } from '../../core/status.js';
import { NotFoundError, RegulaError, UsageError } from '../../core/errors.js';
import type { CoreContext } from '../../core/context.js';
import type { Config } from '../../core/config.js';
import type { CloseInput, CreatedTask, NewTaskDefaults, TaskChanges, TaskOutcome } from '../../core/tasks.js';
import type { UndoneCorrection } from '../../core/undo.js';
import type { AddWordOptions, FilterTermOptions } from '../taskwarrior-words.js';
import type { Task } from '../../core/types.js';
import type { TaskWithSpent } from '../../core/time-entries.js';
import type { ListFilter } from '../../core/views.js';
import type { App } from '../app.js';
import * as flag from '../flags.js';

interface AddOptions {
  interactive?: boolean;
  depends?: string[];
  scheduled?: string;
  project?: string;
  deadline?: string;
  hard?: boolean;
  plan?: string;
  priority?: string;
  tag?: string[];
  parent?: string;
  director?: string;
  responsible?: string;
  observer?: string[];
  coexecutor?: string[];
  description?: string;
  accept?: boolean;
  management?: boolean;
  review?: boolean;
  verbatim?: boolean;
  crm?: string[];
}

/** Why `task add` shows no form here, and how to add the task without one. */
function noFormMessage(formAsked: boolean, json: boolean): string {
  const withFlags = 'task add "Project: what to do" --deadline fri --plan 30m (see task add --help)';
  if (json) return `task add shows no form with --json; give the fields as words and flags: ${withFlags}`;
  if (formAsked)
    return `the task add -i form needs a terminal (run it in one); here, give the fields as words and flags: ${withFlags}`;
  return `the title is missing: ${withFlags}; on a terminal, task add alone shows a form`;
}

export function registerTaskCommands(program: Command, app: App): void {
  program
    .command('add')
    .description('create a task (R5: only the title is required)')
    .argument(
      '[title...]',
      'title, "<Project>: <what to do>" (R6); Taskwarrior words (project:Sales due:fri +tag pri:H plan:30m) set those fields; without a title a terminal shows a form',
    )
    .option(
      '-i, --interactive',
      'fill in the task in a form (project picker, plan, deadline, priority, tags)',
    )
    .option('--project <name>', 'project (added as the title prefix when missing)')
    .option('--deadline <date>', 'deadline: today, tomorrow, +3d, fri, 2026-12-01, "2026-12-01 14:00"')
    .option('--hard', 'the deadline is hard: moving it needs --force --reason (R10)')
    .option('--plan <duration>', 'planned time: 25m, 1h, 1h30m, 1:30 (R8)')
    .option('--priority <level>', 'high, medium (default) or low (R11)')
    .option('--tag <tag>', 'tag (repeatable, or comma-separated) (R9)', flag.collect)
    .option('--parent <id>', 'parent task (subtask of a compound task, R15)')
    .option('--director <user>', 'who set the task (default: you) (R1)')
    .option('--responsible <user>', 'who does it (default: you) (R1)')
    .option('--observer <user>', 'observer (repeatable; R3 warns)', flag.collect)
    .option('--depends <id>', 'a task this one waits for (repeatable, or 12,13)', flag.collect)
    .option('--scheduled <date>', "put it into the responsible's plan of that day (R34)")
    .option('--coexecutor <user>', 'co-executor (refused unless the config allows, R2)', flag.collect)
    .option('--description <text>', 'action plan or link to the instruction (R7)')
    .option('--accept', 'accept work after completion: done goes to the director for control (R27)')
    .option(
      '--management',
      'a management task (reviewing plans and reports, control): closes with findings (R33)',
    )
    .option(
      '--review',
      'a review of reports or compound tasks (a management task): closes with findings and a GENERAL CONCLUSION (R33)',
    )
    .option(
      '--verbatim',
      'the whole title is the text: a colon in it is not read as a project (R6; or write it \\:)',
    )
    .option('--crm <link>', 'CRM link lead:12, contact:, company:, deal: (repeatable) (R9)', flag.collectRaw)
    .action(async (titleWords: string[], flags: AddOptions, command: Command) => {
      const ctx = await app.context(command);
      const { createTask } = await import('../../core/tasks.js');
      const { splitAddWords } = await import('../taskwarrior-words.js');
      const { title: words, options } = splitAddWords(titleWords, flags);
      const filing = await contextFiling(ctx.config);
      if (options.interactive || words.length === 0) {
        if (!app.interactive(command))
          throw new UsageError(noFormMessage(Boolean(options.interactive), app.json(command)));
        const { askNewTask } = await import('../prompts/add-form.js');
        const { visibleTo } = await import('../../core/rules/visibility.js');
        const lists = ctx.store.read(() => ({
          projects: ctx.store.projectNames(visibleTo(ctx)),
          tags: ctx.store.tagNames(visibleTo(ctx)),
        }));
        // The form shows the context's defaults as its own; what the person leaves is what they chose.
        const answers = await askNewTask({
          title: words.join(' '),
          ...lists,
          now: ctx.now,
          filing: filing?.defaults,
        });
        const outcome = createTask(ctx, {
          ...answers,
          description: options.description,
          acceptRequired: options.accept,
          management: options.management,
          review: options.review,
        });
        await printTaskOutcome(
          app,
          command,
          outcome,
          `Created task ${outcome.task.id}: ${outcome.task.title}`,
        );
        return;
      }
      const outcome = createTask(ctx, {
        title: words.join(' '),
        verbatim: options.verbatim,
        project: options.project,
        deadline: options.deadline !== undefined ? flag.deadline(options.deadline, ctx.now) : undefined,
        hard: options.hard,
        plannedMinutes: options.plan !== undefined ? flag.plan(options.plan) : undefined,
        priority: options.priority !== undefined ? flag.priority(options.priority) : undefined,
        tags: options.tag,
        parentId: options.parent !== undefined ? flag.taskId(options.parent, '--parent') : undefined,
        director: options.director,
        responsible: options.responsible,
        observers: options.observer,
        depends: options.depends !== undefined ? flag.taskIds(options.depends, '--depends') : undefined,
        planDay:
          options.scheduled !== undefined
            ? flag.deadline(options.scheduled, ctx.now, '--scheduled').at
            : undefined,
        coExecutors: options.coexecutor,
        description: flag.nonEmptyText('--description', options.description),
        acceptRequired: options.accept,
        management: options.management,
        review: options.review,
        crm: options.crm?.map(flag.crmLink),
        defaults: filing?.defaults,
      });
      await printTaskOutcome(
        app,
        command,
        outcome,
        `Created task ${outcome.task.id}: ${outcome.task.title}${filedNote(filing, outcome)}`,
      );
    });

  program
    .command('list')
    .alias('next')
    .description('your open tasks by deadline (R37 colours: red overdue, blue due today, green new)')
    .argument(
      '[filters...]',
      "Taskwarrior's filter words: project:Sales +office due:today status:pending priority:H",
    )
    .option('--all', 'every task of every person, closed ones too')
    .option(
      '--status <status>',
      `only these statuses (comma-separated): ${TASK_STATUSES.join(', ')}`,
      flag.collect,
    )
    .option('--user <user>', "this person's tasks (as responsible) instead of yours")
    .option('--director <user>', 'tasks this person set (as director)')
    .option('--project <name>', 'tasks of a project')
    .option('--tag <tag>', 'tasks with this tag (repeatable: all of them)', flag.collect)
    .option(
      '--exclude-tag <tag>',
      'leave out tasks with this tag (repeatable; Taskwarrior: -tag)',
      flag.collect,
    )
    .option('--crm <link>', 'tasks linked to lead:12, contact:, company:, deal:')
    .option('--priority <level>', 'high, medium or low (comma-separated)', flag.collect)
    .option('--due <window>', 'deadline today, tomorrow, overdue, week, none, or DATE..DATE')
    .option('--stec', 'the STEC backlog only (R13)')
    .option('--parent <id>', 'subtasks of this task')
    .option('--deleted', 'deleted tasks (bring one back with: task restore ID)')
    .option('--blocked', 'tasks waiting for open tasks they depend on (+BLOCKED)')
    .option('--blocking', 'open tasks that others wait for (+BLOCKING)')
    .addOption(
      new Option('--sort <key>', 'order')
        .choices(['deadline', 'priority', 'created', 'newest', 'project'])
        .default('deadline'),
    )
    .option('--limit <n>', 'at most this many tasks')
    .option('--count', 'print only how many tasks match (Taskwarrior: task +OVERDUE count)')
    .option('--ids', 'print only the ids, as ranges: 1-3 7 (Taskwarrior: task +urgent ids)')
    .option('--one-id-per-line', 'print only the ids, one per line, for scripts (Taskwarrior: task _ids)')
    .option(
      '--plain',
      'one task per line, titles whole, no header rule (as when piped): for grep and scripts',
    )
    .action(async (terms: string[], flags: ListOptions, command: Command) => {
      const ctx = await app.context(command);
      const context = activeContext(ctx.config);
      const { options, filter } = await listCommandFilter(ctx, context, terms, flags);
      const { listTaskSummaries } = await import('../../core/views.js');
      if (options.count) {
        const count = listTaskSummaries(ctx, filter).length;
        return app.json(command) ? app.printJson({ count }) : app.print(String(count));
      }
      if (options.ids || options.oneIdPerLine) {
        const ids = listTaskSummaries(ctx, filter)
          .map((r) => r.task.id)
          .sort((a, b) => a - b);
        if (app.json(command)) return app.printJson({ ids });
        const { idRanges } = await import('../../format/text.js');
        if (ids.length) app.print(options.ids ? idRanges(ids) : ids.join('\n'));
        return;
      }
      const { prerequisitesByTask } = await import('../../core/dependencies.js');
      const { visibleTo } = await import('../../core/rules/visibility.js');
      const { listInPages } = await import('../../core/views.js');
      // Streamed: the ids in order, then a page of rows at a time, written in chunks (a list of 100,000
      // tasks is never one array of rows or one string in memory).
      if (app.json(command)) {
        const { taskJson, writeJsonArray } = await import('../../format/json.js');
        ctx.store.read(() => {
          const list = listInPages(ctx, filter, false);
          const { dependsOn } = prerequisitesByTask(ctx.store, list.ids, visibleTo(ctx));
          const shape = (r: TaskWithSpent<Task>) => ({
            ...taskJson(r.task, r.spentSeconds),
            dependsOn: dependsOn.get(r.task.id) ?? [],
          });
          writeJsonArray(list.pages(), shape, (chunk) => app.writeSync(chunk));
        });
        return;
      }
      const { writeTaskTable } = await import('../../format/task-table.js');
      // Piped (or --plain): one task per line, nothing cut, for grep and scripts.
      const plain = options.plain === true || !app.stdout.isTTY;
      ctx.store.read(() => {
        const list = listInPages(ctx, filter, true);
        const { waitingFor } = prerequisitesByTask(ctx.store, list.ids, visibleTo(ctx));
        const someWaiting = waitingFor.size > 0 && list.ids.some((id) => waitingFor.has(id));
        writeTaskTable(
          list.pages(),
          {
            color: app.color(command),
            now: ctx.now,
            width: app.width(),
            viewerId: ctx.actor.id,
            waitingFor,
            someWaiting,
            plain,
          },
          (chunk) => app.writeSync(chunk),
        );
      });
      if (context) {
        const { terminalSafe } = await import('../../format/safe-text.js');
        app.print(
          terminalSafe(
            `Context "${context.name}" (${context.words.join(' ')}); task context none shows everything.`,
          ),
        );
      }
    });

  program
    .command('show')
    .alias('info')
    .description('everything about a task: fields, time, result, subtasks, comments')
    .argument('<ids...>', 'task id (several: 12 13, 12,13 or 12-15)')
    .action(async (idWords: string[], _options: object, command: Command) => {
      const ctx = await app.context(command);
      const { taskDetails } = await import('../../core/views.js');
      const ids = flag.taskIds(idWords);
      const details = ids.map((id) => taskDetails(ctx, id));
      if (app.json(command)) {
        const { entrySeconds } = await import('../../core/time-entries.js');
        const { taskDetailsJson } = await import('../../format/json.js');
        const shapes = details.map((d) => taskDetailsJson(d, (e) => entrySeconds(e, ctx.now)));
        app.printJson(ids.length === 1 ? shapes[0] : shapes);
        return;
      }
      const { renderTaskDetails } = await import('../../format/task-view.js');
      app.print(
        details.map((d) => renderTaskDetails(d, { color: app.color(command), now: ctx.now })).join('\n\n'),
      );
    });

  program
    .command('edit')
    .alias('modify')
    .description(
      'change a task; every change is kept in its history (R36); with nothing to change, on a terminal, it opens your editor',
    )
    .argument('<id>', 'task id (several: 12,13 or 12-15 - changed together or not at all)')
    .argument(
      '[words...]',
      "Taskwarrior's modify words: due:fri pri:H plan:1h project:Ops +tag; other words are the new title",
    )
    .option('--title <title>', 'new title (a "Project: " prefix also changes the project)')
    .option('--project <name>', 'move to this project (the title prefix follows)')
    .option('--deadline <date>', 'new deadline ("none" removes it)')
    .option('--hard', 'make the deadline hard (R10)')
    .option('--soft', 'make the deadline soft (needs --force --reason when it was hard)')
    .option('--force', 'override: move a hard deadline (R10)')
    .option('--reason <text>', 'why a hard deadline moves (kept in history)')
    .option('--plan <duration>', 'planned time ("none" removes it)')
    .option('--priority <level>', 'high, medium or low')
    .option('--description <text>', 'action plan or link (R7)')
    .option('--accept', 'switch accept-after-completion on (R27)')
    .option('--no-accept', 'switch accept-after-completion off')
    .option('--management', 'mark it a management task: closes with findings (R33)')
    .option('--no-management', 'unmark it as a management task (and as a review)')
    .option(
      '--review',
      'mark it a review of reports or compound tasks: closes with findings and a GENERAL CONCLUSION (R33)',
    )
    .option('--no-review', 'unmark it as a review (it stays a management task)')
    .option('--verbatim', 'the new title is all text: a colon in it is not read as a project (R6)')
    .option('--tracking <on|off>', 'time tracking on or off (R8)')
    .option('--director <user>', 'new director')
    .option('--responsible <user>', 'hand the task to this person')
    .option('--parent <id>', 'new parent task ("none" detaches it)')
    .option('--tag <tag>', 'add a tag (repeatable)', flag.collect)
    .option('--untag <tag>', 'remove a tag (repeatable)', flag.collect)
    .option('--observer <user>', 'add an observer (repeatable; R3 warns)', flag.collect)
    .option('--remove-observer <user>', 'remove an observer (repeatable)', flag.collect)
    .option('--depends <id>', 'add a task this one waits for (repeatable, or 12,13)', flag.collect)
    .option('--remove-depends <id>', 'this task no longer waits for that one (repeatable)', flag.collect)
    .option(
      '--crm <link>',
      'add a CRM link lead:12, contact:, company:, deal: (repeatable) (R9)',
      flag.collectRaw,
    )
    .option('--remove-crm <link>', 'remove a CRM link (repeatable)', flag.collectRaw)
    .action(async (id: string, words: string[], flags: EditOptions, command: Command) => {
      let ctx = await app.context(command);
      const { splitAddWords } = await import('../taskwarrior-words.js');
      const split = splitAddWords(words, flags, { alwaysSplit: true });
      if (split.options.scheduled !== undefined)
        throw new UsageError(
          `scheduled: put the task into a day's plan with: task plan add ${id} --date ${split.options.scheduled}`,
        );
      if (split.title.length && flags.title !== undefined)
        throw new UsageError('give the new title once: as words or as --title');
      const options: EditOptions = {
        ...split.options,
        ...(split.title.length ? { title: split.title.join(' ') } : {}),
      };
      const { editTask } = await import('../../core/tasks.js');
      const changes: TaskChanges = editChanges(options, ctx.now, command);
      const { force: _force, reason: _reason, ...fieldChanges } = changes;
      const ids = flag.taskIds([id]);
      if (Object.keys(fieldChanges).length === 0) {
        if (!app.interactive(command))
          throw new UsageError(
            'nothing to change; pass at least one option, e.g. --deadline tomorrow (see task edit --help); on a terminal, task edit ID alone opens your editor',
          );
        if (ids.length > 1)
          throw new UsageError(
            'the editor changes one task at a time; for several, pass the changes: task 12,13 modify due:fri',
          );
        const edited = await editInEditor(app, ctx, ids[0]!);
        ctx = await app.contextNow(command);
        const outcome = edited.keepOnFailure(() =>
          editTask(ctx, ids[0]!, { ...changes, ...edited.changes() }),
        );
        await printTaskOutcome(
          app,
          command,
          outcome,
          outcome.changed
            ? `Updated task ${outcome.task.id}: ${outcome.task.title}`
            : `Task ${outcome.task.id} already reads so; nothing changed.`,
        );
        return;
      }
      await changeTasks(app, command, ctx, ids, changes);
    });

  for (const [name, where, key] of [
    ['append', 'end', 'appendText'],
    ['prepend', 'start', 'prependText'],
  ] as const) {
    program
      .command(name)
      .description(
        `add words at the ${where} of a task's title (Taskwarrior's ${name}); its project and marker stay`,
      )
      .argument('<id>', 'task id (several: 12,13 or 12-15 - changed together or not at all)')
      .argument('<words...>', `the words to ${name}; modify words (due:fri pri:H +tag) change the task too`)
      .action(async (id: string, words: string[], _flags: object, command: Command) => {
        const ctx = await app.context(command);
        const { splitAddWords } = await import('../taskwarrior-words.js');
        const split = splitAddWords(words, {}, { alwaysSplit: true });
        const text = split.title.join(' ').trim();
        if (text === '') throw new UsageError(`nothing to ${name}: task ${name} ${id} WORDS`);
        const changes: TaskChanges = { ...editChanges(split.options, ctx.now, command), [key]: text };
        await changeTasks(app, command, ctx, flag.taskIds([id]), changes);
      });
  }

  program
    .command('done')
    .description('close a task with its mandatory result (R31)')
    .argument(
      '[ids...]',
      'task id (several: 12 13, 12,13 or 12-15 - closed together or not at all); on a terminal, none: pick one',
    )
    .option('--result <text>', 'what was obtained: the decision, a link to the document produced (R31)')
    .option('--proposal <text>', 'for a problem met: how and when it will be solved, how to prevent it (R31)')
    .option('--abstract <link>', 'link to a summary of material studied (R32)')
    .option('--link <url>', 'link to a document the result mentions (repeatable) (R32)', flag.collectRaw)
    .option('--explanation <text>', 'why the time spent is what it is (R32)')
    .option('--conclusion <text>', 'findings of a management task: achievements, shortcomings, trends (R33)')
    .option(
      '--general-conclusion <text>',
      'the GENERAL CONCLUSION of a review of reports or compound tasks (R33)',
    )
    .option('--next <date>', 'R19: a periodic task without a template - copy it with this deadline first')
    .action(async (idWords: string[], options: DoneOptions, command: Command) => {
      let ctx = await app.context(command);
      const { completeTask, resultRequirements } = await import('../../core/tasks.js');
      const ids = idWords.length ? flag.taskIds(idWords) : [await taskToClose(app, command, ctx)];
      const inputs = new Map<number, CloseInput>();
      for (const id of ids) {
        // Asked before the write: a person thinking over a result must not hold the database's lock.
        const parts = { ...options };
        if (app.interactive(command))
          await askMissingResultParts(app, ctx, id, parts, resultRequirements, ids.length > 1);
        inputs.set(id, closeInput(parts));
      }
      ctx = await app.contextNow(command);
      const { changeEachTask } = await import('../../core/batch.js');
      if (options.next !== undefined) {
        const { completeWithNextOccurrence } = await import('../../core/templates.js');
        const next = flag.deadline(options.next, ctx.now, '--next');
        const outcomes = changeEachTask(ctx, ids, (id) =>
          completeWithNextOccurrence(ctx, id, inputs.get(id)!, next),
        );
        await printClosedWithNext(app, command, outcomes);
        return;
      }
      const outcomes = changeEachTask(ctx, ids, (id) => completeTask(ctx, id, inputs.get(id)!), {
        childrenFirst: true,
      });
      await printTaskOutcomes(
        app,
        command,
        outcomes,
        (outcome) => `${closedVerb(outcome.task)}: task ${outcome.task.id} ${outcome.task.title}`,
      );
    });

  program
    .command('log')
    .description('enter work already done in one go: the task, its time by hand (R22) and its result (R31)')
    .argument(
      '<title...>',
      'title, "<Project>: <what was done>" (R6); Taskwarrior words (project:Sales +tag) work as in add',
    )
    .requiredOption('--spent <duration>', 'how long it took: 10m, 1h30m')
    .option('--result <text>', 'what was obtained (R31; required)')
    .option('--at <time>', 'when it started: 10:00, "yesterday 15:00" (default: it ended now)')
    .option('--comment <text>', 'what the time was spent on (R22; default: done before the task was entered)')
    .option('--reason <text>', 'why it is entered after its day ended or its report was recorded (R23)')
    .option('--project <name>', 'project (added as the title prefix when missing)')
    .option('--priority <level>', 'high, medium (default) or low (R11)')
    .option('--tag <tag>', 'tag (repeatable, or comma-separated) (R9)', flag.collect)
    .option('--director <user>', 'who asked for it (default: you) (R1)')
    .option('--crm <link>', 'CRM link lead:12, contact:, company:, deal: (repeatable) (R9)', flag.collectRaw)
    .option('--proposal <text>', 'for a problem met: how and when it will be solved (R31)')
    .option('--link <url>', 'link to a document the result mentions (repeatable) (R32)', flag.collectRaw)
    .action(async (titleWords: string[], flags: LogOptions, command: Command) => {
      let ctx = await app.context(command);
      const { logDoneWork } = await import('../../core/logged-work.js');
      const { splitAddWords } = await import('../taskwarrior-words.js');
      const { title, options } = splitAddWords(titleWords, flags);
      if (title.length === 0)
        throw new UsageError(
          'the title is missing: task log "Project: what was done" --spent 10m --result "..."',
        );
      if (options.depends !== undefined)
        throw new UsageError(
          'depends: task log enters finished work; add a dependency to open work with task edit ID --depends ID',
        );
      if (options.scheduled !== undefined)
        throw new UsageError('scheduled: task log enters finished work; it is tracked on its day already');
      const minutes = flag.duration(options.spent, '--spent');
      const filing = await contextFiling(ctx.config);
      // R31 as in done: a terminal asks for the result; a script gets the refusal naming --result.
      if (options.result === undefined && app.interactive(command))
        options.result = await app.ask('Result - what was obtained (decision, link to the document):');
      ctx = await app.contextNow(command);
      const outcome = logDoneWork(ctx, {
        task: {
          title: title.join(' '),
          project: options.project,
          priority: options.priority !== undefined ? flag.priority(options.priority) : undefined,
          tags: options.tag,
          director: options.director,
          crm: options.crm?.map(flag.crmLink),
          deadline: options.deadline !== undefined ? flag.deadline(options.deadline, ctx.now) : undefined,
          plannedMinutes: options.plan !== undefined ? flag.plan(options.plan) : undefined,
          defaults: filing?.defaults,
        },
        minutes,
        at: options.at !== undefined ? flag.timeOfDay(options.at, ctx.now, '--at') : undefined,
        comment: options.comment,
        reason: options.reason,
        result: { result: options.result, proposal: options.proposal, links: options.link },
      });
      const { formatMinutes } = await import('../../core/duration.js');
      const verb = outcome.task.status === 'awaiting_control' ? 'submitted for control' : 'completed';
      const { formatLocalTime } = await import('../../core/local-time.js');
      const paused = outcome.interrupted;
      const pausedNote = paused
        ? `; the timer on task ${paused.task.id} ${paused.task.title} paused ${formatLocalTime(paused.from)}-${formatLocalTime(paused.to)} for it and runs on.`
        : '';
      await printTaskOutcome(
        app,
        command,
        outcome,
        `Logged task ${outcome.task.id}: ${outcome.task.title} (${formatMinutes(minutes)}, ${verb})${filedNote(filing, outcome)}${pausedNote}`,
      );
    });

  program
    .command('comment')
    .alias('annotate')
    .description('add a comment to a task')
    .argument('<id>', 'task id (several: 12,13 or 12-15)')
    .argument('<text...>', 'the comment')
    .action(async (id: string, words: string[], _options: object, command: Command) => {
      const ctx = await app.context(command);
      const { addComment } = await import('../../core/tasks.js');
      const { changeEachTask } = await import('../../core/batch.js');
      const ids = flag.taskIds([id]);
      const added = changeEachTask(ctx, ids, (taskNumber) => addComment(ctx, taskNumber, words.join(' ')));
      if (app.json(command)) {
        const shapes = added.map(({ commentId, task }) => ({
          id: commentId,
          taskId: task.id,
          kind: 'comment',
          body: words.join(' ').trim(),
        }));
        app.printJson(ids.length === 1 ? shapes[0] : shapes);
      } else {
        for (const { commentId, task } of added) app.print(`Comment #${commentId} added to task ${task.id}.`);
      }
    });

  program
    .command('undo')
    .description(
      'change back your last change - an edit of tasks or a correction of your time (the undo is itself in the history, R36; undo again redoes it)',
    )
    .option('--force', 'override: the undo moves a hard deadline (R10)')
    .option(
      '--reason <text>',
      'why: a hard deadline moves back (R10), a correction in a closed day is taken back (R23)',
    )
    .action(async (options: { force?: boolean; reason?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { undoLast } = await import('../../core/undo.js');
      const result = undoLast(ctx, options);
      if (result.kind === 'time') return printUndoneCorrections(app, command, result.corrections);
      const { historyFieldLabel } = await import('../../core/history.js');
      await printTaskOutcomes(app, command, result.outcomes, ({ task, undone }) => {
        const fields = [...new Set(undone.map((h) => historyFieldLabel(h.field)))].join(', ');
        return `Undone on task ${task.id} ${task.title}: ${fields} set back (task history ${task.id} shows both changes).`;
      });
    });

  program
    .command('history')
    .description('every change of a task: who, when, old and new value (R36)')
    .argument('<id>', 'task id')
    .action(async (id: string, _options: object, command: Command) => {
      const ctx = await app.context(command);
      const { taskHistory } = await import('../../core/views.js');
      const { task, history } = taskHistory(ctx, flag.taskId(id));
      if (app.json(command)) {
        const { historyJson } = await import('../../format/json.js');
        app.printJson(history.map(historyJson));
        return;
      }
      const { renderHistory } = await import('../../format/task-view.js');
      app.print(renderHistory(`task ${task.id} ${task.title}`, history));
    });
}

/** The list flags: the ones a Taskwarrior filter word can also set, and those only flags set. */
interface ListOptions extends FilterTermOptions {
  all?: boolean;
  count?: boolean;
  ids?: boolean;
  oneIdPerLine?: boolean;
  plain?: boolean;
  stec?: boolean;
  deleted?: boolean;
  sort?: 'deadline' | 'priority' | 'created' | 'newest' | 'project';
}

interface EditOptions {
  title?: string;
  project?: string;
  deadline?: string;
  hard?: boolean;
  soft?: boolean;
  force?: boolean;
  reason?: string;
  plan?: string;
  priority?: string;
  description?: string;
  accept?: boolean;
  management?: boolean;
  review?: boolean;
  verbatim?: boolean;
  tracking?: string;
  director?: string;
  responsible?: string;
  parent?: string;
  tag?: string[];
  untag?: string[];
  observer?: string[];
  removeObserver?: string[];
  depends?: string[];
  removeDepends?: string[];
  /** Only as the word `scheduled:`, which edit refuses with the command that does it. */
  scheduled?: string;
  crm?: string[];
  removeCrm?: string[];
}

interface LogOptions extends AddWordOptions {
  spent: string;
  result?: string;
  at?: string;
  comment?: string;
  reason?: string;
  director?: string;
  crm?: string[];
  proposal?: string;
  link?: string[];
}

interface DoneOptions {
  result?: string;
  proposal?: string;
  abstract?: string;
  link?: string[];
  explanation?: string;
  conclusion?: string;
  generalConclusion?: string;
  next?: string;
}

/**
 * Taskwarrior's `task 12 edit`: the task as a form in the person's editor; what they change is the edit.
 * When the edit is refused (a date that does not read, R10 on a hard deadline), what they typed is kept
 * in a file the message names - nothing typed is lost (R0).
 */
async function editInEditor(app: App, ctx: CoreContext, id: number) {
  const { requireTask } = await import('../../core/tasks.js');
  const { dependenciesOf } = await import('../../core/dependencies.js');
  const form = await import('../prompts/edit-form.js');
  const before = ctx.store.read(() =>
    form.editableFields(
      requireTask(ctx.store, id),
      dependenciesOf(ctx.store, id).dependsOn.map((t) => t.id),
    ),
  );
  const text = form.editText(form.renderEditForm(id, before), app.env);
  const keepOnFailure = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof RegulaError)
        error.message += ` (your edited form is kept in ${form.keepEditedForm(id, text)})`;
      throw error;
    }
  };
  return {
    changes: () => keepOnFailure(() => form.formChanges(before, form.parseEditForm(text), ctx.now)),
    keepOnFailure,
  };
}

/** `task done` with no id: on a terminal, your open tasks to pick from, the running one first. */
async function taskToClose(app: App, command: Command, ctx: CoreContext): Promise<number> {
  if (!app.interactive(command))
    throw new UsageError('missing the task id: task done ID (the number task list shows)');
  const { OPEN_STATUSES } = await import('../../core/status.js');
  const { open, running } = ctx.store.read(() => ({
    open: ctx.store.findTasks({
      responsibleId: ctx.actor.id,
      statuses: OPEN_STATUSES.filter((s) => s !== 'awaiting_control'),
    }),
    running: ctx.store.runningEntryOf(ctx.actor.id)?.taskId,
  }));
  if (open.length === 0) throw new NotFoundError('you have no open task to close');
  const ordered = [...open.filter((t) => t.id === running), ...open.filter((t) => t.id !== running)];
  const { pickTask } = await import('../prompts/pick-task.js');
  return pickTask('Close which task? (type to narrow)', ordered);
}

/** In a terminal, the mandatory parts of a result that were not passed are asked for (R31-R33). */
async function askMissingResultParts(
  app: App,
  ctx: CoreContext,
  id: number,
  options: DoneOptions,
  requirements: (
    ctx: CoreContext,
    id: number,
  ) => { explanation: boolean; conclusion: boolean; generalConclusion: boolean },
  nameTheTask: boolean,
): Promise<void> {
  const needs = requirements(ctx, id);
  const which = nameTheTask ? `Task ${id} - ` : '';
  options.result ??= await app.ask(`${which}Result - what was obtained (decision, link to the document):`);
  if (needs.explanation)
    options.explanation ??= await app.ask(`${which}Explanation - the time spent is far above the plan; why?`);
  if (needs.conclusion)
    options.conclusion ??= await app.ask(
      `${which}Findings - achievements, shortcomings, trends ("no remarks" when all is well):`,
    );
  if (needs.generalConclusion) options.generalConclusion ??= await app.ask(`${which}GENERAL CONCLUSION:`);
}

function closeInput(options: DoneOptions): CloseInput {
  return {
    result: options.result,
    proposal: options.proposal,
    abstract: options.abstract,
    links: options.link,
    explanation: options.explanation,
    conclusion: options.conclusion,
    generalConclusion: options.generalConclusion,
  };
}

const closedVerb = (task: Task) =>
  task.status === 'awaiting_control' ? 'Submitted for control' : 'Completed';

const isNone = (value: string) => ['none', ''].includes(value.trim().toLowerCase());

/** Applies the same changes to each task, all in one transaction, and says what changed. */
async function changeTasks(
  app: App,
  command: Command,
  ctx: CoreContext,
  ids: number[],
  changes: TaskChanges,
): Promise<void> {
  const { editTask } = await import('../../core/tasks.js');
  const { changeEachTask } = await import('../../core/batch.js');
  const outcomes = changeEachTask(ctx, ids, (taskNumber) => editTask(ctx, taskNumber, changes));
  await printTaskOutcomes(app, command, outcomes, (outcome) =>
    outcome.changed
      ? `Updated task ${outcome.task.id}: ${outcome.task.title}`
      : `Task ${outcome.task.id} already reads so; nothing changed.`,
  );
}

function editChanges(options: EditOptions, now: Date, command: Command) {
  if (options.hard && options.soft) throw new UsageError('--hard and --soft contradict each other; pass one');
  const acceptGiven = command.getOptionValueSource('accept') === 'cli';
  const managementGiven = command.getOptionValueSource('management') === 'cli';
  const reviewGiven = command.getOptionValueSource('review') === 'cli';
  return dropUndefined({
    title: options.title,
    verbatim: options.title !== undefined && options.verbatim ? true : undefined,
    management: managementGiven ? options.management : undefined,
    review: reviewGiven ? options.review : undefined,
    project: options.project,
    deadline:
      options.deadline === undefined
        ? undefined
        : isNone(options.deadline)
          ? null
          : flag.deadline(options.deadline, now),
    hard: options.hard ? true : options.soft ? false : undefined,
    force: options.force,
    reason: options.reason,
    plannedMinutes:
      options.plan === undefined ? undefined : isNone(options.plan) ? null : flag.plan(options.plan),
    priority: options.priority === undefined ? undefined : flag.priority(options.priority),
    description: options.description,
    acceptRequired: acceptGiven ? options.accept : undefined,
    timeTracking: options.tracking === undefined ? undefined : flag.onOff('--tracking', options.tracking),
    director: options.director,
    responsible: options.responsible,
    parentId:
      options.parent === undefined
        ? undefined
        : isNone(options.parent)
          ? null
          : flag.taskId(options.parent, '--parent'),
    addTags: options.tag,
    removeTags: options.untag,
    addObservers: options.observer,
    removeObservers: options.removeObserver,
    ...dependsChanges(options),
    addCrm: options.crm?.map(flag.crmLink),
    removeCrm: options.removeCrm?.map(flag.crmLink),
  });
}

/** `--depends 12 --remove-depends 13`, and Taskwarrior's `depends:12,-13` (a minus removes). */
function dependsChanges(options: EditOptions): { addDepends?: number[]; removeDepends?: number[] } {
  const words = options.depends ?? [];
  const add = words.filter((w) => !w.trim().startsWith('-'));
  const remove = [
    ...(options.removeDepends ?? []),
    ...words.filter((w) => w.trim().startsWith('-')).map((w) => w.trim().slice(1)),
  ];
  return {
    addDepends: add.length ? flag.taskIds(add, '--depends') : undefined,
    removeDepends: remove.length ? flag.taskIds(remove, '--remove-depends') : undefined,
  };
}

function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * What `task list` is asked for: its flags and filter words, and the context's words. Taskwarrior's `or`
 * makes each of the two a set of alternatives, and both must hold (the context is in brackets).
 */
async function listCommandFilter(
  ctx: CoreContext,
  context: ActiveContext | null,
  terms: string[],
  flags: ListOptions,
): Promise<{ options: ListOptions; filter: ListFilter }> {
  const { applyFilterTerms, orGroups } = await import('../taskwarrior-words.js');
  const sets = [withContextHint(context, () => orGroups(context?.words ?? [])), orGroups(terms)];
  const options = withContextHint(context, () =>
    applyFilterTerms(sets.filter((set) => set.length === 1).flat(2), flags),
  );
  const filter = await listFilterOf(ctx, options);
  const alternatives = sets
    .filter((set) => set.length > 1)
    .map((set) => set.map((words) => applyFilterTerms<ListOptions>(words, {})));
  if (alternatives.length === 0) return { options, filter };
  filter.anyOf = await Promise.all(
    alternatives.map((set) => Promise.all(set.map((words) => listFilterOf(ctx, words)))),
  );
  // limit: belongs to the whole list, wherever among the alternatives it was written.
  const limits = new Set(
    [filter.limit, ...filter.anyOf.flat().map((f) => f.limit)].filter((n) => n !== undefined),
  );
  if (limits.size > 1) throw new UsageError('limit: give it once (it applies to the whole list)');
  filter.limit = [...limits][0];
  return { options, filter };
}

/** The list filter that options and filter words name (people by name, dates, priorities read and checked). */
async function listFilterOf(ctx: CoreContext, options: ListOptions): Promise<ListFilter> {
  const { requireUser } = await import('../../core/identity.js');
  const { parseDueFilter } = await import('../../core/filters.js');
  const userId = (name: string | undefined) =>
    name !== undefined ? ctx.store.read(() => requireUser(ctx.store, name).id) : undefined;
  return {
    all: options.all,
    statuses: options.status?.map(parseStatus),
    userId: userId(options.user),
    directorId: userId(options.director),
    project: options.project,
    tags: options.tag,
    withoutTags: options.excludeTag,
    crm: options.crm !== undefined ? flag.crmLink(options.crm) : undefined,
    priorities: options.priority?.map(flag.priority),
    due: options.due !== undefined ? parseDueFilter(options.due, ctx.now) : undefined,
    stec: options.stec,
    parentId: options.parent !== undefined ? flag.taskId(options.parent, '--parent') : undefined,
    deleted: options.deleted,
    dependency: dependencyFilter(options),
    sort: options.sort as ListOptions['sort'],
    limit: options.limit !== undefined ? flag.parseLimit(options.limit) : undefined,
  };
}

function dependencyFilter(options: ListOptions): ListFilter['dependency'] {
  if (options.blocked && options.blocking)
    throw new UsageError('give one of --blocked (+BLOCKED) and --blocking (+BLOCKING)');
  return options.blocked ? 'blocked' : options.blocking ? 'blocking' : undefined;
}

function parseStatus(value: string): TaskStatus {
  const text = value.trim().toLowerCase().replace(/[ -]/g, '_');
  if (!isTaskStatus(text))
    throw new UsageError(`--status: "${value}" is not a status; use ${TASK_STATUSES.join(', ')}`);
  return text;
}

/** `task done --next`: each closed task, and the next occurrence made from it (R19). */
async function printClosedWithNext(
  app: App,
  command: Command,
  outcomes: (TaskOutcome & { next: Task })[],
): Promise<void> {
  for (const outcome of outcomes) app.warn(outcome.warnings);
  const ctx = await app.context(command);
  if (app.json(command)) {
    const { spentSecondsOf } = await import('../../core/time-entries.js');
    const { taskJson } = await import('../../format/json.js');
    const shapes = outcomes.map((o) => ({
      ...taskJson(o.task, spentSecondsOf(ctx, o.task)),
      nextOccurrence: taskJson(o.next, 0),
    }));
    app.printJson(shapes.length === 1 ? shapes[0] : shapes);
    return;
  }
  const { terminalSafe } = await import('../../format/safe-text.js');
  const { deadlineText } = await import('../../format/text.js');
  for (const { task, next } of outcomes) {
    app.print(terminalSafe(`${closedVerb(task)}: task ${task.id} ${task.title}`));
    app.print(
      terminalSafe(
        `Next occurrence (R19): task ${next.id} ${next.title}, due ${deadlineText(next, ctx.now)}`,
      ),
    );
  }
}

/** Prints what a write did: the task as JSON, or a line plus warnings on stderr. */
export async function printTaskOutcome(
  app: App,
  command: Command,
  outcome: { task: { id: number }; warnings: string[] },
  line: string,
): Promise<void> {
  await printTaskOutcomes(app, command, [outcome], () => line);
}

/**
 * Prints what a write did to one task or several (`task 12 13 done`): a line each plus the warnings on
 * stderr, or the tasks as JSON - one object for one task, an array for several.
 */
export async function printTaskOutcomes<T extends { task: { id: number }; warnings: string[] }>(
  app: App,
  command: Command,
  outcomes: readonly T[],
  lineOf: (outcome: T) => string,
): Promise<void> {
  for (const outcome of outcomes) app.warn(outcome.warnings);
  if (app.json(command)) {
    const { requireAnyTask } = await import('../../core/tasks.js');
    const { spentSecondsOf } = await import('../../core/time-entries.js');
    const { taskJson } = await import('../../format/json.js');
    const ctx = await app.context(command);
    const shapes = ctx.store.read(() =>
      outcomes.map((outcome) => {
        const task = requireAnyTask(ctx.store, outcome.task.id);
        return taskJson(task, spentSecondsOf(ctx, task));
      }),
    );
    app.printJson(shapes.length === 1 ? shapes[0] : shapes);
    return;
  }
  const { terminalSafe } = await import('../../format/safe-text.js');
  for (const outcome of outcomes) app.print(terminalSafe(lineOf(outcome)));
}

/** Taskwarrior's context set with `task context NAME`: its name and filter words. */
interface ActiveContext {
  name: string;
  words: string[];
}

/** The context set, if any; one named but no longer defined is an error. */
function activeContext(config: Config): ActiveContext | null {
  if (config.context === null) return null;
  const words = config.contexts[config.context];
  if (!words)
    throw new UsageError(
      `the context "${config.context}" is set but not defined; define it (task context define ${config.context} WORDS...) or leave it (task context none)`,
    );
  return { name: config.context, words };
}

/** What undo did to tracked time: each entry as it now stands (JSON: the entry shape, or an array of them). */
async function printUndoneCorrections(
  app: App,
  command: Command,
  corrections: readonly UndoneCorrection[],
): Promise<void> {
  const ctx = await app.context(command);
  const { entrySeconds } = await import('../../core/time-entries.js');
  if (app.json(command)) {
    const { entryJson } = await import('../../format/json.js');
    const shapes = corrections.map((c) => entryJson(c.entry, entrySeconds(c.entry, ctx.now)));
    app.printJson(shapes.length === 1 ? shapes[0] : shapes);
    return;
  }
  const { formatLocalDateTime, formatLocalTime } = await import('../../core/local-time.js');
  const { terminalSafe } = await import('../../format/safe-text.js');
  for (const { entry, task, undid } of corrections) {
    const now =
      undid.oldStart === null
        ? 'taken back to 0m (it stays, as a cancelled timer does)'
        : `back to ${formatLocalDateTime(entry.startAt)}-${formatLocalTime(entry.endAt!)}`;
    app.print(
      terminalSafe(
        `Undone: time entry ${entry.id} (task ${task.id} ${task.title}) ${now}; task time history ${entry.id} shows both changes.`,
      ),
    );
  }
}

/** The context set and what it files new tasks under (Taskwarrior's write context), or null without one. */
export async function contextFiling(
  config: Config,
): Promise<{ name: string; defaults: NewTaskDefaults } | null> {
  const context = activeContext(config);
  if (!context) return null;
  const { contextWriteDefaults } = await import('../taskwarrior-words.js');
  return {
    name: context.name,
    defaults: withContextHint(context, () => contextWriteDefaults(context.words)),
  };
}

/** " (context "work": project:Work +office)" when the context filled in some of the new task's fields. */
export function filedNote(filing: { name: string } | null, outcome: CreatedTask): string {
  return filing && outcome.defaultsUsed.length
    ? ` (context "${filing.name}": ${outcome.defaultsUsed.join(' ')})`
    : '';
}

/** A filter refused because it contradicts the context says so, and how to leave the context. */
function withContextHint<T>(context: ActiveContext | null, apply: () => T): T {
  try {
    return apply();
  } catch (error) {
    if (!context || !(error instanceof UsageError)) throw error;
    throw new UsageError(
      `${error.message} (the context "${context.name}" adds ${context.words.join(' ')}; leave it with: task context none)`,
    );
  }
}
