import { afterEach, describe, expect, it } from 'vitest';
import {
  dayEndCommand,
  dayPauseCommand,
  dayResumeCommand,
  dayStartCommand,
} from '../../src/cli/commands/day.js';
import { UsageError } from '../../src/core/errors.js';
import { createTask } from '../../src/core/tasks.js';
import { startTimer } from '../../src/core/timers.js';
import { dayRenderers, gapsReminder, inboxReminders } from '../../src/format/day-view.js';
import type { TextView } from '../../src/format/renderers.js';
import { commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T17:00:00');
const view: TextView = { color: false, width: 80, now: NOW, terminal: false };

let world: CoreWorld | undefined;
afterEach(() => world?.close());

describe('day commands: argv -> input', () => {
  it('--at is a past moment with a time of day', () => {
    expect(inputFromArgv(dayStartCommand, ['--at', '08:30'], NOW)).toEqual({
      at: new Date('2026-11-27T08:30:00'),
      reason: undefined,
    });
    expect(inputFromArgv(dayEndCommand, ['--at', 'yesterday 18:00', '--reason', 'forgot'], NOW)).toEqual({
      at: new Date('2026-11-26T18:00:00'),
      reason: 'forgot',
    });
    expect(inputFromArgv(dayStartCommand, [], NOW)).toEqual({ at: undefined, reason: undefined });
  });

  it('refuses a moment in the future or without a time of day, naming --at', () => {
    expect(() => inputFromArgv(dayStartCommand, ['--at', '18:00'], NOW)).toThrow(
      /--at: "18:00" is in the future/,
    );
    expect(() => inputFromArgv(dayEndCommand, ['--at', 'yesterday'], NOW)).toThrow(UsageError);
  });
});

describe('day commands: run on the core', () => {
  it('a day started, paused with the timer, resumed and ended; the evening reminds of untracked time (R35)', async () => {
    const w = new CoreWorld('2026-11-27T09:00:00');
    world = w;
    w.admin('anna');
    const started = await dayStartCommand.run(
      commandContext(w, 'anna'),
      { at: undefined, reason: undefined },
      noTerminal,
    );
    expect(started.verb).toBe('start');
    expect(started.outcome.workDay.startedAt).toEqual(new Date('2026-11-27T09:00:00'));
    const { id } = createTask(w.as('anna'), { title: 'Ops: Prepare the docs', plannedMinutes: 60 }).task;
    startTimer(w.as('anna'), id);
    w.at('2026-11-27T10:00:00');
    const paused = await dayPauseCommand.run(
      commandContext(w, 'anna'),
      { at: undefined, reason: undefined },
      noTerminal,
    );
    expect(paused.outcome.paused?.task.id).toBe(id);
    expect(paused.outcome.paused?.seconds).toBe(3600);
    w.at('2026-11-27T11:00:00');
    await dayResumeCommand.run(commandContext(w, 'anna'), { at: undefined, reason: undefined }, noTerminal);
    w.at('2026-11-27T17:00:00');
    const ended = await dayEndCommand.run(
      commandContext(w, 'anna'),
      { at: undefined, reason: undefined },
      noTerminal,
    );
    expect(ended.outcome.workDay.endedAt).toEqual(NOW);
    expect(ended.warnings).toEqual([
      expect.stringMatching(/^R35: 6h of the working day is untracked \(1 gap\)/),
    ]);
  });
});

describe('day commands: renderers', () => {
  it('reminders count in words', () => {
    expect(inboxReminders(1, 2)).toEqual([
      'R30: 1 remark awaits your answer: task inbox, then task reply ID TEXT',
      'R37: 2 tasks were newly assigned to you: task inbox',
    ]);
    expect(inboxReminders(0, 0)).toEqual([]);
    expect(gapsReminder(0, 0)).toEqual([]);
    expect(gapsReminder(1, 5400)[0]).toMatch(/^R35: 1h30m of the working day is untracked \(1 gap\)/);
  });

  it('a start says when and what comes first; its JSON names the day', () => {
    const workDay = {
      userId: 1,
      day: '2026-11-27',
      startedAt: new Date('2026-11-27T09:00:00'),
      endedAt: null,
      breaks: [],
    };
    const result = { verb: 'start' as const, outcome: { workDay, paused: null, note: null }, warnings: [] };
    expect(dayRenderers.text(result, view)).toBe(
      "Working day 2026-11-27 started at 09:00. Fix the day's plan first: task plan fix (R20).",
    );
    expect(dayRenderers.json(result)).toMatchObject({
      day: '2026-11-27',
      endedAt: null,
      paused: null,
      fromTemplates: [],
    });
  });
});
