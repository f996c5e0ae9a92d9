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
  MINUS_TAG_COMMANDS,
  TASK_ID_COMMANDS,
  VALUE_TAKING_FLAGS,
} from '../../src/cli/command-index.js';
import {
  type CommandDefinition,
  type CommandEntry,
  isCommandGroup,
  type MinusTag,
  type SomeCommandModule,
  valueTakingFlags,
} from '../../src/cli/command-module.js';
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

/** Each top-level command word of the converted files with the definition that answers it (a group's default's). */
async function topLevelDefinitions(): Promise<[string, CommandDefinition][]> {
  const words: [string, CommandDefinition][] = [];
  for (const file of Object.keys(COMMAND_NAMES)) {
    const path = `../../src/cli/commands/${file}.js`;
    const loaded = (await import(/* @vite-ignore */ path)) as { COMMANDS?: readonly CommandEntry[] };
    for (const entry of loaded.COMMANDS ?? []) {
      const definition = isCommandGroup(entry) ? entry.default?.definition : entry.definition;
      const named = isCommandGroup(entry) ? entry : entry.definition;
      if (definition)
        for (const word of [named.name, ...(named.aliases ?? [])]) words.push([word, definition]);
    }
  }
  return words;
}

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

  it('TASK_ID_COMMANDS is exactly the words whose definitions take task ids (argv.ts reads it)', async () => {
    const fromDefinitions = (await topLevelDefinitions())
      .filter(([, d]) => d.takesTaskIds)
      .map(([word]) => word);
    expect([...TASK_ID_COMMANDS].sort()).toEqual(fromDefinitions.sort());
  });

  it('MINUS_TAG_COMMANDS is exactly what the definitions say -TAG is; an option named is one that takes a value', async () => {
    const fromDefinitions: Record<string, MinusTag> = {};
    for (const [word, definition] of await topLevelDefinitions())
      if (definition.minusTag) {
        fromDefinitions[word] = definition.minusTag;
        const { minusTag } = definition;
        if (minusTag !== 'filter') expect(definition.options[minusTag.option]).toHaveProperty('value');
      }
    expect(MINUS_TAG_COMMANDS).toEqual(fromDefinitions);
  });

  it('task --exclude-tag home is the list without that tag (its value is not read as a command)', () => {
    expect(commandWord(['--exclude-tag', 'home'])).toBeUndefined();
    expect(taskwarriorOrder(['--exclude-tag', 'home'])).toEqual(['list', '--exclude-tag', 'home']);
  });
});
