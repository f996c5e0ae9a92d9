import type { ConfigOverride } from '../core/config.js';
import { MINUS_TAG_COMMANDS, TASK_ID_COMMANDS, VALUE_TAKING_FLAGS } from './command-index.js';
import { optionFlag } from './command-module.js';

/** Options that take a value: their value is never the command word (`task --limit 5` is the list's). */
const OPTIONS_WITH_VALUE = VALUE_TAKING_FLAGS;

/** A task id or a list of them as Taskwarrior writes it: `12`, `#12`, `12,13`, `12-15` (see flags.taskIds). */
const TASK_IDS = /^#?\d+(-#?\d+)?(,#?\d+(-#?\d+)?)*$/;

/** Whether a word is a task id or a list of them (`12`, `12,13`, `12-15`). */
export function isTaskIdList(word: string): boolean {
  return TASK_IDS.test(word.trim());
}

/** A word that reads as a Taskwarrior filter: `project:Sales`, `+office` (see taskwarrior-words.ts). */
const FILTER_TERM = /^(\+[^\s+]|[a-z]+:.)/i;

/** A filter word, or Taskwarrior's `and` / `or` between filter words. */
const isFilterWord = (word: string) => FILTER_TERM.test(word) || /^(and|or)$/i.test(word);

function commandIndex(args: readonly string[]): number {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) return i;
  }
  return -1;
}

/** The command word of an invocation: the first argument that is neither a global option nor its value. */
export function commandWord(args: readonly string[]): string | undefined {
  const index = commandIndex(args);
  return index < 0 ? undefined : args[index];
}

/**
 * Taskwarrior's named reports, which its users type by habit (`task overdue`, `task active`, `task all`):
 * each is regula's list with that filter, so the words after it narrow it further.
 */
export const TASKWARRIOR_REPORTS: Readonly<Record<string, readonly string[]>> = {
  active: ['list', '+ACTIVE'],
  all: ['list', '--all'],
  blocked: ['list', '+BLOCKED'],
  blocking: ['list', '+BLOCKING'],
  completed: ['list', '--status', 'completed'],
  count: ['list', '--count'],
  long: ['list'],
  ls: ['list'],
  minimal: ['list'],
  newest: ['list', '--sort', 'newest'],
  oldest: ['list', '--sort', 'created'],
  overdue: ['list', '+OVERDUE'],
  recurring: ['template', 'list'],
  waiting: ['list', '--status', 'deferred'],
  ids: ['list', '--ids'],
  _ids: ['list', '--one-id-per-line'],
  _projects: ['projects', '--names'],
  _tags: ['tags', '--names'],
};

/** Taskwarrior's `-TAG`: leave out (in a filter) or take off (in modify) a tag. Two letters at least, so -h and -i stay flags. */
export function isTagRemoval(word: string): boolean {
  return /^-\p{L}[^\s+,]+$/u.test(word);
}

/**
 * `task list -personal` is `task list tags.hasnt:personal` (Taskwarrior's own form of the word, which
 * commander reads as a filter word, not an option; it stays where it was written, in its `or`
 * alternative); `task 12 modify -urgent` is `--untag urgent`, the flags right after the command word,
 * wherever the words were - so commander does not take `-urgent` for an unknown option. Which commands
 * do which: their definitions' `minusTag`, through MINUS_TAG_COMMANDS.
 */
function tagRemovals(args: string[]): string[] {
  const index = commandIndex(args);
  if (index < 0) return args;
  const minusTag = Object.hasOwn(MINUS_TAG_COMMANDS, args[index]!)
    ? MINUS_TAG_COMMANDS[args[index]!]
    : undefined;
  if (minusTag === undefined) return args;
  const asFilter = minusTag === 'filter';
  const removal = minusTag === 'filter' ? undefined : optionFlag(minusTag.option);
  const kept: string[] = [];
  const moved: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (OPTIONS_WITH_VALUE.has(arg) && i + 1 < args.length) kept.push(arg, args[++i]!);
    else if (!isTagRemoval(arg)) kept.push(arg);
    else if (!asFilter) moved.push(removal!, arg.slice(1));
    // A filter word written before the command goes right after it; one after it stays in its place.
    else (i < index ? moved : kept).push(`tags.hasnt:${arg.slice(1)}`);
  }
  const command = commandIndex(kept);
  return [...kept.slice(0, command + 1), ...moved, ...kept.slice(command + 1)];
}

/**
 * Taskwarrior's `task +urgent modify pri:H` - filter words, then a command that changes tasks - changes
 * every task the filter matches. regula changes tasks named by id (all of them or none), so such a line
 * is answered with how to do it; this finds it (the commands: their definitions' `takesTaskIds`).
 */
export function filterBeforeCommand(
  args: readonly string[],
): { terms: string[]; command: string } | undefined {
  const index = commandIndex(args);
  if (index < 0 || !FILTER_TERM.test(args[index]!)) return undefined;
  let end = index;
  while (end < args.length && (isFilterWord(args[end]!) || isTagRemoval(args[end]!))) end++;
  const command = args[end];
  return command !== undefined && TASK_ID_COMMANDS.has(command)
    ? { terms: args.slice(index, end), command }
    : undefined;
}

/** Flags that answer without a command (`task --help`, `task -V`). */
const ANSWERING_FLAGS = new Set(['-h', '--help', '-V', '--version']);

