import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

let sb: Sandbox;
const anna = { user: 'anna' };
beforeEach(async () => {
  sb = new Sandbox({ inProcess: true });
  sb.user = 'boss';
  await sb.ok(['user', 'list']); // boss: the first user, the administrator
  await sb.ok(['user', 'add', 'anna', '--manager', 'boss']);
  await sb.ok(['user', 'add', 'ivan', '--manager', 'boss']);
});
afterEach(() => sb.remove());

const HOW = 'task policy set KEY VALUE --reason TEXT';

describe('R39: a person cannot relax company rules for herself', () => {
  it('rc.allowCoExecutors=true is refused (exit 3) with the way to change it; nothing is written', async () => {
    const before = sb.dump();
    const refused = await sb.run(
      ['rc.allowCoExecutors=true', 'add', 'Sales: Joint visit', '--coexecutor', 'ivan'],
      anna,
    );
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R39: rc.allowCoExecutors: allowCoExecutors is company policy, kept in the database, not a personal setting; an administrator changes it for everyone with: task policy set allowCoExecutors VALUE --reason TEXT (task policy shows it)',
    );
    expect(sb.dump()).toBe(before);
  });

  it('rc.explanationFactor=100 is refused (exit 3): R32 still asks for an explanation', async () => {
    await sb.ok(['add', 'Sales: Call Maria', '--plan', '20m'], anna);
    await sb.ok(['start', '1'], { ...anna, now: '2026-11-27T10:00' });
    await sb.ok(['pause'], { ...anna, now: '2026-11-27T10:31' });
    const refused = await sb.run(['rc.explanationFactor=100', 'done', '1', '--result', 'Called'], anna);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R39: rc\.explanationFactor: explanationFactor is company policy/);
    expect((await sb.run(['done', '1', '--result', 'Called'], anna)).stderr).toMatch(
      /^task: R32: task 1 took 31m against 20m planned \(over 1\.5x\)/,
    );
  });

  it('config set allowCoExecutors true is refused (exit 3) and the config file stays as it was', async () => {
    for (const args of [
      ['config', 'set', 'allowCoExecutors', 'true'],
      ['config', 'allowCoExecutors', 'true'],
    ]) {
      const refused = await sb.run(args, anna);
      expect(refused.exitCode).toBe(3);
      expect(refused.stderr).toMatch(
        /^task: R39: task config set: allowCoExecutors is company policy, .*task policy set allowCoExecutors VALUE --reason TEXT/,
      );
    }
    expect(existsSync(sb.env().REGULA_CONFIG!)).toBe(false);
    expect((await sb.run(['add', 'Sales: Joint visit', '--coexecutor', 'ivan'], anna)).exitCode).toBe(3);
  });

  it('policy set by anyone but an administrator is refused (exit 3), naming who can change it', async () => {
    const before = sb.dump();
    const refused = await sb.run(
      ['policy', 'set', 'allowCoExecutors', 'true', '--reason', 'I want help'],
      anna,
    );
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      `task: R39: company policy is changed only by an administrator (boss); ask one of them: ${HOW}`,
    );
    expect(sb.dump()).toBe(before);
  });
});

