import { describe, expect, it } from 'vitest';
import {
  colorOverride,
  CONFIG_KEYS,
  configFromFile,
  DEFAULT_CONFIG,
  parseConfigValue,
  withOverrides,
} from '../../src/core/config.js';
import { DEFAULT_POLICY, parsePolicyValue, POLICY_KEYS } from '../../src/core/policy.js';
import { configFileSchema } from '../../src/schemas/config.js';

const samples: [string, unknown][] = [
  ['empty', {}],
  ['defaults', { ...DEFAULT_CONFIG, user: 'anna' }],
  ['policy keys from before R39', { ...DEFAULT_POLICY, autoStartDay: false }],
  ['a full day', { workdayMinutes: 450, workingDays: [1, 2, 3, 4, 5, 6] }],
  ['unknown key', { colour: 'blue' }],
  ['zero workday', { workdayMinutes: 0 }],
  ['too long a day', { workdayMinutes: 1500 }],
  ['bad day number', { workingDays: [7] }],
  ['no working days', { workingDays: [] }],
  ['bad switch', { allowCoExecutors: 'yes' }],
  ['bad mode', { titleWithoutProject: 'ignore' }],
  ['factor below 1', { explanationFactor: 0.5 }],
  ['fractional threshold', { continuationThresholdMinutes: 7.5 }],
  ['empty user', { user: '' }],
  ['contexts', { contexts: { work: ['project:Work', '+office'], home: ['+home'] }, context: 'work' }],
  ['a context without words', { contexts: { work: [] } }],
  ['a context name with a space', { contexts: { 'my work': ['+office'] } }],
  ['contexts not an object', { contexts: ['work'] }],
  ['no context', { context: null }],
  ['a context name that is a filter word', { context: 'project:Work' }],
];

describe('config validation', () => {
  it.each(samples)('the zod schema and the start-up check agree on: %s', (_name, file) => {
    const zodAccepts = configFileSchema.safeParse(file).success;
    let lightAccepts = true;
    try {
      configFromFile(file, 'config.json');
    } catch {
      lightAccepts = false;
    }
    expect(lightAccepts).toBe(zodAccepts);
  });

  it('covers the same keys: the preferences, and the policy keys a file from before R39 may hold', () => {
    expect(Object.keys(configFileSchema.shape).sort()).toEqual([...CONFIG_KEYS, ...POLICY_KEYS].sort());
  });

  it('reads values as typed on the command line', () => {
    expect(parsePolicyValue('workdayMinutes', '7h30m')).toBe(450);
    expect(parsePolicyValue('workingDays', 'mon,tue,wed,thu,fri,sat')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(parsePolicyValue('allowCoExecutors', 'on')).toBe(true);
    expect(parseConfigValue('autoStartDay', 'off')).toBe(false);
    expect(() => parsePolicyValue('workdayMinutes', 'all day')).toThrow(/workdayMinutes/);
    expect(() => parsePolicyValue('titleWithoutProject', 'ignore')).toThrow(/warn, refuse/);
  });

  it('R39: a file holding policy keys loads: its preferences apply, its policy keys are set apart', () => {
    const { config, policy } = configFromFile(
      { workdayMinutes: 420, allowCoExecutors: true, autoStartDay: false },
      'config.json',
    );
    expect(config).toEqual({ ...DEFAULT_CONFIG, autoStartDay: false });
    expect(policy).toEqual({ workdayMinutes: 420, allowCoExecutors: true });
    expect(() => configFromFile({ workdayMinutes: -5 }, 'config.json')).toThrow(
      'config.json: invalid value for "workdayMinutes", which is company policy now (task policy); remove it from the file: task config unset workdayMinutes',
    );
  });
});

describe('rc.KEY=VALUE overrides', () => {
  const config = { ...DEFAULT_CONFIG, contexts: { work: ['+office'] }, context: 'work' };
  it('apply checked values, and pick or leave a context, without touching the config they start from', () => {
    const changed = withOverrides(config, [
      { key: 'user', value: 'anna' },
      { key: 'autoStartDay', value: 'off' },
      { key: 'context', value: 'none' },
      { key: 'color', value: 'off' },
    ]);
    expect([changed.user, changed.autoStartDay, changed.context]).toEqual(['anna', false, null]);
    expect([config.user, config.autoStartDay, config.context]).toEqual([null, true, 'work']);
    expect(withOverrides({ ...config, context: null }, [{ key: 'context', value: 'work' }]).context).toBe(
      'work',
    );
  });
  it('refuse unknown keys, bad values, contexts and undefined context names', () => {
    expect(() => withOverrides(config, [{ key: 'verbose', value: 'nothing' }])).toThrow(
      /^rc\.verbose: regula has no such setting; valid: user, /,
    );
    expect(() => withOverrides(config, [{ key: 'contexts', value: 'x' }])).toThrow(
      /^rc\.contexts: regula has no such setting/,
    );
    expect(() => withOverrides(config, [{ key: 'autoStartDay', value: 'maybe' }])).toThrow(
      'autoStartDay: "maybe" is not true or false',
    );
    expect(() => withOverrides(config, [{ key: 'context', value: 'home' }])).toThrow(
      'rc.context: no context "home"; defined: work',
    );
  });
  it('R39: refuse every company policy key, whatever its value, with the way to change it', () => {
    for (const key of POLICY_KEYS) {
      expect(() => withOverrides(config, [{ key, value: 'anything' }])).toThrow(
        `R39: rc.${key}: ${key} is company policy, kept in the database, not a personal setting; an administrator changes it for everyone with: task policy set ${key} VALUE --reason TEXT (task policy shows it)`,
      );
    }
  });
  it('rc.color is on, off or not given; anything else is refused', () => {
    expect(colorOverride([])).toBeNull();
    expect(colorOverride([{ key: 'color', value: 'on' }])).toBe(true);
    expect(
      colorOverride([
        { key: 'color', value: 'on' },
        { key: 'color', value: 'off' },
      ]),
    ).toBe(false);
    expect(() => colorOverride([{ key: 'color', value: 'maybe' }])).toThrow(
      'rc.color: "maybe" is not true or false',
    );
  });
});
