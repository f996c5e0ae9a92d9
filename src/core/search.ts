import type { CoreContext } from './context.js';
import { NotFoundError, UsageError } from './errors.js';
import { isOpen, OPEN_STATUSES } from './status.js';
import { visibleTo } from './rules/visibility.js';
import { withSpent } from './time-entries.js';
import type { Task } from './types.js';

/** Search is case-insensitive in every language; 'ё' and 'е' count as one letter (as the index folds them). */
export function foldForSearch(text: string): string {
  // ё is U+0451, Ё U+0401, written as escapes so the bundle stays ASCII (bin/task.js reads it as such).
  return text
    .replace(/\u0451/g, '\u0435')
    .replace(/\u0401/g, '\u0415')
    .toLowerCase();
}

export interface SearchHit {
  task: Task;
  spentSeconds: number;
  /** Where the words matched: the title, the description, a comment - or the project prefix. */
  field: 'title' | 'description' | 'comment' | 'project';
  /** The matching text (cut around the first match when long). */
  excerpt: string;
  /** [start, end) of each match inside the excerpt, for highlighting. */
  ranges: [number, number][];
}

const MIN_WORD = 3;
const EXCERPT_RADIUS = 40;

/**
 * R25: finds tasks by a word stem or any substring of a title, description or comment ("prepar" finds
 * "prepare" and "preparation", "подготов" finds "подготовить"), or every task of a project ("Sales:").
 * Open tasks come first, then by relevance (a match in the title weighs double).
 */
export function searchTasks(
  ctx: CoreContext,
  text: string,
  options: { limit?: number; openOnly?: boolean } = {},
): SearchHit[] {
  const { store } = ctx;
  const limit = options.limit ?? 50;
  const query = text.trim();
  if (query === '')
    throw new UsageError(
      'search for a word, a stem (at least 3 letters) or a project prefix such as "Sales:"',
    );
  return store.read(() => {
    const projectPrefix = /^(.+):$/.exec(query);
    if (projectPrefix) {
      const project = store.findProjectByName(projectPrefix[1]!.trim());
      if (!project) return [];
      const tasks = store
        .findTasks({ projectId: project.id, visibleTo: visibleTo(ctx) })
        .filter((t) => !options.openOnly || isOpen(t.status));
      return withSpent(ctx, sortOpenFirst(tasks).slice(0, limit)).map(({ task, spentSeconds }) => ({
        task,
        spentSeconds,
        field: 'project' as const,
        excerpt: task.title,
        ranges: [[0, project.name.length] as [number, number]],
      }));
    }
    const words = query.split(/\s+/);
    const short = words.find((w) => [...w].length < MIN_WORD);
    if (short)
      throw new UsageError(
        `"${short}" is too short to search for; use at least ${MIN_WORD} letters of a word`,
      );
    // R4: the store answers only tasks the actor may see (and open ones when asked), open first then best, up to the limit.
    const hits = store.searchWords(words, {
      limit,
      visibleTo: visibleTo(ctx),
      ...(options.openOnly ? { statuses: OPEN_STATUSES } : {}),
    });
    const best = new Map(hits.map((hit) => [hit.taskId, hit]));
    const found = new Map(store.findTasks({ ids: [...best.keys()] }).map((t) => [t.id, t]));
    const tasks = hits.map((hit) => found.get(hit.taskId)).filter((t): t is Task => t !== undefined);
    return withSpent(ctx, tasks).map(({ task, spentSeconds }) => {
      const match = best.get(task.id)!;
      const source =
        match.field === 'title'
          ? task.title
          : match.field === 'description'
            ? (task.description ?? '')
            : (store.getComment(match.commentId!)?.body ?? '');
      return { task, spentSeconds, field: match.field, ...excerptAround(source, words) };
    });
  });
}

/**
 * R25: the actor's open tasks that can take a timer and that words name: those whose title (or title
 * text) is exactly the words, else the search's matches. No words: every such task, by deadline.
 */
export function startCandidates(ctx: CoreContext, text: string): Task[] {
  const startable = (task: Task) =>
    task.responsibleId === ctx.actor.id &&
    task.kind !== 'general' &&
    task.timeTracking &&
    isOpen(task.status);
  const wanted = text.trim().toLocaleLowerCase();
  const open = ctx.store
    .read(() => ctx.store.findTasks({ responsibleId: ctx.actor.id, statuses: OPEN_STATUSES }))
    .filter(startable);
  if (wanted === '') return open;
  // An exact title needs no search (and may hold words too short to search for: "Sales: Agree it").
  const exact = open.filter(
    (task) => task.title.toLocaleLowerCase() === wanted || task.text.toLocaleLowerCase() === wanted,
  );
  return exact.length > 0
    ? exact
    : searchTasks(ctx, text, { openOnly: true, limit: 200 })
        .map((hit) => hit.task)
        .filter(startable);
}

/**
 * R25: the open task of the actor that words name, to start its timer (`task start prepar`): the only
 * match, or the one whose title is exactly the words. Several matches are refused with their ids, none
 * with how to add it - a timer never starts on a guess (a terminal offers the matches to pick from).
 */
export function pickTaskToStart(ctx: CoreContext, text: string): Task {
  const found = startCandidates(ctx, text);
  if (found.length === 1) return found[0]!;
  if (found.length === 0)
    throw new NotFoundError(
      `no open task of yours matches "${text}"; find others with: task search ${text}, or add it: task add "Project: ${text}"`,
    );
  const listed = found
    .slice(0, 5)
    .map((task) => `${task.id} ${task.title}`)
    .join('; ');
  throw new UsageError(
    `"${text}" matches ${found.length} open tasks of yours (${listed}${found.length > 5 ? '; ...' : ''}); start one by its id: task start ${found[0]!.id}`,
  );
}

function sortOpenFirst(tasks: Task[]): Task[] {
  return [...tasks].sort((a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)));
}

/** The text around the first match, with the ranges of every word found in it. */
export function excerptAround(
  text: string,
  words: readonly string[],
): { excerpt: string; ranges: [number, number][] } {
  const folded = foldForSearch(text);
  const needles = words.map(foldForSearch);
  const first = Math.min(...needles.map((n) => folded.indexOf(n)).filter((i) => i >= 0));
  let start = 0;
  let end = text.length;
  if (Number.isFinite(first) && text.length > EXCERPT_RADIUS * 3) {
    start = Math.max(0, first - EXCERPT_RADIUS);
    end = Math.min(text.length, first + EXCERPT_RADIUS * 2);
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const excerpt = `${prefix}${text.slice(start, end)}${suffix}`;
  const foldedExcerpt = foldForSearch(excerpt);
  const ranges: [number, number][] = [];
  for (const needle of needles) {
    for (
      let at = foldedExcerpt.indexOf(needle);
      at >= 0;
      at = foldedExcerpt.indexOf(needle, at + needle.length)
    )
      ranges.push([at, at + needle.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  return { excerpt, ranges: mergeRanges(ranges) };
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}
