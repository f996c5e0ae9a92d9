import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUT_OF_SIGHT, Sandbox } from './helpers.js';

let sb: Sandbox;
beforeEach(async () => {
  sb = new Sandbox({ inProcess: true });
  await sb.ok(['add', 'Sales: Call Ivan', '--plan', '1h']);
  await sb.ok(['add', 'Sales: Prepare offer', '--plan', '2h']);
});
afterEach(() => sb.remove());

describe('R22: manual time', () => {
  it('is refused without a comment and accepted with one, marked manual', async () => {
    const before = sb.dump();
    const refused = await sb.run(['time', 'add', '1', '30m', '--at', '08:00']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R22: manual time needs --comment "what the time was spent on and why it is entered by hand"',
    );
    expect(sb.dump()).toBe(before);

    const entry = await sb.json([
      'time',
      'add',
      '1',
      '30m',
      '--at',
      '08:00',
      '--comment',
      'called before the timer was on',
    ]);
    expect(entry).toMatchObject({
      taskId: 1,
      start: '2026-11-27T08:00:00.000Z',
      end: '2026-11-27T08:30:00.000Z',
      minutes: 30,
      source: 'manual',
      retroactive: false,
    });
    expect(await sb.json(['show', '1'])).toMatchObject({ spentMinutes: 30, status: 'pending' }); // work has begun: no longer new
    expect(
      (await sb.json<any[]>(['history', '1'])).filter((h) => h.field === 'status').map((h) => [h.old, h.new]),
    ).toEqual([['new', 'pending']]);
  });

  it('without --at the entry ends now', async () => {
    const entry = await sb.json(['time', 'add', '2', '1h15m', '--comment', 'worked offline'], {
      now: '2026-11-27T12:00',
    });
    expect(entry).toMatchObject({ start: '2026-11-27T10:45:00.000Z', end: '2026-11-27T12:00:00.000Z' });
    const future = await sb.run(['time', 'add', '2', '30m', '--at', '11:50', '--comment', 'ahead'], {
      now: '2026-11-27T12:00',
    });
    expect(future.exitCode).toBe(2);
    expect(future.stderr).toBe(
      'task: the entry would end in the future (at 2026-11-27 12:20); time is entered for work already done',
    );
  });

  it('overlapping entries for one person are refused, adjacent ones accepted', async () => {
    await sb.ok(['time', 'add', '1', '30m', '--at', '08:00', '--comment', 'call']);
    const overlap = await sb.run(['time', 'add', '2', '30m', '--at', '08:15', '--comment', 'offer']);
    expect(overlap.exitCode).toBe(3);
    expect(overlap.stderr).toMatch(
      /^task: R22: the entry overlaps entry 1 \(2026-11-27 08:00-08:30, task 1\)/,
    );
    expect((await sb.run(['time', 'add', '2', '30m', '--at', '08:30', '--comment', 'offer'])).exitCode).toBe(
      0,
    );
    // A timer started by mistake and cancelled leaves an empty entry: it holds no time, so nothing overlaps it.
    await sb.ok(['start', '1'], { now: '2026-11-27T09:10' });
    await sb.ok(['cancel', '--comment', 'wrong task'], { now: '2026-11-27T09:11' });
    expect(
      await sb.json(['time', 'add', '2', '30m', '--at', '09:00', '--comment', 'offer, part two'], {
        now: '2026-11-27T10:00',
      }),
    ).toMatchObject({ minutes: 30 });
  });

  it('time edit corrects an entry with a comment and logs the old values', async () => {
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T11:00' });
    const refused = await sb.run(['time', 'edit', '1', '--minutes', '45m'], { now: '2026-11-27T11:05' });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R22/);
    const edited = await sb.json(
      ['time', 'edit', '1', '--minutes', '45m', '--comment', 'forgot to pause for lunch'],
      { now: '2026-11-27T11:05' },
    );
    expect(edited).toMatchObject({ minutes: 45, comment: 'forgot to pause for lunch', retroactive: false });
    expect(sb.sql('SELECT old_start, old_end, new_end, comment FROM time_entry_changes')).toEqual([
      {
        old_start: Date.parse('2026-11-27T09:00:00Z'),
        old_end: Date.parse('2026-11-27T11:00:00Z'),
        new_end: Date.parse('2026-11-27T09:45:00Z'),
        comment: 'forgot to pause for lunch',
      },
    ]);
    await sb.ok(['time', 'add', '2', '30m', '--at', '10:00', '--comment', 'offer'], {
      now: '2026-11-27T11:06',
    });
    const overlap = await sb.run(['time', 'edit', '1', '--minutes', '90m', '--comment', 'longer'], {
      now: '2026-11-27T11:07',
    });
    expect(overlap.exitCode).toBe(3);
    expect(overlap.stderr).toBe(
      'task: R22: the entry overlaps entry 2 (2026-11-27 10:00-10:30, task 2); time is never counted twice - give --start/--end (or --minutes) that stay clear of it, or correct that entry first (task time edit 2)',
    );
  });
});

