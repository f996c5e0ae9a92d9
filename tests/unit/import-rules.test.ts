import { afterEach, describe, expect, it } from 'vitest';
import { importBitrix24 } from '../../src/core/interchange/bitrix24.js';
import { importTaskwarrior } from '../../src/core/interchange/taskwarrior.js';
import { importTimewarrior } from '../../src/core/interchange/timewarrior.js';
import { stecDeadline } from '../../src/core/rules/stec.js';
import * as schemas from '../../src/schemas/import.js';
import { parseRecords } from '../../src/schemas/validate.js';
import { CoreWorld } from '../support/core.js';

let world: CoreWorld | undefined;
afterEach(() => world?.close());

function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('ann');
  return w;
}
const file = { file: 'f.json' };
const importing = (w: CoreWorld) => w.as('ann', { importing: true });
const tw = (fields: Record<string, unknown>) => ({
  uuid: '11111111-1111-4111-8111-111111111111',
  status: 'pending',
  entry: '20261101T090000Z',
  ...fields,
});
const bitrixTasks = (rows: Record<string, unknown>[]) =>
  parseRecords(
    schemas.bitrixTaskSchema,
    rows.map((r) => ({ status: 2, responsibleId: 1, createdBy: 1, ...r })),
    { ...file, record: 'task' },
  );
const elapsed = (rows: Record<string, unknown>[]) =>
  parseRecords(
    schemas.bitrixElapsedSchema,
    rows.map((r) => ({
      USER_ID: 1,
      SECONDS: 1800,
      CREATED_DATE: '2026-11-20T10:30:00',
      DATE_START: '2026-11-20T10:00:00',
      ...r,
    })),
    { ...file, record: 'elapsed item' },
  );

describe('imports go through the rules add and edit ask (R12, R14, R16)', () => {
  it('R12: an imported STEC: task is the backlog item add makes - a year away, medium priority; one worked elsewhere comes pulled out', () => {
    const w = setUp();
    const records = parseRecords(
      schemas.taskwarriorTaskSchema,
      [
        tw({ description: 'STEC: Audit the document templates' }),
        tw({
          uuid: '22222222-2222-4222-8222-222222222222',
          description: 'Docs: STEC: Sort the archive',
          status: 'completed',
          end: '20261120T090000Z',
        }),
      ],
      { ...file, record: 'task' },
    );
    importTaskwarrior(importing(w), records, false);
    expect(w.raw.getTask(1)).toMatchObject({
      kind: 'stec',
      priority: 'medium',
      deadline: stecDeadline(w.now),
      title: 'STEC: Audit the document templates',
    });
    expect(w.raw.getTask(2)).toMatchObject({
      kind: 'ordinary',
      status: 'completed',
      title: 'Docs: Sort the archive',
    });
  });

  it('R16: Bitrix24 time on a compound task is left out; a re-import does not make a task with time a compound one', () => {
    const w = setUp();
    const first = importBitrix24(
      importing(w),
      {
        tasks: bitrixTasks([
          { id: 1, title: 'General: Conclude the agreement' },
          { id: 2, title: 'Legal: Prepare the agreement' },
        ]),
        elapsedItems: elapsed([
          { ID: 10, TASK_ID: 1 },
          { ID: 11, TASK_ID: 2 },
        ]),
        comments: [],
        users: [],
      },
      false,
    );
    expect(first.created.entries).toBe(1);
    expect(first.skipped.map((s) => s.reason)).toContain(
      'task 1 is a compound task and tracks no time (R16)',
    );
    expect(w.raw.entriesOfTask(1)).toEqual([]);
    const again = importBitrix24(
      importing(w),
      {
        tasks: bitrixTasks([{ id: 2, title: 'General: Prepare the agreement', groupId: null }]),
        elapsedItems: [],
        comments: [],
        users: [],
      },
      false,
    );
    expect(again.warnings.join('\n')).toMatch(
      /R16: task 2 has tracked time and does not become a compound task/,
    );
    expect(w.raw.getTask(2)).toMatchObject({
      kind: 'ordinary',
      generalLevel: 0,
      title: 'Prepare the agreement',
      trackedSeconds: 1800,
    });
  });

  it('R12, R16: Timewarrior time tagged "STEC: ..." or "General: ..." makes an ordinary task, and none lands on a backlog item', () => {
    const w = setUp();
    const intervals = parseRecords(
      schemas.timewarriorIntervalSchema,
      [{ start: '20261126T090000Z', end: '20261126T093000Z', tags: ['STEC: Audit the templates'] }],
      { ...file, record: 'interval' },
    );
    importTimewarrior(importing(w), intervals, false);
    expect(w.raw.getTask(1)).toMatchObject({ kind: 'ordinary', trackedSeconds: 1800 });
  });

  it('R10: a re-import neither softens nor postpones a hard deadline set here; bringing it earlier passes', () => {
    const w = setUp();
    const record = (due: string) =>
      parseRecords(
        schemas.taskwarriorTaskSchema,
        [tw({ description: 'Sales: Sign the contract', due, modified: due })],
        { ...file, record: 'task' },
      );
    importTaskwarrior(importing(w), record('20261201T170000Z'), false);
    const ctx = w.as('ann', { reason: 'the client fixed the date' });
    ctx.store.write(() => ctx.store.updateTask(1, { deadlineHard: true }));
    const later = importTaskwarrior(importing(w), record('20261209T170000Z'), false);
    expect(later.warnings.join('\\n')).toMatch(
      /^R10: Taskwarrior .*task 1 has a hard deadline; the import does not move it later/m,
    );
    expect(w.raw.getTask(1)).toMatchObject({
      deadlineHard: true,
      deadline: new Date('2026-12-01T17:00:00Z'),
    });
    importTaskwarrior(importing(w), record('20261130T170000Z'), false);
    expect(w.raw.getTask(1)).toMatchObject({
      deadlineHard: true,
      deadline: new Date('2026-11-30T17:00:00Z'),
    });
  });
});
