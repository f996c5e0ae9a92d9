import { afterEach, describe, expect, it } from 'vitest';
import {
  fixPlanCommand,
  planAddCommand,
  planCommand,
  planRemoveCommand,
} from '../../src/cli/commands/plan.js';
import { UsageError } from '../../src/core/errors.js';
import { createTask } from '../../src/core/tasks.js';
import { planChangedRenderers, planJson, planRenderers } from '../../src/format/plan-view.js';
import type { TextView } from '../../src/format/renderers.js';
import { commandContext, inputFromArgv, noTerminal, ScriptedAsk } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const pipe: TextView = { color: false, width: 80, now: NOW, terminal: false };
const terminal: TextView = { ...pipe, terminal: true };

let world: CoreWorld | undefined;
afterEach(() => world?.close());

/** anna with task 1 due today (1h) and task 2 due next week (30m). */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('anna');
  createTask(w.as('anna'), {
    title: 'Ops: Prepare the docs',
    plannedMinutes: 60,
    deadline: { at: new Date('2026-11-27T23:59:59.999'), allDay: true },
  });
  createTask(w.as('anna'), {
    title: 'Ops: Prepare the demo',
    plannedMinutes: 30,
    deadline: { at: new Date('2026-12-04T23:59:59.999'), allDay: true },
  });
  return w;
}

describe('plan commands: argv -> input', () => {
  it('R34: the day, the format and whose plan; several --user people are a team', () => {
    expect(inputFromArgv(planCommand, [], NOW)).toEqual({
      day: NOW,
      format: undefined,
      users: undefined,
      team: false,
    });
    expect(inputFromArgv(planCommand, ['tomorrow', '--format', 'csv', '--user', 'ben'], NOW)).toEqual({
      day: new Date('2026-11-28T23:59:59.999'),
      format: 'csv',
      users: ['ben'],
      team: false,
    });
    expect(inputFromArgv(planCommand, ['--user', 'ben,vera'], NOW)).toMatchObject({ team: true });
    expect(inputFromArgv(planAddCommand, ['1', '2', '--date', 'tomorrow'], NOW)).toEqual({
      day: new Date('2026-11-28T23:59:59.999'),
      ids: [1, 2],
    });
  });

  it.each([
    [planCommand, ['someday'], /DATE/],
    [planRemoveCommand, ['x'], /ID: "x" is not a task id/],
    [planAddCommand, ['1', '--date', 'never'], /--date/],
  ] as const)('refuses bad input before anything opens: %#', (module, words, message) => {
    const parse = () => inputFromArgv(module as typeof planAddCommand, words);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
  it('an unknown --format is refused by commander', () => {
    expect(() => inputFromArgv(planCommand, ['--format', 'pdf'])).toThrow(/pdf/);
  });
});

describe('plan commands: run on the core, rendered', () => {
  it('R34: the plan is a table on a terminal, Markdown in a pipe, the format asked for otherwise', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const plan = await planCommand.run(ctx, inputFromArgv(planCommand, [], NOW), noTerminal);
    expect(plan.kind).toBe('one');
    const table = planRenderers.text(plan, terminal) as string;
    expect(table.split('\n')[0]).toBe('Plan of anna for 2026-11-27');
    expect(table).toContain('Ops: Prepare the docs');
    expect(table).not.toContain('Ops: Prepare the demo');
    expect(planRenderers.text(plan, pipe)).toMatch(/^# Plan of anna for 2026-11-27\n/);
    if (plan.kind !== 'one') throw new Error('one plan expected');
    expect(planRenderers.json(plan)).toEqual(planJson(plan.plan));
    const asJson = await planCommand.run(
      ctx,
      inputFromArgv(planCommand, ['--format', 'json'], NOW),
      noTerminal,
    );
    expect(planRenderers.text(asJson, terminal)).toBe(JSON.stringify(planJson(plan.plan), null, 2));
  });

  it('R4: a team plan of the people named', async () => {
    const w = setUp();
    w.person('ben', 'employee', 'anna');
    w.person('vera', 'employee', 'anna');
    const team = await planCommand.run(
      commandContext(w, 'anna'),
      inputFromArgv(planCommand, ['--user', 'ben', '--user', 'vera'], NOW),
      noTerminal,
    );
    expect(planRenderers.json(team)).toMatchObject({
      schema: 'regula.team-plan',
      manager: 'anna',
      day: '2026-11-27',
      plans: [{ user: 'ben' }, { user: 'vera' }],
    });
  });

  it('R34: plan add and remove say where each task now is', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const added = await planAddCommand.run(ctx, inputFromArgv(planAddCommand, ['2'], NOW), noTerminal);
    expect(planChangedRenderers.text(added, pipe)).toBe('Task 2 is in the plan of 2026-11-27.');
    expect(planChangedRenderers.json(added)).toEqual({ taskId: 2, day: '2026-11-27', inPlan: true });
    const removed = await planRemoveCommand.run(
      ctx,
      inputFromArgv(planRemoveCommand, ['1-2'], NOW),
      noTerminal,
    );
    expect(planChangedRenderers.text(removed, pipe)).toBe(
      ['Task 1 is out of the plan of 2026-11-27.', 'Task 2 is out of the plan of 2026-11-27.'].join('\n'),
    );
    expect(planChangedRenderers.json(removed)).toHaveLength(2);
  });

  it('R20: plan fix asks on a terminal which tasks the day holds, and refuses off one', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    await expect(fixPlanCommand.run(ctx, { day: NOW }, noTerminal)).rejects.toThrow(
      /task plan fix asks on a terminal/,
    );
    const ask = new ScriptedAsk({ plan: [[{ taskId: 2 }]] });
    const fixed = await fixPlanCommand.run(ctx, { day: NOW }, ask);
    expect(ask.asked).toEqual(['plan of 2026-11-27']);
    expect(ask.offered).toEqual([[1, 2]]);
    if (fixed.kind !== 'one') throw new Error('one plan expected');
    expect(fixed.format).toBe('table');
    expect(fixed.plan.entries.map((e) => e.task.id)).toEqual([2]);
  });
});
