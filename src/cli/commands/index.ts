import type { Command } from 'commander';
import type { App } from '../app.js';
import type { CommandFile } from '../command-index.js';
import type { CommandEntry } from '../command-module.js';

/** Adds a command file's commands to the program. */
export type RegisterCommands = (program: Command, app: App) => void;

/** A converted file's modules, added by the adapter. */
async function modules(load: Promise<{ COMMANDS: readonly CommandEntry[] }>): Promise<RegisterCommands> {
  const [{ COMMANDS }, { addCommands }] = await Promise.all([load, import('../command-adapter.js')]);
  return (program, app) => addCommands(program, app, COMMANDS);
}

/**
 * How each command file is loaded - only the invoked command's file is (see COMMAND_NAMES). A file
 * not yet converted to command modules still registers its commander closures itself.
 */
export const COMMAND_LOADERS: Record<CommandFile, () => Promise<RegisterCommands>> = {
  tasks: () => modules(import('./tasks.js')),
  timers: () => modules(import('./timers.js')),
  time: () => modules(import('./time.js')),
  workflow: () => modules(import('./workflow.js')),
  review: () => modules(import('./review.js')),
  day: () => modules(import('./day.js')),
  plan: () => modules(import('./plan.js')),
  report: () => modules(import('./report.js')),
  interchange: () => modules(import('./interchange.js')),
  find: () => modules(import('./find.js')),
  templates: () => modules(import('./templates.js')),
  completion: () => modules(import('./completion.js')),
  maintenance: () => modules(import('./maintenance.js')),
  users: () => modules(import('./users.js')),
  config: () => modules(import('./config.js')),
  policy: () => modules(import('./policy.js')),
  context: () => modules(import('./context.js')),
  server: () => modules(import('./server.js')),
};
