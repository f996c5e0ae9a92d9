import { UsageError } from '../core/errors.js';
import type { NewTaskDefaults } from '../core/tasks.js';
import { isTagRemoval } from './argv.js';
import { collect, priority } from './flags.js';

/** The `task list` options a Taskwarrior filter word can set. */
export interface FilterTermOptions {
  status?: string[];
  user?: string;
  director?: string;
  project?: string;
  tag?: string[];
  excludeTag?: string[];
  crm?: string;
  priority?: string[];
  due?: string;
  parent?: string;
  limit?: string;
  blocked?: boolean;
  blocking?: boolean;
}

type SingleKey = 'user' | 'director' | 'project' | 'crm' | 'due' | 'parent' | 'limit';
type ListKey = 'status' | 'priority';

/** Attribute names (and Taskwarrior's abbreviations) to the option they set. */
const ATTRIBUTES: Record<string, SingleKey | ListKey> = {
  project: 'project',
  pro: 'project',
  proj: 'project',
  status: 'status',
  priority: 'priority',
  pri: 'priority',
  due: 'due',
  user: 'user',
  responsible: 'user',
  director: 'director',
  parent: 'parent',
  crm: 'crm',
  limit: 'limit',
};
const LIST_KEYS = new Set<string>(['status', 'priority']);

/**
 * Taskwarrior's virtual tags, which its users type out of habit (`task +OVERDUE`): each stands for a
 * filter. Written in capitals, as Taskwarrior writes them; a tag of your own in lower case still works.
 */
const VIRTUAL_TAGS: Record<string, [SingleKey | ListKey, string]> = {
  OVERDUE: ['due', 'overdue'],
  TODAY: ['due', 'today'],
  DUETODAY: ['due', 'today'],
  TOMORROW: ['due', 'tomorrow'],
  WEEK: ['due', 'week'],
  ACTIVE: ['status', 'in_progress'],
  COMPLETED: ['status', 'completed'],
  WAITING: ['status', 'deferred'],
};

/** Virtual tags that are switches of their own: dependencies (Taskwarrior's depends). */
const VIRTUAL_SWITCHES: Record<string, 'blocked' | 'blocking'> = { BLOCKED: 'blocked', BLOCKING: 'blocking' };

/** Every virtual tag, for completion. */
export const VIRTUAL_TAG_NAMES: readonly string[] = [
  ...Object.keys(VIRTUAL_TAGS),
  ...Object.keys(VIRTUAL_SWITCHES),
];

const FORMS =
  'project:NAME, +TAG, -TAG, +OVERDUE/+TODAY/+WEEK/+ACTIVE/+BLOCKED, status:S, priority:H|M|L, due:today|week|overdue|..., user:NAME, director:NAME, parent:ID, crm:KIND:ID, limit:N';

/**
 * Filter words split at Taskwarrior's `or` into alternatives (`and` binds tighter, and may be written or
 * left out): `+calls or project:Ops +urgent` is two alternatives. Parentheses are not read.
 */
export function orGroups(words: readonly string[]): string[][] {
  const groups: string[][] = [[]];
  for (const word of words) {
    if (/^\(|\)$/.test(word))
      throw new UsageError(
        `"${word}": filters here take no parentheses; write each alternative in full with or: project:Ops +urgent or project:Ops +calls`,
      );
    if (/^or$/i.test(word)) groups.push([]);
    else if (!/^and$/i.test(word)) groups.at(-1)!.push(word);
  }
  if (groups.length > 1 && groups.some((group) => group.length === 0))
    throw new UsageError('or joins two filters: +calls or +mail');
  return groups;
}

/**
 * Taskwarrior's filter words on `task list` (`task list project:Sales +office due:today`), merged into the
 * flags: a value given both ways must agree; tags and lists add up.
 */
export function applyFilterTerms<T extends FilterTermOptions>(terms: readonly string[], options: T): T {
  const merged: T = { ...options };
  for (const term of terms) {
    const switchKey =
      term.startsWith('+') && Object.hasOwn(VIRTUAL_SWITCHES, term.slice(1))
        ? VIRTUAL_SWITCHES[term.slice(1)]!
        : undefined;
    if (switchKey) {
      merged[switchKey] = true;
      continue;
    }
    const virtual =
      term.startsWith('+') && Object.hasOwn(VIRTUAL_TAGS, term.slice(1))
        ? VIRTUAL_TAGS[term.slice(1)]
        : undefined;
    if (term.startsWith('+') && term.length > 1 && !virtual) {
      merged.tag = collect(term.slice(1), merged.tag);
      continue;
    }
    const removal = isTagRemoval(term) ? term.slice(1) : /^tags\.hasnt:(.+)$/i.exec(term)?.[1];
    if (removal !== undefined) {
      merged.excludeTag = collect(removal, merged.excludeTag);
      continue;
    }
    const colon = term.indexOf(':');
    const key = virtual?.[0] ?? (colon > 0 ? ATTRIBUTES[term.slice(0, colon).toLowerCase()] : undefined);
    const value = virtual?.[1] ?? term.slice(colon + 1);
    if (key === undefined || value === '') {
      throw new UsageError(`"${term}" is not a filter; use ${FORMS} (to find text: task search ${term})`);
    }
    if (LIST_KEYS.has(key)) {
      const listKey = key as ListKey;
      merged[listKey] = collect(value, merged[listKey]);
      continue;
    }
    const singleKey = key as SingleKey;
    const previous = merged[singleKey];
    if (previous !== undefined && previous !== value)
      throw new UsageError(`${term}: ${singleKey} is already "${previous}"; give it once`);
    merged[singleKey] = value;
  }
  const virtual = merged.excludeTag?.find(
    (tag) => Object.hasOwn(VIRTUAL_TAGS, tag) || Object.hasOwn(VIRTUAL_SWITCHES, tag),
  );
  if (virtual)
    throw new UsageError(
      `-${virtual}: a virtual tag cannot be left out; name what to list instead (--status, --due, +BLOCKING ...)`,
    );
  return merged;
}

