import { Command } from 'commander';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../support/scratch.js';
import { afterEach, describe, expect, it } from 'vitest';
import { commanderCommand, rawInput } from '../../src/cli/command-adapter.js';
import {
  approveReportCommand,
  mergeReportsCommand,
  recordReportCommand,
  reportCommand,
} from '../../src/cli/commands/report.js';
import { RuleError, UsageError } from '../../src/core/errors.js';
import { periodOf, weekOf } from '../../src/core/period.js';
import { createTask } from '../../src/core/tasks.js';
import { addManualTime } from '../../src/core/time-corrections.js';
import type { TextView } from '../../src/format/renderers.js';
import { StreamedOutput } from '../../src/format/renderers.js';
import { approvedRenderers, recordedRenderers, reportRenderers } from '../../src/format/report-view.js';
import { commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T17:00:00');
const pipe: TextView = { color: false, width: 80, now: NOW, terminal: false };
const terminal: TextView = { ...pipe, terminal: true };

let world: CoreWorld | undefined;
const folders: string[] = [];
afterEach(() => {
  world?.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** boss (the admin) with anna reporting to him; anna tracked 1h on task 1 this morning and 30m a week ago. */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T17:00:00');
  world = w;
  w.admin('boss');
  w.person('anna', 'employee', 'boss');
  const anna = w.as('anna');
  createTask(anna, {
    title: 'Sales: Call Ivan',
    plannedMinutes: 60,
    deadline: { at: new Date('2026-11-27T23:59:59.999'), allDay: true },
  });
  addManualTime(anna, 1, { minutes: 60, at: new Date('2026-11-27T09:00:00'), comment: 'by hand' });
  addManualTime(w.as('anna', { reason: 'late' }), 1, {
    minutes: 30,
    at: new Date('2026-11-20T09:00:00'),
    comment: 'last week',
    reason: 'late',
  });
  return w;
}

/** What the text of a `StreamedOutput` is. */
function streamed(output: unknown): string {
  expect(output).toBeInstanceOf(StreamedOutput);
  let text = '';
  (output as StreamedOutput).stream((chunk) => {
    text += chunk;
  });
  return text;
}

describe('report commands: argv -> input', () => {
  it('R35: the day alone by default; a period, a format, whose, the team, the tags left out', () => {
    expect(inputFromArgv(reportCommand, [], NOW)).toEqual({
      day: NOW,
      period: null,
      format: undefined,
      users: undefined,
      team: false,
      everyone: undefined,
      excludeTags: [],
    });
    expect(
      inputFromArgv(reportCommand, ['--week', '--format', 'csv', '--user', 'anna,ben', '--team'], NOW),
    ).toMatchObject({ day: NOW, period: weekOf(NOW), format: 'csv', users: ['anna', 'ben'], team: true });
    expect(
      inputFromArgv(reportCommand, ['--exclude-tag', 'X', '--billable', '--everyone'], NOW),
    ).toMatchObject({
      everyone: true,
      excludeTags: ['X', 'NO'],
    });
    expect(inputFromArgv(reportCommand, ['--from', 'yesterday'], NOW)).toMatchObject({
      period: periodOf(new Date('2026-11-26T00:00:00'), NOW),
    });
    expect(inputFromArgv(reportCommand, [':all'], NOW)).toMatchObject({ day: NOW, period: 'all' });
    expect(inputFromArgv(recordReportCommand, ['yesterday', '--format', 'md'], NOW)).toEqual({
      day: new Date('2026-11-26T23:59:59.999'),
      format: 'md',
    });
    expect(
      inputFromArgv(approveReportCommand, ['anna', '--mark', ' Negative ', '--comment', 'late'], NOW),
    ).toEqual({ user: 'anna', day: NOW, mark: 'negative', comment: 'late' });
    expect(inputFromArgv(mergeReportsCommand, ['a.json', 'b.json'], NOW)).toEqual({
      files: ['a.json', 'b.json'],
      format: undefined,
    });
  });

  it.each([
    [reportCommand, ['somedayx'], /^DATE: "somedayx" is not a date/],
    [reportCommand, [':bad'], /^:bad is not a range hint; use .*, :all$/],
    [reportCommand, [':week', '--month'], /^:week and --month name different periods/],
    [reportCommand, ['--to', 'today'], /^--to needs --from/],
    [recordReportCommand, ['never'], /^DATE: "never" is not a date/],
    [approveReportCommand, ['anna'], /^--mark: approve the report as positive or negative/],
    [approveReportCommand, ['anna', '--mark', 'bad'], /^--mark: approve the report as positive or negative/],
  ] as const)('refuses bad input before anything opens: %#', (module, words, message) => {
    const parse = () => inputFromArgv(module as typeof recordReportCommand, words, NOW);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });

  it('an unknown --format is refused by commander', () => {
    expect(() => inputFromArgv(reportCommand, ['--format', 'pdf'])).toThrow(/pdf/);
  });

  it("a subcommand's --format taken by the report command above it is the subcommand's (report merge a.json --format html)", () => {
    let raw: unknown;
    const program = new Command('task').exitOverride();
    const report = commanderCommand(program, reportCommand.definition).action(() => {});
    commanderCommand(report, mergeReportsCommand.definition).action((...params: unknown[]) => {
      raw = rawInput(params.at(-1) as Command, mergeReportsCommand.definition);
    });
    program.parse(['report', 'merge', 'a.json', '--format', 'html'], { from: 'user' });
    expect(report.opts().format).toBe('html');
    expect(raw).toEqual({ args: { files: ['a.json'] }, options: { format: 'html' } });
  });
});

describe('report commands: run on the core, rendered', () => {
  it('R35: the day report is a table on a terminal, Markdown in a pipe, the report itself as JSON', async () => {
    const w = setUp();
    const day = await reportCommand.run(
      commandContext(w, 'anna'),
      inputFromArgv(reportCommand, [], w.now),
      noTerminal,
    );
    expect(day).toMatchObject({
      kind: 'day',
      format: undefined,
      report: { user: 'anna', day: '2026-11-27' },
    });
    expect(String(reportRenderers.text(day, pipe))).toMatch(
      /^# Report of anna for 2026-11-27 \(not recorded\)\n/,
    );
    expect(String(reportRenderers.text(day, terminal))).toMatch(
      /^Report of anna for 2026-11-27 \(not recorded\)/,
    );
    expect(reportRenderers.json(day)).toBe(day.report);
  });

  it('an explicit --format beats --json: the report in that format, one final newline', async () => {
    const w = setUp();
    const csv = await reportCommand.run(
      commandContext(w, 'anna', true),
      inputFromArgv(reportCommand, ['--format', 'csv'], w.now),
      noTerminal,
    );
    const text = streamed(reportRenderers.json(csv));
    // As the text would be printed: the CSV already ends its last line, no second newline is added.
    expect(text).toBe(String(reportRenderers.text(csv, pipe)));
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
    expect(text.split('\n')[0]).toMatch(/^day,user,task_id,title/);
    expect(reportRenderers.json({ ...csv, format: 'json' })).toBe(csv.report);
  });

  it('R35: a period (or :all, from the first tracked time) is a period report; --team the manager’s', async () => {
    const w = setUp();
    const anna = commandContext(w, 'anna');
    const week = await reportCommand.run(anna, inputFromArgv(reportCommand, ['--week'], w.now), noTerminal);
    expect(week).toMatchObject({ kind: 'period', report: { from: '2026-11-23', to: '2026-11-29' } });
    const all = await reportCommand.run(anna, inputFromArgv(reportCommand, [':all'], w.now), noTerminal);
    expect(all).toMatchObject({ kind: 'period', report: { from: '2026-11-20', to: '2026-11-27' } });
    expect(all.kind === 'period' && all.report.totals.trackedMinutes).toBe(90);
    const billable = await reportCommand.run(
      anna,
      inputFromArgv(reportCommand, ['--billable'], w.now),
      noTerminal,
    );
    expect(billable).toMatchObject({ kind: 'period', report: { excludedTags: ['no'] } });
    const team = await reportCommand.run(
      commandContext(w, 'boss'),
      inputFromArgv(reportCommand, ['--team', '--format', 'md'], w.now),
      noTerminal,
    );
    expect(team).toMatchObject({ kind: 'team', format: 'md' });
    expect(String(reportRenderers.text(team, terminal))).toMatch(/^# Team report 2026-11-27 for boss\n/);
  });

  it('R4: someone else’s report is refused unless they report to you', async () => {
    const w = setUp();
    w.person('ben');
    const input = inputFromArgv(reportCommand, ['--user', 'anna'], w.now);
    await expect(reportCommand.run(commandContext(w, 'ben'), input, noTerminal)).rejects.toThrow(/^R4: /);
    const seen = await reportCommand.run(commandContext(w, 'boss'), input, noTerminal);
    expect(seen).toMatchObject({ kind: 'day', report: { user: 'anna' } });
  });

  it('R35: recording says what was frozen, or shows the report in the format asked; R29: approving it', async () => {
    const w = setUp();
    const recorded = await recordReportCommand.run(
      commandContext(w, 'anna'),
      inputFromArgv(recordReportCommand, [], w.now),
      noTerminal,
    );
    expect(recordedRenderers.text(recorded, pipe)).toBe(
      'Recorded the report of 2026-11-27: planned 1h, tracked 1h.',
    );
    expect(recordedRenderers.json(recorded)).toBe(recorded.recorded);
    const asMarkdown = { ...recorded, format: 'md' as const };
    expect(String(recordedRenderers.text(asMarkdown, pipe))).toMatch(
      /^# Report of anna for 2026-11-27 \(recorded/,
    );
    expect(streamed(recordedRenderers.json(asMarkdown))).toMatch(
      /^# Report of anna for 2026-11-27 \(recorded/,
    );
    await expect(
      recordReportCommand.run(commandContext(w, 'anna'), { day: w.now, format: undefined }, noTerminal),
    ).rejects.toThrow(RuleError);

    const boss = commandContext(w, 'boss');
    await expect(
      approveReportCommand.run(
        boss,
        inputFromArgv(approveReportCommand, ['anna', '--mark', 'negative'], w.now),
        noTerminal,
      ),
    ).rejects.toThrow(/^R29: a negative mark needs the reason/);
    const approved = await approveReportCommand.run(
      boss,
      inputFromArgv(approveReportCommand, ['anna', '--mark', 'positive'], w.now),
      noTerminal,
    );
    expect(approvedRenderers.text(approved, pipe)).toBe(
      'Approved the report of anna for 2026-11-27 (positive).',
    );
    expect(approvedRenderers.json(approved)).toBe(approved.report);
  });

  it('merge: the exported reports make one team report; a file that is none is refused by name', async () => {
    const w = setUp();
    const folder = scratchDir('regula-merge-');
    folders.push(folder);
    const day = await reportCommand.run(
      commandContext(w, 'anna'),
      inputFromArgv(reportCommand, [], w.now),
      noTerminal,
    );
    const annaFile = join(folder, 'anna.json');
    writeFileSync(annaFile, JSON.stringify(reportRenderers.json(day)));
    const badFile = join(folder, 'bad.json');
    writeFileSync(badFile, '{"x":1}');
    const ctx = commandContext(w, 'boss');
    const merged = await mergeReportsCommand.run(
      ctx,
      inputFromArgv(mergeReportsCommand, [annaFile, '--format', 'csv'], w.now),
      noTerminal,
    );
    expect(merged).toMatchObject({
      kind: 'team',
      format: 'csv',
      report: { generatedAt: w.now.toISOString() },
    });
    expect(merged.kind === 'team' && merged.report.people.map((p) => p.user)).toEqual(['anna']);
    await expect(
      mergeReportsCommand.run(
        ctx,
        inputFromArgv(mergeReportsCommand, [annaFile, badFile], w.now),
        noTerminal,
      ),
    ).rejects.toThrow(`${badFile}: not a regula day or team report: schema:`);
    await expect(
      mergeReportsCommand.run(
        ctx,
        inputFromArgv(mergeReportsCommand, [join(folder, 'none.json')], w.now),
        noTerminal,
      ),
    ).rejects.toThrow(/none\.json: cannot read a JSON report \(ENOENT/);
  });
});
