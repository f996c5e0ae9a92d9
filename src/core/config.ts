import { UsageError } from './errors.js';
import { acceptsPolicyValue, isPolicyKey, policyKeyRefusal, type Policy } from './policy.js';
import { nonEmpty, parseBoolean, type SettingSpec } from './setting-spec.js';

/**
 * A person's preferences, kept in their config file (see docs/commands.md). What the rules allow is
 * company policy (policy.ts, R39): it lives in the database, and a config file cannot change it.
 */
export interface Config {
  /** Acting user when neither --as nor REGULA_USER is given. */
  user: string | null;
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
  autoStartDay: true,
  contexts: {},
  context: null,
};

export type ConfigKey = keyof Config;

const SPECS: { [K in ConfigKey]: SettingSpec<Config[K]> } = {
  user: {
    describe: 'acting user when --as and REGULA_USER are not given',
    parse: (text) => nonEmpty('user', text),
    accepts: (v): v is string | null => v === null || (typeof v === 'string' && v.trim() !== ''),
    show: (v) => v ?? '',
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
      throw new UsageError(
        'contexts are defined with: task context define NAME FILTER WORDS... (and removed with task context delete NAME)',
      );
    },
    accepts: (v): v is Record<string, string[]> =>
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.entries(v).every(
        ([name, words]) =>
          CONTEXT_NAME.test(name) &&
          Array.isArray(words) &&
          words.length > 0 &&
          words.every((w) => typeof w === 'string' && w !== ''),
      ),
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
  if (!isConfigKey(key))
    throw new UsageError(
      `unknown config key "${key}"; valid keys: ${CONFIG_KEYS.join(', ')} (company policy: task policy)`,
    );
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
    if (isPolicyKey(key)) throw policyKeyRefusal(key, `rc.${key}`);
    if (!isConfigKey(key) || key === 'contexts')
      throw new UsageError(`rc.${key}: regula has no such setting; valid: ${OVERRIDE_KEYS.join(', ')}`);
    Object.assign(result, { [key]: parseConfigValue(key, value) });
  }
  return result;
}

function contextOverride(config: Config, name: string): string | null {
  if (name === '' || name === 'none') return null;
  if (!Object.hasOwn(config.contexts, name)) {
    const defined = Object.keys(config.contexts);
    throw new UsageError(
      `rc.context: no context "${name}"; ${defined.length ? `defined: ${defined.join(', ')}` : 'none is defined (task context define NAME WORDS...)'}`,
    );
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

/** What a config file holds: the person's preferences, and company policy keys from before R39 moved them out. */
export interface ConfigFileContents {
  config: Config;
  /** Policy keys the file still sets: read once as a new database's starting policy, then only warned about. */
  policy: Partial<Policy>;
}

/**
 * Builds the effective config from what the file holds. Unknown keys and invalid values are refused
 * with the file's path, so a hand edit never silently changes how the rules apply.
 */
export function configFromFile(raw: unknown, path: string): ConfigFileContents {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UsageError(`${path}: the config file must hold a JSON object; fix or delete it`);
  }
  const config: Config = { ...DEFAULT_CONFIG };
  const policy: Partial<Policy> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (isPolicyKey(key)) {
      if (!acceptsPolicyValue(key, value))
        throw new UsageError(
          `${path}: invalid value for "${key}", which is company policy now (task policy); remove it from the file: task config unset ${key}`,
        );
      Object.assign(policy, { [key]: value });
      continue;
    }
    if (!isConfigKey(key))
      throw new UsageError(`${path}: unknown config key "${key}"; valid keys: ${CONFIG_KEYS.join(', ')}`);
    const spec = SPECS[key] as SettingSpec<Config[typeof key]>;
    if (!spec.accepts(value))
      throw new UsageError(
        `${path}: invalid value for "${key}" (${spec.describe}); fix it with: task config set ${key} VALUE`,
      );
    (config as unknown as Record<string, unknown>)[key] = value;
  }
  return { config, policy };
}
