import { DURATION_FORMS, formatMinutes, parseDurationMinutes } from './duration.js';
import { UsageError } from './errors.js';

/** Settings that shape how the rules apply; they live in the config file (see docs/commands.md). */
export interface Config {
  /** Acting user when neither --as nor REGULA_USER is given. */
  user: string | null;
  /** Length of the working day the plan is measured against (R34). */
  workdayMinutes: number;
  /** Working days, 0 = Sunday ... 6 = Saturday. */
  workingDays: number[];
  /** R6: what to do with a title that has no project prefix. */
  titleWithoutProject: 'warn' | 'refuse';
  /** R2: co-executors are forbidden unless this is switched on. */
  allowCoExecutors: boolean;
  /** R24: at or below this many minutes spent, continuing a task only moves its deadline. */
  continuationThresholdMinutes: number;
  /** R32: an explanation is required when spent time exceeds the plan by more than this factor. */
  explanationFactor: number;
  /** R20: starting a task timer outside an open working day opens (or resumes) the day. */
  autoStartDay: boolean;
  /** Taskwarrior's contexts: named filters (list filter words) kept for `task context NAME`. */
  contexts: Record<string, string[]>;
  /** The context `task list` applies, or null (`task context none`). */
  context: string | null;
}

/** A context's name: a word, so `task context NAME` never reads as a filter or a subcommand's argument. */
export const CONTEXT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

export const DEFAULT_CONFIG: Config = {
  user: null,
  workdayMinutes: 8 * 60,
  workingDays: [1, 2, 3, 4, 5],
  titleWithoutProject: 'warn',
  allowCoExecutors: false,
  continuationThresholdMinutes: 7,
  explanationFactor: 1.5,
  autoStartDay: true,
  contexts: {},
  context: null,
};

export type ConfigKey = keyof Config;

