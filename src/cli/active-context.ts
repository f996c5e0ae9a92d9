import type { Config } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import type { NewTaskDefaults } from '../core/tasks.js';
import { contextWriteDefaults } from './taskwarrior-words.js';

/** Taskwarrior's context set with `task context NAME`: its name and filter words. */
export interface ActiveContext {
  name: string;
  words: string[];
}

/** The context set, if any; one named but no longer defined is an error. */
export function activeContext(config: Config): ActiveContext | null {
  if (config.context === null) return null;
  const words = config.contexts[config.context];
  if (!words)
    throw new UsageError(
      `the context "${config.context}" is set but not defined; define it (task context define ${config.context} WORDS...) or leave it (task context none)`,
    );
  return { name: config.context, words };
}

/** The context set and what it files new tasks under (Taskwarrior's write context), or null without one. */
export function contextFiling(config: Config): { name: string; defaults: NewTaskDefaults } | null {
  const context = activeContext(config);
  if (!context) return null;
  return {
    name: context.name,
    defaults: withContextHint(context, () => contextWriteDefaults(context.words)),
  };
}

/** A filter refused because it contradicts the context says so, and how to leave the context. */
export function withContextHint<T>(context: ActiveContext | null, apply: () => T): T {
  try {
    return apply();
  } catch (error) {
    if (!context || !(error instanceof UsageError)) throw error;
    throw new UsageError(
      `${error.message} (the context "${context.name}" adds ${context.words.join(' ')}; leave it with: task context none)`,
    );
  }
}