describe("task cancel (Timewarrior's and Watson's cancel)", () => {
  it('R22: takes back a timer started by mistake only with a comment; the entry stays, zero long, and the change is logged', async () => {
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    const refused = await sb.run(['cancel'], { now: '2026-11-27T09:04' });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R22: taking tracked time back needs a comment: task cancel --comment "started the wrong task"',
    );
    const cancelled = await sb.ok(['cancel', '--comment', 'started the wrong task'], {
      now: '2026-11-27T09:04',
    });
    expect(cancelled.stdout).toBe(
      'Cancelled the timer on task 1 Sales: Call Ivan after 4m; none of it is counted (entry 1 is kept, 0m).',
    );
    // The cancelled minutes are not tracked: the day has gone untracked since the timer began.
    expect(await sb.json('status'.split(' '), { now: '2026-11-27T09:05' })).toEqual({
      running: null,
      todayMinutes: 0,
      day: 'working',
      idleSince: '2026-11-27T09:00:00.000Z',
    });
    expect((await sb.json(['show', '1'])).status).toBe('pending');
    expect(sb.sql('SELECT start_at, end_at, comment FROM time_entries')).toEqual([
      {
        start_at: Date.parse('2026-11-27T09:00:00Z'),
        end_at: Date.parse('2026-11-27T09:00:00Z'),
        comment: 'cancelled: started the wrong task',
      },
    ]);
    expect(sb.sql('SELECT old_end, new_end, comment FROM time_entry_changes')).toEqual([
      {
        old_end: Date.parse('2026-11-27T09:04:00Z'),
        new_end: Date.parse('2026-11-27T09:00:00Z'),
        comment: 'started the wrong task',
      },
    ]);
    const nothing = await sb.run(['cancel', '--comment', 'again'], { now: '2026-11-27T09:06' });
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toMatch(/^task: no timer is running; nothing to cancel/);
  });

  it('resume after cancel returns to the task that ran before the cancelled one (issue 20)', async () => {
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['start', '2'], { now: '2026-11-27T09:30' });
    await sb.ok(['cancel', '--comment', 'started the wrong task'], { now: '2026-11-27T09:31' });
    const resumed = await sb.json<any>(['resume'], { now: '2026-11-27T09:32' });
    expect(resumed.taskId).toBe(1);
    expect((await sb.json<any>(['status'], { now: '2026-11-27T09:33' })).running.taskId).toBe(1);
  });

  it('R23: a timer running since a day that is over is not cancelled; it is corrected with a reason', async () => {
    await sb.ok(['start', '2'], { now: '2026-11-26T17:00' });
    const before = sb.dump();
    const refused = await sb.run(['cancel', '--comment', 'forgot it'], { now: '2026-11-27T09:00' });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R23: the timer has run since 2026-11-26, a day already over or recorded; pause it (task pause) and correct the entry with a reason: task time edit 1 --minutes 0 --comment TEXT --reason TEXT',
    );
    expect(sb.dump()).toBe(before);
    await sb.ok(['pause'], { now: '2026-11-27T09:00' });
    const corrected = await sb.json(
      ['time', 'edit', '1', '--minutes', '0', '--comment', 'forgot it', '--reason', 'left running overnight'],
      { now: '2026-11-27T09:01' },
    );
    expect(corrected).toMatchObject({ minutes: 0, retroactive: true, reason: 'left running overnight' });
    const backwards = await sb.run(
      [
        'time',
        'edit',
        '1',
        '--start',
        '2026-11-26 17:00',
        '--end',
        '2026-11-26 16:00',
        '--comment',
        'x',
        '--reason',
        'y',
      ],
      { now: '2026-11-27T09:02' },
    );
    expect(backwards.exitCode).toBe(2);
    expect(backwards.stderr).toBe('task: the entry must end after it starts');
  });
});

describe('task log: work already done, in one go', () => {
  it('R0, R22, R31: makes the task, its manual time and its result - or nothing, when a rule refuses', async () => {
    const before = sb.dump();
    const noResult = await sb.run([
      'log',
      'Call',
      'from',
      'Petr',
      'project:Sales',
      '--spent',
      '10m',
      '--at',
      '08:00',
    ]);
    expect(noResult.exitCode).toBe(3);
    expect(noResult.stderr).toMatch(/^task: R31: /);
    const lateDay = await sb.run([
      'log',
      'Ops: Restart the server',
      '--spent',
      '20m',
      '--at',
      'yesterday 15:00',
      '--result',
      'restarted',
    ]);
    expect(lateDay.exitCode).toBe(3);
    expect(lateDay.stderr).toMatch(/^task: R23: /);
    expect(sb.dump()).toBe(before);

    const logged = await sb.run([
      'log',
      'Call',
      'from',
      'Petr',
      'project:Sales',
      '+phone',
      '--spent',
      '10m',
      '--at',
      '08:00',
      '--result',
      'Sent the price list',
    ]);
    expect(logged.stdout).toBe('Logged task 3: Sales: Call from Petr (10m, completed)');
    expect(logged.stderr).toBe('');
    expect(await sb.json(['show', '3'])).toMatchObject({
      status: 'completed',
      spentMinutes: 10,
      tags: ['phone'],
      result: { result: 'Sent the price list' },
      entries: [
        {
          start: '2026-11-27T08:00:00.000Z',
          minutes: 10,
          source: 'manual',
          comment: 'entered with task log: the work was done before the task was entered',
        },
      ],
    });
    const report = await sb.json(['report', '--format', 'json']);
    expect(report.tasks.find((t: any) => t.id === 3)).toMatchObject({
      plan: 'unplanned',
      trackedMinutes: 10,
      result: { result: 'Sent the price list' },
    });
  });
});

