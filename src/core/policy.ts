import { DURATION_FORMS, formatMinutes, parseDurationMinutes } from './duration.js';
import { RuleError, UsageError } from './errors.js';
import { checkMayChangePolicy } from './rules/policy.js';
import { oneOf, parseBoolean, type SettingSpec } from './setting-spec.js';
import type { Store } from './store.js';
import type { User } from './types.js';

/**
 * R39: the company settings that change what the regulations allow. They live in the shared database,
 * the same for everyone, and only an administrator changes them (with a reason, kept in their history).
 */
export interface Policy {
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
}

export type PolicyKey = keyof Policy;

export const DEFAULT_POLICY: Readonly<Policy> = {
  workdayMinutes: 8 * 60,
  workingDays: [1, 2, 3, 4, 5],
  titleWithoutProject: 'warn',
  allowCoExecutors: false,
  continuationThresholdMinutes: 7,
  explanationFactor: 1.5,
};

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const SPECS: { [K in PolicyKey]: SettingSpec<Policy[K]> } = {
  workdayMinutes: {
    describe: `working-day length (${DURATION_FORMS})`,
    parse: (text) => {
      const minutes = parseDurationMinutes(text);
      if (minutes === null || minutes === 0 || minutes > 24 * 60)
        throw new UsageError(
          `workdayMinutes: "${text}" is not a working-day length; use e.g. 8h or 7h30m (at most 24h)`,
        );
      return minutes;
    },
    accepts: (v): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= 24 * 60,
    show: (v) => formatMinutes(v),
  },
  workingDays: {
    describe: 'working days, e.g. mon,tue,wed,thu,fri',
    parse: (text) => {
      const days = text
        .toLowerCase()
        .split(',')
        .map((d) => DAY_NAMES.indexOf(d.trim().slice(0, 3)));
      if (days.length === 0 || days.some((d) => d < 0))
        throw new UsageError(`workingDays: "${text}" is not a list of days; use e.g. mon,tue,wed,thu,fri`);
      return [...new Set(days)].sort((a, b) => a - b);
    },
    accepts: (v): v is number[] =>
      Array.isArray(v) && v.length > 0 && v.every((d) => Number.isInteger(d) && d >= 0 && d <= 6),
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
      if (minutes === null)
        throw new UsageError(
          `continuationThresholdMinutes: "${text}" is not a duration; use ${DURATION_FORMS}`,
        );
      return minutes;
    },
    accepts: (v): v is number => Number.isInteger(v) && (v as number) >= 0,
    show: (v) => String(v),
  },
  explanationFactor: {
    describe: 'R32: spent/planned ratio above which a result needs --explanation',
    parse: (text) => {
      const factor = Number(text);
      if (!Number.isFinite(factor) || factor < 1)
        throw new UsageError(`explanationFactor: "${text}" is not a number of at least 1, e.g. 1.5`);
      return factor;
    },
    accepts: (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 1,
    show: (v) => String(v),
  },
};

export const POLICY_KEYS = Object.keys(SPECS) as PolicyKey[];

export function isPolicyKey(key: string): key is PolicyKey {
  return (POLICY_KEYS as string[]).includes(key);
}

export function assertPolicyKey(key: string): PolicyKey {
  if (!isPolicyKey(key))
    throw new UsageError(`unknown policy key "${key}"; company policy keys: ${POLICY_KEYS.join(', ')}`);
  return key;
}

export function describePolicyKey(key: PolicyKey): string {
  return SPECS[key].describe;
}

export function parsePolicyValue<K extends PolicyKey>(key: K, text: string): Policy[K] {
  return SPECS[key].parse(text);
}

export function showPolicyValue<K extends PolicyKey>(key: K, value: Policy[K]): string {
  return SPECS[key].show(value);
}

export function acceptsPolicyValue<K extends PolicyKey>(key: K, value: unknown): value is Policy[K] {
  return SPECS[key].accepts(value);
}

