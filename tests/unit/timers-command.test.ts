import { afterEach, describe, expect, it } from 'vitest';
import {
  cancelCommand,
  pauseCommand,
  resumeCommand,
  startCommand,
  statusCommand,
} from '../../src/cli/commands/timers.js';
import { RuleError, UsageError } from '../../src/core/errors.js';
import { createTask } from '../../src/core/tasks.js';
import { statusRenderers } from '../../src/format/status-view.js';
import { cancelledRenderers, pausedRenderers, startedRenderers } from '../../src/format/timers-view.js';
import type { TextView } from '../../src/format/renderers.js';
import { commandContext, inputFromArgv, noTerminal, ScriptedAsk } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const view: TextView = { color: false, width: 80, now: NOW, terminal: false };

let world: CoreWorld | undefined;
afterEach(() => world?.close());

/** anna (the admin) with two open tasks: 1 "Ops: Prepare the docs", 2 "Ops: Prepare the demo". */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('anna');
  createTask(w.as('anna'), { title: 'Ops: Prepare the docs', plannedMinutes: 60 });
  createTask(w.as('anna'), { title: 'Ops: Prepare the demo', plannedMinutes: 30 });
  return w;
}

describe('timer commands: argv -> input', () => {
  it.each([
    [['12'], { ids: [12] }],
    [['#12'], { ids: [12] }],
    [['12', '13'], { ids: [12, 13] }],
    [['12-13'], { ids: [12, 13] }],
    [['prep', 'docs'], { words: ['prep', 'docs'] }],
    [[], { words: [] }],
  ])('task start %j names %j', (words, task) => {
    expect(inputFromArgv(startCommand, words)).toEqual({ task, backdate: undefined });
  });

  it('R22: --at is read against the command’s now, with its comment and reason', () => {
    expect(
      inputFromArgv(startCommand, ['1', '--at', '8:30', '--comment', 'forgot', '--reason', 'r'], NOW),
    ).toEqual({
      task: { ids: [1] },
      backdate: { at: new Date('2026-11-27T08:30:00'), comment: 'forgot', reason: 'r' },
    });
    expect(inputFromArgv(resumeCommand, ['--at', '8:30'], NOW)).toEqual({
      backdate: { at: new Date('2026-11-27T08:30:00'), comment: undefined, reason: undefined },
    });
  });

  it.each([
    [startCommand, ['1', '--comment', 'why'], /--comment and --reason go with --at/],
    [pauseCommand, ['--reason', 'why'], /--comment and --reason go with --at/],
    [startCommand, ['1', '--at', 'tomorrow'], /--at: "tomorrow" needs a time of day/],
    [pauseCommand, ['twelve'], /ID: "twelve" is not a task id/],
    [pauseCommand, ['12,13'], /names several tasks/],
    [statusCommand, ['--user', 'anna'], /--user goes with --team/],
  ] as const)('refuses bad input before anything opens: %#', (module, words, message) => {
    expect(() => inputFromArgv(module as typeof startCommand, words)).toThrow(UsageError);
    expect(() => inputFromArgv(module as typeof startCommand, words)).toThrow(message);
  });

  it('pause, cancel and status', () => {
    expect(inputFromArgv(pauseCommand, [])).toEqual({ id: undefined, backdate: undefined });
    expect(inputFromArgv(pauseCommand, ['7'])).toEqual({ id: 7, backdate: undefined });
    expect(inputFromArgv(cancelCommand, ['--comment', 'wrong task'])).toEqual({ comment: 'wrong task' });
    expect(inputFromArgv(statusCommand, [])).toEqual({ team: undefined });
    expect(inputFromArgv(statusCommand, ['--team', '--user', 'anna,boris', '--user', 'vera'])).toEqual({
      team: { users: ['anna', 'boris', 'vera'] },
    });
  });
});

