import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkTimeZone, parseCompactUtc, parseInstant, resolveNow } from '../../src/core/clock.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import type { CoreContext } from '../../src/core/context.js';
import { dateFromFlag } from '../../src/core/dates.js';
import { UsageError } from '../../src/core/errors.js';
import { addUser, resolveActor } from '../../src/core/identity.js';
import { importBitrix24 } from '../../src/core/interchange/bitrix24.js';
import { firstCircle } from '../../src/core/interchange/checks.js';
import { exportEverything, importEverything } from '../../src/core/interchange/regula.js';
import { importTaskwarrior } from '../../src/core/interchange/taskwarrior.js';
import { fingerprintOf } from '../../src/core/interchange/summary.js';
import { importTimewarrior, intervalFingerprint } from '../../src/core/interchange/timewarrior.js';
import { importWatson } from '../../src/core/interchange/watson.js';
import { migrate } from '../../src/db/migrations.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import * as schemas from '../../src/schemas/import.js';
import { parseRecords } from '../../src/schemas/validate.js';
import { setTz } from '../support/tz.js';

const now = new Date('2026-11-27T09:00:00Z');

function context(): CoreContext {
  const db = new Database(':memory:');
  migrate(db, ':memory:');
  const store = new SqliteStore(db, ':memory:');
  const actor = resolveActor(store, 'ann', now);
  return { store, actor, now, config: DEFAULT_CONFIG, policy: DEFAULT_POLICY };
}

/** The message of the UsageError `fn` throws (fails the test when it throws nothing or something else). */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}

const file = { file: 'f.json' };
const tw = (fields: Record<string, unknown>) => ({
  uuid: '11111111-1111-4111-8111-111111111111',
  description: 'Ops: a',
  status: 'pending',
  entry: '20261101T090000Z',
  ...fields,
});

