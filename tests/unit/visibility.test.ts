import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import type { CoreContext } from '../../src/core/context.js';
import { NotFoundError, RuleError } from '../../src/core/errors.js';
import {
  isBelowInChain,
  maySeeTask,
  maySeeUser,
  peopleBelow,
  subjectOf,
  teamOf,
  visibleScope,
  visibleTo,
} from '../../src/core/rules/visibility.js';
import { prerequisitesByTask } from '../../src/core/dependencies.js';
import { periodOf } from '../../src/core/period.js';
import { teamPlans } from '../../src/core/plan.js';
import { teamReport } from '../../src/core/team-report.js';
import { searchTasks } from '../../src/core/search.js';
import { teamStatus } from '../../src/core/timers.js';
import { templateGroups } from '../../src/core/templates.js';
import { listEntries } from '../../src/core/time-corrections.js';
import type { EntityKind } from '../../src/core/store.js';
import type { User } from '../../src/core/types.js';
import { listTasks, taskDetails, taskHistory } from '../../src/core/views.js';
import { migrate } from '../../src/db/migrations.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';

const NOW = new Date('2026-11-27T12:00:00Z');

/**
 * The company of the tests: admin; boss manages lead, lead manages anna (boss is anna's manager's
 * manager); mgr2 manages carl (another team); obs observes task 1.
 */
const PEOPLE = ['admin', 'boss', 'lead', 'anna', 'mgr2', 'carl', 'obs'] as const;
type Person = (typeof PEOPLE)[number];

function company(): { store: SqliteStore; user: Record<Person, User> } {
  const db = new Database(':memory:');
  migrate(db, ':memory:');
  db.exec(`INSERT INTO users (name, role, manager_id, created_at) VALUES
      ('admin', 'admin', NULL, 0), ('boss', 'manager', NULL, 0), ('lead', 'manager', 2, 0), ('anna', 'employee', 3, 0),
      ('mgr2', 'manager', NULL, 0), ('carl', 'employee', 5, 0), ('obs', 'employee', NULL, 0);
    INSERT INTO projects (name, created_at) VALUES ('Secret', 0), ('Ops', 0);
    INSERT INTO tags (name) VALUES ('hidden'), ('shop');
    -- 1: boss gave anna a task (obs observes it); 2: carl's own task; 3: carl set a task for lead.
    INSERT INTO tasks (title, text, project_id, director_id, responsible_id, created_at, updated_at) VALUES
      ('Secret: Prepare the merger', 'Prepare the merger', 1, 2, 4, 0, 0),
      ('Ops: Prepare the printer', 'Prepare the printer', 2, 6, 6, 0, 0),
      ('Ops: Prepare the review', 'Prepare the review', 2, 6, 3, 0, 0);
    INSERT INTO task_tags (task_id, tag_id) VALUES (1, 1), (2, 2);
    INSERT INTO task_observers (task_id, user_id) VALUES (1, 7);
    INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, created_at, updated_at) VALUES
      (1, 4, ${NOW.getTime() - 7_200_000}, ${NOW.getTime() - 3_600_000}, 'timer', 0, 0),
      (2, 6, ${NOW.getTime() - 3_600_000}, ${NOW.getTime() - 1_800_000}, 'timer', 0, 0);`);
  const store = new SqliteStore(db, ':memory:');
  const user = Object.fromEntries(PEOPLE.map((name) => [name, store.findUserByName(name)!])) as Record<
    Person,
    User
  >;
  return { store, user };
}

function contextOf(store: SqliteStore, actor: User): CoreContext {
  return { store, actor, now: NOW, config: DEFAULT_CONFIG, policy: DEFAULT_POLICY };
}

