import { UsageError } from '../core/errors.js';
import type { TaskChanges } from '../core/tasks.js';
import * as flag from './flags.js';

/** The flags (and Taskwarrior's modify words) of `task edit`, as commander and taskwarrior-words give them. */
export interface EditOptions {
  title?: string;
  project?: string;
  deadline?: string;
  hard?: boolean;
  soft?: boolean;
  force?: boolean;
  reason?: string;
  plan?: string;
  priority?: string;
  description?: string;
  /** `--accept`/`--no-accept` (and the same for management, review): undefined unless given. */
  accept?: boolean;
  management?: boolean;
  review?: boolean;
  verbatim?: boolean;
  tracking?: string;
  director?: string;
  responsible?: string;
  parent?: string;
  tag?: string[];
  untag?: string[];
  observer?: string[];
  removeObserver?: string[];
  depends?: string[];
  removeDepends?: string[];
  crm?: string[];
  removeCrm?: string[];
}

const isNone = (value: string) => ['none', ''].includes(value.trim().toLowerCase());

/** The changes a set of edit flags names, read against `now` ("none" removes a deadline, plan or parent). */
export function editChanges(options: EditOptions, now: Date): TaskChanges {
  if (options.hard && options.soft) throw new UsageError('--hard and --soft contradict each other; pass one');
  return dropUndefined({
    title: options.title,
    verbatim: options.title !== undefined && options.verbatim ? true : undefined,
    management: options.management,
    review: options.review,
    project: options.project,
    deadline:
      options.deadline === undefined
        ? undefined
        : isNone(options.deadline)
          ? null
          : flag.deadline(options.deadline, now),
    hard: options.hard ? true : options.soft ? false : undefined,
    force: options.force,
    reason: options.reason,
    plannedMinutes:
      options.plan === undefined ? undefined : isNone(options.plan) ? null : flag.plan(options.plan),
    priority: options.priority === undefined ? undefined : flag.priority(options.priority),
    description: options.description,
    acceptRequired: options.accept,
    timeTracking: options.tracking === undefined ? undefined : flag.onOff('--tracking', options.tracking),
    director: options.director,
    responsible: options.responsible,
    parentId:
      options.parent === undefined
        ? undefined
        : isNone(options.parent)
          ? null
          : flag.taskId(options.parent, '--parent'),
    addTags: options.tag,
    removeTags: options.untag,
    addObservers: options.observer,
    removeObservers: options.removeObserver,
    ...dependsChanges(options),
    addCrm: options.crm?.map(flag.crmLink),
    removeCrm: options.removeCrm?.map(flag.crmLink),
  });
}

/** `--depends 12 --remove-depends 13`, and Taskwarrior's `depends:12,-13` (a minus removes). */
function dependsChanges(options: EditOptions): { addDepends?: number[]; removeDepends?: number[] } {
  const words = options.depends ?? [];
  const add = words.filter((w) => !w.trim().startsWith('-'));
  const remove = [
    ...(options.removeDepends ?? []),
    ...words.filter((w) => w.trim().startsWith('-')).map((w) => w.trim().slice(1)),
  ];
  return {
    addDepends: add.length ? flag.taskIds(add, '--depends') : undefined,
    removeDepends: remove.length ? flag.taskIds(remove, '--remove-depends') : undefined,
  };
}

function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