describe('issue 21: impossible dates are refused, never rolled over', () => {
  it('Taskwarrior 20260230 names the record and the field', () => {
    const message = refusal(() =>
      parseRecords(schemas.taskwarriorTaskSchema, [tw({}), tw({ due: '20260230T120000Z' })], {
        ...file,
        record: 'task',
        idKey: 'uuid',
      }),
    );
    expect(message).toMatch(
      /^f\.json: task 2 \(uuid 1111.*\): field "due": "2026-02-30T12:00:00Z" is not a real date/,
    );
    expect(
      refusal(() =>
        parseRecords(schemas.taskwarriorTaskSchema, [tw({ entry: '20261101T250000Z' })], {
          ...file,
          record: 'task',
        }),
      ),
    ).toContain('field "entry"');
  });

  it('Timewarrior and Watson: day 30 of February, hour 25, the year 9999, 1e13 seconds', () => {
    expect(
      refusal(() =>
        parseRecords(schemas.timewarriorIntervalSchema, [{ start: '20260230T090000Z' }], {
          ...file,
          record: 'interval',
        }),
      ),
    ).toContain('interval 1: field "start"');
    expect(
      refusal(() =>
        parseRecords(schemas.timewarriorIntervalSchema, [{ start: '99991231T090000Z' }], {
          ...file,
          record: 'interval',
        }),
      ),
    ).toContain('field "start"');
    const frame = {
      id: 'abc',
      project: 'p',
      start: '2026-02-30T09:00:00+01:00',
      stop: '2026-03-01T10:00:00+01:00',
    };
    expect(
      refusal(() =>
        parseRecords(schemas.watsonFrameSchema, [frame], { ...file, record: 'frame', idKey: 'id' }),
      ),
    ).toContain('frame 1 (id abc)');
    expect(
      refusal(() =>
        parseRecords(schemas.watsonFrameSchema, [[1e13, 1e13 + 60, 'p', 'abc']], {
          ...file,
          record: 'frame',
        }),
      ),
    ).toContain('frame 1: field "0": seconds after the year 2199');
  });

  it('Bitrix24: a deadline "1" is not 2001-01-01; SECONDS 1e20 and a plan of 1e30 s are refused', () => {
    const task = { id: '5', title: 'T', status: '2', responsibleId: '1', createdBy: '1' };
    const tasks = (fields: Record<string, unknown>) =>
      parseRecords(schemas.bitrixTaskSchema, [{ ...task, ...fields }], {
        ...file,
        record: 'task',
        idKey: 'id',
      });
    expect(refusal(() => tasks({ deadline: '1' }))).toContain('task 1 (id 5): field "deadline"');
    expect(refusal(() => tasks({ deadline: '2026-02-30T18:00:00+03:00' }))).toContain('field "deadline"');
    expect(refusal(() => tasks({ timeEstimate: '1000000000000000000000000000000' }))).toContain(
      'field "timeEstimate"',
    );
    expect(refusal(() => tasks({ timeEstimate: String(1001 * 3600) }))).toContain('more than 1000 hours');
    expect(tasks({ timeEstimate: '3600', deadline: '2026-11-30T18:00:00+03:00' })[0]!.deadline).toEqual(
      new Date('2026-11-30T15:00:00Z'),
    );
    const item = { ID: '7', TASK_ID: '5', USER_ID: '1', CREATED_DATE: '2026-11-20T10:00:00+03:00' };
    expect(
      refusal(() =>
        parseRecords(schemas.bitrixElapsedSchema, [{ ...item, SECONDS: '100000000000000000000' }], {
          ...file,
          record: 'elapsed item',
          idKey: 'ID',
        }),
      ),
    ).toContain('elapsed item 1 (ID 7): field "SECONDS"');
    expect(
      refusal(() =>
        parseRecords(schemas.bitrixElapsedSchema, [{ ...item, SECONDS: String(40 * 86400) }], {
          ...file,
          record: 'elapsed item',
        }),
      ),
    ).toContain('more than 31 days');
  });

  it('REGULA_NOW with Z or an offset is checked like a local one', () => {
    expect(parseInstant('2026-02-30T10:00:00Z')).toBeNull();
    expect(parseInstant('2026-11-27T24:00:00+01:00')).toBeNull();
    expect(parseInstant('9999-11-27T10:00:00Z')).toBeNull();
    expect(parseInstant('2026-11-27T08:00:00.5+01:30')).toEqual(new Date('2026-11-27T06:30:00.500Z'));
    expect(() => resolveNow('2026-02-30T08:00:00Z')).toThrow(
      /REGULA_NOW: cannot read "2026-02-30T08:00:00Z"/,
    );
  });
});