describe('time list', () => {
  it('lists a day, a week or a period - yours, or (R4) of a person who reports to you, never of anyone else', async () => {
    await sb.ok([
      'time',
      'add',
      '1',
      '30m',
      '--at',
      '2026-11-23 09:00',
      '--comment',
      'Monday call',
      '--reason',
      'forgot',
    ]);
    await sb.ok(['time', 'add', '2', '1h', '--at', '07:00', '--comment', 'offer draft']);
    await sb.ok([
      'time',
      'add',
      '2',
      '15m',
      '--at',
      '2026-11-16 09:00',
      '--comment',
      'last week',
      '--reason',
      'forgot',
    ]);
    const ids = async (...args: string[]) =>
      (await sb.json<any[]>(['time', 'list', ...args])).map((e) => e.id);
    expect(await ids()).toEqual([2]);
    expect(await ids('--week')).toEqual([1, 2]);
    expect(await ids('--from', '2026-11-16', '--to', '2026-11-23')).toEqual([3, 1]);
    expect(await ids('--task', '2', '--week')).toEqual([2]);
    expect(String((await sb.ok(['time', 'list', '--month'])).stdout)).toMatch(/Total: 1h45m$/);
    // Timewarrior's range hints, as in timew summary :week.
    expect(await ids(':week')).toEqual([1, 2]);
    expect(await ids(':lastweek')).toEqual([3]);
    expect(await ids(':yesterday')).toEqual([]);
    expect(await ids(':month')).toEqual([3, 1, 2]);
    expect(await ids(':lastmonth')).toEqual([]);
    expect(await ids(':all')).toEqual([3, 1, 2]); // from the first tracked time to today
    expect((await sb.json(['summary', ':all'])).from).toBe('2026-11-16');
    const week = await sb.json(['summary', ':lastweek']);
    expect([week.from, week.to, week.totals.trackedMinutes]).toEqual(['2026-11-16', '2026-11-22', 15]);
    expect((await sb.json(['report', ':yesterday'])).day).toBe('2026-11-26');
    for (const [args, message] of [
      [
        ['time', 'list', ':fortnight'],
        'task: :fortnight is not a range hint; use :today, :day, :yesterday, :week, :lastweek, :month, :lastmonth, :year, :lastyear, :all',
      ],
      [['time', 'list', ':week', '--month'], 'task: :week and --month name different periods; give one'],
      [
        ['time', 'list', ':week', '--date', 'today'],
        'task: :week and --date name different periods; give one',
      ],
      [
        ['time', 'list', 'monday'],
        'task: "monday" is not a range hint; for a day use --date monday, or :yesterday, :week, :lastmonth ...',
      ],
      [['report', ':week', '--from', 'mon'], 'task: :week and --from name different periods; give one'],
    ] as const) {
      const refused = await sb.run([...args]);
      expect([refused.exitCode, refused.stderr]).toEqual([2, message]);
    }

    await sb.ok(['user', 'add', 'boss']);
    await sb.ok(['user', 'add', 'bob', '--manager', 'boss']);
    await sb.ok(['--as', 'bob', 'add', 'Ops: Backup', '--plan', '1h']);
    await sb.ok([
      '--as',
      'bob',
      'time',
      'add',
      '3',
      '20m',
      '--at',
      '06:00',
      '--comment',
      'checked the tapes',
    ]);
    expect(
      (await sb.json<any[]>(['--as', 'boss', 'time', 'list', '--user', 'bob'])).map((e) => [
        e.taskId,
        e.minutes,
      ]),
    ).toEqual([[3, 20]]);
    const stranger = await sb.run(['--as', 'bob', 'time', 'list', '--user', 'boss']);
    expect(stranger.exitCode).toBe(3);
    expect(stranger.stderr).toBe(
      'task: R4: boss does not report to you; a manager sees the plans, reports and time of their own people only',
    );
    const dangling = await sb.run(['time', 'list', '--to', 'today']);
    expect(dangling.exitCode).toBe(2);
    expect(dangling.stderr).toBe('task: --to needs --from');
  });
});

