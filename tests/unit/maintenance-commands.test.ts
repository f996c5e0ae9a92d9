// Issue 19: task backup, restore-backup and doctor as command modules, in layers - argv -> input, run on
// an in-memory store with a fixed clock (the files themselves: tests/e2e/storage-safety.test.ts), renderers.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../support/scratch.js';
import { afterEach, describe, expect, it } from 'vitest';
import { backupCommand, doctorCommand, restoreBackupCommand } from '../../src/cli/commands/maintenance.js';
import { RuleError, UsageError } from '../../src/core/errors.js';
import { createTask } from '../../src/core/tasks.js';
import { startTimer } from '../../src/core/timers.js';
import type { RestoreAuthorization } from '../../src/db/backup.js';
import { backupRenderers, doctorRenderers, restoreRenderers } from '../../src/format/maintenance-view.js';
import type { TextView } from '../../src/format/renderers.js';
import { commandContext, inputFromArgv, noTerminal, ScriptedAsk } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const view: TextView = { color: false, width: 80, now: NOW, terminal: false };

let world: CoreWorld | undefined;
let dir: string | undefined;
afterEach(() => {
  world?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  world = dir = undefined;
});

/** anna (the admin) and boris; anna's timer on task 1 has run since two days ago at 9:00. */
function withLongTimer(): CoreWorld {
  const w = new CoreWorld('2026-11-25T09:00:00');
  world = w;
  w.admin('anna');
  w.person('boris');
  createTask(w.as('anna'), { title: 'Ops: Prepare the docs', plannedMinutes: 60 });
  startTimer(w.as('anna'), 1);
  return w.at('2026-11-27T09:00:00');
}

describe('maintenance commands: argv -> input', () => {
  it('backup PATH [--force]; restore-backup FILE', () => {
    expect(inputFromArgv(backupCommand, ['b.db'])).toEqual({ path: 'b.db', force: false });
    expect(inputFromArgv(backupCommand, ['b.db', '--force'])).toEqual({ path: 'b.db', force: true });
    expect(inputFromArgv(restoreBackupCommand, ['b.db'])).toEqual({ file: 'b.db' });
  });

  it("doctor --stop-timers-at is read against the command's now; a word that is no time is refused", () => {
    expect(inputFromArgv(doctorCommand, [])).toEqual({ stopAt: undefined });
    expect(inputFromArgv(doctorCommand, ['--stop-timers-at', 'yesterday 18:00'], NOW)).toEqual({
      stopAt: { at: new Date('2026-11-26T18:00:00'), allDay: false },
    });
    expect(() => inputFromArgv(doctorCommand, ['--stop-timers-at', 'garbage'])).toThrow(UsageError);
  });
});