describe('issue 21: tracked time ahead of now, circles', () => {
  it('a year-2150 interval (or frame, or elapsed item) is refused and nothing is written', () => {
    const ctx = context();
    const intervals = parseRecords(
      schemas.timewarriorIntervalSchema,
      [
        { start: '20261101T090000Z', end: '20261101T100000Z' },
        { id: 9, start: '21500101T090000Z', end: '21500101T100000Z' },
      ],
      { ...file, record: 'interval' },
    );
    expect(refusal(() => importTimewarrior(ctx, intervals, false))).toMatch(
      /^interval 2 \(id 9\): field "start": 2150-01-01 \d\d:00 is after now/,
    );
    const frames = parseRecords(schemas.watsonFrameSchema, [[1_900_000_000, 1_900_003_600, 'p', 'abc']], {
      ...file,
      record: 'frame',
    });
    expect(refusal(() => importWatson(ctx, frames, false))).toMatch(/^frame 1 \(id abc\): field "start"/);
    const elapsed = parseRecords(
      schemas.bitrixElapsedSchema,
      [
        {
          ID: 3,
          TASK_ID: 1,
          USER_ID: 1,
          SECONDS: 60,
          CREATED_DATE: '2026-11-20T10:00:00Z',
          DATE_START: '2030-01-01T10:00:00Z',
        },
      ],
      { ...file, record: 'e' },
    );
    expect(
      refusal(() =>
        importBitrix24(ctx, { tasks: [], elapsedItems: elapsed, comments: [], users: [] }, false),
      ),
    ).toContain('elapsed item 3: field "DATE_START"');
    expect(ctx.store.countTasks()).toBe(0);
  });

  it('Taskwarrior dependency circles are refused, in the file and through tasks already here', () => {
    const ctx = context();
    const uuid = (n: number) => `${n}1111111-1111-4111-8111-111111111111`;
    const records = (pairs: [number, number[]][]) =>
      parseRecords(
        schemas.taskwarriorTaskSchema,
        pairs.map(([n, deps]) =>
          tw({ uuid: uuid(n), description: `Ops: task ${n}`, depends: deps.map(uuid) }),
        ),
        { ...file, record: 'task' },
      );
    expect(
      refusal(() =>
        importTaskwarrior(
          ctx,
          records([
            [1, [2]],
            [2, [3]],
            [3, [1]],
          ]),
          false,
        ),
      ),
    ).toContain(`a circle - ${uuid(1)} depends on ${uuid(2)} depends on ${uuid(3)} depends on ${uuid(1)}`);
    expect(ctx.store.countTasks()).toBe(0);
    importTaskwarrior(
      ctx,
      records([
        [1, [2]],
        [2, []],
      ]),
      false,
    );
    expect(refusal(() => importTaskwarrior(ctx, records([[2, [1]]]), false))).toContain(
      'would close a circle',
    );
    expect(ctx.store.allLinks()).toEqual([{ taskId: 1, otherId: 2, kind: 'depends' }]);
  });

  it('a Bitrix24 task inside its own subtask is refused', () => {
    const ctx = context();
    const tasks = parseRecords(
      schemas.bitrixTaskSchema,
      [
        { id: 1, title: 'A', status: 2, responsibleId: 1, createdBy: 1, parentId: 2 },
        { id: 2, title: 'B', status: 2, responsibleId: 1, createdBy: 1, parentId: 1 },
      ],
      { ...file, record: 'task' },
    );
    expect(
      refusal(() => importBitrix24(ctx, { tasks, elapsedItems: [], comments: [], users: [] }, false)),
    ).toContain('field "parentId": a circle - task 1 is inside task 2 is inside task 1');
  });

  it('a Taskwarrior estimate of 1e30 seconds (a plan of 1.67e28 min) is refused naming the record; one that is no duration stays ignored', () => {
    const ctx = context();
    const records = (estimate: unknown) =>
      parseRecords(
        schemas.taskwarriorTaskSchema,
        [tw({ description: 'Ops: ok' }), tw({ uuid: '21111111-1111-4111-8111-111111111111', estimate })],
        { ...file, record: 'task' },
      );
    expect(refusal(() => importTaskwarrior(ctx, records(1e30), false))).toBe(
      'task 2 (uuid 21111111-1111-4111-8111-111111111111): field "estimate": 1e+30 is more than 1000 hours of planned time; fix the record or leave it out',
    );
    expect(refusal(() => importTaskwarrior(ctx, records('PT99999999H'), false))).toContain(
      'field "estimate": "PT99999999H" is more than 1000 hours',
    );
    expect(ctx.store.countTasks()).toBe(0);
    importTaskwarrior(ctx, records('high'), false);
    expect(ctx.store.findTasks({}).map((t) => t.plannedMinutes)).toEqual([null, null]);
  });

  it('a full dump (regula JSON) with an absurd plan is refused naming the table, row and field; a sound one loads', () => {
    const source = context();
    source.store.write(() => {
      importTaskwarrior(
        source,
        parseRecords(
          schemas.taskwarriorTaskSchema,
          [
            tw({
              uuid: '71111111-1111-4111-8111-111111111111',
              description: 'Ops: plan it',
              estimate: 'PT2H',
            }),
          ],
          { ...file, record: 'task' },
        ),
        false,
      );
    });
    let text = '';
    exportEverything(source, 99, (chunk) => (text += chunk));
    const dump = () =>
      JSON.parse(text) as { schemaVersion: number; tables: Record<string, Record<string, unknown>[]> };
    for (const [value, problem] of [
      [1.67e28, '1.67e+28 minutes is more than 1000 hours of planned time'],
      [-5, '-5 minutes is less than nothing'],
      [1.5, '1.5 is not a whole number of minutes'],
      ['60', '"60" is not a whole number of minutes'],
    ] as const) {
      const absurd = dump();
      absurd.tables.tasks![0]!.planned_minutes = value;
      const target = context();
      expect(refusal(() => importEverything(target, absurd, 99, false))).toBe(
        `table tasks, row 1 (id 1): field "planned_minutes": ${problem}; fix the record or leave it out`,
      );
      expect(target.store.countTasks()).toBe(0);
    }
    const template = dump();
    template.tables.templates = [{ ...template.tables.templates?.[0], id: 4, planned_minutes: 61_000 }];
    expect(refusal(() => importEverything(context(), template, 99, false))).toContain(
      'table templates, row 1 (id 4): field "planned_minutes": 61000 minutes is more than 1000 hours',
    );
    const sound = context();
    importEverything(sound, dump(), 99, false);
    expect(sound.store.findTasks({}).map((t) => [t.title, t.plannedMinutes])).toEqual([
      ['Ops: plan it', 120],
    ]);
  });

  it('firstCircle finds a self-loop and a long chain without recursion', () => {
    expect(firstCircle(new Map([[1, [1]]]))).toEqual([1, 1]);
    const chain = new Map(
      Array.from({ length: 20_000 }, (_, i) => [i, i + 1 < 20_000 ? [i + 1] : []] as [number, number[]]),
    );
    expect(firstCircle(chain)).toBeNull();
    chain.set(19_999, [50]);
    expect(firstCircle(chain)?.length).toBe(19_951);
  });
});

