import { afterEach, describe, expect, it } from 'vitest';
import {
  acceptCommand,
  controlCommand,
  inboxCommand,
  replyCommand,
  returnCommand,
  reviewCommand,
  submitCommand,
} from '../../src/cli/commands/review.js';
import { UsageError } from '../../src/core/errors.js';
import { createTask } from '../../src/core/tasks.js';
import type { TextView } from '../../src/format/renderers.js';
import {
  controlCreatedRenderers,
  inboxRenderers,
  progressSubmittedRenderers,
  replyRenderers,
  reviewQueueRenderers,
} from '../../src/format/review-view.js';
import { commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const view: TextView = { color: false, width: 80, now: NOW, terminal: false };

let world: CoreWorld | undefined;
afterEach(() => world?.close());

/** anna directs task 1 "Legal: Prepare the agreement", which emp does. */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('anna');
  w.person('emp', 'employee', 'anna');
  createTask(w.as('anna'), {
    title: 'Legal: Prepare the agreement',
    responsible: 'emp',
    plannedMinutes: 60,
    acceptRequired: true,
  });
  return w;
}

describe('review commands: argv -> input', () => {
  it('R26: control takes the controlled task and the words of what is checked', () => {
    expect(inputFromArgv(controlCommand, ['3', 'Report', 'on', 'time', '--plan', '15m'])).toEqual({
      id: 3,
      text: 'Report on time',
      control: { deadline: undefined, plannedMinutes: 15 },
    });
  });

  it('R29: accept reads the mark in any case', () => {
    expect(inputFromArgv(acceptCommand, ['3', '--mark', ' Positive '])).toEqual({
      id: 3,
      mark: 'positive',
      comment: undefined,
    });
  });

  it('R30: reply to a task, up to one remark; with --day every word is the answer', () => {
    expect(inputFromArgv(replyCommand, ['3', 'will', 'do', '--to', '9'])).toEqual({
      kind: 'task',
      id: 3,
      text: 'will do',
      to: 9,
    });
    expect(inputFromArgv(replyCommand, ['OK', 'will', 'do', '--day', 'yesterday'], NOW)).toEqual({
      kind: 'day',
      day: '2026-11-26',
      text: 'OK will do',
    });
  });

  it.each([
    [acceptCommand, ['3'], /--mark: rate the work positive or negative \(R29\)/],
    [acceptCommand, ['3', '--mark', 'fine'], /--mark: rate the work positive or negative/],
    [replyCommand, ['3'], /say which task and what you answer: task reply ID TEXT/],
    [replyCommand, [], /say which task and what you answer/],
    [returnCommand, ['x', '--deadline', 'today'], /ID: "x" is not a task id/],
    [submitCommand, ['one'], /ID: "one" is not a task id/],
  ] as const)('refuses bad input before anything opens: %#', (module, words, message) => {
    const parse = () => inputFromArgv(module as typeof acceptCommand, words);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});

describe('review commands: run on the core, rendered', () => {
  it('R26, R28: a control task, then emp submits progress and anna sees it to answer', async () => {
    const w = setUp();
    const anna = commandContext(w, 'anna');
    const control = await controlCommand.run(
      anna,
      inputFromArgv(controlCommand, ['1', 'Agreement', 'signed']),
      noTerminal,
    );
    expect(controlCreatedRenderers.text(control, view)).toBe(
      'Created control task 2: Legal: Control: Agreement signed',
    );
    expect(controlCreatedRenderers.json(control)).toMatchObject({ id: 2, parentId: 1 });
    expect(reviewQueueRenderers.text(await reviewCommand.run(anna, {}, noTerminal), view)).toBe(
      'Nothing awaits your control, rating or answer.',
    );

    const submitted = await submitCommand.run(
      commandContext(w, 'emp'),
      inputFromArgv(submitCommand, ['1', '--progress', 'Draft in docs/draft.pdf']),
      noTerminal,
    );
    expect(progressSubmittedRenderers.text(submitted, view)).toBe(
      'Submitted progress of task 1 for control.',
    );
    const queue = await reviewCommand.run(anna, {}, noTerminal);
    expect(reviewQueueRenderers.text(queue, view)).toBe(
      [
        '    1  Legal: Prepare the agreement  [emp]',
        '       PROGRESS (answer and return with a deadline)',
        '       progress: Draft in docs/draft.pdf',
      ].join('\n'),
    );
    expect(reviewQueueRenderers.json(queue)).toEqual([
      expect.objectContaining({
        kind: 'progress',
        submission: expect.objectContaining({ kind: 'progress' }),
      }),
    ]);
  });

  it('R37: the task assigned to emp is in the inbox; nothing to answer is said so', async () => {
    const w = setUp();
    const box = await inboxCommand.run(commandContext(w, 'emp'), {}, noTerminal);
    expect(inboxRenderers.text(box, view)).toBe(
      ['Newly assigned to you:', '     1  Legal: Prepare the agreement  (from anna)'].join('\n'),
    );
    expect(inboxRenderers.json(box)).toMatchObject({
      remarks: [],
      dayRemarks: [],
      newAssignments: [{ id: 1 }],
    });
    const empty = await inboxCommand.run(commandContext(w, 'anna'), {}, noTerminal);
    expect(inboxRenderers.text(empty, view)).toBe('Inbox empty: no remarks to answer, no new assignments.');
  });

  it('R30: a reply with no remark to answer is added, answering none; the renderers say so', async () => {
    const w = setUp();
    const reply = await replyCommand.run(
      commandContext(w, 'emp'),
      inputFromArgv(replyCommand, ['1', 'ok']),
      noTerminal,
    );
    expect(reply).toEqual({ kind: 'task', commentId: 1, taskId: 1, answered: 0 });
    expect(replyRenderers.json(reply)).toEqual({ id: 1, taskId: 1, kind: 'reply', answered: 0 });
    expect(replyRenderers.text({ kind: 'task', commentId: 4, taskId: 1, answered: 2 }, view)).toBe(
      'Reply #4 added; 2 remark(s) answered.',
    );
    expect(replyRenderers.json({ kind: 'day', day: '2026-11-26' })).toEqual({
      day: '2026-11-26',
      kind: 'reply',
    });
    expect(replyRenderers.text({ kind: 'day', day: '2026-11-26' }, view)).toBe(
      'Answered the remark on your report of 2026-11-26.',
    );
  });
});
