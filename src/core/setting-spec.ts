import { UsageError } from './errors.js';

/** How one setting - a person's preference (config.ts) or a company policy key (policy.ts) - is read and shown. */
export interface SettingSpec<T> {
  describe: string;
  /** Reads a value typed on the command line. */
  parse(text: string): T;
  /** Checks a value read back from a file or the database. */
  accepts(value: unknown): value is T;
  show(value: T): string;
  /** The values there are to choose from, where there is a short list (offered by completion). */
  choices?: readonly string[];
}

export function nonEmpty(key: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`${key}: the value must not be empty`);
  return text.trim();
}

export function oneOf<T extends string>(key: string, text: string, values: readonly T[]): T {
  const value = text.trim().toLowerCase();
  if (!(values as readonly string[]).includes(value))
    throw new UsageError(`${key}: "${text}" is not one of ${values.join(', ')}`);
  return value as T;
}

export function parseBoolean(key: string, text: string): boolean {
  const value = text.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(value)) return true;
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  throw new UsageError(`${key}: "${text}" is not true or false`);
}
