import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';

/** `task context`: Taskwarrior's contexts, kept in the config file (their words come from the person). */

/** The context set now (none: name null). */
export interface ContextShown {
  readonly name: string | null;
  readonly words: readonly string[];
  /** What it files new tasks under: `project:Work`, `+office`. */
  readonly filing: readonly string[];
}

/** What a `task context` command did. */
export type ContextView =
  | ({ readonly kind: 'shown' } & ContextShown)
  | {
      readonly kind: 'set' | 'defined';
      readonly name: string;
      readonly words: readonly string[];
      readonly filing: readonly string[];
    }
  | { readonly kind: 'deleted'; readonly name: string }
  | { readonly kind: 'left' };

/** What the context does to task add, for the messages: "; task add files new tasks under project:Work +office". */
function filingClause(filing: readonly string[]): string {
  return filing.length ? `; task add files new tasks under ${filing.join(' ')}` : '';
}

export const contextRenderers: Renderers<ContextView> = {
  text: (view) => {
    switch (view.kind) {
      case 'shown':
        if (view.name === null) return 'No context is set.';
        return terminalSafe(`Context "${view.name}": ${view.words.join(' ')}${filingClause(view.filing)}`);
      case 'set':
        return terminalSafe(
          `Context "${view.name}" set: task list shows ${view.words.join(' ')} only${filingClause(view.filing)}. Leave it with: task context none`,
        );
      case 'defined':
        return terminalSafe(
          `Context "${view.name}" defined: ${view.words.join(' ')}${filingClause(view.filing)}. Set it with: task context ${view.name}`,
        );
      case 'deleted':
        return `Context "${view.name}" deleted.`;
      case 'left':
        return 'No context: task list shows all your tasks again.';
    }
  },
  json: (view) => {
    switch (view.kind) {
      case 'shown':
      case 'set':
      case 'defined':
        return { context: view.name, filter: view.words, newTasks: view.filing };
      case 'deleted':
        return { deleted: view.name };
      case 'left':
        return { context: null };
    }
  },
};

/** One context of `task context list`. */
export interface ContextEntry {
  readonly name: string;
  readonly words: readonly string[];
  readonly filing: readonly string[];
  readonly active: boolean;
}

export const contextListRenderers: Renderers<readonly ContextEntry[]> = {
  text: (entries) => {
    if (entries.length === 0) return 'No contexts yet: task context define NAME FILTER WORDS...';
    const width = Math.max(...entries.map(({ name }) => name.length));
    return entries
      .map(({ name, words, active }) =>
        terminalSafe(`${active ? '*' : ' '} ${name.padEnd(width)}  ${words.join(' ')}`),
      )
      .join('\n');
  },
  json: (entries) =>
    entries.map(({ name, words, filing, active }) => ({ name, filter: words, newTasks: filing, active })),
};