describe('maintenance commands: run', () => {
  it('backup refuses an existing file without --force before the database opens', async () => {
    world = new CoreWorld();
    dir = scratchDir('regula-backup-');
    const path = join(dir, 'b.db');
    writeFileSync(path, 'keep me');
    let opened = false;
    const ctx = {
      ...commandContext(world, 'anna'),
      maintenance: async () => {
        opened = true;
        return world!.maintenance;
      },
    };
    await expect(backupCommand.run(ctx, { path, force: false }, noTerminal)).rejects.toThrow(
      `${path} exists; pass --force to overwrite it`,
    );
    expect(opened).toBe(false);
  });

  it('backup copies the database and says how many tasks the copy holds', async () => {
    const w = withLongTimer();
    dir = scratchDir('regula-backup-');
    const path = join(dir, 'b.db');
    expect(await backupCommand.run(commandContext(w, 'anna'), { path, force: false }, noTerminal)).toEqual({
      path,
      tasks: 1,
    });
    expect(existsSync(path)).toBe(true);
  });

  /** A restore whose database holds these people; what `authorize` said is kept. */
  function restoring(people: { name: string; role: string }[], as?: string, user = 'anna') {
    world = new CoreWorld();
    const asked: string[] = [];
    const restoreBackup = async (file: string, authorize: RestoreAuthorization) => {
      asked.push(file);
      authorize(people, 'database');
      return { path: '/data/regula.db', tasks: 3 };
    };
    const ctx = commandContext(world, 'anna', false, {
      env: { REGULA_USER: user },
      globals: { db: undefined, as },
      restoreBackup,
    });
    return { asked, run: () => restoreBackupCommand.run(ctx, { file: 'b.db' }, noTerminal) };
  }

  it('restore-backup: an administrator of the database puts the backup in place', async () => {
    const { asked, run } = restoring([{ name: 'anna', role: 'admin' }]);
    expect(await run()).toEqual({ path: '/data/regula.db', from: 'b.db', tasks: 3, replaced: null });
    expect(asked).toEqual(['b.db']);
  });

  it('R38: restore-backup is refused to someone who is not an administrator of the database', async () => {
    const { run } = restoring([{ name: 'anna', role: 'admin' }], undefined, 'boris');
    await expect(run()).rejects.toThrow('R38: only an administrator of the database restores a backup');
  });

  it('R38: restore-backup --as someone else is refused before anything is read; --as oneself is fine', async () => {
    const refused = restoring([{ name: 'anna', role: 'admin' }], 'boris');
    await expect(refused.run()).rejects.toThrow(RuleError);
    await expect(refused.run()).rejects.toThrow(
      'R38: restore-backup is done as yourself (anna), not --as boris: a restore replaces the history that would record the switch',
    );
    expect(refused.asked).toEqual([]);
    const self = restoring([{ name: 'anna', role: 'admin' }], ' anna ');
    expect((await self.run()).tasks).toBe(3);
  });

  it('doctor: a timer left running two days is a finding, exit 5', async () => {
    const w = withLongTimer();
    const outcome = await doctorCommand.run(commandContext(w, 'anna'), { stopAt: undefined }, noTerminal);
    expect(outcome.report.ok).toBe(false);
    expect(outcome.report.findings.map((f) => f.check)).toEqual(['long timers']);
    expect(outcome.warnings).toEqual([]);
    expect(doctorCommand.exitCode?.(outcome)).toBe(5);
  });

  it('R22: doctor --stop-timers-at stops it then (a logged correction) and examines again', async () => {
    const w = withLongTimer();
    const stopAt = inputFromArgv(doctorCommand, ['--stop-timers-at', '2026-11-25 18:00'], NOW).stopAt;
    const outcome = await doctorCommand.run(commandContext(w, 'anna'), { stopAt }, noTerminal);
    expect(outcome.warnings).toEqual(['stopped entry 1 (task 1) at 2026-11-25 18:00']);
    expect(outcome.report.ok).toBe(true);
    expect(doctorCommand.exitCode?.(outcome)).toBe(0);
  });

  it('doctor --stop-timers-at a day without a time is refused only when there is a timer to stop', async () => {
    const w = withLongTimer();
    const stopAt = inputFromArgv(doctorCommand, ['--stop-timers-at', 'tomorrow'], NOW).stopAt;
    await expect(doctorCommand.run(commandContext(w, 'anna'), { stopAt }, noTerminal)).rejects.toThrow(
      '--stop-timers-at needs a time of day, e.g. "yesterday 18:00"',
    );
    w.raw.write(() => w.raw.stopEntry(1, new Date('2026-11-25T18:00:00'), NOW));
    expect((await doctorCommand.run(commandContext(w, 'anna'), { stopAt }, noTerminal)).report.ok).toBe(true);
  });

  it('doctor on a terminal asks when to stop the timers; an empty answer leaves them', async () => {
    const w = withLongTimer();
    const left = new ScriptedAsk({ text: [''] });
    expect((await doctorCommand.run(commandContext(w, 'anna'), { stopAt: undefined }, left)).report.ok).toBe(
      false,
    );
    expect(left.asked).toEqual([
      '1 timer(s) ran longer than a working day. Stop them at (e.g. "yesterday 18:00", empty to leave them):',
    ]);
    const stopped = new ScriptedAsk({ text: ['2026-11-25 17:30'] });
    const outcome = await doctorCommand.run(commandContext(w, 'anna'), { stopAt: undefined }, stopped);
    expect(outcome.warnings).toEqual(['stopped entry 1 (task 1) at 2026-11-25 17:30']);
  });
});

describe('maintenance commands: renderers', () => {
  it('backup and restore-backup', () => {
    expect(backupRenderers.text({ path: 'b.db', tasks: 2 }, view)).toBe(
      'Backed up to b.db (2 tasks, integrity ok).',
    );
    expect(backupRenderers.json({ path: 'b.db', tasks: 2 })).toEqual({
      path: 'b.db',
      tasks: 2,
      integrity: 'ok',
    });
    const restored = { path: 'r.db', from: 'b.db', tasks: 2, replaced: 'r.db.before-restore' };
    expect(restoreRenderers.text(restored, view)).toBe(
      'Restored b.db to r.db (2 tasks, integrity ok); the database it replaced is kept as r.db.before-restore.',
    );
    expect(restoreRenderers.text({ ...restored, replaced: null }, view)).toBe(
      'Restored b.db to r.db (2 tasks, integrity ok).',
    );
    expect(restoreRenderers.json({ ...restored, replaced: null })).toEqual({ ...restored, replaced: null });
  });

  it('doctor: all passed, or one line per finding with its severity; escape sequences shown, not run', () => {
    const ok = { report: { ok: true, findings: [], longTimers: [] }, warnings: [] };
    expect(doctorRenderers.text(ok, view)).toBe(
      'All checks passed: integrity, foreign keys, timers, R2 time, import ids, search index.',
    );
    const findings = [
      { check: 'integrity', severity: 'damaged' as const, message: 'page 3 is broken' },
      { check: 'R2', severity: 'data' as const, message: 'time on \u001b[31mtask\u001b[0m 4' },
    ];
    const bad = { report: { ok: false, findings, longTimers: [] }, warnings: [] };
    expect(doctorRenderers.text(bad, view)).toBe(
      'DAMAGED [integrity] page 3 is broken\nproblem [R2] time on \\u001b[31mtask\\u001b[0m 4',
    );
    expect(doctorRenderers.json(bad)).toEqual({ ok: false, findings });
  });
});
