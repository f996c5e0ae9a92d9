import { dateFromFlag, type DateInput } from '../core/dates.js';
import { durationFromFlag } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import { CRM_KINDS, PRIORITIES, type CrmLink, type Priority } from '../core/types.js';

/** Converters from commander's strings to typed values; each bad value names its flag (exit 2). */

export function taskId(input: string, what = 'ID'): number {
  const text = input.trim().replace(/^#/, '');
  if (/^\d+\s*([,-]\s*#?\d+\s*)+$/.test(text))
    throw new UsageError(`${what}: "${input}" names several tasks; this command takes one at a time`);
  if (!/^\d{1,12}$/.test(text) || Number(text) === 0)
    throw new UsageError(`${what}: "${input}" is not a task id; use the number shown by task list, e.g. 12`);
  return Number(text);
}

/** At most this many tasks in one `task 1-N done`: a typo like 1-10000 must not touch a whole database. */
export const MAX_TASKS_AT_ONCE = 1000;

/**
 * Task ids as Taskwarrior takes them: `12`, `12,13`, `12-15`, also spread over several words
 * (`task done 12 13`). In the order given, each once.
 */
export function taskIds(inputs: readonly string[], what = 'ID'): number[] {
  const ids = new Set<number>();
  for (const input of inputs) {
    for (const piece of input.split(',')) {
      if (piece.trim() === '' && input.includes(',')) continue;
      const range = /^\s*#?(\d{1,12})\s*-\s*#?(\d{1,12})\s*$/.exec(piece);
      if (!range) {
        ids.add(taskId(piece, what));
        continue;
      }
      const [from, to] = [taskId(range[1]!, what), taskId(range[2]!, what)];
      if (to < from)
        throw new UsageError(
          `${what}: "${piece.trim()}" is an empty range; write the lower id first, e.g. ${to}-${from}`,
        );
      if (to - from >= MAX_TASKS_AT_ONCE)
        throw new UsageError(
          `${what}: "${piece.trim()}" names more than ${MAX_TASKS_AT_ONCE} tasks; give a shorter range`,
        );
      for (let id = from; id <= to; id++) ids.add(id);
    }
    if (ids.size > MAX_TASKS_AT_ONCE)
      throw new UsageError(`${what}: more than ${MAX_TASKS_AT_ONCE} tasks at once; give fewer ids`);
  }
  if (ids.size === 0)
    throw new UsageError(`${what}: no task id given; use the number shown by task list, e.g. 12`);
  return [...ids];
}

export function priority(input: string): Priority {
  const text = input.trim().toLowerCase();
  const match = PRIORITIES.find((p) => p === text || p[0] === text);
  if (!match)
    throw new UsageError(`--priority: "${input}" is not a priority; use high, medium or low (h, m, l)`);
  return match;
}

export function crmLink(input: string): CrmLink {
  const match = /^([a-z]+):(.+)$/i.exec(input.trim());
  const kind = match?.[1]?.toLowerCase();
  if (!match || !CRM_KINDS.includes(kind as CrmLink['kind'])) {
    throw new UsageError(
      `--crm: "${input}" is not a CRM link; use ${CRM_KINDS.map((k) => `${k}:ID`).join(', ')}`,
    );
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
  if (parsed.allDay)
    throw new UsageError(`${flag}: "${input}" needs a time of day, e.g. 10:00 or "yesterday 15:00"`);
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
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

/** Like collect, but keeps commas (links and free text). */
export function collectRaw(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parseLimit(value: string): number {
  if (!/^\d{1,6}$/.test(value.trim()) || Number(value) === 0)
    throw new UsageError(`--limit: "${value}" is not a whole number above zero`);
  return Number(value);
}

export function nonEmptyText(flag: string, input: string | undefined): string | undefined {
  if (input === undefined) return undefined;
  if (input.trim() === '') throw new UsageError(`${flag}: the text is empty`);
  return input;
}
