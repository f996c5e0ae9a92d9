import type { z } from 'zod';
import { UsageError } from '../core/errors.js';

/**
 * Validates every record of an imported file; the first bad one is refused with the file, the record's
 * number (and id where it has one) and the field that is wrong - nothing is written.
 */
export function parseRecords<S extends z.ZodType>(
  schema: S,
  items: readonly unknown[],
  where: { file: string; record: string; idKey?: string },
): z.infer<S>[] {
  return items.map((raw, index) => {
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    const issue = mostSpecific(result.error.issues[0]!);
    const id =
      where.idKey && raw && typeof raw === 'object' && where.idKey in raw
        ? ` (${where.idKey} ${String((raw as Record<string, unknown>)[where.idKey])})`
        : '';
    const field = issue.path.length ? `field "${issue.path.join('.')}"` : 'the record';
    throw new UsageError(`${where.file}: ${where.record} ${index + 1}${id}: ${field}: ${issue.message}`);
  });
}

/**
 * For a record that may take several shapes (a Watson frame is an object or an array), the problem of the
 * shape it came closest to - the one whose complaint lies deepest in the record - not "invalid input".
 */
function mostSpecific(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const firsts = issue.errors
    .map((branch) => branch[0])
    .filter((i): i is z.core.$ZodIssue => i !== undefined);
  const deepest = firsts.reduce((best, i) => (i.path.length > best.path.length ? i : best), firsts[0]!);
  if (!deepest) return issue;
  const inner = mostSpecific(deepest);
  return { ...inner, path: [...issue.path, ...inner.path] };
}