describe('R23: retroactive corrections', () => {
  it('time for a day that has ended needs --reason and is marked retroactive', async () => {
    const refused = await sb.run([
      'time',
      'add',
      '1',
      '30m',
      '--at',
      'yesterday 15:00',
      '--comment',
      'late call',
    ]);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R23: 2026-11-26 is closed .* needs --reason/);
    const entry = await sb.json([
      'time',
      'add',
      '1',
      '30m',
      '--at',
      'yesterday 15:00',
      '--comment',
      'late call',
      '--reason',
      'was on the road',
    ]);
    expect(entry).toMatchObject({ retroactive: true, reason: 'was on the road' });
    expect((await sb.ok(['time', 'list', '--date', 'yesterday'])).stdout).toContain(
      '(manual, retroactive) - late call',
    );
  });

  it('time for today after the day report was recorded is retroactive too', async () => {
    sb.write(
      "INSERT INTO day_reports (user_id, day, recorded_at, snapshot) VALUES (1, '2026-11-27', ?, '{}')",
      Date.parse('2026-11-27T18:00:00Z'),
    );
    const refused = await sb.run(['time', 'add', '1', '30m', '--at', '10:00', '--comment', 'x'], {
      now: '2026-11-27T19:00',
    });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/R23: 2026-11-27 is closed/);
  });

  it('editing an entry of an ended day is retroactive', async () => {
    await sb.ok(['start', '1'], { now: '2026-11-26T09:00' });
    await sb.ok(['pause'], { now: '2026-11-26T10:00' });
    expect((await sb.run(['time', 'edit', '1', '--minutes', '30m', '--comment', 'less'])).exitCode).toBe(3);
    const edited = await sb.json([
      'time',
      'edit',
      '1',
      '--minutes',
      '30m',
      '--comment',
      'less',
      '--reason',
      'noticed today',
    ]);
    expect(edited).toMatchObject({ retroactive: true, minutes: 30 });
  });
});

describe('timers dated back with --at (forgot to start, switch or pause on time)', () => {
  const at = (time: string) => ({ now: `2026-11-27T${time}` });
  const entries = () =>
    sb.sql<{
      id: number;
      task_id: number;
      start_at: number;
      end_at: number | null;
      comment: string | null;
      retroactive: number;
    }>('SELECT id, task_id, start_at, end_at, comment, retroactive FROM time_entries ORDER BY id');
  const ms = (time: string) => Date.parse(`2026-11-27T${time}:00Z`);

  it('R22: a start dated back needs a comment; then the running timer stops there and the new one begins there, both logged', async () => {
    await sb.ok(['start', '1'], at('09:00'));
    const before = sb.dump();
    const refused = await sb.run(['start', '2', '--at', '10:30'], at('12:00'));
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R22: a timer dated back (--at 2026-11-27 10:30) is a correction by hand: say why with --comment "forgot to pause for lunch"',
    );
    expect(sb.dump()).toBe(before);

    const started = await sb.run(
      ['start', '2', '--at', '10:30', '--comment', 'forgot to switch'],
      at('12:00'),
    );
    expect(started.stdout).toContain('Paused task 1 Sales: Call Ivan after 1h30m at 10:30.');
    expect(started.stdout).toContain('Started task 2 Sales: Prepare offer at 10:30.');
    expect(entries()).toEqual([
      {
        id: 1,
        task_id: 1,
        start_at: ms('09:00'),
        end_at: ms('10:30'),
        comment: 'forgot to switch',
        retroactive: 0,
      },
      { id: 2, task_id: 2, start_at: ms('10:30'), end_at: null, comment: 'forgot to switch', retroactive: 0 },
    ]);
    expect(
      sb.sql(
        'SELECT entry_id, old_start, old_end, new_start, new_end, comment FROM time_entry_changes ORDER BY id',
      ),
    ).toEqual([
      {
        entry_id: 1,
        old_start: ms('09:00'),
        old_end: null,
        new_start: ms('09:00'),
        new_end: ms('10:30'),
        comment: 'forgot to switch',
      },
      {
        entry_id: 2,
        old_start: null,
        old_end: null,
        new_start: ms('10:30'),
        new_end: null,
        comment: 'forgot to switch',
      },
    ]);
    expect(await sb.json(['status'], at('12:00'))).toMatchObject({
      running: { taskId: 2, elapsedMinutes: 90 },
      todayMinutes: 180,
    });
  });

  it('R22: a pause dated back stops the timer where the break began; the report flags the entry as corrected', async () => {
    await sb.ok(['start', '1'], at('09:00'));
    const refused = await sb.run(['pause', '--at', '12:00'], at('13:00'));
    expect(refused.exitCode).toBe(3);
    const paused = await sb.json(
      ['pause', '--at', '12:00', '--comment', 'lunch, forgot to pause'],
      at('13:00'),
    );
    expect(paused.paused).toMatchObject({ taskId: 1, minutes: 180 });
    expect((await sb.json(['show', '1'], at('13:00'))).spentMinutes).toBe(180);
    const report = await sb.json(['report', '--format', 'json'], at('13:00'));
    expect(report.flaggedEntries).toEqual([
      expect.objectContaining({
        id: 1,
        source: 'timer',
        corrected: true,
        retroactive: false,
        comment: 'lunch, forgot to pause',
        minutes: 180,
      }),
    ]);
    expect((await sb.run(['time', 'list'], at('13:00'))).stdout).toContain(
      'task 1 Sales: Call Ivan  (corrected) - lunch, forgot to pause',
    );
    expect((await sb.run(['show', '1'], at('13:00'))).stdout).toContain(
      '2026-11-27 09:00-12:00      3h  (corrected)  lunch, forgot to pause',
    );
    expect((await sb.json(['show', '1'], at('13:00'))).entries).toEqual([
      expect.objectContaining({ id: 1, corrected: true }),
    ]);
  });

  it('is refused when it would count time twice, lies in the future or before the running timer began - changing nothing', async () => {
    await sb.ok(['time', 'add', '2', '30m', '--at', '09:30', '--comment', 'offer draft'], at('10:00'));
    await sb.ok(['start', '1'], at('10:15'));
    const before = sb.dump();
    const cases: [string[], RegExp][] = [
      [
        ['start', '2', '--at', '09:45', '--comment', 'x'],
        /^task: R22: the entry overlaps entry 1 \(2026-11-27 09:30-10:00, task 2\)/,
      ],
      [
        ['start', '2', '--at', '10:05', '--comment', 'x'],
        /^task: the timer on task 1 started at 2026-11-27 10:15, after 2026-11-27 10:05; nothing ran then/,
      ],
      [
        ['pause', '--at', '10:00', '--comment', 'x'],
        /^task: the timer on task 1 started at 2026-11-27 10:15, after 2026-11-27 10:00/,
      ],
      [['pause', '--at', '11:30', '--comment', 'x'], /^task: --at 2026-11-27 11:30 is in the future/],
      [
        ['start', '1', '--at', '10:20', '--comment', 'x'],
        /^task: task 1 has run since 2026-11-27 10:15; --at moves a start back, not forward/,
      ],
      [['start', '2', '--comment', 'x'], /^task: --comment and --reason go with --at/],
    ];
    for (const [args, message] of cases) {
      const result = await sb.run(args, at('11:00'));
      expect(result.exitCode, args.join(' ')).toBeGreaterThan(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    expect(sb.dump()).toBe(before);
  });

  it('on the task already running, moves its start back', async () => {
    await sb.ok(['start', '1'], at('10:00'));
    const moved = await sb.run(
      ['start', '1', '--at', '09:40', '--comment', 'began before starting the timer'],
      at('11:00'),
    );
    expect(moved.stdout).toContain('Task 1 Sales: Call Ivan now counts from 09:40.');
    expect(entries()[0]).toMatchObject({ start_at: ms('09:40'), end_at: null });
    expect((await sb.json(['status'], at('11:00'))).running.elapsedMinutes).toBe(80);
  });

  it('R23: dated back into a day that has ended, it needs a reason and is marked retroactive', async () => {
    await sb.ok(['start', '1'], { now: '2026-11-26T17:00' });
    const refused = await sb.run(
      ['pause', '--at', 'yesterday 18:00', '--comment', 'left without pausing'],
      at('08:30'),
    );
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R23: 2026-11-26 is closed/);
    await sb.ok(
      [
        'pause',
        '--at',
        'yesterday 18:00',
        '--comment',
        'left without pausing',
        '--reason',
        'noticed next morning',
      ],
      at('08:30'),
    );
    expect(entries()).toEqual([
      {
        id: 1,
        task_id: 1,
        start_at: Date.parse('2026-11-26T17:00:00Z'),
        end_at: Date.parse('2026-11-26T18:00:00Z'),
        comment: 'left without pausing',
        retroactive: 1,
      },
    ]);
  });

  it('resume --at starts the last task again from that moment', async () => {
    await sb.ok(['start', '2'], at('09:00'));
    await sb.ok(['pause'], at('10:00'));
    const resumed = await sb.json(
      ['resume', '--at', '10:30', '--comment', 'back from the call earlier'],
      at('11:00'),
    );
    expect(resumed).toMatchObject({ taskId: 2, startedAt: '2026-11-27T10:30:00.000Z', paused: null });
  });
});