/** The values there are to choose from (completion), where there is a short list. */
export function policyChoices(key: string): readonly string[] {
  return isPolicyKey(key) ? (SPECS[key].choices ?? []) : [];
}

/** How a company policy key is changed, for the refusals of the places that used to change it (R39). */
export function howToChangePolicy(key: PolicyKey): string {
  return `an administrator changes it for everyone with: task policy set ${key} VALUE --reason TEXT (task policy shows it)`;
}

/** R39: a person's own settings (`rc.KEY=`, `task config set`) cannot change company policy. */
export function policyKeyRefusal(key: PolicyKey, where: string): RuleError {
  return new RuleError(
    'R39',
    `${where}: ${key} is company policy, kept in the database, not a personal setting; ${howToChangePolicy(key)}`,
  );
}

/** The policy the database holds, each key checked; a value that does not read is left at its default and named. */
export function readPolicy(stored: Readonly<Record<string, string>>): {
  policy: Policy;
  unreadable: PolicyKey[];
} {
  const policy: Policy = { ...DEFAULT_POLICY, workingDays: [...DEFAULT_POLICY.workingDays] };
  const unreadable: PolicyKey[] = [];
  for (const key of POLICY_KEYS) {
    const text = stored[key];
    if (text === undefined) continue;
    const value = parseStored(text);
    if (acceptsPolicyValue(key, value)) (policy as unknown as Record<string, unknown>)[key] = value;
    else unreadable.push(key);
  }
  return { policy, unreadable };
}

/** The company policy: one small query. */
export function loadPolicy(store: Store): Policy {
  return readPolicy(store.policyValues()).policy;
}