/**
 * Taskwarrior's habits, for people who switch from it: `task` (with or without options) is
 * `task list`; `task 12 done --result ...` is `task done 12 ...`; `task 12` alone is `task show 12`;
 * several ids (`task 12 13 done`, `task 12-15 delete`) become one list `done 12,13`; filter words
 * before the command (`task +office list`, `task project:Sales`) filter the list; a named report
 * (`task overdue`, `task project:Sales active`) is the list with its filter. Anything else is left as it is.
 */
export function taskwarriorOrder(args: readonly string[]): string[] {
  return tagRemovals(arrange(args));
}

function arrange(args: readonly string[]): string[] {
  const result = [...args];
  const index = commandIndex(result);
  // Global options also work after the command, so `task --all` and `task --json` are the list's.
  if (index < 0) return result.some((arg) => ANSWERING_FLAGS.has(arg)) ? result : ['list', ...result];
  // Taskwarrior's `task version`.
  if (result[index] === 'version' && index === result.length - 1)
    return [...result.slice(0, index), '--version'];
  if (result[index] === 'config') return configShorthand(result, index);
  if (FILTER_TERM.test(result[index]!)) return filterFirst(result, index);
  if (Object.hasOwn(TASKWARRIOR_REPORTS, result[index]!))
    return [...result.slice(0, index), ...TASKWARRIOR_REPORTS[result[index]!]!, ...result.slice(index + 1)];
  if (!isTaskIdList(result[index]!)) return result;
  let end = index;
  while (end < result.length && isTaskIdList(result[end]!)) end++;
  const ids = result.slice(index, end).join(',');
  const next = result[end];
  const command = next !== undefined && !next.startsWith('-') ? next : undefined;
  const rest = result.slice(command === undefined ? end : end + 1);
  return [...result.slice(0, index), command ?? 'show', ids, ...rest];
}

const CONFIG_VERBS = new Set(['list', 'get', 'set', 'unset', 'help']);

/**
 * Taskwarrior's `task config NAME VALUE` is `config set NAME VALUE`; `task config NAME` shows the value
 * (Taskwarrior would remove it - here removing is always said: config unset); `task config` lists them.
 */
function configShorthand(args: string[], index: number): string[] {
  const words = args.slice(index + 1).filter((a) => !a.startsWith('-'));
  if (words.length === 0 && !args.slice(index + 1).some((a) => a === '-h' || a === '--help'))
    return [...args, 'list'];
  const key = args[index + 1];
  if (key === undefined || key.startsWith('-') || CONFIG_VERBS.has(key)) return args;
  return [...args.slice(0, index + 1), words.length >= 2 ? 'set' : 'get', ...args.slice(index + 1)];
}

/** `task project:Sales +office list` and `task project:Sales` are `task list project:Sales +office`. */
function filterFirst(args: string[], index: number): string[] {
  let end = index;
  while (end < args.length && (isFilterWord(args[end]!) || isTagRemoval(args[end]!))) end++;
  const terms = args.slice(index, end);
  const rest = args.slice(end);
  if (rest[0] === 'list' || rest[0] === 'next')
    return [...args.slice(0, index), 'list', ...terms, ...rest.slice(1)];
  const report =
    rest[0] !== undefined && Object.hasOwn(TASKWARRIOR_REPORTS, rest[0])
      ? TASKWARRIOR_REPORTS[rest[0]]!
      : undefined;
  if (report?.[0] === 'list') return [...args.slice(0, index), ...report, ...terms, ...rest.slice(1)];
  return [...args.slice(0, index), 'list', ...terms, ...rest];
}

/**
 * Commander's "error: unknown command 'strat'\n(Did you mean start?)" as one line in our form; a missing
 * task id says how the command is written.
 */
export function commanderMessage(text: string, command?: string): string {
  const line = text
    .trim()
    .replace(/^error:\s*/, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\(Did you mean/g, '(did you mean');
  if (command !== undefined && /^missing required argument 'ids?'$/.test(line))
    return `missing the task id: task ${command} ID (the number task list shows)`;
  const option = /^required option '(--[\w-]+) <([^>]+)>' not specified$/.exec(line);
  if (option) {
    const [flag, value, where] = [option[1]!, option[2]!, command ?? 'COMMAND'];
    return `${flag} is required: task ${where} ... ${flag} ${value.toUpperCase()} (task ${where} --help shows every flag)`;
  }
  return line;
}

const CONFIG_OVERRIDE = /^rc\.([A-Za-z][\w.]*)[=:](.*)$/s;

/** Taskwarrior's `rc.KEY=VALUE` (or `rc.KEY:VALUE`) words, anywhere before `--`: settings for this invocation. */
export function splitConfigOverrides(args: readonly string[]): {
  args: string[];
  overrides: ConfigOverride[];
} {
  const end = args.indexOf('--');
  const head = end === -1 ? args : args.slice(0, end);
  const overrides: ConfigOverride[] = [];
  const rest: string[] = [];
  for (const word of head) {
    const match = CONFIG_OVERRIDE.exec(word);
    if (match) overrides.push({ key: match[1]!, value: match[2]! });
    else rest.push(word);
  }
  return { args: end === -1 ? rest : [...rest, ...args.slice(end)], overrides };
}
