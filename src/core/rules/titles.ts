import type { Policy } from '../policy.js';
import { RuleError } from '../errors.js';
import type { TitleParts } from '../title.js';

/** R6: a title without a project prefix is accepted with a warning, or refused when company policy says so. */
export function checkTitleHasProject(
  parts: TitleParts,
  policy: Pick<Policy, 'titleWithoutProject'>,
): string | null {
  // R12: STEC items wait without a project until they are pulled into the plan (R14); R15: a compound
  // task opens with `General:` and may stand for no project (the method's own `General: Conclude ...`).
  if (parts.project !== null || parts.kind === 'stec' || parts.kind === 'general') return null;
  const message = `a title reads "<Project>: <what to do>"; add a prefix ("Sales: ${parts.text}") or pass --project; a colon of the text itself is written \\: (or add --verbatim)`;
  if (policy.titleWithoutProject === 'refuse') throw new RuleError('R6', message);
  return `R6: ${message}`;
}
