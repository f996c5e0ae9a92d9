import { describe, expect, it } from 'vitest';
import { ProgressLine } from '../../src/cli/progress-line.js';
import type { ProgressStep } from '../../src/core/progress.js';
import { exportEverything } from '../../src/core/interchange/regula.js';
import { periodOf } from '../../src/core/period.js';
import { periodReport } from '../../src/core/reports.js';
import { teamReport } from '../../src/core/team-report.js';
import { importTaskwarrior } from '../../src/core/interchange/taskwarrior.js';
import { renderProgress } from '../../src/format/progress.js';
import * as schemas from '../../src/schemas/import.js';
import { parseRecords } from '../../src/schemas/validate.js';
import { CoreWorld } from '../support/core.js';

/** A terminal stand-in: what was written, and a clock the test moves. */
function terminal() {
  const written: string[] = [];
  let now = 0;
  return {
    written,
    stream: { write: (text: string) => written.push(text) },
    clock: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const records = () =>
  parseRecords(
    schemas.taskwarriorTaskSchema,
    Array.from({ length: 30 }, (_, i) => ({
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      description: `Ops: task ${i}`,
      status: 'pending',
      entry: '20261101T090000Z',
    })),
    { file: 'tw.json', record: 'task', idKey: 'uuid' },
  );

const step = (done: number): ProgressStep => ({ work: 'importing from taskwarrior', done });

describe('the progress line', () => {
  it('reads as what is done and how many records, thousands grouped', () => {
    expect(renderProgress(step(1))).toBe('importing from taskwarrior: 1 record');
    expect(renderProgress(step(12345))).toBe('importing from taskwarrior: 12,345 records');
    expect(renderProgress(step(1234567))).toBe('importing from taskwarrior: 1,234,567 records');
  });

  it('counts against the whole where it is known, in what is counted', () => {
    expect(renderProgress({ work: 'team report', done: 12, total: 49, unit: ['person', 'people'] })).toBe(
      'team report: 12 of 49 people',
    );
    expect(renderProgress({ work: 'report', done: 1, total: 3, unit: ['part', 'parts'] })).toBe(
      'report: 1 of 3 parts',
    );
    expect(renderProgress({ work: 'exporting', done: 1, total: 1200 })).toBe('exporting: 1 of 1,200 records');
    expect(renderProgress({ work: 'team report', done: 1, total: 1, unit: ['person', 'people'] })).toBe(
      'team report: 1 of 1 person',
    );
  });

  it('shows nothing for work that ends quickly, and erases nothing then', () => {
    const t = terminal();
    const line = new ProgressLine(t.stream, t.clock, 250, 100);
    for (let i = 1; i <= 1000; i++) line.sink(step(i));
    t.advance(200);
    line.sink(step(1001));
    line.clear();
    expect(t.written).toEqual([]);
  });

  it('redraws one line in place at most every interval, and erases it before other output', () => {
    const t = terminal();
    const line = new ProgressLine(t.stream, t.clock, 250, 100);
    t.advance(300);
    line.sink(step(10));
    line.sink(step(11)); // within the interval: not drawn
    t.advance(100);
    line.sink(step(5000));
    line.clear();
    line.clear(); // once erased, nothing more to erase
    expect(t.written).toEqual([
      '\r\x1b[Kimporting from taskwarrior: 10 records',
      '\r\x1b[Kimporting from taskwarrior: 5,000 records',
      '\r\x1b[K',
    ]);
  });

  it('once muted (the output itself goes to the terminal), erases the line and draws no more', () => {
    const t = terminal();
    const line = new ProgressLine(t.stream, t.clock, 250, 100);
    t.advance(300);
    line.sink(step(10));
    line.mute();
    t.advance(500);
    line.sink(step(20000));
    line.clear();
    expect(t.written).toEqual(['\r\x1b[Kimporting from taskwarrior: 10 records', '\r\x1b[K']);
  });
});

describe('an export reports its progress', () => {
  it('counts the records written, up to every record of the file', () => {
    const w = new CoreWorld();
    w.admin('ann');
    importTaskwarrior(w.as('ann', { importing: true }), records(), false);
    const steps: ProgressStep[] = [];
    let text = '';
    exportEverything({ ...w.as('ann'), progress: (s) => steps.push(s) }, 99, (chunk) => {
      text += chunk;
    });
    const tables = (JSON.parse(text) as { tables: Record<string, unknown[]> }).tables;
    const recordCount = Object.values(tables).reduce((n, rows) => n + rows.length, 0);
    expect(tables.tasks).toHaveLength(30);
    expect(new Set(steps.map((s) => s.work))).toEqual(new Set(['exporting']));
    expect(steps.map((s) => s.done)).toEqual([...steps.map((s) => s.done)].sort((a, b) => a - b));
    expect(steps.at(-1)?.done).toBe(recordCount);
  });
});

describe('reports over long periods report their progress', () => {
  const world = () => {
    const w = new CoreWorld('2026-11-27T17:00:00');
    w.admin('boss');
    w.person('anna', 'employee', 'boss');
    w.person('boris', 'employee', 'boss');
    return w;
  };
  const year = periodOf(new Date('2025-11-28T00:00:00'), new Date('2026-11-27T00:00:00'));

  it('a team report counts the people whose pages are made, from none to all', () => {
    const w = world();
    const steps: ProgressStep[] = [];
    const report = teamReport({ ...w.as('boss'), progress: (s) => steps.push(s) }, year, ['anna', 'boris']);
    expect(report.people.map((p) => p.user)).toEqual(['anna', 'boris']);
    expect(steps).toEqual(
      [0, 1, 2].map((done) => ({ work: 'team report', done, total: 2, unit: ['person', 'people'] })),
    );
  });

  it('a period report counts its three period-wide reads as they begin', () => {
    const w = world();
    const steps: ProgressStep[] = [];
    periodReport({ ...w.as('boss'), progress: (s) => steps.push(s) }, year, { everyone: true });
    expect(steps).toEqual(
      [0, 1, 2].map((done) => ({ work: 'report', done, total: 3, unit: ['part', 'parts'] })),
    );
  });
});

describe('an import reports its progress', () => {
  it('counts every record it creates, in order, when someone watches', () => {
    const w = new CoreWorld();
    w.admin('ann');
    const steps: ProgressStep[] = [];
    const summary = importTaskwarrior(
      { ...w.as('ann', { importing: true }), progress: (s) => steps.push(s) },
      records(),
      false,
    );
    expect(summary.created.tasks).toBe(30);
    expect(steps.map((s) => s.done)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(steps.map((s) => s.work))).toEqual(new Set(['importing from taskwarrior']));
  });

  it('counts skipped records too: a re-import of the same file is all skips', () => {
    const w = new CoreWorld();
    w.admin('ann');
    importTaskwarrior(w.as('ann', { importing: true }), records(), false);
    const steps: ProgressStep[] = [];
    const again = importTaskwarrior(
      { ...w.as('ann', { importing: true }), progress: (s) => steps.push(s) },
      records(),
      false,
    );
    expect(again.skipped).toHaveLength(30);
    expect(steps.at(-1)?.done).toBe(30);
  });
});
