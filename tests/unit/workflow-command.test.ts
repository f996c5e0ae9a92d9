import { afterEach, describe, expect, it } from 'vitest';
import {
  continueCommand,
  copyCommand,
  deleteCommand,
  generalCommand,
  reopenCommand,
  restoreCommand,
  stecCommand,
  stecListCommand,
  stecPullCommand,
} from '../../src/cli/commands/workflow.js';
import { UsageError } from '../../src/core/errors.js';
import { createTask } from '../../src/core/tasks.js';
import type { TextView } from '../../src/format/renderers.js';
import {
  continuedRenderers,
  copiedRenderers,
  deletedRenderers,
  generalCreatedRenderers,
  restoredRenderers,
  stecRenderers,
} from '../../src/format/workflow-view.js';
import { commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const view: TextView = { color: false, width: 80, now: NOW, terminal: false };

let world: CoreWorld | undefined;
afterEach(() => world?.close());

function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('anna');
  return w;
}

describe('workflow commands: argv -> input', () => {
  it('R12, R13: task stec with words adds, without lists', () => {
    expect(inputFromArgv(stecCommand, ['call', 'the', 'bank', '--tag', 'a,b'])).toEqual({
      kind: 'add',
      title: 'call the bank',
      description: undefined,
      tags: ['a', 'b'],
    });
    expect(inputFromArgv(stecCommand, ['--everyone'])).toEqual({ kind: 'backlog', everyone: true });
    expect(inputFromArgv(stecListCommand, [])).toEqual({ everyone: undefined });
  });

  it('R14: stec pull reads its deadline against now, its plan and priority', () => {
    expect(
      inputFromArgv(stecPullCommand, [
        '#4',
        '--deadline',
        '2026-12-01',
        '--plan',
        '1h30m',
        '--priority',
        'high',
      ]),
    ).toEqual({
      id: 4,
      pull: {
        project: undefined,
        deadline: { at: new Date('2026-12-01T23:59:59.999'), allDay: true },
        plannedMinutes: 90,
        priority: 'high',
      },
    });
  });

  it('R15: general is a compound task; --parent is a task id', () => {
    expect(inputFromArgv(generalCommand, ['Legal:', 'Agreement', '--parent', '3', '--hard'])).toMatchObject({
      title: 'Legal: Agreement',
      kind: 'general',
      parentId: 3,
      hard: true,
    });
  });

  it('copy, delete and restore take task ids; several ids as Taskwarrior writes them', () => {
    expect(inputFromArgv(copyCommand, ['5', '--with-subtasks'])).toEqual({
      id: 5,
      withSubtasks: true,
      deadline: undefined,
    });
    expect(inputFromArgv(deleteCommand, ['12-14', '20'])).toEqual({ ids: [12, 13, 14, 20] });
    expect(inputFromArgv(restoreCommand, ['12,13'])).toEqual({ ids: [12, 13] });
    expect(inputFromArgv(reopenCommand, ['7', '--comment', 'again'])).toEqual({ id: 7, comment: 'again' });
  });

  it.each([
    [continueCommand, [], /task continue ID carries unfinished work to another day \(R24\)/],
    [copyCommand, ['x'], /ID: "x" is not a task id/],
    [generalCommand, ['G', '--parent', 'p'], /--parent: "p" is not a task id/],
    [generalCommand, ['G', '--description', ' '], /--description/],
    [stecPullCommand, ['1', '--plan', 'soon'], /soon/],
  ] as const)('refuses bad input before anything opens: %#', (module, words, message) => {
    const parse = () => inputFromArgv(module as typeof copyCommand, words);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});

describe('workflow commands: run on the core, rendered', () => {
  it('R12, R13: a STEC item added, then the backlog lists it with its age', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const added = await stecCommand.run(ctx, inputFromArgv(stecCommand, ['call', 'the', 'bank']), noTerminal);
    expect(stecRenderers.text(added, view)).toBe('Added to STEC: task 1 STEC: call the bank');
    expect(stecRenderers.json(added)).toMatchObject({ id: 1, kind: 'stec' });
    w.at('2026-11-29T09:00:00');
    const listed = await stecCommand.run(ctx, inputFromArgv(stecCommand, []), noTerminal);
    expect(stecRenderers.text(listed, view)).toBe(
      [
        'STEC backlog, oldest first (pull one with: task stec pull ID --project P --deadline D --plan 30m)',
        '    1     2d  STEC: call the bank',
      ].join('\n'),
    );
    expect(stecRenderers.json(listed)).toEqual([expect.objectContaining({ id: 1, ageDays: 2 })]);
    const empty = await stecListCommand.run(commandContext(w, 'anna'), { everyone: false }, noTerminal);
    expect(empty).toHaveLength(1);
  });

  it('R15, R17: a compound task with a step, copied with its subtasks', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const general = await generalCommand.run(
      ctx,
      inputFromArgv(generalCommand, ['Legal:', 'Conclude', 'the', 'agreement']),
      noTerminal,
    );
    expect(generalCreatedRenderers.text(general, view)).toBe(
      'Created compound task 1: General (Legal): Conclude the agreement',
    );
    createTask(w.as('anna'), { title: 'Legal: Draft it', parentId: 1 });
    const copied = await copyCommand.run(
      ctx,
      inputFromArgv(copyCommand, ['1', '--with-subtasks']),
      noTerminal,
    );
    expect(copiedRenderers.text(copied, view)).toBe(
      'Copied task 1 to task 3 with 1 subtask(s): General (Legal): Conclude the agreement',
    );
    expect(copiedRenderers.json(copied)).toMatchObject({ id: 3 });
  });

  it('R24: little time spent only moves the deadline to the next working day', async () => {
    const w = setUp();
    createTask(w.as('anna'), { title: 'Ops: Call the bank', deadline: { at: NOW, allDay: true } });
    const moved = await continueCommand.run(
      commandContext(w, 'anna'),
      inputFromArgv(continueCommand, ['1']),
      noTerminal,
    );
    expect(continuedRenderers.text(moved, view)).toBe('Only 0 min spent: task 1 moved to 2026-11-30');
  });

  it('R36: delete hides tasks together, restore brings them back', async () => {
    const w = setUp();
    createTask(w.as('anna'), { title: 'Ops: One' });
    createTask(w.as('anna'), { title: 'Ops: Two' });
    const ctx = commandContext(w, 'anna');
    const deleted = await deleteCommand.run(ctx, inputFromArgv(deleteCommand, ['1-2']), noTerminal);
    expect(deletedRenderers.text(deleted, view)).toBe(
      [
        'Deleted task 1 (bring it back with: task restore 1).',
        'Deleted task 2 (bring it back with: task restore 2).',
      ].join('\n'),
    );
    expect(deletedRenderers.json(deleted)).toEqual([
      { id: 1, deleted: true },
      { id: 2, deleted: true },
    ]);
    expect(deletedRenderers.json(deleted.slice(0, 1))).toEqual({ id: 1, deleted: true });
    const restored = await restoreCommand.run(ctx, inputFromArgv(restoreCommand, ['2']), noTerminal);
    expect(restoredRenderers.text(restored, view)).toBe('Restored task 2: Ops: Two');
    expect(restoredRenderers.json(restored)).toMatchObject({ id: 2, title: 'Ops: Two' });
  });
});
