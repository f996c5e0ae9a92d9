import { afterEach, describe, expect, it } from 'vitest';
import {
  timeAddCommand,
  timeEditCommand,
  timeGapsCommand,
  timeHistoryCommand,
  timeListCommand,
  timeSplitCommand,
} from '../../src/cli/commands/time.js';
import { RuleError, UsageError } from '../../src/core/errors.js';
import { periodOf, weekOf } from '../../src/core/period.js';
import { createTask } from '../../src/core/tasks.js';
import type { TextView } from '../../src/format/renderers.js';
import {
  entryChangedRenderers,
  entryListRenderers,
  gapsRenderers,
  splitRenderers,
  trailRenderers,
} from '../../src/format/time-view.js';
import { commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T12:00:00');
const pipe: TextView = { color: false, width: 80, now: NOW, terminal: false };

let world: CoreWorld | undefined;
afterEach(() => world?.close());

/** anna (the admin) with task 1 "Ops: Prepare the docs"; ben reports to her, with task 2. */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T12:00:00');
  world = w;
  w.admin('anna');
  w.person('ben', 'employee', 'anna');
  createTask(w.as('anna'), { title: 'Ops: Prepare the docs', plannedMinutes: 60 });
  createTask(w.as('ben'), { title: 'Ops: Fix the printer', plannedMinutes: 30 });
  return w;
}

/** `task time add ...` run by this person. */
async function addTime(w: CoreWorld, user: string, words: string[]) {
  return timeAddCommand.run(commandContext(w, user), inputFromArgv(timeAddCommand, words, w.now), noTerminal);
}

describe('time commands: argv -> input', () => {
  it('R22: time add reads the task, the duration, --at against now, and the notes', () => {
    expect(
      inputFromArgv(
        timeAddCommand,
        ['12', '1h30m', '--at', '9:00', '--comment', 'forgot', '--reason', 'r'],
        NOW,
      ),
    ).toEqual({
      taskId: 12,
      minutes: 90,
      at: new Date('2026-11-27T09:00:00'),
      comment: 'forgot',
      reason: 'r',
      explanation: undefined,
    });
  });

  it('R22: time edit takes --minutes 0 (none of it counts), --start/--end, --task', () => {
    expect(
      inputFromArgv(
        timeEditCommand,
        ['5', '--minutes', '0', '--start', '8:00', '--end', '8:30', '--task', '#3', '--comment', 'c'],
        NOW,
      ),
    ).toEqual({
      entryId: 5,
      taskId: 3,
      minutes: 0,
      start: new Date('2026-11-27T08:00:00'),
      end: new Date('2026-11-27T08:30:00'),
      comment: 'c',
      reason: undefined,
      explanation: undefined,
    });
  });

  it('time split cuts at --at; time history and gaps name an entry and a day', () => {
    expect(inputFromArgv(timeSplitCommand, ['5', '--at', '10:30', '--task', '2'], NOW)).toMatchObject({
      entryId: 5,
      at: new Date('2026-11-27T10:30:00'),
      taskId: 2,
    });
    expect(inputFromArgv(timeHistoryCommand, ['7'])).toEqual({ entryId: 7 });
    expect(inputFromArgv(timeGapsCommand, ['yesterday', '--user', 'ben'], NOW)).toEqual({
      day: new Date('2026-11-26T23:59:59.999'),
      userName: 'ben',
    });
    expect(inputFromArgv(timeGapsCommand, [], NOW)).toEqual({ day: NOW, userName: undefined });
  });

  it('time list: nothing is today (or the whole task), a day is that day, a hint its period, :all asked of the store', () => {
    expect(inputFromArgv(timeListCommand, [], NOW)).toEqual({
      taskId: undefined,
      period: undefined,
      userName: undefined,
    });
    expect(inputFromArgv(timeListCommand, ['--date', 'yesterday', '--task', '4'], NOW)).toEqual({
      taskId: 4,
      period: periodOf(new Date('2026-11-26T12:00:00'), new Date('2026-11-26T12:00:00')),
      userName: undefined,
    });
    expect(inputFromArgv(timeListCommand, [':week', '--user', 'ben'], NOW)).toEqual({
      taskId: undefined,
      period: weekOf(NOW),
      userName: 'ben',
    });
    expect(inputFromArgv(timeListCommand, ['--week'], NOW)).toMatchObject({ period: weekOf(NOW) });
    expect(inputFromArgv(timeListCommand, [':ALL'], NOW)).toMatchObject({ period: 'all' });
  });

  it.each([
    [timeAddCommand, ['x', '10m'], /^ID: "x" is not a task id/],
    [timeAddCommand, ['1', 'soon'], /^DURATION: "soon" is not a duration/],
    [timeAddCommand, ['1', '10m', '--at', 'tomorrow'], /^--at: "tomorrow" needs a time of day/],
    [timeEditCommand, ['1', '--comment', 'c'], /^nothing to correct; pass --minutes/],
    [timeEditCommand, ['x', '--minutes', '5m'], /^ENTRY: "x" is not a task id/],
    [timeEditCommand, ['1', '--minutes', 'abc'], /^--minutes: "abc" is not a duration/],
    [timeListCommand, ['yesterday'], /^"yesterday" is not a range hint; for a day use --date yesterday/],
    [timeListCommand, [':week', '--date', 'today'], /^:week and --date name different periods/],
    [timeListCommand, [':all', '--week'], /^:all and --week name different periods/],
    [timeListCommand, [':fortnight'], /^:fortnight is not a range hint; use .*:lastyear, :all$/],
    [timeListCommand, ['--week', '--month'], /^--week and --month name different periods/],
    [timeListCommand, ['--to', 'today'], /^--to needs --from/],
    [timeListCommand, ['--task', 'x'], /^--task: "x" is not a task id/],
    [timeGapsCommand, ['never'], /^DATE: "never" is not a date/],
  ] as const)('refuses bad input before anything opens: %#', (module, words, message) => {
    const parse = () => inputFromArgv(module as typeof timeListCommand, words, NOW);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });

  it('time split without --at is refused by commander', () => {
    expect(() => inputFromArgv(timeSplitCommand, ['5'])).toThrow(/--at/);
  });
});

