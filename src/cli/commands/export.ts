import { Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { App } from '../app.js';
import * as flag from '../flags.js';

/** Interchange out of regula. */
export function registerExportCommands(program: Command, app: App): void {
  program
    .command('export')
    .description('write data for other programs: ics (calendar)')
    .addOption(new Option('--format <format>', 'ics: tasks with deadlines as to-dos, planned items as events').choices(['ics']).makeOptionMandatory())
    .option('--user <user>', 'whose calendar (yourself, or someone who reports to you)')
    .option('--from <date>', 'first day (default today)')
    .option('--to <date>', 'last day (default two weeks after --from)')
    .action(async (options: { format: string; user?: string; from?: string; to?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { periodOf } = await import('../../core/reports.js');
      const { addLocalDays } = await import('../../core/local-time.js');
      const from = options.from !== undefined ? flag.deadline(options.from, ctx.now, '--from').at : ctx.now;
      const to = options.to !== undefined ? flag.deadline(options.to, ctx.now, '--to').at : addLocalDays(from, 13);
      if (options.format !== 'ics') throw new UsageError(`--format: ${options.format} is not supported`);
      const { calendarData } = await import('../../core/calendar.js');
      const { renderIcs } = await import('../../format/ics.js');
      const data = calendarData(ctx, periodOf(from, to), options.user);
      app.stdout.write(renderIcs({ ...data, now: ctx.now }));
    });
}
