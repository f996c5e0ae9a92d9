import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { commanderCommand } from '../../src/cli/command-adapter.js';
import { programShape } from '../../src/cli/command-tree.js';
import { completeCommand, completionCommand } from '../../src/cli/commands/completion.js';
import { COMMANDS as CONTEXT_COMMANDS } from '../../src/cli/commands/context.js';
import { listCommand } from '../../src/cli/commands/task-list.js';
import { doneCommand } from '../../src/cli/commands/task-done.js';
import { startCommand } from '../../src/cli/commands/timers.js';
import type { CommandDefinition, CommandEntry } from '../../src/cli/command-module.js';
import { isCommandGroup } from '../../src/cli/command-module.js';
import { UsageError } from '../../src/core/errors.js';
import { completeTask, createTask } from '../../src/core/tasks.js';
import { addManualTime } from '../../src/core/time-corrections.js';
import { candidatesRenderers, completionScriptRenderers } from '../../src/format/completion-view.js';
import type { TextView } from '../../src/format/renderers.js';
import { commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const view: TextView = { color: false, width: 80, now: NOW, terminal: false };

let world: CoreWorld | undefined;
afterEach(() => world?.close());

/** A program of a few real commands, as commander holds them, with the hidden __complete among them. */
function program(): Command {
  const root = new Command('task');
  root.option('--json', 'machine-readable output on stdout');
  const add = (parent: Command, entry: CommandEntry) => {
    if (isCommandGroup(entry)) {
      const group = commanderCommand(parent, { ...entry, arguments: [], options: {} } as CommandDefinition);
      for (const sub of entry.commands) add(group, sub);
    } else commanderCommand(parent, entry.definition);
  };
  for (const entry of [listCommand, startCommand, doneCommand, completeCommand, ...CONTEXT_COMMANDS])
    add(root, entry);
  return root;
}

/**
 * anna and boris are employees (the admin is root). anna: 1 open with tag office, 2 closed; boris: 3
 * with tag secret, which anna may not see (R4).
 */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('root');
  w.person('anna');
  w.person('boris');
  createTask(w.as('anna'), { title: 'Ops: Prepare  the docs', plannedMinutes: 60, tags: ['office'] });
  createTask(w.as('anna'), { title: 'Sales: Call Ivan', plannedMinutes: 30 });
  addManualTime(w.as('anna'), 2, { minutes: 20, at: new Date('2026-11-27T08:00:00'), comment: 'forgot' });
  completeTask(w.as('anna'), 2, { result: 'called' });
  createTask(w.as('boris'), { title: 'HR: Hire', plannedMinutes: 30, tags: ['secret'] });
  return w;
}

async function complete(w: CoreWorld, line: string): Promise<string[]> {
  const ctx = { ...commandContext(w, 'anna'), program: () => programShape(program()) };
  const words = line.split(' ');
  const result = await completeCommand.run(ctx, inputFromArgv(completeCommand, ['--', ...words]), noTerminal);
  return result.map((c) => (c.note === undefined ? c.word : `${c.word}\t${c.note}`));
}

describe('completion commands: argv -> input', () => {
  it('the shell and a command name made safe for a shell function', () => {
    expect(inputFromArgv(completionCommand, ['bash'])).toEqual({ shell: 'bash', name: 'task' });
    expect(inputFromArgv(completionCommand, ['fish', '--name', 're;gu la'])).toEqual({
      shell: 'fish',
      name: 'regula',
    });
  });

  it('__complete takes every word after --, options and -TAG words too', () => {
    expect(inputFromArgv(completeCommand, ['--', 'list', '-off', '--pro'])).toEqual({
      words: ['list', '-off', '--pro'],
    });
    expect(inputFromArgv(completeCommand, [])).toEqual({ words: [] });
  });
});

describe('completion commands: run', () => {
  it('refuses a shell it has no script for', async () => {
    const run = completionCommand.run(
      commandContext(new CoreWorld(), 'anna'),
      { shell: 'tcsh', name: 'task' },
      noTerminal,
    );
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow('"tcsh" is not a shell we complete for; use bash, zsh or fish');
  });

  it('command words, with their summaries; the hidden __complete is not offered', async () => {
    const w = setUp();
    expect(await complete(w, 'st')).toEqual([
      'start\tstart the timer on a task; the running one is paused (R21)',
    ]);
    expect((await complete(w, '_')).map((c) => c.split('\t')[0])).toEqual(['_ids', '_projects', '_tags']);
    expect((await complete(w, '')).some((c) => c.startsWith('__complete'))).toBe(false);
  });

  it('the task ids of commands that take one are the person’s open tasks only', async () => {
    const w = setUp();
    expect(await complete(w, 'start ')).toEqual(['1\tOps: Prepare the docs']);
    expect(await complete(w, 'done 2')).toEqual([]);
    // `task 1 <TAB>`: the commands that take an id, in Taskwarrior's order.
    expect((await complete(w, '1 ')).map((c) => c.split('\t')[0])).toEqual(['start', 'done']);
  });

  it('R4: filter words offer the tags and projects of tasks the person may see', async () => {
    const w = setUp();
    const tags = await complete(w, 'list +');
    expect(tags).toContain('+office');
    expect(tags).not.toContain('+secret');
    expect(tags).toContain('+OVERDUE');
    expect(await complete(w, 'list project:s')).toEqual(['project:Sales']);
    expect(await complete(w, 'list --tag ')).toEqual(['office']);
  });

  it('option names and the values of options, from the core lists', async () => {
    const w = setUp();
    expect(await complete(w, 'list --status a')).toEqual(['awaiting_control']);
    expect(await complete(w, 'list --js')).toEqual(['--json\tmachine-readable output on stdout']);
    // Before any command the global options are the program's own: each listed once.
    expect(await complete(w, '--')).toEqual(['--json\tmachine-readable output on stdout']);
  });

  it('contexts come from the config, after the context subcommands', async () => {
    const w = setUp();
    w.config = { ...w.config, contexts: { work: ['project:Ops'], dinner: ['+home'] } };
    expect(await complete(w, 'context d')).toEqual([
      'define\tname a filter: task context define work project:Work +office',
      'delete\tforget a context',
      'dinner',
    ]);
    expect(await complete(w, 'context delete ')).toEqual(['work', 'dinner']);
  });
});

describe('completion renderers', () => {
  it('one candidate a line, its note after a tab; nothing at all for no candidate', () => {
    expect(candidatesRenderers.text([{ word: '1', note: 'Ops: Call' }, { word: 'dinner' }], view)).toBe(
      '1\tOps: Call\ndinner',
    );
    expect(candidatesRenderers.text([], view)).toBeNull();
    expect(candidatesRenderers.json([{ word: 'dinner' }])).toEqual([{ word: 'dinner' }]);
  });

  it('the scripts complete the name given', () => {
    const fish = completionScriptRenderers.text({ shell: 'fish', name: 'regula' }, view);
    expect(fish).toContain("complete -c regula -f -a '(__regula_regula_complete)'");
    expect(completionScriptRenderers.text({ shell: 'zsh', name: 'task' }, view)).toMatch(/^#compdef task\n/);
    expect(completionScriptRenderers.json({ shell: 'bash', name: 'task' })).toMatchObject({
      shell: 'bash',
      script: expect.stringContaining('complete -o default -F _task_regula_complete task'),
    });
  });
});