function parseStored(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Who does what with the policy: the store, the acting person, the clock. */
export interface PolicyActor {
  store: Store;
  actor: User;
  now: Date;
}

/** One key as `task policy` lists it. */
export interface PolicyEntry {
  key: PolicyKey;
  value: Policy[PolicyKey];
  /** The value as a person writes it (8h, mon,tue,...). */
  shown: string;
  isDefault: boolean;
  describe: string;
  /** Null while the key has never been set. */
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** `task policy`: every key with its value, default or who set it when. */
export function policyEntries({ store }: { store: Store }): PolicyEntry[] {
  const records = store.read(() => store.policyRecords());
  const { policy } = readPolicy(Object.fromEntries(records.map((r) => [r.key, r.value])));
  const byKey = new Map(records.map((r) => [r.key, r]));
  return POLICY_KEYS.map((key) => {
    const record = byKey.get(key);
    return {
      key,
      value: policy[key],
      shown: showPolicyValue(key, policy[key] as never),
      isDefault: JSON.stringify(policy[key]) === JSON.stringify(DEFAULT_POLICY[key]),
      describe: describePolicyKey(key),
      updatedAt: record?.updatedAt ?? null,
      updatedBy: record?.updatedBy ?? null,
    };
  });
}

export interface PolicyChangeOutcome {
  key: PolicyKey;
  previous: Policy[PolicyKey];
  value: Policy[PolicyKey];
  /** False when the key already had this value: nothing was written. */
  changed: boolean;
}

/** `task policy set KEY VALUE --reason TEXT` (R39): administrators only; the change and its reason go into the history. */
export function setPolicy(
  ctx: PolicyActor,
  key: string,
  valueText: string,
  reason: string | undefined,
): PolicyChangeOutcome {
  const name = assertPolicyKey(key);
  const { store, actor, now } = ctx;
  return store.write(() => {
    checkMayChangePolicy(actor, store.listUsers());
    const why = reason?.trim() ?? '';
    if (why === '')
      throw new UsageError(
        `a change of company policy needs a reason, kept in its history: task policy set ${name} ${valueText} --reason TEXT`,
      );
    const value = parsePolicyValue(name, valueText);
    const current = store.policyValues();
    const stored = current[name];
    const previous = readPolicy(current).policy[name];
    const newValue = JSON.stringify(value);
    if (stored === newValue) return { key: name, previous, value, changed: false };
    store.setPolicyValue({
      key: name,
      oldValue: stored ?? null,
      newValue,
      actorId: actor.id,
      at: now,
      reason: why,
    });
    return { key: name, previous, value, changed: true };
  });
}

/** One change as `task policy history` shows it; `previous` null: the key had its default. */
export interface PolicyHistoryEntry {
  key: string;
  previous: unknown;
  value: unknown;
  actor: string;
  at: Date;
  reason: string;
}

/** `task policy history [KEY]`: the changes, oldest first. */
export function policyHistory({ store }: { store: Store }, key?: string): PolicyHistoryEntry[] {
  const name = key === undefined ? undefined : assertPolicyKey(key);
  return store
    .read(() => store.policyHistory(name))
    .map((h) => ({
      key: h.key,
      previous: h.oldValue === null ? null : parseStored(h.oldValue),
      value: parseStored(h.newValue),
      actor: h.actor,
      at: h.at,
      reason: h.reason,
    }));
}

/** What a command runs under, and what the config file said about policy that it no longer decides. */
export interface CommandPolicy {
  policy: Policy;
  /** Keys of the config file taken now as the starting policy of a database that had none. */
  adopted: PolicyKey[];
  /** Keys the database holds in a form this program cannot read (their defaults apply). */
  unreadable: PolicyKey[];
}

/**
 * The policy for one command. A database with no policy yet - new, or from before policy lived in the
 * database - takes the policy keys of its administrator's config file as its starting policy, once,
 * recorded in the history; after that the file's keys are only warned about (R39).
 */
export function policyForCommand(ctx: PolicyActor, fromFile: Partial<Policy>): CommandPolicy {
  const { store } = ctx;
  const stored = store.policyValues();
  const adopted =
    Object.keys(stored).length === 0 && Object.keys(fromFile).length > 0 && ctx.actor.role === 'admin'
      ? adoptStartingPolicy(ctx, fromFile)
      : [];
  const { policy, unreadable } = readPolicy(adopted.length ? store.policyValues() : stored);
  return { policy, adopted, unreadable };
}

function adoptStartingPolicy(ctx: PolicyActor, fromFile: Partial<Policy>): PolicyKey[] {
  const { store, actor, now } = ctx;
  return store.write(() => {
    if (store.hasPolicyHistory()) return [];
    const keys = POLICY_KEYS.filter(
      (key) => fromFile[key] !== undefined && acceptsPolicyValue(key, fromFile[key]),
    );
    for (const key of keys) {
      store.setPolicyValue({
        key,
        oldValue: null,
        newValue: JSON.stringify(fromFile[key]),
        actorId: actor.id,
        at: now,
        reason: `from the config file of ${actor.name}`,
      });
    }
    return keys;
  });
}

/**
 * What a person is told when their config file still sets company policy (R39), once per command, and
 * when the database holds a policy value this program cannot read.
 */
export function policyWarnings(
  filePath: string,
  fromFile: Partial<Policy>,
  outcome: CommandPolicy,
): string[] {
  const warnings: string[] = [];
  const keys = POLICY_KEYS.filter((key) => fromFile[key] !== undefined);
  if (outcome.adopted.length) {
    const values = outcome.adopted
      .map((key) => `${key}=${showPolicyValue(key, outcome.policy[key] as never)}`)
      .join(', ');
    warnings.push(
      `R39: ${filePath} set ${values}: taken once as the starting company policy of this database (task policy); the file no longer decides them, remove them: task config unset KEY`,
    );
  } else if (keys.length) {
    warnings.push(
      `R39: ${filePath} sets ${keys.join(', ')}, ignored: company policy lives in the database (task policy; an administrator changes it with task policy set KEY VALUE --reason TEXT); remove them from the file: task config unset KEY`,
    );
  }
  for (const key of outcome.unreadable) {
    warnings.push(
      `the database holds an unreadable value of the company policy key ${key}; its default (${showPolicyValue(key, DEFAULT_POLICY[key] as never)}) applies until an administrator sets it: task policy set ${key} VALUE --reason TEXT`,
    );
  }
  return warnings;
}