describe('a working day ended or paused with --at stops the timer there (R20, R22, R23)', () => {
  it('a timer that ran through the moment stops there, logged; one started after it keeps running and loses nothing', async () => {
    await sb.ok(['day', 'start'], { now: '2026-11-26T09:00' });
    await sb.ok(['start', '1'], { now: '2026-11-26T17:00' });
    // Next morning: yesterday's day was never ended, the timer ran all night. R23 asks why it is corrected now.
    const refused = await sb.run(['day', 'end', '--at', 'yesterday 18:00'], { now: '2026-11-27T08:30' });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R23: 2026-11-26 is closed/);
    const ended = await sb.run(
      ['day', 'end', '--at', 'yesterday 18:00', '--reason', 'left without ending the day'],
      { now: '2026-11-27T08:30' },
    );
    expect(ended.stdout).toContain('Paused task 1 Sales: Call Ivan after 1h.');
    expect(sb.sql('SELECT end_at, retroactive FROM time_entries')).toEqual([
      { end_at: Date.parse('2026-11-26T18:00:00Z'), retroactive: 1 },
    ]);
    expect(sb.sql('SELECT comment, reason FROM time_entry_changes')).toEqual([
      {
        comment: 'the working day ended at 2026-11-26 18:00; the timer stopped then',
        reason: 'left without ending the day',
      },
    ]);

    // Today's timer began after yesterday's end: closing yesterday late leaves it running, whole.
    await sb.ok(['day', 'start'], { now: '2026-11-27T09:00' });
    await sb.ok(['start', '2'], { now: '2026-11-27T09:00' });
    await sb.ok(['day', 'pause', '--at', '12:00'], { now: '2026-11-27T13:00' }); // ran through 12:00: a same-day correction, no reason needed
    expect((await sb.json(['status'], { now: '2026-11-27T13:00' })).running).toBeNull();
    expect((await sb.json(['show', '2'], { now: '2026-11-27T13:00' })).spentMinutes).toBe(180);
  });

  it('a timer started after the moment on the same day is a contradiction: refused, nothing changed', async () => {
    await sb.ok(['start', '1'], { now: '2026-11-27T12:30' });
    const before = sb.dump();
    const refused = await sb.run(['day', 'pause', '--at', '12:00'], { now: '2026-11-27T13:00' });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(
      'task: the timer on task 1 started at 2026-11-27 12:30, after the break began (2026-11-27 12:00); pause it first (task pause), or give a later --at',
    );
    expect(sb.dump()).toBe(before);
  });

  it('ending yesterday late does not touch a timer started today', async () => {
    await sb.ok(['day', 'start'], { now: '2026-11-26T09:00' });
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['day', 'end', '--at', 'yesterday 18:00'], { now: '2026-11-27T11:00' });
    expect(await sb.json(['status'], { now: '2026-11-27T11:00' })).toMatchObject({
      running: { taskId: 1, elapsedMinutes: 120 },
    });
  });
});

