import type { ListRead, TableRead } from '../core/list-read.js';
import type { HistoryEntry, Task } from '../core/types.js';
import { entrySeconds } from '../core/time-entries.js';
import type { TaskDetails } from '../core/views.js';
import { historyJson, taskDetailsJson, taskJson, writeJsonArray } from './json.js';
import { type Renderers, StreamedOutput } from './renderers.js';
import { terminalSafe } from './safe-text.js';
import { writeTaskTable } from './task-table.js';
import { renderHistory, renderTaskDetails } from './task-view.js';
import { idRanges } from './text.js';

/** `task list`: how many, which ids, or the rows - read page by page while they are written. */
export type TaskListView =
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'ids'; readonly ids: readonly number[]; readonly onePerLine: boolean }
  | {
      readonly kind: 'rows';
      /** Reads the table's rows (the columns only) inside one read transaction and hands them to `use`. */
      readTable<R>(use: (table: TableRead) => R): R;
      /** Reads whole tasks (for JSON) likewise. */
      readWhole<R>(use: (list: ListRead) => R): R;
      readonly viewerId: number;
      readonly now: Date;
      /** --plain: one task per line, titles whole, as when piped. */
      readonly plain: boolean;
      /** Taskwarrior's context that narrowed the list, said under it. */
      readonly context: { readonly name: string; readonly words: readonly string[] } | null;
    };

export const taskListRenderers: Renderers<TaskListView> = {
  text: (view, { color, width, terminal }) => {
    if (view.kind === 'count') return String(view.count);
    if (view.kind === 'ids') {
      if (view.ids.length === 0) return null;
      return view.onePerLine ? view.ids.join('\n') : idRanges(view.ids);
    }
    return new StreamedOutput((write) => {
      view.readTable((table) => {
        writeTaskTable(
          table.pages(),
          {
            color,
            now: view.now,
            width,
            viewerId: view.viewerId,
            names: table.names,
            spentSeconds: table.spentSeconds,
            waitingFor: table.waitingFor,
            // Piped (or --plain): one task per line, nothing cut, for grep and scripts.
            plain: view.plain || !terminal,
          },
          write,
        );
      });
      if (view.context)
        write(
          `${terminalSafe(`Context "${view.context.name}" (${view.context.words.join(' ')}); task context none shows everything.`)}\n`,
        );
    });
  },
  json: (view) => {
    if (view.kind === 'count') return { count: view.count };
    if (view.kind === 'ids') return { ids: view.ids };
    return new StreamedOutput((write) =>
      view.readWhole((list) =>
        writeJsonArray(
          list.pages(),
          (r) => ({ ...taskJson(r.task, r.spentSeconds), dependsOn: list.dependsOn.get(r.task.id) ?? [] }),
          write,
        ),
      ),
    );
  },
};

/** `task show`: the details of one task or several, at the command's now. */
export interface ShownTasks {
  readonly details: readonly TaskDetails[];
  /** One id was given: JSON is one object, not an array. */
  readonly single: boolean;
  readonly now: Date;
}

export const shownRenderers: Renderers<ShownTasks> = {
  text: ({ details, now }, { color }) =>
    details.map((d) => renderTaskDetails(d, { color, now })).join('\n\n'),
  json: ({ details, single, now }) => {
    const shapes = details.map((d) => taskDetailsJson(d, (e) => entrySeconds(e, now)));
    return single ? shapes[0] : shapes;
  },
};

export interface TaskHistoryView {
  readonly task: Task;
  readonly history: readonly HistoryEntry[];
}

export const historyRenderers: Renderers<TaskHistoryView> = {
  text: ({ task, history }) => renderHistory(`task ${task.id} ${task.title}`, history),
  json: ({ history }) => history.map(historyJson),
};
