import { afterEach, describe, expect, it } from 'vitest';
import { addCommand, logCommand } from '../../src/cli/commands/task-add.js';
import { doneCommand } from '../../src/cli/commands/task-done.js';
import {
  appendCommand,
  commentCommand,
  editCommand,
  prependCommand,
  undoCommand,
} from '../../src/cli/commands/task-edit.js';
import { historyCommand, listCommand, showCommand } from '../../src/cli/commands/task-list.js';
import { RuleError, UsageError } from '../../src/core/errors.js';
import { StreamedOutput, type TextView } from '../../src/format/renderers.js';
import {
  commentedRenderers,
  createdRenderers,
  doneRenderers,
  loggedRenderers,
  undoneRenderers,
  updatedRenderers,
} from '../../src/format/task-outcomes.js';
import { historyRenderers, shownRenderers, taskListRenderers } from '../../src/format/task-list-view.js';
import { commandContext, inputFromArgv, noTerminal, ScriptedAsk } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const view: TextView = { color: false, width: 100, now: NOW, terminal: false };

let world: CoreWorld | undefined;
afterEach(() => world?.close());

function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('anna');
  return w;
}

/** What a streamed renderer writes. */
function written(output: unknown): string {
  if (!(output instanceof StreamedOutput)) throw new Error('not streamed');
  let text = '';
  output.stream((chunk) => {
    text += chunk;
  });
  return text;
}

describe('task commands: argv -> input', () => {
  it('add: Taskwarrior words and flags become the new task; no title means the form', () => {
    expect(
      inputFromArgv(addCommand, [
        'Ops:',
        'Write',
        'it',
        'due:tomorrow',
        'pri:H',
        '+office',
        '--plan',
        '1h30m',
      ]),
    ).toMatchObject({
      kind: 'fields',
      task: {
        title: 'Ops: Write it',
        deadline: { at: new Date('2026-11-28T23:59:59.999'), allDay: true },
        priority: 'high',
        tags: ['office'],
        plannedMinutes: 90,
      },
    });
    expect(inputFromArgv(addCommand, ['-i', 'Ops: x', '--accept'])).toEqual({
      kind: 'form',
      title: 'Ops: x',
      formAsked: true,
      extras: { description: undefined, acceptRequired: true, management: undefined, review: undefined },
    });
    expect(inputFromArgv(addCommand, [])).toMatchObject({ kind: 'form', title: '', formAsked: false });
  });

  it.each([
    [addCommand, ['Ops: x', '--priority', 'urgent'], /--priority: "urgent" is not a priority/],
    [addCommand, ['Ops: x', '--parent', 'abc'], /--parent: "abc" is not a task id/],
    [addCommand, ['Ops: x', '--crm', 'phone:1'], /--crm: "phone:1" is not a CRM link/],
    [logCommand, ['Ops: x', '--spent', 'ages'], /--spent/],
    [logCommand, ['Ops: x', 'depends:3', '--spent', '5m'], /depends: task log enters finished work/],
    [editCommand, ['1', 'scheduled:fri'], /task plan add 1 --date fri/],
    [editCommand, ['1', 'New', 'title', '--title', 'Other'], /give the new title once/],
    [editCommand, ['1', '--hard', '--soft'], /--hard and --soft contradict/],
    [appendCommand, ['1', 'pri:H'], /nothing to append: task append 1 WORDS/],
    [doneCommand, ['1', '--next', 'someday'], /--next/],
    [showCommand, ['x'], /is not a task id/],
  ] as const)('refuses bad input with a usage error naming it: %#', (module, words, message) => {
    const parse = () => inputFromArgv(module as typeof addCommand, words);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });

  it('edit: words and flags are one set of changes; "none" removes; --no-accept switches off', () => {
    expect(inputFromArgv(editCommand, ['12,13', 'due:none', 'plan:1h', '+y', '--no-accept'])).toEqual({
      ids: [12, 13],
      changes: { deadline: null, plannedMinutes: 60, addTags: ['y'], acceptRequired: false },
    });
    expect(inputFromArgv(editCommand, ['1', '--untag', 'x', 'depends:2,-3'])).toEqual({
      ids: [1],
      changes: { removeTags: ['x'], addDepends: [2], removeDepends: [3] },
    });
    expect(inputFromArgv(editCommand, ['1'])).toEqual({ ids: [1], changes: {} });
    expect(inputFromArgv(prependCommand, ['4', 'Urgent', 'pri:H'])).toEqual({
      ids: [4],
      changes: { priority: 'high', prependText: 'Urgent' },
    });
  });

  it('done, list, show, comment, undo', () => {
    expect(inputFromArgv(doneCommand, ['3', '4-5', '--result', 'ok', '--link', 'a,b'])).toEqual({
      ids: [3, 4, 5],
      parts: expect.objectContaining({ result: 'ok', links: ['a,b'] }),
      next: undefined,
    });
    expect(inputFromArgv(doneCommand, []).ids).toBeUndefined();
    expect(inputFromArgv(listCommand, ['project:Sales', '--limit', '5', '--tag', 'a,b'])).toEqual({
      terms: ['project:Sales'],
      flags: expect.objectContaining({ limit: '5', tag: ['a', 'b'], sort: 'deadline' }),
    });
    expect(inputFromArgv(showCommand, ['1', '3-4'])).toEqual({ ids: [1, 3, 4] });
    expect(inputFromArgv(historyCommand, ['#7'])).toEqual({ id: 7 });
    expect(inputFromArgv(commentCommand, ['2', 'looks', 'good'])).toEqual({ ids: [2], body: 'looks good' });
    expect(inputFromArgv(undoCommand, ['--force', '--reason', 'r'])).toEqual({ force: true, reason: 'r' });
  });
});

