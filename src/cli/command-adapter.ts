import { type Command, Option } from 'commander';
import type { App } from './app.js';
import {
  type Ask,
  type ArgumentDefinition,
  type CommandContext,
  type CommandDefinition,
  type CommandEntry,
  type CommandGroup,
  isCommandGroup,
  type OptionDefinition,
  type OptionDefinitions,
  optionFlag,
  type SomeCommandModule,
} from './command-module.js';
import { StreamedOutput } from '../format/renderers.js';
import { collect, collectRaw } from './flags.js';
import { programShape } from './command-tree.js';

/** The one place commander meets command modules: definitions in, parse -> run -> render out. */

/** Adds these command modules and groups to a program (or to a parent command such as `time`). */
export function addCommands(parent: Command, app: App, entries: readonly CommandEntry[]): void {
  for (const entry of entries)
    if (isCommandGroup(entry)) addGroup(parent, app, entry);
    else addCommand(parent, app, entry);
}

export function addCommand(parent: Command, app: App, module: SomeCommandModule): Command {
  return commanderCommand(parent, module.definition).action(async (...params: unknown[]) =>
    runCommand(app, params.at(-1) as Command, module),
  );
}

/** A group's command (running its default, if it has one) with its commands under it. */
function addGroup(parent: Command, app: App, group: CommandGroup): Command {
  const { name, aliases, summary } = group;
  const command = group.default
    ? addCommand(parent, app, {
        ...group.default,
        definition: { ...group.default.definition, name, aliases, summary },
      })
    : commanderCommand(parent, { name, aliases, summary, arguments: [], options: {} });
  addCommands(command, app, group.commands);
  return command;
}

/** The commander command of a definition, without its action. */
export function commanderCommand(parent: Command, definition: CommandDefinition): Command {
  const command = parent
    .command(definition.name, { hidden: definition.hidden === true })
    .description(definition.summary);
  if (definition.allowUnknownOptions) command.allowUnknownOption();
  if (definition.noHelpOption) command.helpOption(false);
  for (const alias of definition.aliases ?? []) command.alias(alias);
  for (const argument of definition.arguments)
    command.argument(argumentSyntax(argument), argument.description);
  addOptions(command, definition.options);
  return command;
}

/** What commander parsed for a command, in the shape of `RawInput`: arguments by name, options by key. */
export function rawInput(command: Command, definition: CommandDefinition) {
  return {
    args: Object.fromEntries(
      definition.arguments.map((argument, i) => [argument.name, command.processedArgs[i]]),
    ),
    options: ownOptions(command, definition.options),
  };
}

/**
 * The command's options by key. Commander gives an option to the first command that knows it, so a group's
 * command takes the `--format` written after its subcommand (`task report merge a.json --format html`):
 * an option the command defines but did not get is read from the commands above it.
 */
function ownOptions(command: Command, options: OptionDefinitions): Record<string, unknown> {
  const own: Record<string, unknown> = { ...command.opts() };
  const above: Record<string, unknown> = command.optsWithGlobals();
  for (const key of Object.keys(options))
    if (own[key] === undefined && above[key] !== undefined) own[key] = above[key];
  return own;
}

/** Adds options defined as data to a command (the program's global ones too). */
export function addOptions(command: Command, options: OptionDefinitions): void {
  for (const [key, option] of Object.entries(options))
    for (const made of commanderOptions(key, option)) command.addOption(made);
}

function argumentSyntax({ name, kind }: ArgumentDefinition): string {
  if (kind === 'one') return `<${name}>`;
  if (kind === 'optional') return `[${name}]`;
  return kind === 'many' ? `<${name}...>` : `[${name}...]`;
}

function commanderOptions(key: string, option: OptionDefinition): Option[] {
  const long = optionFlag(key);
  switch (option.kind) {
    case 'switch':
      return [new Option(option.short ? `-${option.short}, ${long}` : long, option.description)];
    case 'toggle':
      return [
        new Option(long, option.description),
        new Option(`--no-${long.slice(2)}`, option.offDescription),
      ];
    case 'off':
      return [new Option(`--no-${long.slice(2)}`, option.description)];
    case 'text': {
      const made = new Option(
        `${option.short ? `-${option.short}, ` : ''}${long} <${option.value}>`,
        option.description,
      );
      if (option.default !== undefined) made.default(option.default);
      return [option.required ? made.makeOptionMandatory() : made];
    }
    case 'list':
    case 'rawList':
      return [
        new Option(`${long} <${option.value}>`, option.description).argParser(
          option.kind === 'list' ? collect : collectRaw,
        ),
      ];
    case 'choice': {
      const made = new Option(`${long} <${option.value}>`, option.description).choices(option.choices);
      if (option.default !== undefined) made.default(option.default);
      return [option.required ? made.makeOptionMandatory() : made];
    }
  }
}

/**
 * parse -> run -> warnings, exit code -> render. Each value goes back to the module that made it (or, for
 * the raw input, that commander made by its definition), hence the `as never`: see SomeCommandModule.
 */
async function runCommand(app: App, command: Command, module: SomeCommandModule): Promise<void> {
  const input = module.parse(rawInput(command, module.definition) as never, app.now());
  let result: never;
  try {
    result = (await module.run(commandContext(app, command), input as never, askOn(app, command))) as never;
  } finally {
    app.endProgress();
  }
  app.warn(module.warnings?.(result) ?? []);
  if (module.exitCode) app.exitCode = module.exitCode(result);
  const render = await module.renderers();
  if (app.json(command)) return print(app, render.json(result), true);
  const view = {
    color: app.color(command),
    width: app.width(),
    now: app.now(),
    terminal: Boolean(app.stdout.isTTY),
  };
  print(app, render.text(result, view), false);
}

function print(app: App, output: unknown, json: boolean): void {
  if (output instanceof StreamedOutput) app.streamOutput(output);
  else if (json) app.printJson(output);
  else if (typeof output === 'string') app.print(output);
}

function commandContext(app: App, command: Command): CommandContext {
  return {
    core: () => app.context(command),
    coreNow: () => app.contextNow(command),
    maintenance: () => app.maintenance(command),
    now: () => app.now(),
    globals: { db: app.flags(command).db, as: app.flags(command).as },
    serverSetup: (conninfo, work) => app.serverSetup(conninfo, work),
    restoreBackup: (file, authorize) => app.restoreBackup(command, file, authorize),
    config: () => app.loadConfig(),
    configPath: () => app.configPath(),
    program: () => programShape(command),
    env: app.env,
    json: app.json(command),
  };
}

function askOn(app: App, command: Command): Ask {
  return {
    interactive: app.interactive(command),
    text: (question, required) => app.ask(question, required),
    pickTask: async (message, tasks) => {
      const { pickTask } = await import('./prompts/pick-task.js');
      return pickTask(message, tasks);
    },
    newTask: async (form) => {
      const { askNewTask } = await import('./prompts/add-form.js');
      return askNewTask(form);
    },
    editText: async (text) => {
      const { editText } = await import('./prompts/edit-form.js');
      return editText(text, app.env);
    },
    fixPlan: async (day, candidates) => {
      const { askPlan } = await import('./prompts/fix-plan.js');
      return askPlan(day, candidates);
    },
  };
}
