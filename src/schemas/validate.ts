import type { z } from 'zod';
import { UsageError } from '../core/errors.js';

/**
 * Validates every record of an imported file; the first bad one is refused with the file, the record's
 * number (and id where it has one) and the field that is wrong - nothing is written.
 */
export function parseRecords<S extends z.ZodType>(schema: S, items: readonly unknown[], where: { file: string; record: string; idKey?: string }): z.infer<S>[] {
  return items.map((raw, index) => {
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    const id = where.idKey && raw && typeof raw === 'object' && where.idKey in raw ? ` (${where.idKey} ${String((raw as Record<string, unknown>)[where.idKey])})` : '';
    const field = issue.path.length ? `field "${issue.path.join('.')}"` : 'the record';
    throw new UsageError(`${where.file}: ${where.record} ${index + 1}${id}: ${field}: ${issue.message}`);
  });
}