describe('time edit --task: the timer ran on the wrong task', () => {
  it('R22: moves the entry to the task it was spent on, with a comment; spent time follows, the move is logged', async () => {
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T10:00' });
    const before = sb.dump();
    const refused = await sb.run(['time', 'edit', '1', '--task', '2'], { now: '2026-11-27T10:05' });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R22: manual time needs --comment/);
    expect(sb.dump()).toBe(before);

    const moved = await sb.run(
      ['time', 'edit', '1', '--task', '2', '--comment', 'it was the offer, not the call'],
      { now: '2026-11-27T10:05' },
    );
    expect(moved.stdout).toBe(
      'Corrected entry 1: 1h on task 2 (moved from task 1) (2026-11-27 09:00-10:00).',
    );
    expect((await sb.json(['show', '1'])).spentMinutes).toBe(0);
    expect(await sb.json(['show', '2'])).toMatchObject({ spentMinutes: 60, status: 'pending' });
    expect(sb.sql('SELECT old_task_id, new_task_id, comment FROM time_entry_changes')).toEqual([
      { old_task_id: 1, new_task_id: 2, comment: 'it was the offer, not the call' },
    ]);
    const report = await sb.json(['report', '--format', 'json'], { now: '2026-11-27T10:05' });
    expect(report.tasks.map((t: any) => [t.id, t.trackedMinutes])).toEqual(expect.arrayContaining([[2, 60]]));
    expect(report.flaggedEntries).toEqual([expect.objectContaining({ id: 1, taskId: 2, corrected: true })]);
  });

  it("refuses a task the time cannot go to (R16 compound, R2 someone else's, unknown) and another person's entry", async () => {
    await sb.ok(['user', 'add', 'bob']);
    await sb.ok(['general', 'Sales: Big deal']); // task 3
    await sb.ok(['add', "Sales: Bob's call", '--responsible', 'bob']); // task 4
    await sb.ok(['time', 'add', '1', '30m', '--at', '08:00', '--comment', 'call']);
    await sb.ok(['time', 'add', '4', '30m', '--at', '08:00', '--comment', 'his call'], { user: 'bob' });
    const before = sb.dump();
    const cases: [string[], number, RegExp][] = [
      [['time', 'edit', '1', '--task', '3', '--comment', 'x'], 3, /^task: R16/],
      [['time', 'edit', '1', '--task', '4', '--comment', 'x'], 3, /^task: R2/],
      [['time', 'edit', '1', '--task', '99', '--comment', 'x'], 4, /^task: task 99 not found/],
      // A rule's refusal (R38: each person's time is theirs alone) exits 3, as every rule's does.
      [
        ['time', 'edit', '2', '--task', '1', '--comment', 'x'],
        3,
        /^task: R38: time entry 2 is another person's/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await sb.run(args);
      expect(result.exitCode, args.join(' ')).toBe(code);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    expect(sb.dump()).toBe(before);
  });

  it('R23: moving time of a recorded day needs a reason, and the report lists the move among its amendments', async () => {
    await sb.ok(['time', 'add', '1', '1h', '--at', '09:00', '--comment', 'call'], {
      now: '2026-11-27T17:00',
    });
    await sb.ok(['report', 'record'], { now: '2026-11-27T17:30' });
    const refused = await sb.run(['time', 'edit', '1', '--task', '2', '--comment', 'was the offer'], {
      now: '2026-11-27T17:45',
    });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R23: 2026-11-27 is closed/);
    await sb.ok(
      [
        'time',
        'edit',
        '1',
        '--task',
        '2',
        '--comment',
        'was the offer',
        '--reason',
        'noticed after recording',
      ],
      { now: '2026-11-27T17:45' },
    );
    const report = await sb.json(['report', '--format', 'json'], { now: '2026-11-27T18:00' });
    expect(report.recorded.amended).toBe(true);
    expect(report.recorded.amendments).toEqual([
      expect.objectContaining({
        entryId: 1,
        taskId: 2,
        taskMove: { from: 1, to: 2 },
        comment: 'was the offer',
        reason: 'noticed after recording',
      }),
    ]);
    expect((await sb.run(['report', '--format', 'md'], { now: '2026-11-27T18:00' })).stdout).toContain(
      'entry 1 moved from task 1 to task 2: was the offer (noticed after recording)',
    );
  });
});

