import { formatLocalDateTime } from '../core/local-time.js';
import {
  DEFAULT_POLICY,
  isPolicyKey,
  showPolicyValue,
  type PolicyChangeOutcome,
  type PolicyEntry,
  type PolicyHistoryEntry,
  type PolicyKey,
} from '../core/policy.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';

/** `task policy --json`: every key, its value, whether that is the default, who changed it last (docs/json.md). */
export function policyJson(entries: readonly PolicyEntry[]) {
  return entries.map((e) => ({
    key: e.key,
    value: e.value,
    shown: e.shown,
    default: e.isDefault,
    description: e.describe,
    updatedAt: e.updatedAt?.toISOString() ?? null,
    updatedBy: e.updatedBy,
  }));
}

/** `task policy`: one line a key - value, default or who set it when, what it decides. */
export function renderPolicy(entries: readonly PolicyEntry[]): string {
  const keyWidth = Math.max(...entries.map((e) => e.key.length));
  const valueWidth = Math.max(8, ...entries.map((e) => e.shown.length));
  const changed = (e: PolicyEntry) =>
    e.updatedAt === null
      ? 'default'
      : `${e.isDefault ? 'default, ' : ''}set by ${e.updatedBy} ${formatLocalDateTime(e.updatedAt)}`;
  const changedWidth = Math.max(...entries.map((e) => changed(e).length));
  const lines = entries.map(
    (e) =>
      `${e.key.padEnd(keyWidth)}  ${e.shown.padEnd(valueWidth)}  ${changed(e).padEnd(changedWidth)}  ${e.describe}`,
  );
  lines.push(
    'Company policy, the same for everyone (R39); an administrator changes it: task policy set KEY VALUE --reason TEXT',
  );
  return lines.map((line) => terminalSafe(line)).join('\n');
}

/** `task policy history --json`: `previous` null means the key had its default. */
export function policyHistoryJson(entries: readonly PolicyHistoryEntry[]) {
  return entries.map((h) => ({
    key: h.key,
    previous: h.previous,
    value: h.value,
    by: h.actor,
    at: h.at.toISOString(),
    reason: h.reason,
  }));
}

export function renderPolicyHistory(entries: readonly PolicyHistoryEntry[]): string {
  if (entries.length === 0)
    return 'Company policy has never been changed: every key has its default (task policy).';
  const lines = entries.map(
    (h) =>
      `${formatLocalDateTime(h.at)}  ${h.actor}  ${h.key}: ${shown(h.key, h.previous, true)} -> ${shown(h.key, h.value, false)}  (${h.reason})`,
  );
  return lines.map((line) => terminalSafe(line)).join('\n');
}

function shown(key: string, value: unknown, previous: boolean): string {
  if (!isPolicyKey(key)) return JSON.stringify(value);
  if (previous && value === null) return `${showPolicyValue(key, DEFAULT_POLICY[key] as never)} (default)`;
  return showPolicyValue(key as PolicyKey, value as never);
}

/** `task policy set`: the change, or that nothing changed. */
export function renderPolicyChange(outcome: PolicyChangeOutcome): string {
  const key = outcome.key;
  const shownValue = showPolicyValue(key, outcome.value as never);
  return outcome.changed
    ? `${key} = ${shownValue} (was ${showPolicyValue(key, outcome.previous as never)}), for everyone.`
    : `${key} is already ${shownValue}; nothing changed.`;
}

/** `task policy set --json`. */
export function policyChangeJson(outcome: PolicyChangeOutcome) {
  return { key: outcome.key, previous: outcome.previous, value: outcome.value, changed: outcome.changed };
}

export const policyRenderers: Renderers<readonly PolicyEntry[]> = {
  text: (entries) => renderPolicy(entries),
  json: policyJson,
};

export const policyChangeRenderers: Renderers<PolicyChangeOutcome> = {
  text: renderPolicyChange,
  json: policyChangeJson,
};

export const policyHistoryRenderers: Renderers<readonly PolicyHistoryEntry[]> = {
  text: (entries) => renderPolicyHistory(entries),
  json: policyHistoryJson,
};
