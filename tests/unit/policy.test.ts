import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import type { CoreContext } from '../../src/core/context.js';
import { addUser, resolveActor } from '../../src/core/identity.js';
import { RuleError, UsageError } from '../../src/core/errors.js';
import {
  DEFAULT_POLICY,
  loadPolicy,
  policyEntries,
  policyForCommand,
  policyHistory,
  policyWarnings,
  setPolicy,
} from '../../src/core/policy.js';
import { createTask } from '../../src/core/tasks.js';
import { migrate } from '../../src/db/migrations.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';

const NOW = new Date('2026-11-27T09:00:00Z');

/** A new database whose first user (boss) is its administrator, with anna, an employee reporting to boss. */
function company() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, ':memory:');
  const store = new SqliteStore(db, ':memory:');
  const boss = resolveActor(store, 'boss', NOW);
  const anna = addUser(store, { name: 'anna', manager: 'boss' }, NOW);
  return { store, boss, anna, db };
}

function dump(db: Database.Database): string {
  return JSON.stringify([
    db.prepare('SELECT * FROM policy').all(),
    db.prepare('SELECT * FROM policy_history').all(),
  ]);
}

describe('R39: company policy in the database', () => {
  it('a new database has the default policy', () => {
    const { store } = company();
    expect(loadPolicy(store)).toEqual(DEFAULT_POLICY);
    expect(policyEntries({ store }).every((e) => e.isDefault && e.updatedBy === null)).toBe(true);
    expect(policyHistory({ store })).toEqual([]);
  });

  it('an administrator sets a key with a reason: the value applies, the change and its reason are kept', () => {
    const { store, boss } = company();
    const outcome = setPolicy(
      { store, actor: boss, now: NOW },
      'workdayMinutes',
      '7h',
      'shorter days in winter',
    );
    expect(outcome).toEqual({ key: 'workdayMinutes', previous: 480, value: 420, changed: true });
    expect(loadPolicy(store)).toEqual({ ...DEFAULT_POLICY, workdayMinutes: 420 });
    const later = new Date(NOW.getTime() + 60_000);
    setPolicy({ store, actor: boss, now: later }, 'workdayMinutes', '8h', 'back to normal');
    expect(policyHistory({ store }, 'workdayMinutes')).toEqual([
      {
        key: 'workdayMinutes',
        previous: null,
        value: 420,
        actor: 'boss',
        at: NOW,
        reason: 'shorter days in winter',
      },
      {
        key: 'workdayMinutes',
        previous: 420,
        value: 480,
        actor: 'boss',
        at: later,
        reason: 'back to normal',
      },
    ]);
    const entry = policyEntries({ store }).find((e) => e.key === 'workdayMinutes')!;
    expect(entry).toMatchObject({ shown: '8h', isDefault: true, updatedBy: 'boss', updatedAt: later });
  });

  it('setting the value a key already has changes nothing and writes no history', () => {
    const { store, boss } = company();
    setPolicy({ store, actor: boss, now: NOW }, 'allowCoExecutors', 'true', 'joint visits');
    expect(setPolicy({ store, actor: boss, now: NOW }, 'allowCoExecutors', 'yes', 'again')).toMatchObject({
      changed: false,
      value: true,
    });
    expect(policyHistory({ store })).toHaveLength(1);
  });

  it('anyone but an administrator is refused (R39), told who can change it, and nothing is written', () => {
    const { store, anna, db } = company();
    const before = dump(db);
    const attempt = () =>
      setPolicy({ store, actor: anna, now: NOW }, 'explanationFactor', '100', 'I am slow');
    expect(attempt).toThrow(RuleError);
    expect(attempt).toThrow(
      'R39: company policy is changed only by an administrator (boss); ask one of them: task policy set KEY VALUE --reason TEXT',
    );
    expect(dump(db)).toBe(before);
    expect(loadPolicy(store).explanationFactor).toBe(1.5);
  });

  it('a change needs a known key, a reason and a value the key accepts', () => {
    const { store, boss, db } = company();
    const before = dump(db);
    const ctx = { store, actor: boss, now: NOW };
    expect(() => setPolicy(ctx, 'workdayMinutes', '7h', undefined)).toThrow(
      /^a change of company policy needs a reason/,
    );
    expect(() => setPolicy(ctx, 'workdayMinutes', '7h', '   ')).toThrow(UsageError);
    expect(() => setPolicy(ctx, 'colour', 'blue', 'x')).toThrow(
      'unknown policy key "colour"; company policy keys: workdayMinutes, workingDays, titleWithoutProject, allowCoExecutors, continuationThresholdMinutes, explanationFactor',
    );
    expect(() => setPolicy(ctx, 'explanationFactor', '0.5', 'x')).toThrow(
      'explanationFactor: "0.5" is not a number of at least 1, e.g. 1.5',
    );
    expect(dump(db)).toBe(before);
  });

  it('the rules read the policy of the context: R2 co-executors once the administrator allows them', () => {
    const { store, boss, anna } = company();
    const ctx = (policy = loadPolicy(store)): CoreContext => ({
      store,
      actor: anna,
      now: NOW,
      config: DEFAULT_CONFIG,
      policy,
    });
    expect(() => createTask(ctx(), { title: 'Sales: Joint visit', coExecutors: ['boss'] })).toThrow(
      /^R2: co-executors are forbidden/,
    );
    setPolicy({ store, actor: boss, now: NOW }, 'allowCoExecutors', 'true', 'joint visits to clients');
    expect(() => createTask(ctx(), { title: 'Sales: Joint visit', coExecutors: ['boss'] })).not.toThrow();
  });

  it('a value the database holds in a form this program cannot read is left at its default and named', () => {
    const { store, boss, db } = company();
    db.prepare(
      "INSERT INTO policy (key, value, updated_at, updated_by) VALUES ('workdayMinutes', '\"all day\"', 0, ?)",
    ).run(boss.id);
    const outcome = policyForCommand({ store, actor: boss, now: NOW }, {});
    expect(outcome.policy.workdayMinutes).toBe(480);
    expect(outcome.unreadable).toEqual(['workdayMinutes']);
    expect(policyWarnings('config.json', {}, outcome)).toEqual([
      'the database holds an unreadable value of the company policy key workdayMinutes; its default (8h) applies until an administrator sets it: task policy set workdayMinutes VALUE --reason TEXT',
    ]);
  });
});

