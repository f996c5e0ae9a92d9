import { type Config, OVERRIDE_KEYS, overrideChoices } from '../core/config.js';
import { formatLocalDateTime } from '../core/local-time.js';
import { POLICY_KEYS, policyChoices } from '../core/policy.js';
import { TASK_STATUSES } from '../core/status.js';
import { PRIORITIES, type Task, type TimeEntry } from '../core/types.js';
import { isTaskIdList, TASKWARRIOR_REPORTS } from './argv.js';
import type { CommandShape, OptionShape } from './command-tree.js';
import { VIRTUAL_TAG_NAMES } from './taskwarrior-words.js';
import type { Candidate } from '../format/completion-view.js';

/**
 * What `task __complete WORDS...` offers for the last word (the one being completed), walking the
 * program's commands as data. The names it offers from the database come through `sources`, read only
 * when that word needs them.
 */

/** What the candidates are read from (the database through core, the person's config). */
export interface CompletionSources {
  config(): Config;
  projects(): Promise<string[]>;
  tags(): Promise<string[]>;
  users(): Promise<string[]>;
  openTasks(): Promise<Task[]>;
  recentEntries(): Promise<TimeEntry[]>;
}

/** Where the words before the current one lead: the commands walked, and the positional words after the last. */
interface Position {
  readonly program: CommandShape;
  readonly target: CommandShape;
  readonly parent: CommandShape | undefined;
  readonly positionals: number;
  readonly before: readonly string[];
  readonly current: string;
}

const ID_ARGUMENTS = new Set(['id', 'ids']);
const ATTRIBUTE_COMMANDS = new Set(['add', 'edit', 'log']);

export async function completionCandidates(
  program: CommandShape,
  words: readonly string[],
  sources: CompletionSources,
): Promise<Candidate[]> {
  const current = words.at(-1) ?? '';
  // Taskwarrior's one-off settings (`task rc.context=none list ...`) stand anywhere and name no command.
  const before = words.slice(0, -1).filter((word) => !/^rc\./.test(word));
  if (/^rc\./.test(current)) return plain(settingWords(sources.config(), current));
  const at = position(program, before, current);
  const { target } = at;
  // `task 12 <TAB>`, `task 12-14 <TAB>`: Taskwarrior's order - the commands that take a task id.
  if (target === program && before.length > 0 && before.every(isTaskIdList))
    return idCommands(program, current);
  // `task list +<TAB>`, `task list project:<TAB>`: Taskwarrior's filter words.
  if (target.name === 'list' && (current.startsWith('+') || current.toLowerCase().startsWith('project:')))
    return plain(await filterWords(sources, current));
  // `task add Call Ivan pro<TAB>`, `task 12 modify due:<TAB>`: Taskwarrior's attribute words.
  if (
    ATTRIBUTE_COMMANDS.has(target.name) &&
    /^[a-z]+(:.*)?$/i.test(current) &&
    (current.includes(':') || current.length >= 2)
  ) {
    const attributes = await attributeWords(sources, current);
    if (attributes.length) return plain(attributes);
  }
  return (await optionWords(at, sources)) ?? commandWords(at, sources);
}

function position(program: CommandShape, before: readonly string[], current: string): Position {
  let target = program;
  let parent: CommandShape | undefined;
  let positionals = 0;
  // `task 12 modify due:<TAB>` completes as `task modify 12 due:<TAB>` (Taskwarrior's order).
  const idFirst = before.length >= 2 && isTaskIdList(before[0]!) && !before[1]!.startsWith('-');
  for (const word of idFirst ? [before[1]!, before[0]!, ...before.slice(2)] : before) {
    const sub =
      target.commands.find((c) => c.name === word || c.aliases.includes(word)) ??
      (target === program ? reportCommand(program, word) : undefined);
    if (sub && positionals === 0) {
      parent = target;
      target = sub;
    } else if (!word.startsWith('-')) positionals += 1;
  }
  return { program, target, parent, positionals, before, current };
}

/** The command a Taskwarrior report name stands for (`task overdue +<TAB>` completes as the list). */
function reportCommand(program: CommandShape, word: string): CommandShape | undefined {
  const words = Object.hasOwn(TASKWARRIOR_REPORTS, word) ? TASKWARRIOR_REPORTS[word]! : undefined;
  return words?.[0] === 'list' ? program.commands.find((c) => c.name === 'list') : undefined;
}

function plain(words: readonly string[]): Candidate[] {
  return words.map((word) => ({ word }));
}

function described(commands: readonly CommandShape[]): Candidate[] {
  return commands.map((c) => ({ word: c.name, note: c.summary }));
}

/** `rc.w<TAB>` -> `rc.workdayMinutes=`; `rc.context=<TAB>` -> the contexts and none; switches -> their values. */
function settingWords(config: Config, current: string): string[] {
  const setting = /^rc\.([^=:]*)([=:])/.exec(current);
  if (!setting) return OVERRIDE_KEYS.map((key) => `rc.${key}=`).filter((word) => word.startsWith(current));
  const [, key, sign] = setting;
  return overrideChoices(key!, config)
    .map((value) => `rc.${key}${sign}${value}`)
    .filter((word) => word.startsWith(current));
}

function idCommands(program: CommandShape, current: string): Candidate[] {
  return program.commands
    .filter((c) => ID_ARGUMENTS.has(c.arguments[0]?.name ?? ''))
    .flatMap((c) =>
      [c.name, ...c.aliases]
        .filter((name) => name.startsWith(current))
        .map((name) => ({ word: name, note: c.summary })),
    );
}