describe('time commands: run on the core, rendered', () => {
  it('R22: a manual entry is added and shown; without a comment it is refused', async () => {
    const w = setUp();
    const added = await addTime(w, 'anna', ['1', '25m', '--at', '10:00', '--comment', 'forgot the timer']);
    expect(added.entry).toMatchObject({ id: 1, taskId: 1, source: 'manual', comment: 'forgot the timer' });
    expect(entryChangedRenderers('Added').text(added, pipe)).toBe(
      'Added entry 1: 25m on task 1 (2026-11-27 10:00-10:25).',
    );
    expect(entryChangedRenderers('Added').json(added)).toMatchObject({
      id: 1,
      taskId: 1,
      start: new Date('2026-11-27T10:00:00').toISOString(),
      minutes: 25,
      source: 'manual',
      running: false,
    });
    await expect(addTime(w, 'anna', ['1', '10m'])).rejects.toThrow(RuleError);
  });

  it('R22: an entry moved to another task says where it came from', async () => {
    const w = setUp();
    createTask(w.as('anna'), { title: 'Ops: Write the notes', plannedMinutes: 30 });
    await addTime(w, 'anna', ['1', '20m', '--at', '9:00', '--comment', 'by hand']);
    const input = inputFromArgv(timeEditCommand, ['1', '--task', '3', '--comment', 'wrong task'], w.now);
    const moved = await timeEditCommand.run(commandContext(w, 'anna'), input, noTerminal);
    expect(entryChangedRenderers('Corrected').text(moved, pipe)).toBe(
      'Corrected entry 1: 20m on task 3 (moved from task 1) (2026-11-27 09:00-09:20).',
    );
  });

  it('R22: a split shows both parts and its history the correction', async () => {
    const w = setUp();
    await addTime(w, 'anna', ['1', '1h', '--at', '9:00', '--comment', 'by hand']);
    const ctx = commandContext(w, 'anna');
    const split = await timeSplitCommand.run(
      ctx,
      inputFromArgv(timeSplitCommand, ['1', '--at', '9:40', '--comment', 'switched'], w.now),
      noTerminal,
    );
    expect(splitRenderers.text(split, pipe)).toBe(
      'Split: entry 1 2026-11-27 09:00-09:40 (40m) on task 1 Ops: Prepare the docs; entry 2 2026-11-27 09:40-10:00 (20m) on task 1 Ops: Prepare the docs.',
    );
    expect(splitRenderers.json(split)).toMatchObject({
      first: { id: 1, minutes: 40 },
      second: { id: 2, minutes: 20 },
    });
    const trail = await timeHistoryCommand.run(ctx, { entryId: 1 }, noTerminal);
    expect(String(trailRenderers.text(trail, pipe)).split('\n')).toEqual([
      'Entry 1: task 1 Ops: Prepare the docs, 2026-11-27 09:00-09:40 (manual)',
      '  2026-11-27 12:00 anna: made 2026-11-27 09:00-10:00: by hand',
      '  2026-11-27 12:00 anna: 2026-11-27 09:00-10:00 -> 2026-11-27 09:00-09:40: switched',
    ]);
    expect(trailRenderers.json(trail)).toMatchObject({
      entry: { id: 1, minutes: 40 },
      changes: [
        { before: null, after: { end: new Date('2026-11-27T10:00:00').toISOString() } },
        {
          actor: 'anna',
          before: { start: new Date('2026-11-27T09:00:00').toISOString() },
          after: { end: new Date('2026-11-27T09:40:00').toISOString() },
          taskMove: null,
          retroactive: false,
          reason: null,
        },
      ],
    });
  });

  it("a timer entry never corrected says so; running, its length counts to the command's now", async () => {
    const w = setUp();
    const { startTimer } = await import('../../src/core/timers.js');
    startTimer(w.at('2026-11-27T11:00:00').as('anna'), 1);
    w.at('2026-11-27T11:30:00');
    const trail = await timeHistoryCommand.run(commandContext(w, 'anna'), { entryId: 1 }, noTerminal);
    expect(trailRenderers.text(trail, pipe)).toBe(
      'Entry 1: task 1 Ops: Prepare the docs, 2026-11-27 11:00-running (timer)\n  never corrected',
    );
    expect(trailRenderers.json(trail)).toMatchObject({ entry: { running: true, minutes: 30 }, changes: [] });
  });

  it(':all lists from the first tracked time; a terminal wraps long lines, a pipe keeps one line each', async () => {
    const w = setUp();
    await addTime(w, 'anna', [
      '1',
      '30m',
      '--at',
      '2026-11-20 9:00',
      '--comment',
      'last week',
      '--reason',
      'late',
    ]);
    await addTime(w, 'anna', ['1', '15m', '--at', '9:00', '--comment', 'today '.repeat(12).trim()]);
    const ctx = commandContext(w, 'anna');
    const today = await timeListCommand.run(ctx, inputFromArgv(timeListCommand, [], w.now), noTerminal);
    expect(today.map((row) => row.entry.id)).toEqual([2]);
    const all = await timeListCommand.run(ctx, inputFromArgv(timeListCommand, [':all'], w.now), noTerminal);
    expect(all.map((row) => row.entry.id)).toEqual([1, 2]);
    const piped = String(entryListRenderers.text(all, pipe)).split('\n');
    expect(piped).toHaveLength(3);
    expect(piped[2]).toBe('Total: 45m');
    const wrapped = String(entryListRenderers.text(all, { ...pipe, terminal: true, width: 60 })).split('\n');
    expect(wrapped.length).toBeGreaterThan(3);
    expect(wrapped.every((line) => line.length <= 60)).toBe(true);
    expect(entryListRenderers.json(all)).toMatchObject([
      { id: 1, minutes: 30, corrected: false, title: 'Ops: Prepare the docs', retroactive: true },
      { id: 2, minutes: 15 },
    ]);
  });

  it('R4: a manager lists and sees the gaps of their people; their own gaps say how to fill one in', async () => {
    const w = setUp();
    const { startDay } = await import('../../src/core/workday.js');
    startDay(w.at('2026-11-27T09:00:00').as('ben'));
    startDay(w.as('anna'));
    w.at('2026-11-27T12:00:00');
    await addTime(w, 'ben', ['2', '1h', '--at', '9:00', '--comment', 'by hand']);
    const boss = commandContext(w, 'anna');
    const listed = await timeListCommand.run(
      boss,
      inputFromArgv(timeListCommand, ['--user', 'ben'], w.now),
      noTerminal,
    );
    expect(listed.map((row) => row.task.id)).toEqual([2]);
    const bens = await timeGapsCommand.run(
      boss,
      inputFromArgv(timeGapsCommand, ['--user', 'ben'], w.now),
      noTerminal,
    );
    expect(bens.own).toBe(false);
    expect(gapsRenderers.text(bens, pipe)).toBe(
      "Untracked in ben's working day 2026-11-27 (09:00-now): 2h in 1 gap\n  10:00-12:00      2h",
    );
    const own = await timeGapsCommand.run(boss, inputFromArgv(timeGapsCommand, [], w.now), noTerminal);
    expect(own.own).toBe(true);
    expect(String(gapsRenderers.text(own, pipe))).toMatch(
      /\nEnter what was done: task time add ID 3h --at 09:00 --comment "what the time was spent on" \(R22\)$/,
    );
    expect(gapsRenderers.json(bens)).toMatchObject({
      user: 'ben',
      totalMinutes: 120,
      gaps: [{ minutes: 120 }],
    });
    const stranger = commandContext(w, 'ben');
    await expect(
      timeListCommand.run(stranger, inputFromArgv(timeListCommand, ['--user', 'anna'], w.now), noTerminal),
    ).rejects.toThrow(/^R4: anna does not report to you/);
  });
});
