import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUT_OF_SIGHT, Sandbox, sqliteOnly } from './helpers.js';

/**
 * Issue 17 / R38, R23: the side doors. boss set up the database (its administrator); anna reports to
 * boss; carl reports to vic, another manager. Each example was accepted (exit 0) before the gate.
 */
let sb: Sandbox;
beforeEach(async () => {
  sb = new Sandbox({ inProcess: true });
  sb.user = 'boss';
  await sb.ok(['user', 'list']);
  await sb.ok(['user', 'add', 'anna', '--manager', 'boss']);
  await sb.ok(['user', 'add', 'vic', '--role', 'manager']);
  await sb.ok(['user', 'add', 'carl', '--manager', 'vic']);
  await sb.ok([
    'add',
    'Sales: Prepare the offer',
    '--responsible',
    'anna',
    '--plan',
    '1h',
    '--accept',
    '--deadline',
    '2026-11-27',
  ]);
});
afterEach(() => sb.remove());

const as = (user: string, time = '10:00') => ({ user, now: `2026-11-27T${time}` });

describe('R38: only the right person changes a task', () => {
  it('someone from another team neither takes over nor deletes a task boss gave anna', async () => {
    const before = sb.dump();
    const edit = await sb.run(['edit', '1', '--responsible', 'carl', '--director', 'carl'], as('carl'));
    expect(edit.exitCode).toBe(OUT_OF_SIGHT.exitCode);
    if (OUT_OF_SIGHT.ruleLine)
      expect(edit.stderr).toBe(
        "task: R38: you may not change the responsible and director of task 1: that is for its director or the responsible's manager",
      );
    const del = await sb.run(['delete', '1'], as('carl'));
    expect(del.exitCode).toBe(OUT_OF_SIGHT.exitCode);
    if (OUT_OF_SIGHT.ruleLine) expect(del.stderr).toMatch(/R38/);
    expect(sb.dump()).toBe(before);
  });

  it('the executor does not make herself director to accept her own work', async () => {
    await sb.ok(['done', '1', '--result', 'Offer sent: offers/2026-11.pdf'], as('anna'));
    const director = await sb.run(['edit', '1', '--director', 'anna'], as('anna'));
    expect(director.exitCode).toBe(3);
    expect(director.stderr).toMatch(/R38: you may not change the director of task 1/);
    const accept = await sb.run(['accept', '1', '--mark', 'positive'], as('anna'));
    expect(accept.exitCode).toBe(3);
    expect((await sb.json(['show', '1'], as('boss'))).status).toBe('awaiting_control');
    // The director (here also anna's manager) accepts.
    await sb.ok(['accept', '1', '--mark', 'positive'], as('boss'));
  });

  sqliteOnly(
    'R38 on the server: people are logins its database administrator adds (task server user add), not task user add',
  )('an employee does not make herself powerful', async () => {
    const admin = await sb.run(['user', 'add', 'eve', '--role', 'admin'], as('anna'));
    expect(admin.exitCode).toBe(3);
    expect(admin.stderr).toMatch(/R38: only an administrator creates managers and administrators/);
    const employee = await sb.run(['user', 'add', 'eve'], as('anna'));
    expect(employee.exitCode).toBe(3);
    // A manager adds people to their own team; an administrator adds anyone.
    await sb.ok(['user', 'add', 'eve', '--manager', 'vic'], as('vic'));
    await sb.ok(['user', 'add', 'max', '--role', 'manager'], as('boss'));
  });

  it("another person's time entry is refused with exit 3", async () => {
    await sb.ok(
      ['time', 'add', '1', '20m', '--at', '08:00', '--comment', 'call before the timer'],
      as('anna'),
    );
    const edit = await sb.run(['time', 'edit', '1', '--minutes', '60', '--comment', 'longer'], as('boss'));
    expect(edit.exitCode).toBe(3);
    expect(edit.stderr).toMatch(/R38: time entry 1 is another person's/);
  });

  sqliteOnly(
    'R38 on the server: who acts is the login; --as naming someone else is refused there (tests/pg/cli-on-server.test.ts)',
  )('a change made with --as keeps who was at the keyboard', async () => {
    await sb.ok(['edit', '1', '--plan', '90m'], { ...as('anna'), env: { REGULA_USER: 'boss' } });
    const history = await sb.json<any[]>(['history', '1'], as('boss'));
    expect(history.at(-1)).toMatchObject({ field: 'plannedMinutes', actor: 'boss', via: null });
    await sb.ok(['--as', 'anna', 'edit', '1', '--plan', '2h'], {
      now: '2026-11-27T10:05',
      env: { REGULA_USER: 'boss' },
    });
    const after = await sb.json<any[]>(['history', '1'], as('boss'));
    expect(after.at(-1)).toMatchObject({ field: 'plannedMinutes', actor: 'anna', via: 'boss' });
    expect((await sb.run(['history', '1'], as('boss'))).stdout).toMatch(/made by boss acting as anna/);
  });
});

describe('R23: recorded days stay recorded', () => {
  beforeEach(async () => {
    await sb.ok(['add', 'Ops: Check the backups', '--plan', '30m'], as('anna', '09:00'));
    await sb.ok(['start', '2'], as('anna', '09:00'));
    await sb.ok(['pause'], as('anna', '10:00'));
    await sb.ok(['report', 'record'], as('anna', '17:00'));
  });

  it('a timer dated back into a recorded day needs a reason and shows as an amendment', async () => {
    const refused = await sb.run(
      ['start', '2', '--at', '16:00', '--comment', 'forgot to start it'],
      as('anna', '17:30'),
    );
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/R23: .*recorded.*--reason/);
    await sb.ok(
      [
        'start',
        '2',
        '--at',
        '16:00',
        '--comment',
        'forgot to start it',
        '--reason',
        'worked on after the meeting',
      ],
      as('anna', '17:30'),
    );
    await sb.ok(['pause'], as('anna', '17:30'));
    const report = await sb.json(['report', '--date', '2026-11-27'], as('anna', '17:40'));
    expect(report.recorded.amended).toBe(true);
    expect(report.recorded.recordedTotals.trackedMinutes).toBe(60);
    expect(report.totals.trackedMinutes).toBe(150);
  });

  it("deleting a task that holds the day's time needs a reason and is listed", async () => {
    await sb.ok(['add', 'Ops: Scratch task'], as('anna', '17:10'));
    const refused = await sb.run(['delete', '2'], as('anna', '17:20'));
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(
      /R23: the report of 2026-11-27 was recorded at 17:00; deleting task 2 changes it/,
    );
    await sb.ok(['delete', '2', '--reason', 'entered twice'], as('anna', '17:20'));
    const report = await sb.json(['report', '--date', '2026-11-27'], as('anna', '17:40'));
    expect(report.recorded.changes).toEqual([
      expect.objectContaining({ by: 'anna', what: 'deleting task 2', reason: 'entered twice' }),
    ]);
    expect(
      (await sb.run(['report', '--date', '2026-11-27', '--format', 'table'], as('anna', '17:40'))).stdout,
    ).toMatch(/AMENDED[\s\S]*deleting task 2 - entered twice[\s\S]*as recorded: planned/);
  });

  it('an import that brings time into a recorded day needs a reason', async () => {
    const file = `${sb.dir}/timew.json`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 1, start: '20261127T130000Z', end: '20261127T160000Z', tags: ['Ops', 'backups'] },
      ]),
    );
    const refused = await sb.run(['import', file, '--from', 'timewarrior'], as('anna', '17:30'));
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/R23/);
    await sb.ok(
      ['import', file, '--from', 'timewarrior', '--reason', 'moving my history in'],
      as('anna', '17:30'),
    );
    const report = await sb.json(['report', '--date', '2026-11-27'], as('anna', '17:40'));
    expect(report.recorded.amended).toBe(true);
    expect(report.recorded.changes.some((c: any) => c.reason === 'moving my history in')).toBe(true);
  });
});