/**
 * Taskwarrior's write context: the words of a context that also describe a new task - project:P, +TAG
 * and a single priority - which `task add` files the task under. The others (due:, user:, status:,
 * virtual tags) only filter the list.
 */
export function contextWriteDefaults(words: readonly string[]): NewTaskDefaults {
  const alternatives = orGroups(words).map((group) => applyFilterTerms<FilterTermOptions>(group, {}));
  for (const level of alternatives.flatMap((terms) => terms.priority ?? [])) {
    if (!/^(h|m|l|high|medium|low)$/i.test(level))
      throw new UsageError(`"priority:${level}" is not a priority; use priority:H, M or L`);
  }
  // With alternatives (`+work or +meeting`) there is no one place to file a new task, as in Taskwarrior.
  if (alternatives.length > 1) return {};
  const terms = alternatives[0]!;
  const defaults: NewTaskDefaults = {};
  if (terms.project !== undefined) defaults.project = terms.project;
  if (terms.tag?.length) defaults.tags = terms.tag;
  if (terms.priority?.length === 1) defaults.priority = priority(terms.priority[0]!);
  return defaults;
}

/** The words of the write defaults, as the context gave them: project:Work +office priority:high. */
export function describeDefaults(defaults: NewTaskDefaults): string[] {
  return [
    ...(defaults.project !== undefined ? [`project:${defaults.project}`] : []),
    ...(defaults.tags ?? []).map((t) => `+${t}`),
    ...(defaults.priority !== undefined ? [`priority:${defaults.priority}`] : []),
  ];
}

/** The `task add` options an attribute word can set. */
export interface AddWordOptions {
  project?: string;
  deadline?: string;
  priority?: string;
  plan?: string;
  tag?: string[];
  /** Task ids, as given (`depends:12,13`; `depends:-12` removes one in modify). */
  depends?: string[];
  /** The day whose plan the task goes into (`scheduled:fri`). */
  scheduled?: string;
}

const ADD_ATTRIBUTES: Record<string, 'project' | 'deadline' | 'priority' | 'plan' | 'depends' | 'scheduled'> =
  {
    project: 'project',
    pro: 'project',
    proj: 'project',
    due: 'deadline',
    deadline: 'deadline',
    priority: 'priority',
    pri: 'priority',
    plan: 'plan',
    estimate: 'plan',
    depends: 'depends',
    dep: 'depends',
    scheduled: 'scheduled',
    sched: 'scheduled',
  };

/** Taskwarrior attributes regula has another way to express: the word is refused with that way, not left in the title. */
const OTHER_WAY: Record<string, string> = {
  recur:
    'regula makes recurring tasks from templates (R19): task template add "TITLE" --every day|weekday|mon,wed|month:15|7d',
  wait: 'to put a task off to a later day, plan it for that day with scheduled:DATE (or give it due:DATE)',
  until:
    'tasks do not expire in regula (R0: nothing is lost); give it a deadline with due:DATE, or delete it when it is no longer wanted',
};

/**
 * Taskwarrior's attribute words in `task add Call Ivan project:Sales due:tomorrow +phone pri:H depends:12`: each word
 * that is a known attribute (or +TAG) sets that option; every other word is the title. A title given as
 * one quoted argument is never split, so it can hold such words literally.
 */
export function splitAddWords<T extends AddWordOptions>(
  words: readonly string[],
  options: T,
  how: { alwaysSplit?: boolean } = {},
): { title: string[]; options: T } {
  // `task add due:fri` alone is a (strange) title; `task 12 modify due:fri` is a change.
  if (words.length < 2 && !how.alwaysSplit) return { title: [...words], options };
  const merged: T = { ...options };
  const title: string[] = [];
  for (const word of words) {
    if (/^\+\p{L}[^\s+]*$/u.test(word)) {
      merged.tag = collect(word.slice(1), merged.tag);
      continue;
    }
    const match = /^([a-z]+):(\S+)$/i.exec(word);
    const otherWay =
      match && Object.hasOwn(OTHER_WAY, match[1]!.toLowerCase())
        ? OTHER_WAY[match[1]!.toLowerCase()]
        : undefined;
    if (otherWay)
      throw new UsageError(`${word}: ${otherWay} (a title with this word: put the title in quotes)`);
    const key = match ? ADD_ATTRIBUTES[match[1]!.toLowerCase()] : undefined;
    if (!match || !key) {
      title.push(word);
      continue;
    }
    if (key === 'depends') {
      merged.depends = collect(match[2]!, merged.depends);
      continue;
    }
    const previous = merged[key];
    if (previous !== undefined && previous !== match[2])
      throw new UsageError(`${word}: ${key} is already "${previous}"; give it once`);
    merged[key] = match[2];
  }
  return { title, options: merged };
}
