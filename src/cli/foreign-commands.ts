/**
 * Commands people type from Taskwarrior, Timewarrior and Watson that regula does another way: instead
 * of "unknown command", they are told where to go (exit 2).
 */
const TIME_EDIT =
  'an entry is corrected with task time edit ENTRY --minutes N | --start TIME --end TIME --comment TEXT (R22); task time list shows the entries';

const FOREIGN_COMMANDS: Readonly<Record<string, string>> = {
  calendars:
    'task calendar shows a month of your deadlines; task export --format ics puts your deadlines and plans into a calendar',
  track:
    'time is entered by hand with task time add ID DURATION --at TIME --comment TEXT (R22), or with task log for work that has no task yet',
  lengthen: TIME_EDIT,
  shorten: TIME_EDIT,
  move: TIME_EDIT,
  split:
    'an entry is cut in two with task time split ENTRY --at TIME [--task ID] --comment TEXT (R22); task time list shows the entries',
  join: TIME_EDIT,
  retag:
    'time tracked on the wrong task is moved with task time edit ENTRY --task ID --comment TEXT (R22); task time list shows the entries',
  restart: 'task resume starts again the task whose timer stopped last',
  purge:
    'deleted tasks stay in the database (R0); task list --deleted shows them and task restore ID brings one back',
  denotate: 'comments stay with the task (R36); add a correcting one with task comment ID TEXT',
  gaps: 'task time gaps [DATE] lists the untracked stretches of the working day',
  frames: 'task time list shows the time entries (--week, --month, --from DATE --to DATE)',
  aggregate: 'task report --week (or --month, --from DATE --to DATE) totals the time per day and project',
  ready: 'task list shows your open tasks by deadline; task list +BLOCKED those that wait for other tasks',
  unblocked:
    'task list shows your open tasks by deadline; task list +BLOCKED those that wait for other tasks',
  timesheet: 'task report --week shows the week: time per day, task and project, planned against tracked',
  burndown:
    'task report --month --format html draws planned against tracked time per day (or --week, --from DATE --to DATE)',
  ghistory:
    'task report --month --format html draws planned against tracked time per day (or --week, --from DATE --to DATE)',
  stats: 'task projects and task tags count the tasks and time of each; task doctor checks the database',
  diagnostics:
    'task doctor checks the database (integrity, timers left running, orphaned rows); task --version prints the version',
  sync: 'several people share one database file (--db PATH or REGULA_DB); task report merge combines reports exported from separate files',
};

/** What to use instead of a command regula does not have under that name, if it is a known one. */
export function foreignCommandHint(word: string): string | undefined {
  return Object.hasOwn(FOREIGN_COMMANDS, word)
    ? `'${word}' is not a regula command; ${FOREIGN_COMMANDS[word]}`
    : undefined;
}
