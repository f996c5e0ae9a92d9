import type { Command } from 'commander';
import type { App } from '../app.js';
import { parseDateInput } from '../../core/dates.js';
import { UsageError } from '../../core/errors.js';

/** Finding work fast: search (R25) and the agenda views. */
export function registerFindCommands(program: Command, app: App): void {
  program
    .command('search')
    .description('R25: find tasks by a word stem or substring (any language), or "Project:" for a project')
    .argument('<text...>', 'words (at least 3 letters each: "prepar", "подготов") or "Sales:"')
    .option('--open', 'open tasks only')
    .option('--limit <n>', 'at most this many results (default 50)')
    .action(async (words: string[], options: { open?: boolean; limit?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { searchTasks } = await import('../../core/search.js');
      const { parseLimit } = await import('../flags.js');
      const hits = searchTasks(ctx, words.join(' '), {
        openOnly: options.open,
        limit: options.limit !== undefined ? parseLimit(options.limit) : undefined,
      });
      if (app.json(command)) {
        const { taskJson } = await import('../../format/json.js');
        app.printJson(
          hits.map((h) => ({
            ...taskJson(h.task, h.spentSeconds),
            match: { field: h.field, excerpt: h.excerpt, ranges: h.ranges },
          })),
        );
        return;
      }
      const { renderSearchHits } = await import('../../format/search-view.js');
      app.print(renderSearchHits(hits, { color: app.color(command), now: ctx.now, width: app.width() }));
    });

  for (const [name, description] of [
    ['projects', 'every project with its open and total tasks and tracked time'],
    ['tags', 'every tag with its open and total tasks and tracked time'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .option('--names', `only the names, one per line, for scripts (Taskwarrior: task _${name})`)
      .action(async (options: { names?: boolean }, command: Command) => {
        const ctx = await app.context(command);
        const { visibleTo } = await import('../../core/rules/visibility.js');
        // R4: counted over the tasks the person may see; a name on none of them is left out.
        const rows = ctx.store.read(() =>
          name === 'projects'
            ? ctx.store.projectSummaries(visibleTo(ctx))
            : ctx.store.tagSummaries(visibleTo(ctx)),
        );
        if (options.names && !app.json(command)) {
          const { terminalSafe } = await import('../../format/safe-text.js');
          if (rows.length) app.print(rows.map((r) => terminalSafe(r.name)).join('\n'));
          return;
        }
        if (app.json(command)) {
          const { secondsToMinutes } = await import('../../core/duration.js');
          app.printJson(
            rows.map((r) => ({
              name: r.name,
              open: r.open,
              total: r.total,
              trackedMinutes: secondsToMinutes(r.trackedSeconds),
            })),
          );
          return;
        }
        const { renderNameSummaries } = await import('../../format/search-view.js');
        app.print(
          renderNameSummaries(
            rows,
            name === 'projects'
              ? 'No projects yet: a title "Project: what to do" makes one.'
              : 'No tags yet: add them with --tag.',
          ),
        );
      });
  }

  for (const [name, days, description] of [
    ['today', 1, 'what is due or planned today, overdue first, the running timer on top'],
    ['week', 7, 'the plan of the next seven days'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .action(async (_options: object, command: Command) => {
        const ctx = await app.context(command);
        const { agenda } = await import('../../core/agenda.js');
        const result = agenda(ctx, days);
        if (app.json(command)) {
          const { planJson } = await import('../../format/plan-view.js');
          const { statusJson } = await import('../../format/json.js');
          app.printJson({ ...statusJson(result.status), days: result.days.map((d) => planJson(d.plan)) });
          return;
        }
        const { renderAgenda } = await import('../../format/agenda.js');
        app.print(renderAgenda(result, { color: app.color(command), now: ctx.now, width: app.width() }));
      });
  }

  program
    .command('calendar')
    .description(
      "a month of your open tasks by the day they are due, with each day's planned time (as Taskwarrior's calendar)",
    )
    .argument(
      '[month]',
      'the month: 2026-12, or any day in it (today, som for the next month, 2026-12-15); default this month',
    )
    .option('--user <user>', "this person's month (R4: people who report to you)")
    .action(async (month: string | undefined, options: { user?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { monthOverview } = await import('../../core/calendar.js');
      const overview = monthOverview(
        ctx,
        month === undefined ? ctx.now : monthFromWord(month, ctx.now),
        options.user,
      );
      if (app.json(command)) {
        const { monthJson } = await import('../../format/json.js');
        return app.printJson(monthJson(overview));
      }
      const { renderMonth } = await import('../../format/month-view.js');
      app.print(renderMonth(overview, { color: app.color(command), width: app.width() }));
    });
}

/** `2026-12` is that month; any other date form is the month it falls in. */
function monthFromWord(word: string, now: Date): Date {
  const month = /^(\d{4})-(\d{2})$/.exec(word.trim());
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12)
    return new Date(Number(month[1]), Number(month[2]) - 1, 1);
  const day = month ? null : parseDateInput(word, now);
  if (!day)
    throw new UsageError(
      `MONTH: "${word}" is not a month; use 2026-12, or a day in it (today, som for the next month, 2026-12-15)`,
    );
  return day.at;
}
