import type { CoreContext } from '../core/context.js';
import { userIdByName } from '../core/command-reads.js';
import { UsageError } from '../core/errors.js';
import { parseDueFilter } from '../core/filters.js';
import { isTaskStatus, TASK_STATUSES, type TaskStatus } from '../core/status.js';
import type { ListFilter } from '../core/views.js';
import { type ActiveContext, withContextHint } from './active-context.js';
import * as flag from './flags.js';
import { applyFilterTerms, type FilterTermOptions, orGroups } from './taskwarrior-words.js';

/** The list flags: the ones a Taskwarrior filter word can also set, and those only flags set. */
export interface ListOptions extends FilterTermOptions {
  all?: boolean;
  count?: boolean;
  ids?: boolean;
  oneIdPerLine?: boolean;
  plain?: boolean;
  stec?: boolean;
  deleted?: boolean;
  sort?: string;
}

const SORTS = ['deadline', 'priority', 'created', 'newest', 'project'] as const;

/**
 * What `task list` is asked for: its flags and filter words, and the context's words. Taskwarrior's `or`
 * makes each of the two a set of alternatives, and both must hold (the context is in brackets).
 */
export function listCommandFilter(
  ctx: CoreContext,
  context: ActiveContext | null,
  terms: readonly string[],
  flags: ListOptions,
): { options: ListOptions; filter: ListFilter } {
  const sets = [withContextHint(context, () => orGroups(context?.words ?? [])), orGroups(terms)];
  const options = withContextHint(context, () =>
    applyFilterTerms(sets.filter((set) => set.length === 1).flat(2), flags),
  );
  const filter = listFilterOf(ctx, options);
  const alternatives = sets
    .filter((set) => set.length > 1)
    .map((set) => set.map((words) => applyFilterTerms<ListOptions>(words, {})));
  if (alternatives.length === 0) return { options, filter };
  filter.anyOf = alternatives.map((set) => set.map((words) => listFilterOf(ctx, words)));
  // limit: belongs to the whole list, wherever among the alternatives it was written.
  const limits = new Set(
    [filter.limit, ...filter.anyOf.flat().map((f) => f.limit)].filter((n) => n !== undefined),
  );
  if (limits.size > 1) throw new UsageError('limit: give it once (it applies to the whole list)');
  filter.limit = [...limits][0];
  return { options, filter };
}

/** The list filter that options and filter words name (people by name, dates, priorities read and checked). */
function listFilterOf(ctx: CoreContext, options: ListOptions): ListFilter {
  const userId = (name: string | undefined) => (name !== undefined ? userIdByName(ctx, name) : undefined);
  return {
    all: options.all,
    statuses: options.status?.map(parseStatus),
    userId: userId(options.user),
    directorId: userId(options.director),
    project: options.project,
    tags: options.tag,
    withoutTags: options.excludeTag,
    crm: options.crm !== undefined ? flag.crmLink(options.crm) : undefined,
    priorities: options.priority?.map(flag.priority),
    due: options.due !== undefined ? parseDueFilter(options.due, ctx.now) : undefined,
    stec: options.stec,
    parentId: options.parent !== undefined ? flag.taskId(options.parent, '--parent') : undefined,
    deleted: options.deleted,
    dependency: dependencyFilter(options),
    sort: SORTS.find((sort) => sort === options.sort),
    limit: options.limit !== undefined ? flag.parseLimit(options.limit) : undefined,
  };
}

function dependencyFilter(options: ListOptions): ListFilter['dependency'] {
  if (options.blocked && options.blocking)
    throw new UsageError('give one of --blocked (+BLOCKED) and --blocking (+BLOCKING)');
  return options.blocked ? 'blocked' : options.blocking ? 'blocking' : undefined;
}

function parseStatus(value: string): TaskStatus {
  const text = value.trim().toLowerCase().replace(/[ -]/g, '_');
  if (!isTaskStatus(text))
    throw new UsageError(`--status: "${value}" is not a status; use ${TASK_STATUSES.join(', ')}`);
  return text;
}
