import { type MinusTag, type OptionDefinitions, valueTakingFlags } from './command-module.js';

/**
 * The names each command file answers to (names and aliases of its top-level commands), so one
 * invocation loads only its own file (`commands/index.ts` holds the loaders). Written once, not
 * generated: `tests/unit/command-index.test.ts` checks it against what each file defines.
 */
export const COMMAND_NAMES = {
  tasks: [
    'add',
    'log',
    'list',
    'next',
    'show',
    'info',
    'edit',
    'modify',
    'append',
    'prepend',
    'done',
    'comment',
    'annotate',
    'history',
    'undo',
  ],
  timers: ['start', 'pause', 'stop', 'cancel', 'resume', 'status'],
  time: ['time'],
  workflow: ['stec', 'general', 'copy', 'duplicate', 'continue', 'reopen', 'delete', 'restore'],
  review: ['control', 'submit', 'review', 'accept', 'return', 'reply', 'inbox'],
  day: ['day'],
  plan: ['plan'],
  report: ['report', 'summary'],
  interchange: ['import', 'export'],
  find: ['search', 'today', 'week', 'calendar', 'projects', 'tags'],
  templates: ['template'],
  completion: ['completion', '__complete'],
  maintenance: ['backup', 'restore-backup', 'doctor'],
  users: ['user'],
  config: ['config'],
  policy: ['policy'],
  context: ['context'],
  server: ['server'],
} as const satisfies Record<string, readonly string[]>;

export type CommandFile = keyof typeof COMMAND_NAMES;

/** The command file that defines this top-level command word, if any does. */
export function commandFileOf(word: string): CommandFile | undefined {
  for (const [file, names] of Object.entries(COMMAND_NAMES) as [CommandFile, readonly string[]][])
    if (names.includes(word)) return file;
  return undefined;
}

/**
 * The command words (names and aliases) whose definitions say `takesTaskIds`: argv.ts reads the command
 * line with them before any command file is loaded. Written once, checked by the index test.
 */
export const TASK_ID_COMMANDS: ReadonlySet<string> = new Set([
  'modify',
  'edit',
  'done',
  'delete',
  'restore',
  'start',
  'stop',
  'pause',
  'comment',
  'annotate',
  'append',
  'prepend',
  'duplicate',
  'copy',
  'reopen',
  'continue',
]);

/** What `-TAG` is after the command words whose definitions say `minusTag` (checked by the index test). */
export const MINUS_TAG_COMMANDS: Readonly<Record<string, MinusTag>> = {
  list: 'filter',
  next: 'filter',
  edit: { option: 'untag' },
  modify: { option: 'untag' },
};

/** The options of every command, given before or after it. */
export const GLOBAL_OPTIONS = {
  db: {
    kind: 'text',
    value: 'path',
    description:
      'database file, or a team server URL postgres://... (default $XDG_DATA_HOME/regula/regula.db, or REGULA_DB)',
  },
  as: {
    kind: 'text',
    value: 'user',
    description: 'acting user (or REGULA_USER, the config user, the OS user)',
  },
  json: { kind: 'switch', description: 'machine-readable output on stdout' },
  color: { kind: 'off', description: 'no colours (also NO_COLOR)' },
} as const satisfies OptionDefinitions;

/**
 * The value-taking options of `task list`, the command of `task` alone (`task --limit 5` and `task
 * --project Sales` are the list's). Checked against the list's definition by the index test.
 */
export const LIST_VALUE_FLAGS: readonly string[] = [
  '--status',
  '--user',
  '--director',
  '--project',
  '--tag',
  '--exclude-tag',
  '--crm',
  '--priority',
  '--due',
  '--parent',
  '--sort',
  '--limit',
];

/** Options that take a value before the command word: the global ones and the list's. */
export const VALUE_TAKING_FLAGS: ReadonlySet<string> = new Set([
  ...valueTakingFlags(GLOBAL_OPTIONS),
  ...LIST_VALUE_FLAGS,
]);
