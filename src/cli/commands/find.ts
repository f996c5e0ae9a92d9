import { parseDateInput } from '../../core/dates.js';
import { UsageError } from '../../core/errors.js';
import { defineCommand, defineModule } from '../command-module.js';
import { parseLimit } from '../flags.js';

/** Finding work fast: search (R25) and the agenda views. */

const view = () => import('../../format/find-view.js');

export interface SearchInput {
  readonly text: string;
  readonly openOnly: boolean | undefined;
  readonly limit: number | undefined;
}

export const searchCommand = defineModule({
  definition: defineCommand({
    name: 'search',
    summary: 'R25: find tasks by a word stem or substring (any language), or "Project:" for a project',
    arguments: [
      {
        name: 'text',
        kind: 'many',
        description: 'words (at least 3 letters each: "prepar", "подготов") or "Sales:"',
      },
    ],
    options: {
      open: { kind: 'switch', description: 'open tasks only' },
      limit: { kind: 'text', value: 'n', description: 'at most this many results (default 50)' },
    },
  }),
  parse: ({ args, options }): SearchInput => ({
    text: args.text.join(' '),
    openOnly: options.open,
    limit: options.limit !== undefined ? parseLimit(options.limit) : undefined,
  }),
  async run(ctx, input) {
    const core = await ctx.core();
    const { searchTasks } = await import('../../core/search.js');
    return searchTasks(core, input.text, { openOnly: input.openOnly, limit: input.limit });
  },
  renderers: async () => (await view()).searchRenderers,
});

/** `task projects` and `task tags`: every name with its open and total tasks and tracked time. */
function namesCommand(of: 'projects' | 'tags', summary: string) {
  return defineModule({
    definition: defineCommand({
      name: of,
      summary,
      arguments: [],
      options: {
        names: {
          kind: 'switch',
          description: `only the names, one per line, for scripts (Taskwarrior: task _${of})`,
        },
      },
    }),
    parse: ({ options }) => ({ namesOnly: Boolean(options.names) }),
    async run(ctx, input: { namesOnly: boolean }) {
      const { nameSummaries } = await import('../../core/command-reads.js');
      return { of, namesOnly: input.namesOnly, rows: nameSummaries(await ctx.core(), of) };
    },
    renderers: async () => (await view()).nameSummariesRenderers,
  });
}

export const projectsCommand = namesCommand(
  'projects',
  'every project with its open and total tasks and tracked time',
);
export const tagsCommand = namesCommand('tags', 'every tag with its open and total tasks and tracked time');

/** `task today` and `task week`: what is due or planned, the running timer on top. */
function agendaCommand(name: 'today' | 'week', days: number, summary: string) {
  return defineModule({
    definition: defineCommand({ name, summary, arguments: [], options: {} }),
    parse: () => ({}),
    async run(ctx) {
      const { agenda } = await import('../../core/agenda.js');
      return agenda(await ctx.core(), days);
    },
    renderers: async () => (await view()).agendaRenderers,
  });
}

export const todayCommand = agendaCommand(
  'today',
  1,
  'what is due or planned today, overdue first, the running timer on top',
);
export const weekCommand = agendaCommand('week', 7, 'the plan of the next seven days');

export const calendarCommand = defineModule({
  definition: defineCommand({
    name: 'calendar',
    summary:
      "a month of your open tasks by the day they are due, with each day's planned time (as Taskwarrior's calendar)",
    arguments: [
      {
        name: 'month',
        kind: 'optional',
        description:
          'the month: 2026-12, or any day in it (today, som for the next month, 2026-12-15); default this month',
      },
    ],
    options: {
      user: {
        kind: 'text',
        value: 'user',
        description: "this person's month (R4: people who report to you)",
      },
    },
  }),
  parse: ({ args, options }, now) => ({
    month: args.month === undefined ? now : monthFromWord(args.month, now),
    user: options.user,
  }),
  async run(ctx, input: { month: Date; user: string | undefined }) {
    const { monthOverview } = await import('../../core/calendar.js');
    return monthOverview(await ctx.core(), input.month, input.user);
  },
  renderers: async () => (await view()).monthRenderers,
});

/** `2026-12` is that month; any other date form is the month it falls in. */
export function monthFromWord(word: string, now: Date): Date {
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

export const COMMANDS = [
  searchCommand,
  projectsCommand,
  tagsCommand,
  todayCommand,
  weekCommand,
  calendarCommand,
];