describe('R39: task policy', () => {
  it('an administrator changes policy with a reason; the rule applies the new value to everyone', async () => {
    expect((await sb.run(['add', 'Sales: Joint visit', '--coexecutor', 'ivan'], anna)).exitCode).toBe(3);
    const set = await sb.ok([
      'policy',
      'set',
      'allowCoExecutors',
      'true',
      '--reason',
      'joint visits to clients',
    ]);
    expect(set.stdout).toBe('allowCoExecutors = true (was false), for everyone.');
    await sb.ok(['add', 'Sales: Joint visit', '--coexecutor', 'ivan'], anna);
    expect((await sb.json(['show', '1'], anna)).coExecutors).toEqual(['ivan']);

    await sb.ok(['policy', 'set', 'explanationFactor', '2', '--reason', 'calls run long this month'], {
      now: '2026-11-27T11:00',
    });
    await sb.ok(['add', 'Sales: Call Maria', '--plan', '20m'], anna);
    await sb.ok(['start', '2'], { ...anna, now: '2026-11-27T10:00' });
    await sb.ok(['pause'], { ...anna, now: '2026-11-27T10:31' });
    expect((await sb.run(['done', '2', '--result', 'Called'], anna)).exitCode).toBe(0);

    const listed = await sb.json<any[]>(['policy'], anna);
    expect(listed.find((p) => p.key === 'allowCoExecutors')).toEqual({
      key: 'allowCoExecutors',
      value: true,
      shown: 'true',
      default: false,
      description: 'R2: allow co-executors (true/false)',
      updatedAt: '2026-11-27T09:00:00.000Z',
      updatedBy: 'boss',
    });
    expect(listed.find((p) => p.key === 'workdayMinutes')).toMatchObject({
      value: 480,
      default: true,
      updatedBy: null,
    });
    expect(String((await sb.ok(['policy'], anna)).stdout)).toMatch(
      /^workdayMinutes +8h +default +working-day length/,
    );
    expect(await sb.json(['policy', 'history'], anna)).toEqual([
      {
        key: 'allowCoExecutors',
        previous: null,
        value: true,
        by: 'boss',
        at: '2026-11-27T09:00:00.000Z',
        reason: 'joint visits to clients',
      },
      {
        key: 'explanationFactor',
        previous: null,
        value: 2,
        by: 'boss',
        at: '2026-11-27T11:00:00.000Z',
        reason: 'calls run long this month',
      },
    ]);
    expect(String((await sb.ok(['policy', 'history', 'explanationFactor'])).stdout)).toBe(
      '2026-11-27 11:00  boss  explanationFactor: 1.5 (default) -> 2  (calls run long this month)',
    );
  });

  it('a change needs a reason, a known key and a good value (exit 2), and nothing is written', async () => {
    const before = sb.dump();
    const noReason = await sb.run(['policy', 'set', 'workdayMinutes', '7h']);
    expect([noReason.exitCode, noReason.stderr]).toEqual([
      2,
      'task: a change of company policy needs a reason, kept in its history: task policy set workdayMinutes 7h --reason TEXT',
    ]);
    expect((await sb.run(['policy', 'set', 'colour', 'blue', '--reason', 'x'])).stderr).toMatch(
      /^task: unknown policy key "colour"; company policy keys: workdayMinutes, /,
    );
    expect((await sb.run(['policy', 'set', 'workdayMinutes', 'forever', '--reason', 'x'])).exitCode).toBe(2);
    expect(sb.dump()).toBe(before);
  });
});

describe('R39: a config file from before policy moved to the database', () => {
  function writeConfig(values: object): string {
    const path = sb.env().REGULA_CONFIG!;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(values));
    return path;
  }

  it("is read once as a new database's starting policy, then ignored with a warning", async () => {
    const fresh = new Sandbox({ inProcess: true });
    try {
      fresh.user = 'boss';
      const path = fresh.env().REGULA_CONFIG!;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(
        path,
        JSON.stringify({ workdayMinutes: 420, allowCoExecutors: true, autoStartDay: false }),
      );
      const first = await fresh.ok(['plan', '--json']);
      expect(JSON.parse(String(first.stdout)).workdayMinutes).toBe(420);
      expect(first.stderr).toBe(
        `warning: R39: ${path} set workdayMinutes=7h, allowCoExecutors=true: taken once as the starting company policy of this database (task policy); the file no longer decides them, remove them: task config unset KEY`,
      );
      expect(
        (await fresh.json(['policy', 'history'])).map((h: { key: string; reason: string }) => [
          h.key,
          h.reason,
        ]),
      ).toEqual([
        ['workdayMinutes', 'from the config file of boss'],
        ['allowCoExecutors', 'from the config file of boss'],
      ]);
      // The file is read no more: changing it changes nothing, and every command says so once.
      writeFileSync(path, JSON.stringify({ workdayMinutes: 360, autoStartDay: false }));
      const later = await fresh.ok(['plan', '--json']);
      expect(JSON.parse(String(later.stdout)).workdayMinutes).toBe(420);
      expect(later.stderr).toBe(
        `warning: R39: ${path} sets workdayMinutes, ignored: company policy lives in the database (task policy; an administrator changes it with ${HOW}); remove them from the file: task config unset KEY`,
      );
      // Removing the key from the file ends the warning; the preferences stay.
      await fresh.ok(['config', 'unset', 'workdayMinutes']);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ autoStartDay: false });
      expect((await fresh.ok(['plan'])).stderr).toBe('');
    } finally {
      fresh.remove();
    }
  });

  it("an employee's file does not change the policy of a database already in use", async () => {
    writeConfig({ allowCoExecutors: true, explanationFactor: 100 });
    const refused = await sb.run(['add', 'Sales: Joint visit', '--coexecutor', 'ivan'], anna);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(
      /^warning: R39: .* sets allowCoExecutors, explanationFactor, ignored: company policy lives in the database/,
    );
    expect(refused.stderr).toMatch(/\ntask: R2: co-executors are forbidden/);
    expect(sb.sql('SELECT count(*) AS n FROM policy_history')).toEqual([{ n: 0 }]);
  });
});
