import { search } from '@inquirer/prompts';
import { foldForSearch } from '../../core/search.js';
import type { Task } from '../../core/types.js';
import { terminalSafe } from '../../format/safe-text.js';

/**
 * R25 on a terminal: `task start` (with no words, or words that name several tasks) offers the tasks to
 * pick from; typing narrows the list (every word anywhere in the title, any case, any language).
 */
export async function pickTask(message: string, tasks: readonly Task[]): Promise<number> {
  const choices = tasks.map((task) => ({
    name: `${String(task.id).padStart(5)}  ${terminalSafe(task.title)}`,
    value: task.id,
    folded: foldForSearch(task.title),
  }));
  return search<number>({
    message,
    pageSize: 10,
    source: (term) => {
      const words = foldForSearch(term ?? '')
        .split(/\s+/)
        .filter(Boolean);
      return Promise.resolve(
        choices
          .filter((c) => words.every((w) => c.folded.includes(w) || String(c.value) === w))
          .map(({ name, value }) => ({ name, value })),
      );
    },
  });
}