describe('R39: a config file that still holds policy keys', () => {
  it("becomes a new database's starting policy once, recorded as from that person's config file", () => {
    const { store, boss } = company();
    const fromFile = { workdayMinutes: 420, allowCoExecutors: true };
    const first = policyForCommand({ store, actor: boss, now: NOW }, fromFile);
    expect(first.adopted).toEqual(['workdayMinutes', 'allowCoExecutors']);
    expect(first.policy).toEqual({ ...DEFAULT_POLICY, workdayMinutes: 420, allowCoExecutors: true });
    expect(policyHistory({ store }).map((h) => [h.key, h.previous, h.value, h.actor, h.reason])).toEqual([
      ['workdayMinutes', null, 420, 'boss', 'from the config file of boss'],
      ['allowCoExecutors', null, true, 'boss', 'from the config file of boss'],
    ]);
    expect(policyWarnings('/home/boss/.config/regula/config.json', fromFile, first)).toEqual([
      'R39: /home/boss/.config/regula/config.json set workdayMinutes=7h, allowCoExecutors=true: taken once as the starting company policy of this database (task policy); the file no longer decides them, remove them: task config unset KEY',
    ]);
    // Afterwards the file is ignored, with a warning every command.
    const later = policyForCommand(
      { store, actor: boss, now: NOW },
      { workdayMinutes: 360, explanationFactor: 3 },
    );
    expect(later.adopted).toEqual([]);
    expect(later.policy).toEqual(first.policy);
    expect(policyHistory({ store })).toHaveLength(2);
    expect(policyWarnings('config.json', { workdayMinutes: 360, explanationFactor: 3 }, later)).toEqual([
      'R39: config.json sets workdayMinutes, explanationFactor, ignored: company policy lives in the database (task policy; an administrator changes it with task policy set KEY VALUE --reason TEXT); remove them from the file: task config unset KEY',
    ]);
  });

  it("is not taken from an employee's file, nor once the database has a policy history", () => {
    const { store, boss, anna, db } = company();
    expect(policyForCommand({ store, actor: anna, now: NOW }, { allowCoExecutors: true })).toMatchObject({
      adopted: [],
      policy: DEFAULT_POLICY,
    });
    expect(policyHistory({ store })).toEqual([]);
    // No policy rows, but a history: the database has had its policy, so no file starts it again.
    setPolicy({ store, actor: boss, now: NOW }, 'workdayMinutes', '7h', 'trial');
    db.exec('DELETE FROM policy');
    expect(policyForCommand({ store, actor: boss, now: NOW }, { allowCoExecutors: true })).toMatchObject({
      adopted: [],
      policy: DEFAULT_POLICY,
    });
  });
});
