import { dateFromFlag, type DateInput } from '../core/dates.js';
import { durationFromFlag } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import { CRM_KINDS, PRIORITIES, type CrmLink, type Priority } from '../core/types.js';

/** Converters from commander's strings to typed values; each bad value names its flag (exit 2). */

export function taskId(input: string, what = 'ID'): number {
  const text = input.trim().replace(/^#/, '');
  if (!/^\d{1,12}$/.test(text) || Number(text) === 0) throw new UsageError(`${what}: "${input}" is not a task id; use the number shown by task list, e.g. 12`);
  return Number(text);
}

export function priority(input: string): Priority {
  const text = input.trim().toLowerCase();
  const match = PRIORITIES.find((p) => p === text || p[0] === text);
  if (!match) throw new UsageError(`--priority: "${input}" is not a priority; use high, medium or low (h, m, l)`);
  return match;
}

export function crmLink(input: string): CrmLink {
  const match = /^([a-z]+):(.+)$/i.exec(input.trim());
  const kind = match?.[1]?.toLowerCase();
  if (!match || !CRM_KINDS.includes(kind as CrmLink['kind'])) {
    throw new UsageError(`--crm: "${input}" is not a CRM link; use ${CRM_KINDS.map((k) => `${k}:ID`).join(', ')}`);
  }
  return { kind: kind as CrmLink['kind'], ref: match[2]!.trim() };
}

export function plan(input: string): number {
  return durationFromFlag('--plan', input);
}

export function duration(input: string, flag: string): number {
  return durationFromFlag(flag, input);
}

/** A moment given to --at/--start/--end must name a time of day. */
export function timeOfDay(input: string, now: Date, flag: string): Date {
  const parsed = dateFromFlag(flag, input, now);
  if (parsed.allDay) throw new UsageError(`${flag}: "${input}" needs a time of day, e.g. 10:00 or "yesterday 15:00"`);
  return parsed.at;
}

export function deadline(input: string, now: Date, flag = '--deadline'): DateInput {
  return dateFromFlag(flag, input, now);
}

export function onOff(flag: string, input: string): boolean {
  const text = input.trim().toLowerCase();
  if (['on', 'yes', 'true', '1'].includes(text)) return true;
  if (['off', 'no', 'false', '0'].includes(text)) return false;
  throw new UsageError(`${flag}: "${input}" is not on or off`);
}

/** Commander collector for repeatable flags (--tag a --tag b, or --tag a,b). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

/** Like collect, but keeps commas (links and free text). */
export function collectRaw(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parseLimit(value: string): number {
  if (!/^\d{1,6}$/.test(value.trim()) || Number(value) === 0) throw new UsageError(`--limit: "${value}" is not a whole number above zero`);
  return Number(value);
}

export function nonEmptyText(flag: string, input: string | undefined): string | undefined {
  if (input === undefined) return undefined;
  if (input.trim() === '') throw new UsageError(`${flag}: the text is empty`);
  return input;
}