describe('a start dated back into an earlier day', () => {
  it("R23: needs a reason, and leaves that day's ended working day as it was", async () => {
    await sb.ok(['day', 'start'], { now: '2026-11-26T09:00' });
    await sb.ok(['day', 'end'], { now: '2026-11-26T17:00' });
    const refused = await sb.run(
      ['start', '1', '--at', 'yesterday 20:00', '--comment', 'worked in the evening'],
      { now: '2026-11-27T08:00' },
    );
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R23: 2026-11-26 is closed/);
    await sb.ok(
      [
        'start',
        '1',
        '--at',
        'yesterday 20:00',
        '--comment',
        'worked in the evening',
        '--reason',
        'forgot the timer',
      ],
      { now: '2026-11-27T08:00' },
    );
    expect(sb.sql('SELECT day, ended_at FROM work_days ORDER BY day')).toEqual([
      { day: '2026-11-26', ended_at: Date.parse('2026-11-26T17:00:00Z') },
    ]);
    expect(sb.sql('SELECT start_at, end_at, retroactive, reason FROM time_entries')).toEqual([
      {
        start_at: Date.parse('2026-11-26T20:00:00Z'),
        end_at: null,
        retroactive: 1,
        reason: 'forgot the timer',
      },
    ]);
  });
});