describe('task commands: run on the core, then rendered', () => {
  it('R5: add, then list, show and history of the task', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const created = await addCommand.run(
      ctx,
      inputFromArgv(addCommand, ['Ops: Write the guide', '--plan', '1h']),
      noTerminal,
    );
    expect(createdRenderers.text(created, view)).toBe('Created task 1: Ops: Write the guide');
    expect(createdRenderers.json(created)).toMatchObject({
      id: 1,
      title: 'Ops: Write the guide',
      plannedMinutes: 60,
    });
    const list = await listCommand.run(ctx, inputFromArgv(listCommand, []), noTerminal);
    expect(written(taskListRenderers.text(list, view))).toContain('Ops: Write the guide');
    expect(JSON.parse(written(taskListRenderers.json(list)))).toMatchObject([{ id: 1, dependsOn: [] }]);
    const count = await listCommand.run(ctx, inputFromArgv(listCommand, ['--count']), noTerminal);
    expect(taskListRenderers.text(count, view)).toBe('1');
    const ids = await listCommand.run(
      ctx,
      inputFromArgv(listCommand, ['--ids', 'project:Sales']),
      noTerminal,
    );
    expect(taskListRenderers.text(ids, view)).toBeNull();
    const shown = await showCommand.run(ctx, inputFromArgv(showCommand, ['1']), noTerminal);
    expect(shownRenderers.json(shown)).toMatchObject({ id: 1 });
    const history = await historyCommand.run(ctx, inputFromArgv(historyCommand, ['1']), noTerminal);
    expect(historyRenderers.text(history, view)).toContain('task 1 Ops: Write the guide');
  });

  it('add with no title: the form on a terminal, a usage error naming the flags elsewhere', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    await expect(addCommand.run(ctx, inputFromArgv(addCommand, []), noTerminal)).rejects.toThrow(
      /the title is missing: task add "Project: what to do"/,
    );
    await expect(
      addCommand.run(commandContext(w, 'anna', true), inputFromArgv(addCommand, ['-i']), noTerminal),
    ).rejects.toThrow(/task add shows no form with --json/);
    const ask = new ScriptedAsk({ newTask: [{ title: 'Ops: From the form', plannedMinutes: 15 }] });
    const created = await addCommand.run(ctx, inputFromArgv(addCommand, ['--accept']), ask);
    expect(ask.asked).toEqual(['add form: ']);
    expect(created.outcomes[0]!.task).toMatchObject({ title: 'Ops: From the form', acceptRequired: true });
  });

  it('edit several tasks together; with nothing to change, the editor on a terminal', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    await addCommand.run(ctx, inputFromArgv(addCommand, ['Ops: One']), noTerminal);
    await addCommand.run(ctx, inputFromArgv(addCommand, ['Ops: Two']), noTerminal);
    const edited = await editCommand.run(ctx, inputFromArgv(editCommand, ['1-2', 'pri:L']), noTerminal);
    expect(updatedRenderers.text(edited, view)).toBe('Updated task 1: Ops: One\nUpdated task 2: Ops: Two');
    expect(updatedRenderers.json(edited)).toHaveLength(2);
    await expect(editCommand.run(ctx, inputFromArgv(editCommand, ['1']), noTerminal)).rejects.toThrow(
      /nothing to change/,
    );
    const form = new ScriptedAsk({ edited: ['placeholder'] });
    // The editor gets the form; what comes back unchanged changes nothing.
    form.editText = async (text: string) => text;
    const same = await editCommand.run(ctx, inputFromArgv(editCommand, ['1']), form);
    expect(updatedRenderers.text(same, view)).toBe('Task 1 already reads so; nothing changed.');
    const appended = await appendCommand.run(ctx, inputFromArgv(appendCommand, ['2', 'today']), noTerminal);
    expect(appended.outcomes[0]!.task.title).toBe('Ops: Two today');
  });

  it('R31: done needs a result - asked on a terminal, refused without one; comment and undo', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    await addCommand.run(ctx, inputFromArgv(addCommand, ['Ops: One', '--plan', '30m']), noTerminal);
    await expect(doneCommand.run(ctx, inputFromArgv(doneCommand, ['1']), noTerminal)).rejects.toThrow(
      RuleError,
    );
    await expect(doneCommand.run(ctx, inputFromArgv(doneCommand, []), noTerminal)).rejects.toThrow(
      /missing the task id: task done ID/,
    );
    const commented = await commentCommand.run(
      ctx,
      inputFromArgv(commentCommand, ['1', ' note ']),
      noTerminal,
    );
    expect(commentedRenderers.text(commented, view)).toBe('Comment #1 added to task 1.');
    expect(commentedRenderers.json(commented)).toEqual({ id: 1, taskId: 1, kind: 'comment', body: 'note' });
    w.at('2026-11-27T09:10:00');
    await editCommand.run(ctx, inputFromArgv(editCommand, ['1', '--priority', 'low']), noTerminal);
    const undone = await undoCommand.run(ctx, inputFromArgv(undoCommand, []), noTerminal);
    expect(undoneRenderers.text(undone, view)).toBe(
      'Undone on task 1 Ops: One: priority set back (task history 1 shows both changes).',
    );
    const ask = new ScriptedAsk({ pick: [1], text: ['Guide written'] });
    const done = await doneCommand.run(ctx, inputFromArgv(doneCommand, []), ask);
    expect(ask.asked).toEqual([
      'Close which task? (type to narrow)',
      'Result - what was obtained (decision, link to the document):',
    ]);
    expect(doneRenderers.text(done, view)).toBe('Completed: task 1 Ops: One');
  });

  it('R22: log enters done work with its time; the result is asked on a terminal', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const ask = new ScriptedAsk({ text: ['Fixed'] });
    const logged = await logCommand.run(
      ctx,
      inputFromArgv(logCommand, ['Ops: Quick fix', '--spent', '10m']),
      ask,
    );
    expect(loggedRenderers.text(logged, view)).toBe('Logged task 1: Ops: Quick fix (10m, completed)');
    expect(loggedRenderers.json(logged)).toMatchObject({ id: 1, status: 'completed' });
  });
});