describe('R4, R38: the manager chain', () => {
  const { store, user } = company();

  it("peopleBelow holds a manager's people and their people, nearest first", () => {
    expect(peopleBelow(store, user.boss.id).map((u) => u.name)).toEqual(['lead', 'anna']);
    expect(peopleBelow(store, user.anna.id)).toEqual([]);
  });

  it('isBelowInChain: directly, through a manager, never upwards or across teams', () => {
    expect(isBelowInChain(store, user.lead.id, user.anna.id)).toBe(true);
    expect(isBelowInChain(store, user.boss.id, user.anna.id)).toBe(true);
    expect(isBelowInChain(store, user.anna.id, user.boss.id)).toBe(false);
    expect(isBelowInChain(store, user.mgr2.id, user.anna.id)).toBe(false);
    expect(isBelowInChain(store, user.anna.id, user.anna.id)).toBe(false);
  });

  it('a loop in who reports to whom ends the walk', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:');
    db.exec(
      `INSERT INTO users (name, manager_id, created_at) VALUES ('a', NULL, 0), ('b', 1, 0); UPDATE users SET manager_id = 2 WHERE id = 1;`,
    );
    const looped = new SqliteStore(db, ':memory:');
    expect(peopleBelow(looped, 1).map((u) => u.name)).toEqual(['b']);
  });
});

describe('R4, R38: who sees the task boss gave anna', () => {
  const { store, user } = company();
  const task = store.getTask(1)!;
  const table: [string, Person, boolean][] = [
    ['its responsible', 'anna', true],
    ['its director', 'boss', true],
    ['its observer', 'obs', true],
    ["the responsible's manager", 'lead', true],
    ["the responsible's manager's manager (the director here too)", 'boss', true],
    ['someone of another team', 'carl', false],
    ["another team's manager", 'mgr2', false],
    ['an administrator', 'admin', true],
  ];

  it.each(table)('%s (%s): %s', (_role, person, sees) => {
    const scope = visibleScope(store, user[person]);
    expect(maySeeTask(store, scope, task)).toBe(sees);
    // The SQL restriction of lists agrees with the rule.
    const listed = store.findTasks({ visibleTo: visibleTo(contextOf(store, user[person])) }).map((t) => t.id);
    expect(listed.includes(1)).toBe(sees);
  });

  it("a manager's manager sees a task of the chain they did not set", () => {
    const threeForLead = store.getTask(3)!;
    expect(maySeeTask(store, visibleScope(store, user.boss), threeForLead)).toBe(true);
    expect(maySeeTask(store, visibleScope(store, user.carl), threeForLead)).toBe(true);
    expect(maySeeTask(store, visibleScope(store, user.anna), threeForLead)).toBe(false);
  });

  it("time, plans and reports: of oneself and the people below, everyone's for an administrator", () => {
    expect(maySeeUser(visibleScope(store, user.boss), user.anna.id)).toBe(true);
    expect(maySeeUser(visibleScope(store, user.lead), user.boss.id)).toBe(false);
    expect(maySeeUser(visibleScope(store, user.carl), user.anna.id)).toBe(false);
    expect(maySeeUser(visibleScope(store, user.obs), user.anna.id)).toBe(false);
    expect(maySeeUser(visibleScope(store, user.admin), user.anna.id)).toBe(true);
    expect(visibleScope(store, user.admin)).toBe('all');
  });
});

