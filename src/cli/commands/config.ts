import {
  assertConfigKey,
  CONFIG_KEYS,
  type Config,
  type ConfigKey,
  parseConfigValue,
} from '../../core/config.js';
import { isPolicyKey, type PolicyKey, policyKeyRefusal } from '../../core/policy.js';
import type { ConfigRead, ConfigUnset, ConfigWritten } from '../../format/config-view.js';
import { defineCommand, defineGroup, defineModule } from '../command-module.js';

/** The person's preferences in their config file (R39: company policy is `task policy`, in the database). */

const keyArgument = { name: 'key', kind: 'one', description: CONFIG_KEYS.join(', ') } as const;

export const listConfigCommand = defineModule({
  definition: defineCommand({
    name: 'list',
    summary: 'every preference with its value',
    arguments: [],
    options: {},
  }),
  parse: () => ({}),
  run: async (ctx): Promise<Config> => ctx.config(),
  renderers: async () => (await import('../../format/config-view.js')).configListRenderers,
});

/** A preference by its key, or a company policy key (R39: said as such, read from the database). */
export type KeyToRead = { readonly policy: PolicyKey } | { readonly preference: ConfigKey };

export const getConfigCommand = defineModule({
  definition: defineCommand({
    name: 'get',
    summary: 'one preference (or, said as such, a company policy value)',
    arguments: [keyArgument],
    options: {},
  }),
  parse: ({ args }): KeyToRead =>
    isPolicyKey(args.key) ? { policy: args.key } : { preference: assertConfigKey(args.key) },
  async run(ctx, input): Promise<ConfigRead> {
    if ('preference' in input) return { kind: 'preference', key: input.preference, config: ctx.config() };
    // R39: readable here, but it is the company's value from the database, not the person's.
    const { policy } = await ctx.core();
    return { kind: 'policy', key: input.policy, value: policy[input.policy] };
  },
  renderers: async () => (await import('../../format/config-view.js')).configReadRenderers,
});

export const setConfigCommand = defineModule({
  definition: defineCommand({
    name: 'set',
    summary: 'change a preference',
    arguments: [keyArgument, { name: 'value', kind: 'one', description: 'new value' }],
    options: {},
  }),
  parse: ({ args }): ConfigWritten => {
    if (isPolicyKey(args.key)) throw policyKeyRefusal(args.key, 'task config set');
    const key = assertConfigKey(args.key);
    return { key, value: parseConfigValue(key, args.value) };
  },
  async run(ctx, input): Promise<ConfigWritten> {
    const { updateConfigFile } = await import('../config-file.js');
    await updateConfigFile(ctx, (file) => {
      file[input.key] = input.value;
    });
    return input;
  },
  renderers: async () => (await import('../../format/config-view.js')).configWrittenRenderers,
});

export const unsetConfigCommand = defineModule({
  definition: defineCommand({
    name: 'unset',
    summary: 'return a preference to its default (or remove a company policy key the file still holds)',
    arguments: [keyArgument],
    options: {},
  }),
  // R39: a policy key in the file no longer decides anything; removing it only stops the warning.
  parse: ({ args }): ConfigUnset =>
    isPolicyKey(args.key)
      ? { key: args.key, policy: true }
      : { key: assertConfigKey(args.key), policy: false },
  async run(ctx, input): Promise<ConfigUnset> {
    const { updateConfigFile } = await import('../config-file.js');
    await updateConfigFile(ctx, (file) => {
      delete file[input.key];
    });
    return input;
  },
  renderers: async () => (await import('../../format/config-view.js')).configUnsetRenderers,
});

export const COMMANDS = [
  defineGroup({
    name: 'config',
    summary: 'your preferences: acting user, contexts, opening the day (company policy: task policy)',
    commands: [listConfigCommand, getConfigCommand, setConfigCommand, unsetConfigCommand],
  }),
];
