import { RuleError } from '../errors.js';
import type { User } from '../types.js';

/** R39: company policy is changed by an administrator only; the refusal names who can change it. */
export function checkMayChangePolicy(actor: User, users: readonly User[]): void {
  if (actor.role === 'admin') return;
  const admins = users.filter((u) => u.role === 'admin').map((u) => u.name);
  throw new RuleError(
    'R39',
    `company policy is changed only by an administrator${admins.length ? ` (${admins.join(', ')})` : ''}; ask one of them: task policy set KEY VALUE --reason TEXT`,
  );
}