describe('R4: every read leaves out what the actor may not see', () => {
  let store: SqliteStore;
  let user: Record<Person, User>;
  beforeEach(() => ({ store, user } = company()));

  it("list --all: carl sees his tasks only; boss sees his chain's; the admin everything", () => {
    const ids = (person: Person) =>
      listTasks(contextOf(store, user[person]), { all: true }).map((t) => t.task.id);
    expect(ids('carl')).toEqual([2, 3]);
    expect(ids('boss')).toEqual([1, 3]);
    expect(ids('admin')).toEqual([1, 2, 3]);
  });

  it("a list of someone else's tasks holds only those the actor may see", () => {
    expect(listTasks(contextOf(store, user.carl), { userId: user.anna.id }).map((t) => t.task.id)).toEqual(
      [],
    );
    expect(listTasks(contextOf(store, user.lead), { userId: user.anna.id }).map((t) => t.task.id)).toEqual([
      1,
    ]);
  });

  it('show and history of a task one may not see answer "not found" (exit 4), leaking nothing', () => {
    expect(() => taskDetails(contextOf(store, user.carl), 1)).toThrow(NotFoundError);
    expect(() => taskHistory(contextOf(store, user.carl), 1)).toThrow(
      new NotFoundError('task 1 not found; see the list with: task list --all'),
    );
    expect(taskDetails(contextOf(store, user.obs), 1).task.id).toBe(1);
  });

  it('show of a visible task leaves out the time of people the actor may not see', () => {
    // carl set task 3 for lead; lead's time on it is not carl's to see.
    store.write(() =>
      store.insertEntry({
        taskId: 3,
        userId: user.lead.id,
        startAt: new Date(NOW.getTime() - 600_000),
        endAt: NOW,
        source: 'manual',
        comment: 'x',
        retroactive: false,
        reason: null,
        createdAt: NOW,
      }),
    );
    expect(taskDetails(contextOf(store, user.carl), 3).entries).toEqual([]);
    expect(taskDetails(contextOf(store, user.boss), 3).entries).toHaveLength(1);
  });

  it('search leaves out hits on tasks the actor may not see', () => {
    expect(
      searchTasks(contextOf(store, user.carl), 'prepar')
        .map((h) => h.task.id)
        .sort(),
    ).toEqual([2, 3]);
    expect(searchTasks(contextOf(store, user.carl), 'Secret:')).toEqual([]);
    expect(searchTasks(contextOf(store, user.admin), 'prepar')).toHaveLength(3);
  });

  it('projects and tags: counted over visible tasks, a name on none of them left out', () => {
    const visible = visibleTo(contextOf(store, user.carl));
    expect(store.projectSummaries(visible).map((p) => [p.name, p.total])).toEqual([['Ops', 2]]);
    expect(store.tagNames(visible)).toEqual(['shop']);
    expect(store.projectNames(visible)).toEqual(['Ops']);
    expect(store.projectNames()).toEqual(['Ops', 'Secret']);
  });

  it("exported time entries: carl gets his own, never anna's; the admin gets all", () => {
    expect(store.allEntries(visibleTo(contextOf(store, user.carl))).map((e) => e.userId)).toEqual([
      user.carl.id,
    ]);
    expect(store.allEntries(visibleTo(contextOf(store, user.admin)))).toHaveLength(2);
  });

  it('the whole-database export holds only the rows the actor may see', () => {
    const rows = (person: Person, kind: EntityKind) =>
      [...store.dumpEntities(kind, visibleTo(contextOf(store, user[person])))].map(
        (r) => JSON.parse(r) as Record<string, unknown>,
      );
    expect(rows('carl', 'tasks').map((t) => t.id)).toEqual([2, 3]);
    expect(rows('carl', 'timeEntries').map((e) => e.user_id)).toEqual([user.carl.id]);
    expect(rows('carl', 'observers')).toEqual([]);
    expect(rows('carl', 'people')).toHaveLength(PEOPLE.length);
    expect(rows('carl', 'projects').map((p) => p.name)).toEqual(['Ops']);
    expect(rows('carl', 'tags').map((t) => t.name)).toEqual(['shop']);
    expect(rows('admin', 'tasks')).toHaveLength(3);
  });

  it('--team means the people who report to you directly (whose day reports you approve, R38); further down the chain by name', () => {
    const names = (users: { user: string }[]) => users.map((u) => u.user);
    const boss = contextOf(store, user.boss);
    const day = new Date('2026-11-27T12:00:00');
    expect(names(teamPlans(boss, day))).toEqual(['lead']);
    expect(teamStatus(boss).map((s) => s.user.name)).toEqual(['lead']);
    expect(teamReport(boss, periodOf(day, day)).people.map((p) => p.user)).toEqual(['lead']);
    expect(teamReport(boss, periodOf(day, day), ['lead', 'anna']).people.map((p) => p.user)).toEqual([
      'lead',
      'anna',
    ]);
    expect(() => teamReport(contextOf(store, user.mgr2), periodOf(day, day), ['anna'])).toThrow(RuleError);
  });

  it('a team named person by person is no query per name, and answers each name as subjectOf does (issue 22)', () => {
    const calls: string[] = [];
    const counting = new Proxy(store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(String(name));
          return value.apply(target, args);
        };
      },
    });
    const boss = { ...contextOf(store, user.boss), store: counting };
    expect(teamOf(boss, ['lead', 'anna', 'boss']).map((u) => u.name)).toEqual(['lead', 'anna', 'boss']);
    // No query per name: the people once.
    expect(calls.filter((c) => c === 'findUserByName')).toEqual([]);
    // The same refusals, in the order named: an unknown name, then someone of another team (R4).
    const answer = (names: string[]) => {
      try {
        return teamOf(boss, names).map((u) => u.name);
      } catch (error) {
        return `${(error as Error).constructor.name}: ${(error as Error).message}`;
      }
    };
    for (const names of [['lead', 'nobody', 'carl'], ['lead', 'carl', 'nobody'], ['anna'], ['nobody']])
      expect(answer(names)).toEqual(
        (() => {
          try {
            return names.map((name) => subjectOf(boss, name).name);
          } catch (error) {
            return `${(error as Error).constructor.name}: ${(error as Error).message}`;
          }
        })(),
      );
    expect(answer(['lead', 'carl'])).toMatch(/^RuleError: R4/);
  });

  it('time list of a visible task: only the time of people the actor may see; report subjects follow the chain', () => {
    expect(listEntries(contextOf(store, user.boss), { taskId: 1 }).map((e) => e.entry.userId)).toEqual([
      user.anna.id,
    ]);
    expect(() => listEntries(contextOf(store, user.carl), { taskId: 1 })).toThrow(NotFoundError);
    expect(subjectOf(contextOf(store, user.boss), 'anna').name).toBe('anna');
    expect(() => subjectOf(contextOf(store, user.carl), 'anna')).toThrow(RuleError);
  });

  it("a list's dependency column leaves out prerequisites one may not see", () => {
    store.write(() => {
      store.addLink(2, 1, 'depends');
      store.addLink(2, 3, 'depends');
    });
    expect(prerequisitesByTask(store, [2], visibleTo(contextOf(store, user.carl))).dependsOn.get(2)).toEqual([
      3,
    ]);
    expect(
      prerequisitesByTask(store, [2], visibleTo(contextOf(store, user.admin)))
        .dependsOn.get(2)
        ?.sort(),
    ).toEqual([1, 3]);
  });

  it('template list: the templates of the people one sees, and those one directs', () => {
    const template = (title: string, responsible: User, director: User) =>
      store.write(() =>
        store.insertTemplate({
          title,
          project: null,
          tags: [],
          priority: 'medium',
          plannedMinutes: 30,
          description: null,
          schedule: 'daily',
          deadlineOffsetDays: 0,
          startDay: '2026-11-27',
          responsibleId: responsible.id,
          directorId: director.id,
          paused: false,
          management: false,
          review: false,
          createdAt: NOW,
          updatedAt: NOW,
        }),
      );
    template('Secret: Check the merger mail', user.anna, user.boss);
    template('Ops: Clean the printer', user.carl, user.carl);
    template('Ops: Send the weekly review', user.lead, user.carl);
    const titles = (person: Person) =>
      templateGroups(contextOf(store, user[person]))
        .flatMap((group) => group.templates.map((t) => t.title))
        .sort();
    expect(titles('carl')).toEqual(['Ops: Clean the printer', 'Ops: Send the weekly review']);
    expect(titles('lead')).toEqual(['Ops: Send the weekly review', 'Secret: Check the merger mail']);
    expect(titles('admin')).toHaveLength(3);
  });

  it('a single-user database: its only person (an administrator) sees everything', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:');
    db.exec(`INSERT INTO users (name, role, created_at) VALUES ('solo', 'admin', 0);
      INSERT INTO tasks (title, text, director_id, responsible_id, created_at, updated_at) VALUES ('Do it', 'Do it', 1, 1, 0, 0);`);
    const solo = new SqliteStore(db, ':memory:');
    expect(listTasks(contextOf(solo, solo.findUserByName('solo')!), { all: true })).toHaveLength(1);
  });
});
