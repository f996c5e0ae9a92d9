import {
  CONFIG_KEYS,
  type Config,
  type ConfigKey,
  describeConfigKey,
  showConfigValue,
} from '../core/config.js';
import { POLICY_KEYS, type Policy, type PolicyKey, showPolicyValue } from '../core/policy.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';

/** `task config`: the person's preferences (R39: company policy only said as such). */

function show(key: ConfigKey, values: Config): string {
  return showConfigValue(key, values[key] as never);
}

/** `task config list`: every key, its value and what it is for; then where company policy lives. */
export const configListRenderers: Renderers<Config> = {
  text: (values) => {
    const shown = CONFIG_KEYS.map((key) => [key, show(key, values)] as const);
    const keyWidth = Math.max(...shown.map(([key]) => key.length));
    const valueWidth = Math.max(8, ...shown.map(([, value]) => value.length));
    return [
      ...shown.map(([key, value]) =>
        terminalSafe(`${key.padEnd(keyWidth)}  ${value.padEnd(valueWidth)}  ${describeConfigKey(key)}`),
      ),
      `Company policy (${POLICY_KEYS.join(', ')}) is kept in the database, the same for everyone: task policy (R39).`,
    ].join('\n');
  },
  json: (values) => values,
};

/** `task config get KEY`: a preference, or the company's value of a policy key. */
export type ConfigRead =
  | { readonly kind: 'preference'; readonly key: ConfigKey; readonly config: Config }
  | { readonly kind: 'policy'; readonly key: PolicyKey; readonly value: Policy[PolicyKey] };

export const configReadRenderers: Renderers<ConfigRead> = {
  text: (read) =>
    read.kind === 'preference'
      ? terminalSafe(show(read.key, read.config))
      : `${showPolicyValue(read.key, read.value as never)} (company policy, kept in the database: task policy)`,
  json: (read) =>
    read.kind === 'preference'
      ? { [read.key]: read.config[read.key] }
      : { [read.key]: read.value, policy: true },
};

/** `task config set KEY VALUE`: the value written. */
export interface ConfigWritten {
  readonly key: ConfigKey;
  readonly value: Config[ConfigKey];
}

export const configWrittenRenderers: Renderers<ConfigWritten> = {
  text: ({ key, value }) => `${key} = ${showConfigValue(key, value as never)}`,
  json: ({ key, value }) => ({ [key]: value }),
};

/** `task config unset KEY`: a preference back to its default, or a policy key taken out of the file. */
export interface ConfigUnset {
  readonly key: ConfigKey | PolicyKey;
  readonly policy: boolean;
}

export const configUnsetRenderers: Renderers<ConfigUnset> = {
  text: ({ key, policy }) =>
    policy
      ? `${key} is not in the config file; it is company policy, kept in the database: task policy`
      : `${key} is back to its default.`,
  json: ({ key, policy }) => ({ unset: key, policy }),
};
