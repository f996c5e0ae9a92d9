import { describe, expect, it } from 'vitest';
import { colorOverride, CONFIG_KEYS, configFromFile, DEFAULT_CONFIG, parseConfigValue, withOverrides } from '../../src/core/config.js';
import { configFileSchema } from '../../src/schemas/config.js';

const samples: [string, unknown][] = [
  ['empty', {}],
  ['defaults', { ...DEFAULT_CONFIG, user: 'anna' }],
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

  it('covers the same keys', () => {
    expect(Object.keys(configFileSchema.shape).sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('reads values as typed on the command line', () => {
    expect(parseConfigValue('workdayMinutes', '7h30m')).toBe(450);
    expect(parseConfigValue('workingDays', 'mon,tue,wed,thu,fri,sat')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(parseConfigValue('allowCoExecutors', 'on')).toBe(true);
    expect(() => parseConfigValue('workdayMinutes', 'all day')).toThrow(/workdayMinutes/);
    expect(() => parseConfigValue('titleWithoutProject', 'ignore')).toThrow(/warn, refuse/);
  });
});

describe('rc.KEY=VALUE overrides', () => {
  const config = { ...DEFAULT_CONFIG, contexts: { work: ['+office'] }, context: 'work' };
  it('apply checked values, and pick or leave a context, without touching the config they start from', () => {
    const changed = withOverrides(config, [
      { key: 'workdayMinutes', value: '6h' },
      { key: 'autoStartDay', value: 'off' },
      { key: 'context', value: 'none' },
      { key: 'color', value: 'off' },
    ]);
    expect([changed.workdayMinutes, changed.autoStartDay, changed.context]).toEqual([360, false, null]);
    expect([config.workdayMinutes, config.autoStartDay, config.context]).toEqual([480, true, 'work']);
    expect(withOverrides({ ...config, context: null }, [{ key: 'context', value: 'work' }]).context).toBe('work');
  });
  it('refuse unknown keys, bad values, contexts and undefined context names', () => {
    expect(() => withOverrides(config, [{ key: 'verbose', value: 'nothing' }])).toThrow(/^rc\.verbose: regula has no such setting; valid: user, /);
    expect(() => withOverrides(config, [{ key: 'contexts', value: 'x' }])).toThrow(/^rc\.contexts: regula has no such setting/);
    expect(() => withOverrides(config, [{ key: 'explanationFactor', value: '0.5' }])).toThrow(/explanationFactor: "0.5" is not a number of at least 1/);
    expect(() => withOverrides(config, [{ key: 'context', value: 'home' }])).toThrow('rc.context: no context "home"; defined: work');
  });
  it('rc.color is on, off or not given; anything else is refused', () => {
    expect(colorOverride([])).toBeNull();
    expect(colorOverride([{ key: 'color', value: 'on' }])).toBe(true);
    expect(colorOverride([{ key: 'color', value: 'on' }, { key: 'color', value: 'off' }])).toBe(false);
    expect(() => colorOverride([{ key: 'color', value: 'maybe' }])).toThrow('rc.color: "maybe" is not true or false');
  });
});
