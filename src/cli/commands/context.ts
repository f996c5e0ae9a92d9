import { type Config, CONTEXT_NAME } from '../../core/config.js';
import { NotFoundError, UsageError } from '../../core/errors.js';
import type { ContextEntry, ContextShown, ContextView } from '../../format/context-view.js';
import { type CommandContext, defineCommand, defineGroup, defineModule } from '../command-module.js';
import { contextWriteDefaults, describeDefaults } from '../taskwarrior-words.js';

/**
 * Taskwarrior's contexts: a named filter that `task list` applies while it is set (`task context work`
 * narrows every list to, say, `project:Work +office`), kept in the config file. As in Taskwarrior 2.6,
 * the context also files new tasks: its project, tags and priority are the defaults of task add.
 */

/** What a context files new tasks under (`project:Work +office`); refuses words that are not filters. */
function filingOf(words: readonly string[]): string[] {
  return describeDefaults(contextWriteDefaults(words));
}

/** The contexts there are, for a message: "the contexts are work, home; ". */
function known(config: Config): string {
  const names = Object.keys(config.contexts);
  return names.length ? `the contexts are ${names.join(', ')}; ` : '';
}

async function updateConfig(ctx: CommandContext, change: (file: Record<string, unknown>) => void) {
  const { updateConfigFile } = await import('../config-file.js');
  await updateConfigFile(ctx, change);
}

function activeContext(config: Config): ContextShown {
  const words = config.context ? config.contexts[config.context] : undefined;
  if (!config.context || !words) return { name: null, words: [], filing: [] };
  return { name: config.context, words, filing: filingOf(words) };
}

export const setContextCommand = defineModule({
  definition: defineCommand({
    name: 'set',
    summary: 'set the context',
    arguments: [{ name: 'name', kind: 'optional', description: 'the context to set' }],
    options: {},
  }),
  parse: ({ args }) => ({ name: args.name }),
  async run(ctx, input): Promise<ContextView> {
    const config = ctx.config();
    if (input.name === undefined) return { kind: 'shown', ...activeContext(config) };
    const { name } = input;
    const words = config.contexts[name];
    if (!words)
      throw new NotFoundError(
        `no context "${name}"; ${known(config)}define it with: task context define ${name} FILTER WORDS...`,
      );
    await updateConfig(ctx, (file) => {
      file.context = name;
    });
    return { kind: 'set', name, words, filing: filingOf(words) };
  },
  renderers: async () => (await import('../../format/context-view.js')).contextRenderers,
});

export interface DefineContextInput {
  readonly name: string;
  readonly words: string[];
  readonly filing: string[];
}

export const defineContextCommand = defineModule({
  definition: defineCommand({
    name: 'define',
    summary: 'name a filter: task context define work project:Work +office',
    arguments: [
      { name: 'name', kind: 'one', description: 'a word' },
      {
        name: 'words',
        kind: 'many',
        description:
          'list filter words: project:P +tag -tag due:week priority:H user:U ... (as for task list)',
      },
    ],
    options: {},
    allowUnknownOptions: true, // Taskwarrior's -TAG is a word of the filter, not an option
  }),
  parse: ({ args: { name, words } }): DefineContextInput => {
    const reserved: readonly string[] = CONTEXT_COMMANDS.map((module) => module.definition.name);
    if (!CONTEXT_NAME.test(name) || reserved.includes(name))
      throw new UsageError(
        `"${name}" cannot name a context; use a word of letters, digits, - and _ (not ${reserved.join(', ')})`,
      );
    // Refuses words that are not filters (naming the forms) and a priority that is not one.
    return { name, words, filing: filingOf(words) };
  },
  async run(ctx, { name, words, filing }): Promise<ContextView> {
    await updateConfig(ctx, (file) => {
      file.contexts = { ...((file.contexts as Record<string, string[]> | undefined) ?? {}), [name]: words };
    });
    return { kind: 'defined', name, words, filing };
  },
  renderers: async () => (await import('../../format/context-view.js')).contextRenderers,
});

export const deleteContextCommand = defineModule({
  definition: defineCommand({
    name: 'delete',
    summary: 'forget a context',
    arguments: [{ name: 'name', kind: 'one', description: 'the context' }],
    options: {},
  }),
  parse: ({ args }) => ({ name: args.name }),
  async run(ctx, { name }): Promise<ContextView> {
    const config = ctx.config();
    if (!config.contexts[name])
      throw new NotFoundError(`no context "${name}"; ${known(config)}`.replace(/; $/, ''));
    await updateConfig(ctx, (file) => {
      const { [name]: _gone, ...rest } = (file.contexts as Record<string, string[]>) ?? {};
      file.contexts = rest;
      if (file.context === name) delete file.context;
    });
    return { kind: 'deleted', name };
  },
  renderers: async () => (await import('../../format/context-view.js')).contextRenderers,
});

export const listContextsCommand = defineModule({
  definition: defineCommand({
    name: 'list',
    summary: 'the contexts, the one set marked with *',
    arguments: [],
    options: {},
  }),
  parse: () => ({}),
  async run(ctx): Promise<ContextEntry[]> {
    const config = ctx.config();
    return Object.entries(config.contexts).map(([name, words]) => ({
      name,
      words,
      filing: filingOf(words),
      active: name === config.context,
    }));
  },
  renderers: async () => (await import('../../format/context-view.js')).contextListRenderers,
});

export const showContextCommand = defineModule({
  definition: defineCommand({
    name: 'show',
    summary: 'the context set now',
    arguments: [],
    options: {},
  }),
  parse: () => ({}),
  run: async (ctx): Promise<ContextView> => ({ kind: 'shown', ...activeContext(ctx.config()) }),
  renderers: async () => (await import('../../format/context-view.js')).contextRenderers,
});

export const noContextCommand = defineModule({
  definition: defineCommand({
    name: 'none',
    summary: 'leave the context: task list shows everything again',
    arguments: [],
    options: {},
  }),
  parse: () => ({}),
  async run(ctx): Promise<ContextView> {
    await updateConfig(ctx, (file) => {
      delete file.context;
    });
    return { kind: 'left' };
  },
  renderers: async () => (await import('../../format/context-view.js')).contextRenderers,
});

/** The words under `task context` (a context is not named after one of them). */
const CONTEXT_COMMANDS = [
  defineContextCommand,
  deleteContextCommand,
  listContextsCommand,
  showContextCommand,
  noContextCommand,
];

export const COMMANDS = [
  defineGroup({
    name: 'context',
    summary:
      "named list filters, as Taskwarrior's contexts: task context NAME sets one, task context none leaves it",
    default: setContextCommand,
    commands: CONTEXT_COMMANDS,
  }),
];
