import type { TaskAction } from './rules/permissions.js';
import type { Task, TaskFields } from './types.js';

// What a change of a task's fields asks of the person making it (R38, R10, R27-R29), and how a refusal
// names it. Used by the gate's check of updateTask (gate-checks.ts).

/** Which fields of a task patch really change, compared with the task as it is. */
function changedFields(before: Task, patch: Partial<TaskFields>): Set<keyof TaskFields> {
  const changed = new Set<keyof TaskFields>();
  for (const key of Object.keys(patch) as (keyof TaskFields)[]) {
    if (key === 'updatedAt') continue;
    if (!sameValue(before[key], patch[key])) changed.add(key);
  }
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
}

/** Fields that say what the task is (R38): its people, the accept flag, the hard deadline, its deletion. */
const DEFINING_FIELDS: readonly (keyof TaskFields)[] = [
  'responsibleId',
  'directorId',
  'acceptRequired',
  'deadlineHard',
  'deletedAt',
];

/** What a change of a task's fields needs of the person making it (R38, R10, R27-R29). */
export function actionsForTaskChange(
  before: Task,
  patch: Partial<TaskFields>,
): { actions: Set<TaskAction>; changed: Set<keyof TaskFields> } {
  const changed = changedFields(before, patch);
  const actions = new Set<TaskAction>();
  for (const key of changed) {
    if (DEFINING_FIELDS.includes(key)) actions.add('define');
    else if (key === 'mark') actions.add('review');
    else if (key === 'status') actions.add(before.status === 'awaiting_control' ? 'review' : 'work');
    else if (key === 'deadline')
      actions.add(postponesHardDeadline(before, patch.deadline ?? null) ? 'define' : 'work');
    else if (key === 'seenAt' || key === 'closedAt') continue;
    else actions.add('work');
  }
  // R37: only the responsible marks a task as seen; anyone who may comment touches updatedAt.
  if (changed.has('seenAt') && actions.size === 0) actions.add('track');
  if (actions.size === 0) actions.add('comment');
  return { actions, changed };
}

/** R10: a hard deadline moved later, or removed, is the director's decision. */
function postponesHardDeadline(before: Task, deadline: Date | null): boolean {
  if (!before.deadlineHard || before.deadline === null) return false;
  return deadline === null || deadline.getTime() > before.deadline.getTime();
}

/** The order the actions a change needs are checked in: the weightiest refusal is the one shown. */
export const ACTION_ORDER: readonly TaskAction[] = ['define', 'review', 'work', 'track', 'comment', 'view'];

/** What a refused change was about, said as "change the responsible and director of" (R38). */
export function describeChange(changed: Set<keyof TaskFields>, action: TaskAction): string | undefined {
  if (action !== 'define') return undefined;
  const nouns: [keyof TaskFields, string][] = [
    ['responsibleId', 'responsible'],
    ['directorId', 'director'],
    ['acceptRequired', 'accept flag'],
    ['deadlineHard', 'hard deadline'],
    ['deadline', 'hard deadline'],
    ['deletedAt', 'deletion'],
  ];
  const said = [...new Set(nouns.filter(([key]) => changed.has(key)).map(([, noun]) => noun))];
  if (said.length === 0) return undefined;
  const list = said.length === 1 ? said[0]! : `${said.slice(0, -1).join(', ')} and ${said.at(-1)!}`;
  return `change the ${list} of`;
}