describe('timer commands: run on the core', () => {
  it('R21: start by id opens the working day and records unplanned work; a second start pauses the first', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const first = await startCommand.run(ctx, inputFromArgv(startCommand, ['1']), noTerminal);
    expect(first.outcome).toMatchObject({ workingDay: 'opened', unplanned: true, paused: null });
    expect(first.backdatedAt).toBeUndefined();
    w.at('2026-11-27T09:30:00');
    const second = await startCommand.run(ctx, inputFromArgv(startCommand, ['2']), noTerminal);
    expect(second.outcome.paused).toMatchObject({ task: { id: 1 }, seconds: 1800 });
  });

  it('R21: start refuses several ids', async () => {
    const w = setUp();
    await expect(
      startCommand.run(commandContext(w, 'anna'), inputFromArgv(startCommand, ['1', '2']), noTerminal),
    ).rejects.toThrow(/R21/);
  });

  it('R25: words of a title start the one task they match; without a terminal, no words is a usage error', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const started = await startCommand.run(ctx, inputFromArgv(startCommand, ['demo']), noTerminal);
    expect(started.outcome.task.id).toBe(2);
    await expect(startCommand.run(ctx, inputFromArgv(startCommand, []), noTerminal)).rejects.toThrow(
      /missing the task id: task start ID/,
    );
  });

  it('on a terminal, words that match several tasks offer them to pick from', async () => {
    const w = setUp();
    const ask = new ScriptedAsk({ pick: [2] });
    const started = await startCommand.run(
      commandContext(w, 'anna'),
      inputFromArgv(startCommand, ['prepare']),
      ask,
    );
    expect(ask.asked).toEqual(['"prepare" matches 2 tasks; which one? (type to narrow)']);
    expect(ask.offered).toEqual([[1, 2]]);
    expect(started.outcome.task.id).toBe(2);
  });

  it('R22: pause dated back asks for its comment on a terminal and says when it paused', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    await startCommand.run(ctx, inputFromArgv(startCommand, ['1']), noTerminal);
    w.at('2026-11-27T11:00:00');
    const ask = new ScriptedAsk({ text: ['forgot to pause'] });
    const paused = await pauseCommand.run(ctx, inputFromArgv(pauseCommand, ['--at', '10:00'], w.now), ask);
    expect(ask.asked).toEqual(['Why is the pause dated back (R22)?']);
    expect(paused.stopped).toMatchObject({ task: { id: 1 }, seconds: 3600 });
    expect(pausedRenderers.text(paused, view)).toBe('Paused task 1 Ops: Prepare the docs after 1h at 10:00.');
  });

  it('pause with no timer running says so', async () => {
    const w = setUp();
    const paused = await pauseCommand.run(
      commandContext(w, 'anna'),
      inputFromArgv(pauseCommand, []),
      noTerminal,
    );
    expect(paused).toEqual({ stopped: null, backdatedAt: undefined });
  });

  it('R22: cancel without a comment is refused off a terminal and asks on one', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    await startCommand.run(ctx, inputFromArgv(startCommand, ['1']), noTerminal);
    await expect(cancelCommand.run(ctx, inputFromArgv(cancelCommand, []), noTerminal)).rejects.toThrow(
      RuleError,
    );
    const ask = new ScriptedAsk({ text: ['wrong task'] });
    const cancelled = await cancelCommand.run(ctx, inputFromArgv(cancelCommand, []), ask);
    expect(ask.asked).toEqual(['Why is the timer cancelled (R22)?']);
    expect(cancelled.task.id).toBe(1);
  });

  it('resume starts the task whose timer stopped last', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    await startCommand.run(ctx, inputFromArgv(startCommand, ['2']), noTerminal);
    w.at('2026-11-27T09:20:00');
    await pauseCommand.run(ctx, inputFromArgv(pauseCommand, []), noTerminal);
    w.at('2026-11-27T09:30:00');
    const resumed = await resumeCommand.run(ctx, inputFromArgv(resumeCommand, []), noTerminal);
    expect(resumed.outcome.task.id).toBe(2);
  });

  it('status gives the running task, its day reminders as warnings, and (R4) the team', async () => {
    const w = setUp();
    w.person('boris', 'employee', 'anna');
    const ctx = commandContext(w, 'anna');
    await startCommand.run(ctx, inputFromArgv(startCommand, ['1']), noTerminal);
    const own = await statusCommand.run(ctx, inputFromArgv(statusCommand, []), noTerminal);
    expect(own.kind).toBe('own');
    if (own.kind === 'own') expect(own.status.running?.task.id).toBe(1);
    expect(statusCommand.warnings?.(own)).toEqual(own.kind === 'own' ? own.reminders : []);
    const team = await statusCommand.run(ctx, inputFromArgv(statusCommand, ['--team']), noTerminal);
    expect(team.kind === 'team' && team.team.map((m) => m.user.name)).toEqual(['boris']);
  });
});

