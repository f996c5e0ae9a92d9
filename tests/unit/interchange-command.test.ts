import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../support/scratch.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command-module.js';
import { exportCommand, importCommand } from '../../src/cli/commands/interchange.js';
import { UsageError } from '../../src/core/errors.js';
import { createTask } from '../../src/core/tasks.js';
import { exportRenderers, type ExportView, importRenderers } from '../../src/format/interchange-view.js';
import { StreamedOutput, type TextView } from '../../src/format/renderers.js';
import { commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const view: TextView = { color: false, width: 80, now: NOW, terminal: false };

let world: CoreWorld | undefined;
/** Every folder a test wrote a file in (a test may write several). */
const dirs: string[] = [];
afterEach(() => {
  world?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** root (the admin), anna and boris (employees); anna has task 1, boris task 2. */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('root');
  w.person('anna');
  w.person('boris');
  createTask(w.as('anna'), { title: 'Ops: Prepare the docs', plannedMinutes: 60 });
  createTask(w.as('boris'), { title: 'HR: Hire, "quoted"', plannedMinutes: 30 });
  return w;
}

/** The context of `task import` run by this person (the App marks an import for the gate). */
function importContext(w: CoreWorld, name: string, json = false): CommandContext {
  return { ...commandContext(w, name, json), core: async () => w.as(name, { importing: true }) };
}

function fileWith(content: unknown): string {
  const dir = scratchDir('regula-import-');
  dirs.push(dir);
  const path = join(dir, 'export.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const TASKWARRIOR = [
  {
    uuid: '5f2c5b5e-2a8b-4a5e-9d1c-000000000001',
    description: 'Sales: Call Ivan',
    status: 'pending',
    entry: '20261126T090000Z',
  },
  {
    uuid: '5f2c5b5e-2a8b-4a5e-9d1c-000000000002',
    description: 'Sales: Send the offer',
    status: 'pending',
    entry: '20261126T090000Z',
  },
];

/** What a streamed output writes, chunk by chunk, joined. */
function written(output: unknown): string {
  expect(output).toBeInstanceOf(StreamedOutput);
  let text = '';
  (output as StreamedOutput).stream((chunk) => {
    text += chunk;
  });
  return text;
}

describe('interchange commands: argv -> input', () => {
  it('import: the file, the tool and --dry-run', () => {
    expect(inputFromArgv(importCommand, ['tw.json'])).toEqual({
      file: 'tw.json',
      from: undefined,
      dryRun: false,
    });
    expect(
      inputFromArgv(importCommand, ['-', '--from', 'watson', '--dry-run', '--reason', 'moving in']),
    ).toEqual({
      file: '-',
      from: 'watson',
      dryRun: true,
    });
  });

  it('export: the format and table; for ics the days, read against now', () => {
    expect(inputFromArgv(exportCommand, ['--format', 'csv'])).toEqual({ format: 'csv', table: 'tasks' });
    expect(inputFromArgv(exportCommand, ['--format', 'md', '--table', 'entries'])).toEqual({
      format: 'md',
      table: 'entries',
    });
    expect(
      inputFromArgv(exportCommand, ['--format', 'ics', '--from', 'tomorrow', '--user', 'anna'], NOW),
    ).toEqual({
      format: 'ics',
      user: 'anna',
      // As before: a day given is read as a deadline, its end.
      from: new Date('2026-11-28T23:59:59.999'),
      to: undefined,
    });
  });

  it('refuses a bad ics day naming the flag, and an export without --format', () => {
    expect(() => inputFromArgv(exportCommand, ['--format', 'ics', '--to', 'someday'])).toThrow(UsageError);
    expect(() => inputFromArgv(exportCommand, ['--format', 'ics', '--to', 'someday'])).toThrow(/--to/);
    expect(() => inputFromArgv(exportCommand, [])).toThrow(
      /required option '--format <format>' not specified/,
    );
  });
});

describe('interchange commands: run', () => {
  it('a dry run of an import says what it would create and writes nothing', async () => {
    const w = setUp();
    const file = fileWith(TASKWARRIOR);
    const input = inputFromArgv(importCommand, [file, '--dry-run']);
    const view = await importCommand.run(importContext(w, 'anna'), input, noTerminal);
    expect(view.summary).toMatchObject({ source: 'taskwarrior', dryRun: true, created: { tasks: 2 } });
    expect(w.raw.read(() => w.raw.findTasks({}).length)).toBe(2);
    await importCommand.run(importContext(w, 'anna'), { ...input, dryRun: false }, noTerminal);
    expect(w.raw.read(() => w.raw.findTasks({}).length)).toBe(4);
  });

  it('a file no tool wrote, and one that is not JSON, are refused naming the file', async () => {
    const w = setUp();
    const unknown = fileWith({ hello: 'world' });
    await expect(
      importCommand.run(
        importContext(w, 'anna'),
        { file: unknown, from: undefined, dryRun: false },
        noTerminal,
      ),
    ).rejects.toThrow(
      `${unknown}: cannot tell which tool wrote it; pass --from taskwarrior|timewarrior|watson|bitrix24|regula`,
    );
    const broken = fileWith('[{');
    await expect(
      importCommand.run(
        importContext(w, 'anna'),
        { file: broken, from: 'watson', dryRun: false },
        noTerminal,
      ),
    ).rejects.toThrow(/: not JSON \(/);
  });

  it('the import warnings go to stderr, or with --json only into the summary printed', async () => {
    const w = setUp();
    const file = fileWith([{ ...TASKWARRIOR[0], priority: 'H', tags: ['a'], annotations: [] }]);
    const input = { file, from: undefined, dryRun: true };
    const text = await importCommand.run(importContext(w, 'anna'), input, noTerminal);
    const json = await importCommand.run(importContext(w, 'anna', true), input, noTerminal);
    expect(importCommand.warnings!(text)).toEqual(text.summary.warnings);
    expect(importCommand.warnings!(json)).toEqual([]);
  });

  it('R4: an employee exports only what they may see, and is told so; ics says nothing', async () => {
    const w = setUp();
    const csv = await exportCommand.run(
      commandContext(w, 'anna'),
      { format: 'csv', table: 'tasks' },
      noTerminal,
    );
    expect(csv.file).toMatchObject({ kind: 'tasks', format: 'csv' });
    expect(csv.file.kind === 'tasks' && csv.file.rows.map((r) => r.task.id)).toEqual([1]);
    expect(exportCommand.warnings!(csv)).toEqual([
      expect.stringMatching(/^R4: exported only what anna may see/),
    ]);
    const admin = await exportCommand.run(
      commandContext(w, 'root'),
      { format: 'csv', table: 'tasks' },
      noTerminal,
    );
    expect(admin.file.kind === 'tasks' && admin.file.rows.map((r) => r.task.id)).toEqual([1, 2]);
    expect(exportCommand.warnings!(admin)).toEqual([]);
    const ics = await exportCommand.run(
      commandContext(w, 'anna'),
      { format: 'ics', user: undefined, from: undefined, to: undefined },
      noTerminal,
    );
    expect(ics.scopeNote).toBeNull();
  });
});

describe('interchange renderers', () => {
  it('the import summary, skipped records made safe for the terminal', () => {
    const summary = {
      source: 'taskwarrior',
      dryRun: true,
      created: { tasks: 2, comments: 1 },
      updated: {},
      skipped: [{ record: 'task \u001b[31mx', reason: 'deleted' }],
      warnings: ['w'],
    };
    const text = importRenderers.text({ summary, warningsInOutput: false }, view);
    expect(text).toMatch(
      /^Dry run \(nothing written\): would create 2 tasks, 1 comments; updated nothing; skipped 1\.\n {2}skipped task /,
    );
    expect(text).not.toContain('\u001b');
    expect(importRenderers.json({ summary, warningsInOutput: true })).toBe(summary);
  });

  it('an export is the file byte for byte, with --json or without', () => {
    const csv: ExportView = {
      file: { kind: 'tasks', format: 'csv', rows: [] },
      scopeNote: null,
    };
    expect(written(exportRenderers.text(csv, view))).toMatch(/^id,title,.*\r\n$/);
    expect(written(exportRenderers.json(csv))).toBe(written(exportRenderers.text(csv, view)));
    const json: ExportView = { file: { kind: 'json', value: [{ a: 1 }] }, scopeNote: null };
    expect(written(exportRenderers.json(json))).toBe('[\n  {\n    "a": 1\n  }\n]\n');
    const everything: ExportView = {
      file: {
        kind: 'everything',
        write: (write) => {
          write('{');
          write('}\n');
        },
      },
      scopeNote: null,
    };
    expect(written(exportRenderers.text(everything, view))).toBe('{}\n');
  });
});
