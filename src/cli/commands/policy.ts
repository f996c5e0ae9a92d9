import type { PolicyChangeOutcome, PolicyEntry, PolicyHistoryEntry } from '../../core/policy.js';
import { POLICY_KEYS } from '../../core/policy.js';
import { defineCommand, defineGroup, defineModule } from '../command-module.js';

/** R39: company policy - what the regulations allow here - kept in the shared database. */

export const listPolicyCommand = defineModule({
  definition: defineCommand({
    name: 'list',
    summary: 'every policy key: value, default or who changed it when',
    arguments: [],
    options: {},
  }),
  parse: () => ({}),
  async run(ctx): Promise<readonly PolicyEntry[]> {
    const { policyEntries } = await import('../../core/policy.js');
    return policyEntries(await ctx.core());
  },
  renderers: async () => (await import('../../format/policy-view.js')).policyRenderers,
});

export interface SetPolicyInput {
  readonly key: string;
  readonly value: string;
  readonly reason: string | undefined;
}

export const setPolicyCommand = defineModule({
  definition: defineCommand({
    name: 'set',
    summary: 'change company policy (administrators only; the reason goes into its history)',
    arguments: [
      { name: 'key', kind: 'one', description: POLICY_KEYS.join(', ') },
      {
        name: 'value',
        kind: 'one',
        description: 'new value, as task policy shows it (8h, mon,tue,wed,thu,fri, true ...)',
      },
    ],
    options: {
      reason: {
        kind: 'text',
        value: 'text',
        description: 'why it changes (required; kept in task policy history)',
      },
    },
  }),
  parse: ({ args, options }): SetPolicyInput => ({
    key: args.key,
    value: args.value,
    reason: options.reason,
  }),
  async run(ctx, input: SetPolicyInput): Promise<PolicyChangeOutcome> {
    const { setPolicy } = await import('../../core/policy.js');
    return setPolicy(await ctx.core(), input.key, input.value, input.reason);
  },
  renderers: async () => (await import('../../format/policy-view.js')).policyChangeRenderers,
});

export const policyHistoryCommand = defineModule({
  definition: defineCommand({
    name: 'history',
    summary: 'every change of company policy: when, by whom, from what to what, why',
    arguments: [{ name: 'key', kind: 'optional', description: 'only this key' }],
    options: {},
  }),
  parse: ({ args }) => ({ key: args.key }),
  async run(ctx, input: { key: string | undefined }): Promise<readonly PolicyHistoryEntry[]> {
    const { policyHistory } = await import('../../core/policy.js');
    return policyHistory(await ctx.core(), input.key);
  },
  renderers: async () => (await import('../../format/policy-view.js')).policyHistoryRenderers,
});

export const COMMANDS = [
  defineGroup({
    name: 'policy',
    summary:
      'company policy: what the rules allow here, the same for everyone (R39); administrators change it',
    default: listPolicyCommand,
    commands: [listPolicyCommand, setPolicyCommand, policyHistoryCommand],
  }),
];
