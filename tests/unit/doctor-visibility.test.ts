import { afterEach, describe, expect, it } from 'vitest';
import { examine } from '../../src/core/doctor.js';
import { createTask } from '../../src/core/tasks.js';
import { startTimer } from '../../src/core/timers.js';
import { CoreWorld } from '../support/core.js';

let world: CoreWorld | undefined;
afterEach(() => world?.close());

/**
 * boss (administrator) manages anna; vic manages carl. anna's and carl's timers have run since the day
 * before, and each has time written on the other one's team's task (R2) and twice over (overlaps).
 */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-26T09:00:00');
  world = w;
  w.admin('boss');
  w.person('anna', 'employee', 'boss');
  w.person('vic', 'manager');
  w.person('carl', 'employee', 'vic');
  createTask(w.as('anna'), { title: 'Sales: Call Ivan', plannedMinutes: 60 });
  createTask(w.as('carl'), { title: 'Ops: Night job', plannedMinutes: 60 });
  startTimer(w.as('anna'), 1);
  startTimer(w.as('carl'), 2);
  const entry = (taskId: number, userId: number, from: string, to: string) =>
    w.raw.write(() =>
      w.raw.insertEntry({
        taskId,
        userId,
        startAt: new Date(from),
        endAt: new Date(to),
        source: 'manual',
        comment: 'x',
        retroactive: false,
        reason: null,
        createdAt: w.now,
      }),
    );
  for (const name of ['anna', 'carl'] as const) {
    const user = w.user(name);
    const othersTask = name === 'anna' ? 2 : 1;
    entry(othersTask, user.id, '2026-11-20T09:00:00', '2026-11-20T10:00:00');
    entry(othersTask === 1 ? 2 : 1, user.id, '2026-11-21T09:00:00', '2026-11-21T12:00:00');
    entry(othersTask === 1 ? 2 : 1, user.id, '2026-11-21T10:00:00', '2026-11-21T10:30:00');
  }
  return w.at('2026-11-27T09:00:00');
}

const people = (messages: string[]) =>
  [...new Set(messages.map((m) => /^(\w+)'s|is (\w+)'s/.exec(m)!.slice(1).find(Boolean)))].sort();

describe("R4: task doctor shows the findings about people's time to those who may see it", () => {
  it('an administrator sees everyone; a manager their own people; an employee only themselves', () => {
    const w = setUp();
    const seen = (name: string) => {
      const report = examine(w.as(name), w.maintenance);
      return {
        timers: report.longTimers.map((t) => t.user).sort(),
        findings: people(report.findings.filter((f) => f.check !== 'search index').map((f) => f.message)),
      };
    };
    expect(seen('boss')).toEqual({ timers: ['anna', 'carl'], findings: ['anna', 'carl'] });
    expect(seen('vic')).toEqual({ timers: ['carl'], findings: ['carl'] });
    expect(seen('anna')).toEqual({ timers: ['anna'], findings: ['anna'] });
  });
});