interface KeySpec<K extends ConfigKey> {
  describe: string;
  /** Reads a value typed on the command line. */
  parse(text: string): Config[K];
  /** Checks a value read back from the config file. */
  accepts(value: unknown): value is Config[K];
  show(value: Config[K]): string;
  /** The values there are to choose from, where there is a short list (offered by completion). */
  choices?: readonly string[];
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const SPECS: { [K in ConfigKey]: KeySpec<K> } = {
  user: {
    describe: 'acting user when --as and REGULA_USER are not given',
    parse: (text) => nonEmpty('user', text),
    accepts: (v): v is string | null => v === null || (typeof v === 'string' && v.trim() !== ''),
    show: (v) => v ?? '',
  },
  workdayMinutes: {
    describe: `working-day length (${DURATION_FORMS})`,
    parse: (text) => {
      const minutes = parseDurationMinutes(text);
      if (minutes === null || minutes === 0 || minutes > 24 * 60) throw new UsageError(`workdayMinutes: "${text}" is not a working-day length; use e.g. 8h or 7h30m (at most 24h)`);
      return minutes;
    },
    accepts: (v): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= 24 * 60,
    show: (v) => formatMinutes(v),
  },
  workingDays: {
    describe: 'working days, e.g. mon,tue,wed,thu,fri',
    parse: (text) => {
      const days = text.toLowerCase().split(',').map((d) => DAY_NAMES.indexOf(d.trim().slice(0, 3)));
      if (days.length === 0 || days.some((d) => d < 0)) throw new UsageError(`workingDays: "${text}" is not a list of days; use e.g. mon,tue,wed,thu,fri`);
      return [...new Set(days)].sort((a, b) => a - b);
    },
    accepts: (v): v is number[] => Array.isArray(v) && v.length > 0 && v.every((d) => Number.isInteger(d) && d >= 0 && d <= 6),
    show: (v) => v.map((d) => DAY_NAMES[d]).join(','),
  },
  titleWithoutProject: {
    describe: 'R6: warn or refuse when a title has no "Project: " prefix',
    parse: (text) => oneOf('titleWithoutProject', text, ['warn', 'refuse'] as const),
    accepts: (v): v is 'warn' | 'refuse' => v === 'warn' || v === 'refuse',
    show: (v) => v,
    choices: ['warn', 'refuse'],
  },
  allowCoExecutors: {
    describe: 'R2: allow co-executors (true/false)',
    parse: (text) => parseBoolean('allowCoExecutors', text),
    accepts: (v): v is boolean => typeof v === 'boolean',
    show: (v) => String(v),

    choices: ['true', 'false'],
  },
  continuationThresholdMinutes: {
    describe: 'R24: minutes spent at or below which continuing only moves the deadline',
    parse: (text) => {
      const minutes = parseDurationMinutes(text);
      if (minutes === null) throw new UsageError(`continuationThresholdMinutes: "${text}" is not a duration; use ${DURATION_FORMS}`);
      return minutes;
    },
    accepts: (v): v is number => Number.isInteger(v) && (v as number) >= 0,
    show: (v) => String(v),
  },
  explanationFactor: {
    describe: 'R32: spent/planned ratio above which a result needs --explanation',
    parse: (text) => {
      const factor = Number(text);
      if (!Number.isFinite(factor) || factor < 1) throw new UsageError(`explanationFactor: "${text}" is not a number of at least 1, e.g. 1.5`);
      return factor;
    },
    accepts: (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 1,
    show: (v) => String(v),
  },
  autoStartDay: {
    describe: 'R20: starting a timer outside an open working day opens it (true/false)',
    parse: (text) => parseBoolean('autoStartDay', text),
    accepts: (v): v is boolean => typeof v === 'boolean',
    show: (v) => String(v),

    choices: ['true', 'false'],
  },
  contexts: {
    describe: 'named list filters (task context define NAME WORDS...)',
    parse: () => {
      throw new UsageError('contexts are defined with: task context define NAME FILTER WORDS... (and removed with task context delete NAME)');
    },
    accepts: (v): v is Record<string, string[]> =>
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.entries(v).every(([name, words]) => CONTEXT_NAME.test(name) && Array.isArray(words) && words.length > 0 && words.every((w) => typeof w === 'string' && w !== '')),
    show: (v) =>
      Object.entries(v)
        .map(([name, words]) => `${name}=${words.join(' ')}`)
        .join(', '),
  },
  context: {
    describe: 'the context task list applies (task context NAME | none)',
    parse: () => {
      throw new UsageError('a context is chosen with: task context NAME (and left with task context none)');
    },
    accepts: (v): v is string | null => v === null || (typeof v === 'string' && CONTEXT_NAME.test(v)),
    show: (v) => v ?? '',
  },
};

export const CONFIG_KEYS = Object.keys(SPECS) as ConfigKey[];

export function isConfigKey(key: string): key is ConfigKey {
  return (CONFIG_KEYS as string[]).includes(key);
}

export function assertConfigKey(key: string): ConfigKey {
  if (!isConfigKey(key)) throw new UsageError(`unknown config key "${key}"; valid keys: ${CONFIG_KEYS.join(', ')}`);
  return key;
}

export function describeConfigKey(key: ConfigKey): string {
  return SPECS[key].describe;
}

export function parseConfigValue<K extends ConfigKey>(key: K, text: string): Config[K] {
  return SPECS[key].parse(text);
}

export function showConfigValue<K extends ConfigKey>(key: K, value: Config[K]): string {
  return SPECS[key].show(value);
}

/** Taskwarrior's `rc.KEY=VALUE` word: a setting for one invocation only. */
export interface ConfigOverride {
  key: string;
  value: string;
}

/**
 * The config with this invocation's `rc.` settings applied, each checked as `config set` checks it;
 * `rc.context=none` (or a context's name) picks the context for this command alone. Nothing is written.
 */
export function withOverrides(config: Config, overrides: readonly ConfigOverride[]): Config {
  const result: Config = { ...config };
  for (const { key, value } of overrides) {
    if (key === 'color') continue; // the terminal's business: colorOverride
    if (key === 'context') {
      result.context = contextOverride(config, value);
      continue;
    }
    if (!isConfigKey(key) || key === 'contexts') throw new UsageError(`rc.${key}: regula has no such setting; valid: ${OVERRIDE_KEYS.join(', ')}`);
    Object.assign(result, { [key]: parseConfigValue(key, value) });
  }
  return result;
}

function contextOverride(config: Config, name: string): string | null {
  if (name === '' || name === 'none') return null;
  if (!Object.hasOwn(config.contexts, name)) {
    const defined = Object.keys(config.contexts);
    throw new UsageError(`rc.context: no context "${name}"; ${defined.length ? `defined: ${defined.join(', ')}` : 'none is defined (task context define NAME WORDS...)'}`);
  }
  return name;
}

/** The keys an `rc.` word can set: every config key but the context definitions, and the terminal's colours. */
export const OVERRIDE_KEYS: readonly string[] = [...CONFIG_KEYS.filter((key) => key !== 'contexts'), 'color'];

/** What an `rc.KEY=` word can say, where there is a short list: the contexts, on/off, a switch's values. */
export function overrideChoices(key: string, config: Config): readonly string[] {
  if (key === 'context') return ['none', ...Object.keys(config.contexts)];
  if (key === 'color') return ['on', 'off'];
  return isConfigKey(key) ? (SPECS[key].choices ?? []) : [];
}

/** `rc.color=off` / `on`: colours for one invocation (null when not given). */
export function colorOverride(overrides: readonly ConfigOverride[]): boolean | null {
  const given = overrides.filter((o) => o.key === 'color').at(-1);
  return given ? parseBoolean('rc.color', given.value) : null;
}

/**
 * Builds the effective config from what the file holds. Unknown keys and invalid values are refused
 * with the file's path, so a hand edit never silently changes how the rules apply.
 */
export function configFromFile(raw: unknown, path: string): Config {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UsageError(`${path}: the config file must hold a JSON object; fix or delete it`);
  }
  const config: Config = { ...DEFAULT_CONFIG };
  for (const [key, value] of Object.entries(raw)) {
    if (!isConfigKey(key)) throw new UsageError(`${path}: unknown config key "${key}"; valid keys: ${CONFIG_KEYS.join(', ')}`);
    const spec = SPECS[key] as KeySpec<typeof key>;
    if (!spec.accepts(value)) throw new UsageError(`${path}: invalid value for "${key}" (${spec.describe}); fix it with: task config set ${key} VALUE`);
    (config as unknown as Record<string, unknown>)[key] = value;
  }
  return config;
}

function nonEmpty(key: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`${key}: the value must not be empty`);
  return text.trim();
}

function oneOf<T extends string>(key: string, text: string, values: readonly T[]): T {
  const value = text.trim().toLowerCase();
  if (!(values as readonly string[]).includes(value)) throw new UsageError(`${key}: "${text}" is not one of ${values.join(', ')}`);
  return value as T;
}

function parseBoolean(key: string, text: string): boolean {
  const value = text.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(value)) return true;
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  throw new UsageError(`${key}: "${text}" is not true or false`);
}