describe('issue 21: time zones and people', () => {
  const originalTz = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'Europe/Berlin';
  });
  afterEach(() => {
    setTz(originalTz);
  });

  it('TZ=Invalid/Zone is refused instead of silently meaning UTC', () => {
    expect(refusal(() => checkTimeZone('Invalid/Zone'))).toContain('TZ: "Invalid/Zone" is not a time zone');
    expect(refusal(() => checkTimeZone('CET-1CEST,M3.5.0,M10.5.0/3'))).toContain('not a time zone');
    for (const fine of [undefined, '', 'UTC', 'Europe/Berlin', ':Europe/Berlin', 'EST5EDT'])
      expect(() => checkTimeZone(fine)).not.toThrow();
  });

  it('the usual zone names are checked without building a DateTimeFormat (~25 ms cold on every command); aliases still pass', () => {
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      for (const usual of [
        'UTC',
        'Etc/UTC',
        'Europe/Moscow',
        ':Europe/Berlin',
        '/usr/share/zoneinfo/America/New_York',
      ])
        checkTimeZone(usual);
      expect(built).not.toHaveBeenCalled();
      expect(() => checkTimeZone('Asia/Calcutta')).not.toThrow();
      expect(() => checkTimeZone('europe/moscow')).not.toThrow();
      expect(refusal(() => checkTimeZone('Mars/Olympus_Mons'))).toContain('not a time zone');
    } finally {
      built.mockRestore();
    }
  });

  it('02:30 on the day the clocks go forward does not exist: refused, not moved to 03:30', () => {
    const march = new Date(2026, 2, 28, 12, 0);
    expect(refusal(() => dateFromFlag('--at', 'tomorrow 02:30', march))).toBe(
      '--at: 2026-03-29 02:30 does not exist in Europe/Berlin - the clocks jump over it that day; give a time after the change',
    );
    expect(dateFromFlag('--at', 'tomorrow 03:30', march).at).toEqual(new Date('2026-03-29T01:30:00Z'));
    expect(parseInstant('2026-03-29T02:30')).toBeNull();
    // The hour that happens twice in October exists (its first time is meant).
    expect(dateFromFlag('--at', '2026-10-25 02:30', march).at).toEqual(new Date('2026-10-25T00:30:00Z'));
  });

  it('a user name that looks like an existing one (Cyrillic а for Latin a) is refused', () => {
    const { store } = context();
    addUser(store, { name: 'anna' }, now);
    expect(refusal(() => addUser(store, { name: '\u0430nna' }, now))).toContain(
      'looks like the existing user "anna" (different letters: U+0430)',
    );
    expect(refusal(() => addUser(store, { name: 'Anna' }, now))).toContain('looks like');
    expect(addUser(store, { name: 'анна' }, now).name).toBe('анна');
  });
});