describe('timer commands: renderers', () => {
  it('start: what was paused, the day, unplanned work, then the start', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    await startCommand.run(ctx, inputFromArgv(startCommand, ['1']), noTerminal);
    w.at('2026-11-27T09:45:00');
    const started = await startCommand.run(ctx, inputFromArgv(startCommand, ['2']), noTerminal);
    expect(startedRenderers.text(started, view)).toBe(
      [
        'Paused task 1 Ops: Prepare the docs after 45m.',
        "Task 2 was not in today's plan: recorded as unplanned work (R34).",
        'Started task 2 Ops: Prepare the demo.',
      ].join('\n'),
    );
    expect(startedRenderers.json(started)).toEqual({
      taskId: 2,
      title: 'Ops: Prepare the demo',
      startedAt: new Date('2026-11-27T09:45:00').toISOString(),
      alreadyRunning: false,
      startMovedBack: false,
      workingDay: null,
      unplanned: true,
      paused: { taskId: 1, title: 'Ops: Prepare the docs', minutes: 45, entryId: 1 },
    });
  });

  it('pause and cancel, as text and JSON; escape sequences in a title are shown, not run', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    createTask(w.as('anna'), { title: 'Ops: Red \u001b[31mtext' });
    await startCommand.run(ctx, inputFromArgv(startCommand, ['3']), noTerminal);
    w.at('2026-11-27T09:10:00');
    const cancelled = await cancelCommand.run(
      ctx,
      inputFromArgv(cancelCommand, ['--comment', 'oops']),
      noTerminal,
    );
    expect(cancelledRenderers.text(cancelled, view)).toMatch(
      /^Cancelled the timer on task 3 Ops: Red .*text after 10m; none of it is counted \(entry 1 is kept, 0m\)\.$/,
    );
    expect(cancelledRenderers.text(cancelled, view)).not.toContain('\u001b');
    expect(cancelledRenderers.json(cancelled)).toEqual({
      cancelled: { taskId: 3, title: 'Ops: Red \u001b[31mtext', minutes: 10, entryId: 1 },
    });
    expect(pausedRenderers.text({ stopped: null }, view)).toBe('No timer is running.');
    expect(pausedRenderers.json({ stopped: null })).toEqual({ paused: null });
  });

  it('status: the running task as text; the team as JSON by user', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    await startCommand.run(ctx, inputFromArgv(startCommand, ['1']), noTerminal);
    const own = await statusCommand.run(ctx, inputFromArgv(statusCommand, []), noTerminal);
    expect(statusRenderers.text(own, view)).toContain(
      'Running: task 1 Ops: Prepare the docs (since 09:00, 0m).',
    );
    w.person('boris', 'employee', 'anna');
    const team = await statusCommand.run(ctx, inputFromArgv(statusCommand, ['--team']), noTerminal);
    expect(statusRenderers.json(team)).toMatchObject({ team: [{ user: 'boris', running: null }] });
  });
});
