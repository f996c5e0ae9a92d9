import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/cli/app.js';
import { commandWord, taskwarriorOrder } from '../../src/cli/argv.js';
import {
  COMMAND_NAMES,
  type CommandFile,
  commandFileOf,
  GLOBAL_OPTIONS,
  LIST_VALUE_FLAGS,
  VALUE_TAKING_FLAGS,
} from '../../src/cli/command-index.js';
import { type SomeCommandModule, valueTakingFlags } from '../../src/cli/command-module.js';
import { COMMAND_LOADERS } from '../../src/cli/commands/index.js';
import { COMMANDS as TIMER_COMMANDS } from '../../src/cli/commands/timers.js';

const app = new App({}, process.stdout, process.stderr);

/** The top-level commands a command file registers. */
async function registered(file: CommandFile): Promise<readonly Command[]> {
  const program = new Command('task');
  (await COMMAND_LOADERS[file]())(program, app);
  return program.commands;
}

const namesOf = (commands: readonly Command[]) => commands.flatMap((c) => [c.name(), ...c.aliases()]);

describe('the command index (written once, checked here against the definitions)', () => {
  it.each(Object.keys(COMMAND_NAMES) as CommandFile[])(
    'COMMAND_NAMES.%s is exactly what the file defines',
    async (file) => {
      expect(namesOf(await registered(file)).sort()).toEqual([...COMMAND_NAMES[file]].sort());
    },
  );

  it('a converted file registers its modules, names and aliases from their definitions', async () => {
    const fromDefinitions = (TIMER_COMMANDS as readonly SomeCommandModule[]).flatMap((m) => [
      m.definition.name,
      ...(m.definition.aliases ?? []),
    ]);
    expect(namesOf(await registered('timers'))).toEqual(fromDefinitions);
  });

  it('no command word belongs to two files', () => {
    const all = Object.values(COMMAND_NAMES).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(commandFileOf('stop')).toBe('timers');
    expect(commandFileOf('strat')).toBeUndefined();
  });

  it("the value-taking options before a command word are the global ones and the list's", async () => {
    const list = (await registered('tasks')).find((c) => c.name() === 'list')!;
    const listValueFlags = list.options.filter((o) => o.required || o.optional).map((o) => o.long);
    expect([...LIST_VALUE_FLAGS].sort()).toEqual(listValueFlags.sort());
    expect([...VALUE_TAKING_FLAGS].sort()).toEqual(
      [...valueTakingFlags(GLOBAL_OPTIONS), ...listValueFlags].sort(),
    );
  });

  it('task --exclude-tag home is the list without that tag (its value is not read as a command)', () => {
    expect(commandWord(['--exclude-tag', 'home'])).toBeUndefined();
    expect(taskwarriorOrder(['--exclude-tag', 'home'])).toEqual(['list', '--exclude-tag', 'home']);
  });
});