describe('issue 21: a Timewarrior history or Watson log is work on a few tasks, not one task per interval', () => {
  /** `count` one-hour intervals, one a day from 2026-01-01, each tagged with a pair of 8 tags (4 pairs), in both orders. */
  function history(count: number, from = 0) {
    const pairs = [
      ['alpha', 'beta'],
      ['gamma', 'delta'],
      ['eps', 'zeta'],
      ['eta', 'theta'],
    ];
    return Array.from({ length: count }, (_, n) => {
      const i = from + n;
      const start = new Date(Date.UTC(2026, 0, 1, 0, 0) + i * 90 * 60_000);
      const pair = pairs[i % 4]!;
      return {
        id: i + 1,
        start,
        end: new Date(start.getTime() + 3_600_000),
        tags: i % 8 < 4 ? pair : [...pair].reverse(),
      };
    });
  }

  it('3,000 intervals with 4 pairs of tags become 4 tasks; a re-import and later intervals find them again', () => {
    const ctx = context();
    const summary = importTimewarrior(ctx, history(3000), false);
    expect(summary.created).toEqual({ tasks: 4, entries: 3000 });
    expect(ctx.store.countTasks()).toBe(4);
    expect(importTimewarrior(ctx, history(3000), false).created).toEqual({});
    // Renamed since: the next intervals of the same work still go to it.
    ctx.store.updateTask(1, { title: 'Renamed', text: 'Renamed', updatedAt: now });
    const later = importTimewarrior(ctx, history(100, 3000), false);
    expect(later.created).toEqual({ entries: 100 });
    expect(ctx.store.countTasks()).toBe(4);
  });

  it('the same annotation is the same work, whatever the tags', () => {
    const ctx = context();
    const at = (h: number) => new Date(Date.UTC(2026, 10, 2, h));
    importTimewarrior(
      ctx,
      [
        { start: at(8), end: at(9), annotation: 'Review the contract', tags: ['legal'] },
        { start: at(10), end: at(11), annotation: 'Review the contract' },
      ],
      false,
    );
    expect(ctx.store.countTasks()).toBe(1);
  });

  it('Watson frames of one project with the same tags go to one task', () => {
    const ctx = context();
    const frames = Array.from({ length: 500 }, (_, i) => {
      const start = Date.UTC(2026, 5, 1) / 1000 + i * 7200;
      return [
        start,
        start + 3600,
        i % 2 ? 'site' : 'app',
        `f${i}`,
        i % 4 < 2 ? ['css', 'fix'] : ['fix', 'css'],
      ];
    });
    const summary = importWatson(
      ctx,
      parseRecords(schemas.watsonFrameSchema, frames, { ...file, record: 'frame' }),
      false,
    );
    expect(summary.created).toEqual({ tasks: 2, entries: 500 });
  });
});

