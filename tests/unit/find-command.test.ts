import { afterEach, describe, expect, it } from 'vitest';
import {
  calendarCommand,
  monthFromWord,
  projectsCommand,
  searchCommand,
  tagsCommand,
  todayCommand,
} from '../../src/cli/commands/find.js';
import { UsageError } from '../../src/core/errors.js';
import { createTask } from '../../src/core/tasks.js';
import {
  agendaRenderers,
  monthRenderers,
  nameSummariesRenderers,
  searchRenderers,
} from '../../src/format/find-view.js';
import type { TextView } from '../../src/format/renderers.js';
import { commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const view: TextView = { color: false, width: 80, now: NOW, terminal: false };

let world: CoreWorld | undefined;
afterEach(() => world?.close());

/** anna's (the admin's) tasks in Ops (tagged office) and Sales, which ben may not see (R4); ben's own task. */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('anna');
  w.person('ben');
  createTask(w.as('anna'), {
    title: 'Ops: Prepare the docs',
    tags: ['office'],
    deadline: { at: new Date('2026-11-27T23:59:59.999'), allDay: true },
  });
  createTask(w.as('anna'), { title: 'Sales: Call the client' });
  createTask(w.as('ben'), { title: 'Secret: Prepare a surprise' });
  return w;
}

describe('find commands: argv -> input', () => {
  it('R25: search words, --open and --limit', () => {
    expect(inputFromArgv(searchCommand, ['prepar', 'docs', '--open', '--limit', '5'])).toEqual({
      text: 'prepar docs',
      openOnly: true,
      limit: 5,
    });
    expect(inputFromArgv(projectsCommand, ['--names'])).toEqual({ namesOnly: true });
    expect(inputFromArgv(tagsCommand, [])).toEqual({ namesOnly: false });
  });

  it('calendar: 2026-12 is that month, any day names its month, default now', () => {
    expect(inputFromArgv(calendarCommand, ['2026-12', '--user', 'ben'], NOW)).toEqual({
      month: new Date(2026, 11, 1),
      user: 'ben',
    });
    expect(inputFromArgv(calendarCommand, [], NOW)).toEqual({ month: NOW, user: undefined });
    expect(monthFromWord('2026-12-15', NOW).getMonth()).toBe(11);
  });

  it.each([
    [searchCommand, ['x', '--limit', '0'], /--limit: "0" is not a whole number above zero/],
    [calendarCommand, ['2026-13'], /MONTH: "2026-13" is not a month/],
  ] as const)('refuses bad input before anything opens: %#', (module, words, message) => {
    const parse = () => inputFromArgv(module as typeof searchCommand, words);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});

describe('find commands: run on the core, rendered', () => {
  it('R25, R4: search finds by stem among the tasks the person may see', async () => {
    const w = setUp();
    const search = (name: string) =>
      searchCommand.run(commandContext(w, name), inputFromArgv(searchCommand, ['prepar']), noTerminal);
    expect((await search('anna')).map((h) => h.task.id)).toEqual([1, 3]);
    const hits = await search('ben');
    expect(hits.map((h) => h.task.id)).toEqual([3]);
    expect(searchRenderers.json(hits)).toEqual([
      expect.objectContaining({ id: 3, match: expect.objectContaining({ field: 'title' }) }),
    ]);
    expect(searchRenderers.text(hits, view)).toMatch(/^ +3 .*Secret: .*surprise/);
  });

  it('R4: projects and tags are counted over what the person may see; --names lists names alone', async () => {
    const w = setUp();
    const all = await projectsCommand.run(commandContext(w, 'anna'), { namesOnly: true }, noTerminal);
    expect(nameSummariesRenderers.text(all, view)).toBe('Ops\nSales\nSecret');
    const projects = await projectsCommand.run(commandContext(w, 'ben'), { namesOnly: false }, noTerminal);
    expect(nameSummariesRenderers.json(projects)).toEqual([
      { name: 'Secret', open: 1, total: 1, trackedMinutes: 0 },
    ]);
    const tags = await tagsCommand.run(commandContext(w, 'ben'), { namesOnly: false }, noTerminal);
    expect(nameSummariesRenderers.text(tags, view)).toBe('No tags yet: add them with --tag.');
    expect(nameSummariesRenderers.text({ ...tags, namesOnly: true }, view)).toBeNull();
  });

  it('today and the month show what is due', async () => {
    const w = setUp();
    const ctx = commandContext(w, 'anna');
    const today = await todayCommand.run(ctx, {}, noTerminal);
    expect(agendaRenderers.text(today, view)).toContain('Ops: Prepare the docs');
    expect(agendaRenderers.json(today)).toMatchObject({ days: [{ day: '2026-11-27' }] });
    const month = await calendarCommand.run(ctx, { month: NOW, user: undefined }, noTerminal);
    expect(monthRenderers.json(month)).toMatchObject({ month: '2026-11' });
    expect(monthRenderers.text(month, view)).toContain('Ops: Prepare the docs');
  });
});