async function filterWords(sources: CompletionSources, current: string): Promise<string[]> {
  const words = current.startsWith('+')
    ? [...(await sources.tags()), ...VIRTUAL_TAG_NAMES].map((t) => `+${t}`)
    : (await sources.projects()).map((p) => `project:${p}`);
  const lower = current.toLocaleLowerCase();
  return words.filter((w) => w.toLocaleLowerCase().startsWith(lower));
}

const ATTRIBUTE_WORDS = ['project:', 'due:', 'priority:', 'plan:', 'depends:', 'scheduled:'];
const DAY_WORDS = [
  'today',
  'tomorrow',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
  'eow',
  'eom',
  'none',
];

/** Attribute names, then their values: projects, days, priorities. */
async function attributeWords(sources: CompletionSources, current: string): Promise<string[]> {
  const lower = current.toLocaleLowerCase();
  const colon = current.indexOf(':');
  if (colon < 0) return ATTRIBUTE_WORDS.filter((w) => w.startsWith(lower));
  const key = lower.slice(0, colon);
  let values: string[] = [];
  if (key === 'project' || key === 'pro') values = await sources.projects();
  else if (key === 'due' || key === 'scheduled' || key === 'sched') values = DAY_WORDS;
  else if (key === 'priority' || key === 'pri') values = ['H', 'M', 'L'];
  const prefix = current.slice(0, colon + 1);
  return values.map((v) => `${prefix}${v}`).filter((w) => w.toLocaleLowerCase().startsWith(lower));
}

/** The value of the option just typed (`--project <TAB>`), or the options (`--<TAB>`); undefined when neither. */
async function optionWords(at: Position, sources: CompletionSources): Promise<Candidate[] | undefined> {
  const { before, current } = at;
  const previous = before.at(-1);
  const options = uniqueByName([...at.target.options, ...at.program.options]);
  const valueOption = previous?.startsWith('--')
    ? options.find((o) => o.long === previous && o.takesValue)
    : undefined;
  if (valueOption) return plain(await optionValues(valueOption, sources, current));
  if (current.startsWith('-'))
    return options
      .filter((o) => o.long.startsWith(current))
      .map((o) => ({ word: o.long, note: o.description }));
  return undefined;
}

/** Before any command the target is the program itself: its options are listed once. */
function uniqueByName<T extends { long: string }>(options: readonly T[]): T[] {
  const seen = new Set<string>();
  return options.filter((o) => !seen.has(o.long) && seen.add(o.long));
}

const TAG_FLAGS = new Set(['--tag', '--untag', '--exclude-tag']);
const USER_FLAGS = new Set([
  '--user',
  '--director',
  '--responsible',
  '--as',
  '--observer',
  '--manager',
  '--coexecutor',
]);
const FIXED_VALUES: Readonly<Record<string, readonly string[]>> = {
  '--priority': PRIORITIES,
  '--due': ['today', 'tomorrow', 'overdue', 'week', 'none'],
  '--status': TASK_STATUSES,
  '--mark': ['positive', 'negative'],
};

async function optionValues(
  option: OptionShape,
  sources: CompletionSources,
  current: string,
): Promise<string[]> {
  const name = option.long;
  let values: readonly string[] = FIXED_VALUES[name] ?? option.choices ?? [];
  if (name === '--project') values = await sources.projects();
  else if (TAG_FLAGS.has(name)) values = await sources.tags();
  else if (USER_FLAGS.has(name)) values = await sources.users();
  const lower = current.toLocaleLowerCase();
  return values.filter((v) => v.toLocaleLowerCase().startsWith(lower));
}

/** Subcommands, report names, contexts, policy keys, entries, task ids: what the word stands for there. */
async function commandWords(at: Position, sources: CompletionSources): Promise<Candidate[]> {
  const { program, target, parent, positionals, before, current } = at;
  const subcommands = target.commands.filter((c) => !c.hidden && c.name.startsWith(current));
  // `task context <TAB>`, `task context delete <TAB>`: the contexts defined (kept in the config).
  const contextNames = () =>
    plain(Object.keys(sources.config().contexts).filter((name) => name.startsWith(current)));
  if (target.name === 'context' && positionals === 0) return [...described(subcommands), ...contextNames()];
  if (target.name === 'delete' && parent?.name === 'context' && positionals === 0) return contextNames();
  if (target === program && positionals === 0) return [...described(subcommands), ...reportNames(current)];
  if (subcommands.length && positionals === 0) return described(subcommands);
  const last = target.arguments.at(-1);
  const argument = target.arguments[positionals] ?? (last?.variadic ? last : undefined);
  // `task policy set <TAB>`, `task policy set allowCoExecutors <TAB>`, `task policy history <TAB>` (R39).
  if (parent?.name === 'policy' && (argument?.name === 'key' || argument?.name === 'value')) {
    const words = argument.name === 'key' ? POLICY_KEYS : policyChoices(before.at(-1) ?? '');
    return plain(words.filter((word) => word.startsWith(current)));
  }
  if (argument?.name === 'entry')
    return (await sources.recentEntries())
      .map((e) => ({ word: String(e.id), note: `task ${e.taskId}, ${formatLocalDateTime(e.startAt)}` }))
      .filter((c) => c.word.startsWith(current));
  if (argument && ID_ARGUMENTS.has(argument.name))
    return (await sources.openTasks())
      .map((t) => ({ word: String(t.id), note: t.title.replace(/\s+/g, ' ') }))
      .filter((c) => c.word.startsWith(current));
  return [];
}

/** Taskwarrior's report names; its helpers for scripts (_ids, _projects) only once a _ is typed. */
function reportNames(current: string): Candidate[] {
  return Object.entries(TASKWARRIOR_REPORTS)
    .filter(([name]) => name.startsWith(current) && (current.startsWith('_') || !name.startsWith('_')))
    .map(([name, words]) => ({ word: name, note: `Taskwarrior's report: task ${words.join(' ')}` }));
}