describe('issue 22: a Taskwarrior import looks up only what can exist', () => {
  const parse = (records: unknown[]) =>
    parseRecords(schemas.taskwarriorTaskSchema, records, { ...file, record: 'task', idKey: 'uuid' });
  const uuid = (n: number) => `${String(n).padStart(8, '0')}-1111-4111-8111-111111111111`;
  const note = (entry: string, description: string) => ({ entry, description });

  it('a new task takes each distinct annotation once (a repeated one in the same record too), and a re-import adds only new ones', () => {
    const ctx = context();
    const firstNotes = [
      note('20261101T100000Z', 'call back'),
      note('20261101T100000Z', 'call back'),
      note('20261102T100000Z', 'sent'),
    ];
    const first = [tw({ uuid: uuid(1), annotations: firstNotes })];
    expect(importTaskwarrior(ctx, parse(first), false).created.comments).toBe(2);
    const task = ctx.store.findTasks({})[0]!;
    expect(ctx.store.commentsOf(task.id).map((c) => c.body)).toEqual(['call back', 'sent']);
    const again = [
      tw({
        uuid: uuid(1),
        description: 'Ops: a, changed',
        annotations: [...firstNotes, note('20261103T100000Z', 'paid')],
      }),
    ];
    expect(importTaskwarrior(ctx, parse(again), false).created.comments).toBe(1);
    expect(ctx.store.commentsOf(task.id).map((c) => c.body)).toEqual(['call back', 'sent', 'paid']);
  });

  it('tasks of the same project share it, whatever the case of its name, and a new one is made once', () => {
    const ctx = context();
    ctx.store.insertProject('Sales', now);
    importTaskwarrior(
      ctx,
      parse(
        [1, 2, 3]
          .map((n) =>
            tw({
              uuid: uuid(n),
              description: `Task ${n}`,
              project: n === 2 ? 'sales' : n === 3 ? 'Legal' : 'Sales',
            }),
          )
          .concat(tw({ uuid: uuid(4), description: 'Task 4', project: 'Legal' })),
      ),
      false,
    );
    const projects = (ctx.store as unknown as { db: Database.Database }).db
      .prepare('SELECT name FROM projects ORDER BY id')
      .pluck()
      .all();
    expect(projects).toEqual(['Sales', 'Legal']);
    expect(ctx.store.findTasks({ order: 'created' }).map((t) => t.project)).toEqual([
      'Sales',
      'Sales',
      'Legal',
      'Legal',
    ]);
  });
});

describe('issue 21: the fast paths of a history import give the same answers', () => {
  it('parseCompactUtc reads 20260105T083000Z as parseInstant reads its ISO spelling, impossible ones included', () => {
    const iso = (t: string) =>
      `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z`;
    const samples = [
      '20260105T083000Z',
      '20260230T090000Z',
      '20240229T235959Z',
      '20230229T000000Z',
      '20261301T000000Z',
      '20260101T240000Z',
      '20260101T006000Z',
      '19691231T235959Z',
      '21991231T235959Z',
      '22000101T000000Z',
      '00000101T000000Z',
      '20260105T083000z',
      '2026010T083000Z',
    ];
    for (let i = 0; i < 2000; i++) {
      const pad = (n: number, w: number) => String(n).padStart(w, '0');
      samples.push(
        `${pad(1960 + ((i * 7) % 260), 4)}${pad(i % 14, 2)}${pad((i * 3) % 33, 2)}T${pad(i % 26, 2)}${pad((i * 11) % 62, 2)}${pad((i * 13) % 61, 2)}Z`,
      );
    }
    for (const text of samples)
      expect(parseCompactUtc(text)?.getTime() ?? null, text).toBe(
        text.length === 16 && /Z$/.test(text) ? (parseInstant(iso(text))?.getTime() ?? null) : null,
      );
  });

  it("an interval's fingerprint is the text fingerprintOf makes of the record, in every shape", () => {
    const shapes = [
      { start: '20261101T090000Z' },
      { id: 3, start: '20261101T090000Z', end: '20261101T100000Z' },
      {
        tags: ['b', 'a "quoted"'],
        annotation: 'Call \\ Ivan\n',
        end: '20261101T100000Z',
        start: '20261101T090000Z',
        id: 12,
      },
      { start: '20261101T090000Z', tags: [], annotation: '' },
    ];
    for (const interval of parseRecords(schemas.timewarriorIntervalSchema, shapes, {
      ...file,
      record: 'interval',
    })) {
      expect(intervalFingerprint(interval, interval.start.toISOString())).toBe(fingerprintOf(interval));
    }
  });
});
