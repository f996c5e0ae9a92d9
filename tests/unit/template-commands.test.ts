import { afterEach, describe, expect, it } from 'vitest';
import {
  addTemplateCommand,
  deleteTemplateCommand,
  editTemplateCommand,
  listTemplatesCommand,
  pauseTemplateCommand,
  runTemplatesCommand,
} from '../../src/cli/commands/templates.js';
import { UsageError } from '../../src/core/errors.js';
import type { TextView } from '../../src/format/renderers.js';
import {
  templateDeletedRenderers,
  templateListRenderers,
  templatePausedRenderers,
  templateRunRenderers,
} from '../../src/format/template-view.js';
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

describe('template commands: argv -> input', () => {
  it('add joins the title words and reads every field given', () => {
    expect(
      inputFromArgv(addTemplateCommand, [
        'Sales:',
        'weekly',
        'call',
        '--every',
        'mon',
        '--plan',
        '30m',
        '--tag',
        'a,b',
        '--deadline-offset',
        '2',
        '--no-management',
        '--review',
      ]),
    ).toEqual({
      title: 'Sales: weekly call',
      every: 'mon',
      plannedMinutes: 30,
      tags: ['a', 'b'],
      deadlineOffsetDays: 2,
      management: false,
      review: true,
    });
  });

  it('a deadline offset that is not a number of days is a usage error naming the flag', () => {
    expect(() => inputFromArgv(addTemplateCommand, ['x', '--deadline-offset', 'two'])).toThrow(
      /--deadline-offset: "two" is not a number of days/,
    );
  });

  it('edit takes the id and only the fields given', () => {
    expect(inputFromArgv(editTemplateCommand, ['7', '--title', 'New', '--every', 'day'])).toEqual({
      id: 7,
      fields: { title: 'New', every: 'day' },
    });
    expect(() => inputFromArgv(editTemplateCommand, ['seven'])).toThrow(UsageError);
  });

  it('run reads --until as a day; without it the run goes up to today', () => {
    expect(inputFromArgv(runTemplatesCommand, [])).toEqual({ until: undefined });
    expect(inputFromArgv(runTemplatesCommand, ['--until', '2026-11-30']).until).toBeInstanceOf(Date);
  });
});

describe('template commands: run on the core (R19)', () => {
  it('a template added makes its tasks once; a second run makes nothing', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const added = await addTemplateCommand.run(
      ctx,
      { title: 'Ops: check backups', every: 'day', plannedMinutes: 15 },
      noTerminal,
    );
    expect(added).toMatchObject({ title: 'Ops: check backups', schedule: 'day', paused: false });
    const first = await runTemplatesCommand.run(ctx, { until: undefined }, noTerminal);
    expect(first.created.map((c) => [c.templateId, c.day])).toEqual([[added.id, '2026-11-27']]);
    const second = await runTemplatesCommand.run(ctx, { until: undefined }, noTerminal);
    expect(second.created).toEqual([]);
  });

  it('a paused template makes nothing; list groups by project; delete removes it', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const added = await addTemplateCommand.run(
      ctx,
      { title: 'Ops: check backups', every: 'day' },
      noTerminal,
    );
    const paused = await pauseTemplateCommand.run(ctx, { id: added.id }, noTerminal);
    expect(paused.paused).toBe(true);
    expect((await runTemplatesCommand.run(ctx, { until: undefined }, noTerminal)).created).toEqual([]);
    const groups = await listTemplatesCommand.run(ctx, {}, noTerminal);
    expect(groups.map((g) => [g.project, g.templates.map((t) => t.id)])).toEqual([['Ops', [added.id]]]);
    await deleteTemplateCommand.run(ctx, { id: added.id }, noTerminal);
    expect(await listTemplatesCommand.run(ctx, {}, noTerminal)).toEqual([]);
  });
});

describe('template commands: renderers', () => {
  it('no templates and nothing to make say what to do', () => {
    expect(templateListRenderers.text([], view)).toBe(
      'No templates. Add one with: task template add TITLE --every weekday',
    );
    expect(templateListRenderers.json([])).toEqual([]);
    expect(templateRunRenderers.text({ created: [], warnings: [] }, view)).toBe(
      'Nothing to make: every template is up to date.',
    );
    expect(templateRunRenderers.json({ created: [], warnings: [] })).toEqual({ created: [] });
  });

  it('a list line shows id, schedule, plan, title, paused and who does it; JSON names the schedule every', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const added = await addTemplateCommand.run(
      ctx,
      { title: 'Ops: check backups', every: 'weekday', plannedMinutes: 90 },
      noTerminal,
    );
    const paused = await pauseTemplateCommand.run(ctx, { id: added.id }, noTerminal);
    const groups = await listTemplatesCommand.run(ctx, {}, noTerminal);
    expect((templateListRenderers.text(groups, view) as string).split('\n')).toEqual([
      'Ops',
      `  ${String(added.id).padStart(4)}  every weekday       1h30m  Ops: check backups  (paused)  [anna]`,
    ]);
    expect(templateListRenderers.json(groups)).toMatchObject([
      { project: 'Ops', tag: null, templates: [{ id: added.id, every: 'weekday', paused: true }] },
    ]);
    expect(templatePausedRenderers.text(paused, view)).toBe(`Template ${added.id} paused.`);
    expect(templateDeletedRenderers.json(paused)).toEqual({ id: added.id, deleted: true });
  });
});
