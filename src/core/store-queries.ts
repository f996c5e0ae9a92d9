import type { TaskStatus } from './status.js';
import type { TaskKind } from './title.js';
import type { CrmLink, Priority } from './types.js';

// What the store's reads are asked (which tasks, which search hits) and the summaries they answer with.
// Part of the Store port (src/core/store.ts re-exports every name).

/**
 * R4, R38: the tasks a person may see - responsible among `userIds` (the person and everyone below them in
 * the reporting chain), or the person is the director or an observer. Built by core/rules/visibility.ts.
 */
export interface TaskVisibility {
  actorId: number;
  userIds: readonly number[];
}

/** Which tasks a view wants; every field narrows the set. */
export interface TaskQuery {
  /** Only tasks this person may see (R4); undefined: every task (an administrator, or an internal read). */
  visibleTo?: TaskVisibility;
  ids?: readonly number[];
  responsibleId?: number;
  /** Tasks of any of these responsibles. */
  responsibleIds?: readonly number[];
  directorId?: number;
  statuses?: readonly TaskStatus[];
  kinds?: readonly TaskKind[];
  parentId?: number;
  /** Tasks whose previous part (R24) is this task. */
  previousPartId?: number;
  /** Tasks whose previous part is any of these tasks. */
  previousPartIds?: readonly number[];
  includeDeleted?: boolean;
  /** Only deleted tasks (what `task restore` can bring back). */
  onlyDeleted?: boolean;
  projectId?: number;
  /** Tasks carrying every one of these tags. */
  tags?: readonly string[];
  /** Tasks carrying none of these tags (Taskwarrior's -TAG). */
  withoutTags?: readonly string[];
  crm?: CrmLink;
  priorities?: readonly Priority[];
  /** Deadline in [dueFrom, dueTo). */
  dueFrom?: Date;
  dueTo?: Date;
  /** Only tasks without a deadline. */
  dueNone?: boolean;
  /** Closed (completed or declined) in [closedFrom, closedTo): a period's closed work without reading all of it. */
  closedFrom?: Date;
  closedTo?: Date;
  /** Taskwarrior's +BLOCKED / +BLOCKING: tasks waiting for open tasks, and open tasks others wait for. */
  dependency?: 'blocked' | 'blocking';
  /**
   * Taskwarrior's `or`: each set holds when the task matches one of its alternatives (their conditions;
   * their order, limit and anyOf are not used); every set must hold, as every other condition must.
   */
  anyOf?: readonly (readonly TaskQuery[])[];
  /** Default: deadline (none last), then priority, then id. */
  order?: 'deadline' | 'created' | 'newest' | 'priority' | 'project';
  limit?: number;
}

/** A project or tag at a glance (`task projects`, `task tags`). */
export interface NameSummary {
  name: string;
  open: number;
  total: number;
  /** Finished entries only: a running timer counts once it stops. */
  trackedSeconds: number;
}

/** Tracked seconds per grouping key of a period report; a task with two tags counts under both. */
export interface TrackedFacets {
  projects: [string | null, number][];
  tags: [string | null, number][];
  crm: [string, number][];
}

/** A task the search words found (R25), and where they matched it best. */
export interface SearchMatch {
  taskId: number;
  field: 'title' | 'description' | 'comment';
  /** The comment that matched, when field is 'comment'. */
  commentId: number | null;
  /** How well the words matched: higher is better, comparable within one answer only. */
  relevance: number;
}

/** Which matches a search returns: at most `limit` tasks, not deleted. */
export interface SearchQuery {
  limit: number;
  /** R4: only tasks this person may see. */
  visibleTo?: TaskVisibility;
  /** Only tasks in these states. */
  statuses?: readonly TaskStatus[];
}
