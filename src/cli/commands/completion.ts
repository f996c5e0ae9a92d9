import type { Candidate, CompletionScript } from '../../format/completion-view.js';
import { UsageError } from '../../core/errors.js';
import { type CommandContext, defineCommand, defineModule } from '../command-module.js';

/** Shell completion: scripts for bash, zsh and fish that ask `task __complete` for candidates. */

export const completionCommand = defineModule({
  definition: defineCommand({
    name: 'completion',
    summary: 'print a shell completion script: task completion bash >> ~/.bashrc',
    arguments: [{ name: 'shell', kind: 'one', description: 'bash, zsh or fish' }],
    options: {
      name: {
        kind: 'text',
        value: 'name',
        description: 'the command name to complete (task or regula)',
        default: 'task',
      },
    },
  }),
  parse: ({ args, options }) => ({ shell: args.shell, name: options.name.replace(/[^A-Za-z0-9_-]/g, '') }),
  async run(_ctx, input): Promise<CompletionScript> {
    const { isShell } = await import('../../format/completion-view.js');
    if (!isShell(input.shell))
      throw new UsageError(`"${input.shell}" is not a shell we complete for; use bash, zsh or fish`);
    return { shell: input.shell, name: input.name };
  },
  renderers: async () => (await import('../../format/completion-view.js')).completionScriptRenderers,
});

export const completeCommand = defineModule({
  definition: defineCommand({
    name: '__complete',
    summary: 'candidates for shell completion (used by the completion scripts)',
    arguments: [
      {
        name: 'words',
        kind: 'optionalMany',
        description: 'the words typed after the command name; the last is the one being completed',
      },
    ],
    options: {},
    hidden: true,
    allowUnknownOptions: true,
    noHelpOption: true,
  }),
  parse: ({ args }) => ({ words: args.words }),
  async run(ctx, input): Promise<readonly Candidate[]> {
    const { completionCandidates } = await import('../completion-words.js');
    return completionCandidates(ctx.program(), input.words, await completionSources(ctx));
  },
  renderers: async () => (await import('../../format/completion-view.js')).candidatesRenderers,
});

/** The database's names through core (opened only when a word needs them), the contexts from the config. */
async function completionSources(ctx: CommandContext) {
  const reads = await import('../../core/completion-reads.js');
  return {
    config: () => ctx.config(),
    projects: async () => reads.visibleProjectNames(await ctx.core()),
    tags: async () => reads.visibleTagNames(await ctx.core()),
    users: async () => reads.userNames(await ctx.core()),
    openTasks: async () => reads.openTasksOf(await ctx.core()),
    recentEntries: async () => reads.recentEntriesOf(await ctx.core()),
  };
}

export const COMMANDS = [completionCommand, completeCommand];