describe('R38: imports and maintenance write only what the person may write', () => {
  sqliteOnly(
    'R38 on the server: the import would create people, and people there are logins its database administrator adds',
  )(
    "an employee's Bitrix24 import of other people's tasks, time and comments is refused; an administrator's is accepted",
    async () => {
      const file = new URL('../fixtures/bitrix24-export.json', import.meta.url).pathname;
      const before = sb.dump();
      const refused = await sb.run(['import', file, '--from', 'bitrix24'], as('anna'));
      expect(refused.exitCode).toBe(3);
      expect(refused.stderr).toMatch(/^task: R38: /);
      expect(sb.dump()).toBe(before);
      const accepted = await sb.json(['import', file, '--from', 'bitrix24'], as('boss'));
      expect(accepted.created.entries).toBe(3);
    },
  );

  it("task doctor neither shows nor stops another person's timer for someone who has no say over it (R4, R38)", async () => {
    await sb.ok(['add', 'Ops: Night job', '--plan', '30m'], { user: 'carl', now: '2026-11-25T09:00' });
    await sb.ok(['start', '2'], { user: 'carl', now: '2026-11-25T09:00' });
    const looked = await sb.run(['doctor', '--stop-timers-at', '2026-11-25 18:00'], as('anna'));
    expect(String(looked.stdout) + String(looked.stderr)).not.toMatch(/carl|entry \d+ \(task 2\)/);
    expect(sb.sql<{ n: number }>('SELECT count(*) AS n FROM time_entries WHERE end_at IS NULL')[0]!.n).toBe(
      1,
    );
    expect(String((await sb.run(['doctor'], as('boss'))).stdout)).toMatch(/carl's timer on task 2 has run/);
  });
});
