import { type Command, Help } from 'commander';

/**
 * The program's commands as plain data - names, arguments, options - for what walks them without
 * commander (shell completion). Built from the commander program as it was registered, so commands
 * not yet converted to modules are in it too.
 */
export interface CommandShape {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly summary: string;
  /** Left out of help and completion (`__complete`). */
  readonly hidden: boolean;
  readonly arguments: readonly { readonly name: string; readonly variadic: boolean }[];
  readonly options: readonly OptionShape[];
  readonly commands: readonly CommandShape[];
}

export interface OptionShape {
  /** `--project`, `--no-color`. */
  readonly long: string;
  readonly description: string;
  readonly takesValue: boolean;
  /** The values a `choice` option allows. */
  readonly choices: readonly string[] | undefined;
}

/** The shape of the whole program `command` belongs to. */
export function programShape(command: Command): CommandShape {
  let root = command;
  while (root.parent) root = root.parent;
  return commandShape(root, false);
}

function commandShape(command: Command, hidden: boolean): CommandShape {
  const visible = new Set(new Help().visibleCommands(command));
  return {
    name: command.name(),
    aliases: command.aliases(),
    summary: command.description(),
    hidden,
    arguments: command.registeredArguments.map((a) => ({ name: a.name(), variadic: a.variadic })),
    options: command.options.map((o) => ({
      long: o.long ?? '',
      description: o.description,
      takesValue: o.required || o.optional,
      choices: o.argChoices,
    })),
    commands: command.commands.map((sub) => commandShape(sub, !visible.has(sub))),
  };
}