describe("time split (Timewarrior's split): switched tasks and forgot the timer", () => {
  it('R22: cuts an entry in two, the second part on the task it was spent on; both parts logged, totals follow', async () => {
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T12:00' });
    const before = sb.dump();
    for (const [args, code, message] of [
      [['time', 'split', '1', '--at', '10:30', '--task', '2'], 3, /^task: R22: manual time needs --comment/],
      [
        ['time', 'split', '1', '--at', '12:30', '--comment', 'x'],
        2,
        /^task: --at must lie inside entry 1 \(2026-11-27 09:00-12:00\)/,
      ],
      [['time', 'split', '1', '--at', '09:00', '--comment', 'x'], 2, /^task: --at must lie inside entry 1/],
      [['time', 'split', '9', '--at', '10:00', '--comment', 'x'], 4, /^task: time entry 9 not found/],
    ] as [string[], number, RegExp][]) {
      const result = await sb.run(args, { now: '2026-11-27T12:05' });
      expect(result.exitCode, args.join(' ')).toBe(code);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    expect(sb.dump()).toBe(before);

    const split = await sb.run(
      ['time', 'split', '1', '--at', '10:30', '--task', '2', '--comment', 'switched to the offer at 10:30'],
      { now: '2026-11-27T12:05' },
    );
    expect(split.stdout).toBe(
      'Split: entry 1 2026-11-27 09:00-10:30 (1h30m) on task 1 Sales: Call Ivan; entry 2 2026-11-27 10:30-12:00 (1h30m) on task 2 Sales: Prepare offer.',
    );
    expect((await sb.json(['show', '1'])).spentMinutes).toBe(90);
    expect(await sb.json(['show', '2'])).toMatchObject({ spentMinutes: 90, status: 'pending' });
    expect(sb.sql('SELECT id, task_id, source, start_at, end_at FROM time_entries ORDER BY id')).toEqual([
      {
        id: 1,
        task_id: 1,
        source: 'timer',
        start_at: Date.parse('2026-11-27T09:00:00Z'),
        end_at: Date.parse('2026-11-27T10:30:00Z'),
      },
      {
        id: 2,
        task_id: 2,
        source: 'timer',
        start_at: Date.parse('2026-11-27T10:30:00Z'),
        end_at: Date.parse('2026-11-27T12:00:00Z'),
      },
    ]);
    expect(
      sb.sql(
        'SELECT entry_id, old_end, new_end, old_task_id, new_task_id FROM time_entry_changes ORDER BY id',
      ),
    ).toEqual([
      {
        entry_id: 1,
        old_end: Date.parse('2026-11-27T12:00:00Z'),
        new_end: Date.parse('2026-11-27T10:30:00Z'),
        old_task_id: null,
        new_task_id: null,
      },
      {
        entry_id: 2,
        old_end: null,
        new_end: Date.parse('2026-11-27T12:00:00Z'),
        old_task_id: 1,
        new_task_id: 2,
      },
    ]);
    const report = await sb.json(['report', '--format', 'json'], { now: '2026-11-27T12:05' });
    expect(report.flaggedEntries.map((e: any) => [e.id, e.taskId, e.corrected])).toEqual([
      [1, 1, true],
      [2, 2, true],
    ]);
  });

  it('a running entry is not split: the way to switch from a moment on is start --at', async () => {
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    const result = await sb.run(['time', 'split', '1', '--at', '09:30', '--comment', 'x'], {
      now: '2026-11-27T10:00',
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'task: time entry 1 is still running; switch from a moment on with: task start ID --at TIME --comment TEXT',
    );
  });
});

describe('time history: the correction trail of an entry', () => {
  it('shows each correction with who, when, before and after, the task move and why; R4: not to just anyone', async () => {
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause', '--at', '12:00', '--comment', 'lunch'], { now: '2026-11-27T12:30' });
    await sb.ok(['time', 'split', '1', '--at', '10:30', '--task', '2', '--comment', 'switched at 10:30'], {
      now: '2026-11-27T12:35',
    });
    expect((await sb.ok(['time', 'history', '1'])).stdout.split('\n')).toEqual([
      'Entry 1: task 1 Sales: Call Ivan, 2026-11-27 09:00-10:30 (timer)',
      '  2026-11-27 12:30 alice: 2026-11-27 09:00-running -> 2026-11-27 09:00-12:00: lunch',
      '  2026-11-27 12:35 alice: 2026-11-27 09:00-12:00 -> 2026-11-27 09:00-10:30: switched at 10:30',
    ]);
    expect((await sb.ok(['time', 'history', '2'])).stdout.split('\n')[1]).toBe(
      '  2026-11-27 12:35 alice: made 2026-11-27 10:30-12:00, moved from task 1 to task 2: switched at 10:30',
    );
    expect((await sb.json(['time', 'history', '2'])).changes).toEqual([
      {
        at: '2026-11-27T12:35:00.000Z',
        actor: 'alice',
        before: null,
        after: { start: '2026-11-27T10:30:00.000Z', end: '2026-11-27T12:00:00.000Z' },
        taskMove: { from: 1, to: 2 },
        comment: 'switched at 10:30',
        retroactive: false,
        reason: null,
      },
    ]);
    await sb.ok(['user', 'add', 'bob']);
    const refused = await sb.run(['time', 'history', '1'], { user: 'bob' });
    expect(refused.exitCode).toBe(OUT_OF_SIGHT.exitCode);
    if (OUT_OF_SIGHT.ruleLine) expect(refused.stderr).toMatch(/^task: R4: alice does not report to you/);
    expect((await sb.run(['time', 'history', '9'])).exitCode).toBe(4);
  });
});

describe("time gaps (Timewarrior's gaps): where the working day's untracked time lies", () => {
  it('lists the stretches of the day with no entry and no break, up to now, and what to type to fill one', async () => {
    const at = (time: string) => ({ now: `2026-11-27T${time}` });
    expect((await sb.ok(['time', 'gaps'], at('07:00'))).stdout).toBe(
      'No working day recorded for alice on 2026-11-27: gaps lie inside the working day (task day start).',
    );
    await sb.ok(['day', 'start'], at('08:00'));
    await sb.ok(['start', '1'], at('08:10'));
    await sb.ok(['pause'], at('09:00'));
    await sb.ok(['day', 'pause'], at('12:00'));
    await sb.ok(['day', 'resume'], at('12:30'));
    await sb.ok(['start', '2'], at('12:30:40')); // 40 seconds after the break: switching, not a gap
    const gaps = await sb.json(['time', 'gaps'], at('13:00'));
    expect(gaps).toEqual({
      user: 'alice',
      day: '2026-11-27',
      workDay: { start: '2026-11-27T08:00:00.000Z', end: null },
      gaps: [
        { start: '2026-11-27T08:00:00.000Z', end: '2026-11-27T08:10:00.000Z', minutes: 10 },
        { start: '2026-11-27T09:00:00.000Z', end: '2026-11-27T12:00:00.000Z', minutes: 180 },
      ],
      totalMinutes: 190,
    });
    expect((await sb.ok(['time', 'gaps', 'today'], at('13:00'))).stdout).toBe(
      [
        "Untracked in alice's working day 2026-11-27 (08:00-now): 3h10m in 2 gaps",
        '  08:00-08:10     10m',
        '  09:00-12:00      3h',
        'Enter what was done: task time add ID 10m --at 08:00 --comment "what the time was spent on" (R22)',
      ].join('\n'),
    );
    await sb.ok(['time', 'add', '1', '10m', '--at', '08:00', '--comment', 'mail'], at('13:01'));
    await sb.ok(['time', 'add', '1', '3h', '--at', '09:00', '--comment', 'offer'], at('13:02'));
    expect((await sb.ok(['day', 'end'], at('13:10'))).stderr).toBe(''); // nothing untracked: no reminder
    expect((await sb.ok(['time', 'gaps'], at('15:00'))).stdout).toBe(
      "No gaps: every minute of alice's working day 2026-11-27 (08:00-13:10) is tracked or a break.",
    );

    await sb.ok(['user', 'add', 'bob'], at('15:01'));
    await sb.ok(['day', 'start'], { ...at('15:01'), user: 'bob' });
    await sb.ok(['add', 'Ops: Bob work', '--plan', '1h'], { ...at('15:06'), user: 'bob' });
    await sb.ok(['start', '3'], { ...at('15:10'), user: 'bob' });
    await sb.ok(['pause'], { ...at('15:40'), user: 'bob' });
    const ended = await sb.ok(['day', 'end'], { ...at('16:00'), user: 'bob' }); // 15:01-15:10 and 15:40-16:00
    expect(ended.stderr).toBe(
      'warning: R35: 29m of the working day is untracked (2 gaps); see them with task time gaps, enter the work with task time add',
    );
    const refused = await sb.run(['time', 'gaps', '--user', 'alice'], { ...at('16:02'), user: 'bob' });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R4: alice does not report to you; a manager sees the plans, reports and time of their own people only',
    );
  });
});
