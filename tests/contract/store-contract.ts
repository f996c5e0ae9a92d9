import { afterEach, describe, expect, it } from 'vitest';
import {
  ENTITY_KINDS,
  INSTANT_FIELD,
  type EntitySet,
  type OpenedStore,
  type Store,
} from '../../src/core/store.js';
import type { TaskFields, TimeEntry, User } from '../../src/core/types.js';
import { taskFields as newTaskFields } from '../support/task-fields.js';

/**
 * The store contract: what core relies on from any implementation of the `Store` port
 * (src/core/store.ts), checked through the port alone - no SQL, no driver, no file. The SQLite store
 * runs it now (tests/contract/sqlite.test.ts); a team-server store (issue 23) runs the same suite.
 *
 * Instants are built with the local calendar (`local(...)`), so the facts about local days hold in
 * whatever time zone the suite runs.
 */
export interface OpenedForContract extends OpenedStore {
  /**
   * Another connection to the same database, as a second `task` process has (none for SQLite in memory,
   * which no other connection can open): what one connection commits, the other sees.
   */
  another?: () => OpenedStore;
}

/** A local wall-clock instant of November 2026 (month index 10). */
export function local(day: number, hour = 0, minute = 0): Date {
  return new Date(2026, 10, day, hour, minute);
}

const T0 = local(20, 9);

export function describeStoreContract(name: string, open: () => OpenedForContract): void {
  describe(`the store contract: ${name}`, () => {
    let opened: OpenedForContract | undefined;
    afterEach(() => {
      opened?.close();
      opened = undefined;
    });

    /** A fresh, empty store with three people: ann (admin), max (manager) and eve (reports to max). */
    function world(): { store: Store; ann: User; max: User; eve: User } {
      opened = open();
      const { store } = opened;
      return seed(store);
    }

    function seed(store: Store): { store: Store; ann: User; max: User; eve: User } {
      return store.write(() => {
        const ann = store.insertUser({
          name: 'ann',
          fullName: 'Ann Admin',
          role: 'admin',
          managerId: null,
          createdAt: T0,
        });
        const max = store.insertUser({
          name: 'max',
          fullName: null,
          role: 'manager',
          managerId: null,
          createdAt: T0,
        });
        const eve = store.insertUser({
          name: 'eve',
          fullName: 'Eve',
          role: 'employee',
          managerId: max.id,
          createdAt: T0,
        });
        return { store, ann, max, eve };
      });
    }

    const taskFields = (director: User, responsible: User, patch: Partial<TaskFields> = {}): TaskFields =>
      newTaskFields(director.id, responsible.id, T0, patch);

    /**
     * A task closed with its result, as every closing path does (R31): a store may hold the invariant
     * itself (the team server checks it when the transaction commits), so tests close tasks this way.
     */
    function complete(store: Store, taskId: number, author: User, patch: Partial<TaskFields> = {}): void {
      store.updateTask(taskId, { status: 'completed', ...patch });
      store.insertComment({
        taskId,
        authorId: author.id,
        kind: 'result',
        body: 'Done',
        replyToId: null,
        createdAt: patch.closedAt ?? T0,
      });
    }

    function entry(
      task: number,
      user: User,
      startAt: Date,
      endAt: Date | null,
      patch: Partial<TimeEntry> = {},
    ): Omit<TimeEntry, 'id'> {
      return {
        taskId: task,
        userId: user.id,
        startAt,
        endAt,
        source: 'timer',
        comment: null,
        retroactive: false,
        reason: null,
        createdAt: startAt,
        ...patch,
      };
    }

    describe('transactions', () => {
      it('write returns what its function returns, and a read sees what a write committed', () => {
        const { store, eve } = world();
        const id = store.write(() => store.insertTask(taskFields(eve, eve)));
        expect(store.read(() => store.getTask(id)?.title)).toBe('Ops: Check the invoices');
      });

      it('a throw inside write leaves nothing of it behind, and the error reaches the caller', () => {
        const { store, eve } = world();
        const before = store.read(() => ({ users: store.countUsers(), tasks: store.countTasks() }));
        const failure = new Error('refused half-way');
        expect(() =>
          store.write(() => {
            store.insertUser({
              name: 'zed',
              fullName: null,
              role: 'employee',
              managerId: null,
              createdAt: T0,
            });
            const id = store.insertTask(taskFields(eve, eve));
            store.setTags(id, ['urgent']);
            store.insertEntry(entry(id, eve, T0, local(20, 10)));
            store.insertHistory([
              {
                taskId: id,
                actorId: eve.id,
                at: T0,
                field: 'created',
                oldValue: null,
                newValue: 'x',
                note: null,
              },
            ]);
            throw failure;
          }),
        ).toThrow(failure);
        expect(store.read(() => ({ users: store.countUsers(), tasks: store.countTasks() }))).toEqual(before);
        expect(store.findUserByName('zed')).toBeUndefined();
        expect(store.tagNames()).toEqual([]);
        expect(store.allEntries()).toEqual([]);
      });

      it('a write inside a write joins it: the outer failure takes the inner work back too', () => {
        const { store, eve } = world();
        expect(() =>
          store.write(() => {
            store.write(() => store.insertTask(taskFields(eve, eve)));
            throw new Error('outer');
          }),
        ).toThrow('outer');
        expect(store.countTasks()).toBe(0);
      });

      it('a write inside a read is made, and what the read reads after it sees it', () => {
        const { store, eve } = world();
        const seen = store.read(() => {
          const before = store.countTasks();
          const id = store.write(() =>
            store.insertTask(taskFields(eve, eve, { title: 'Ops: Written in a read' })),
          );
          return { before, after: store.countTasks(), title: store.getTask(id)?.title };
        });
        expect(seen).toEqual({ before: 0, after: 1, title: 'Ops: Written in a read' });
        expect(store.read(() => store.countTasks())).toBe(1);
      });

      it('a write inside a read that throws leaves nothing, and the read goes on', () => {
        const { store, eve } = world();
        const after = store.read(() => {
          expect(() =>
            store.write(() => {
              store.insertTask(taskFields(eve, eve));
              throw new Error('refused');
            }),
          ).toThrow('refused');
          return store.countTasks();
        });
        expect(after).toBe(0);
        expect(store.countTasks()).toBe(0);
      });

      it('a scratch copy takes writes that never reach the store it was copied from', () => {
        const { store, eve } = world();
        store.write(() => store.insertTask(taskFields(eve, eve, { title: 'Ops: Kept' })));
        const copy = store.scratchCopy();
        try {
          copy.store.write(() =>
            copy.store.insertTask(taskFields(eve, eve, { title: 'Ops: Only in the copy' })),
          );
          expect(copy.store.countTasks()).toBe(2);
          expect(copy.store.getTask(1)?.title).toBe('Ops: Kept');
        } finally {
          copy.discard();
        }
        expect(store.countTasks()).toBe(1);
      });

      it('a scratch copy applied puts what was planned on it into the store it was copied from', () => {
        const { store, eve } = world();
        const copy = store.scratchCopy();
        let planned = 0;
        try {
          planned = copy.store.write(() =>
            copy.store.insertTask(taskFields(eve, eve, { title: 'Ops: Planned on the copy' })),
          );
          expect(copy.apply()).toBe(true);
        } finally {
          copy.discard();
        }
        expect(store.read(() => store.getTask(planned)?.title)).toBe('Ops: Planned on the copy');
        expect(store.countTasks()).toBe(1);
      });
    });

    describe('other connections', () => {
      it("dataVersion moves when another connection commits a write (an import's plan compares it)", (test) => {
        const { store } = world();
        const another = opened?.another;
        if (!another) return test.skip('SQLite in memory: no other connection can open it');
        const before = store.dataVersion();
        const other = another();
        try {
          other.store.write(() =>
            other.store.insertUser({
              name: 'zoe',
              fullName: null,
              role: 'employee',
              managerId: null,
              createdAt: T0,
            }),
          );
        } finally {
          other.close();
        }
        expect(store.dataVersion()).not.toBe(before);
        expect(store.read(() => store.findUserByName('zoe'))?.name).toBe('zoe');
      });
    });

    describe('ids', () => {
      it('people and tasks get distinct ids that stay theirs through updates; the instance id is stable', () => {
        const { store, ann, max, eve } = world();
        expect(new Set([ann.id, max.id, eve.id]).size).toBe(3);
        const [a, b] = store.write(() => [
          store.insertTask(taskFields(eve, eve, { title: 'Ops: A' })),
          store.insertTask(taskFields(eve, eve, { title: 'Ops: B' })),
        ]);
        expect(a).not.toBe(b);
        store.write(() => store.updateTask(a!, { title: 'Ops: A renamed', updatedAt: local(21) }));
        expect(store.getTask(a!)?.title).toBe('Ops: A renamed');
        expect(store.getTask(b!)?.title).toBe('Ops: B');
        expect(store.instanceId()).toMatch(/\S/);
        expect(store.instanceId()).toBe(store.instanceId());
      });
    });

    describe('people', () => {
      it('finds people by name and id, lists them by name, and knows who reports to whom', () => {
        const { store, ann, max, eve } = world();
        expect(store.findUserByName('eve')).toEqual(eve);
        expect(store.getUser(ann.id)).toEqual({
          id: ann.id,
          name: 'ann',
          fullName: 'Ann Admin',
          role: 'admin',
          managerId: null,
          createdAt: T0,
        });
        expect(store.listUsers().map((u) => u.name)).toEqual(['ann', 'eve', 'max']);
        expect(store.reportsOf(max.id).map((u) => u.name)).toEqual(['eve']);
        expect(store.countUsers()).toBe(3);
        store.write(() =>
          store.updateUser({ ...eve, fullName: 'Eve E.', role: 'manager', managerId: ann.id }),
        );
        expect(store.getUser(eve.id)).toMatchObject({
          fullName: 'Eve E.',
          role: 'manager',
          managerId: ann.id,
        });
        expect(store.getUser(9999)).toBeUndefined();
      });

      it('a second person with a taken name is refused', () => {
        const { store } = world();
        expect(() =>
          store.write(() =>
            store.insertUser({
              name: 'eve',
              fullName: null,
              role: 'employee',
              managerId: null,
              createdAt: T0,
            }),
          ),
        ).toThrow();
        expect(store.countUsers()).toBe(3);
      });

      it('removes only a person nothing refers to', () => {
        const { store, ann, max, eve } = world();
        store.write(() => store.insertTask(taskFields(ann, ann)));
        store.write(() => {
          store.deleteUserIfUnused(ann.id); // directs a task
          store.deleteUserIfUnused(max.id); // eve reports to max
          store.deleteUserIfUnused(eve.id);
        });
        expect(store.listUsers().map((u) => u.name)).toEqual(['ann', 'max']);
      });
    });

    describe('tasks', () => {
      it('keeps every field of a task as written, with the names of its people, project and tags joined in', () => {
        const { store, max, eve } = world();
        const fields = taskFields(max, eve, {
          kind: 'ordinary',
          status: 'in_progress',
          priority: 'high',
          deadline: local(25, 18),
          deadlineAllDay: false,
          deadlineHard: true,
          plannedMinutes: 90,
          acceptRequired: true,
          description: 'Two pages',
          mark: 'positive',
          closedAt: null,
          seenAt: local(20, 9, 30),
          management: true,
          review: false,
          part: 2,
        });
        const id = store.write(() => {
          const project = store.insertProject('Ops', T0);
          const taskId = store.insertTask({ ...fields, projectId: project.id });
          store.setTags(taskId, ['urgent', 'billing']);
          return taskId;
        });
        const task = store.getTask(id)!;
        const { projectId: _p, ...rest } = fields;
        expect(task).toMatchObject({
          ...rest,
          id,
          project: 'Ops',
          director: 'max',
          responsible: 'eve',
          tags: ['billing', 'urgent'],
          trackedSeconds: 0,
        });
        expect(task.projectId).toBe(store.findProjectByName('ops')?.id);
      });

      it('applies a patch to the named fields only', () => {
        const { store, eve } = world();
        const id = store.write(() =>
          store.insertTask(taskFields(eve, eve, { description: 'kept', plannedMinutes: 30 })),
        );
        store.write(() =>
          complete(store, id, eve, {
            closedAt: local(21, 17),
            deadline: local(22),
            updatedAt: local(21, 17),
          }),
        );
        expect(store.getTask(id)).toMatchObject({
          status: 'completed',
          closedAt: local(21, 17),
          deadline: local(22),
          description: 'kept',
          plannedMinutes: 30,
          updatedAt: local(21, 17),
        });
        store.write(() => store.updateTask(id, { deadline: null }));
        expect(store.getTask(id)?.deadline).toBeNull();
      });

      it('replaces a task’s tags and names every tag and project in use', () => {
        const { store, eve } = world();
        const id = store.write(() => store.insertTask(taskFields(eve, eve)));
        store.write(() => store.setTags(id, ['a', 'b']));
        store.write(() => store.setTags(id, ['b', 'c']));
        expect(store.getTask(id)?.tags).toEqual(['b', 'c']);
        expect(store.tasksTagged(['c'])).toEqual([id]);
        expect(store.tasksTagged(['a'])).toEqual([]);
      });

      it('R9: a tag is one in any letter case, Cyrillic too: +Офис and +офис are the same tag', () => {
        const { store, eve } = world();
        const [a, b, c] = store.write(() => {
          const ids = [1, 2, 3].map(() => store.insertTask(taskFields(eve, eve)));
          store.setTags(ids[0]!, ['Офис']);
          store.setTags(ids[1]!, ['офис', 'Ёлка']);
          store.setTags(ids[2]!, ['ОФИС', 'ёлка']);
          return ids;
        });
        // Listed as the server lists names: folded, in code-point order (ё, U+0451, after о).
        expect(store.tagNames()).toEqual(['Офис', 'Ёлка']);
        expect(store.getTask(b!)?.tags).toEqual(['Ёлка', 'Офис']);
        expect(store.tasksTagged(['офис']).sort((x, y) => x - y)).toEqual([a, b, c]);
        expect(store.findTasks({ tags: ['оФиС'] }).map((t) => t.id)).toEqual([a, b, c]);
        expect(store.findTasks({ tags: ['ЁЛКА'] }).map((t) => t.id)).toEqual([b, c]);
        expect(store.findTasks({ withoutTags: ['ёлка'] }).map((t) => t.id)).toEqual([a]);
      });

      it('finds a project by its name in any letter case, Cyrillic too', () => {
        const { store } = world();
        const project = store.write(() => store.insertProject('Продажи', T0));
        expect(store.findProjectByName('продажи')).toEqual(project);
        expect(store.findProjectByName('Sales')).toBeUndefined();
      });

      it('finds the tasks closed in a period (closedFrom, closedTo: from inclusive, to exclusive), open ones never', () => {
        const { store, max, eve } = world();
        store.write(() => {
          for (const [title, status, closedAt] of [
            ['Before', 'completed', local(20)],
            ['At the start', 'completed', local(21)],
            ['Inside', 'declined', local(22, 12)],
            ['At the end', 'completed', local(24)],
            ['Open', 'in_progress', null],
          ] as const)
            store.insertTask(taskFields(max, eve, { title, status, closedAt, deadline: null }));
        });
        const titles = (query: Parameters<Store['findTasks']>[0]) =>
          store.findTasks({ ...query, order: 'created' }).map((t) => t.title);
        expect(titles({ closedFrom: local(21), closedTo: local(24) })).toEqual(['At the start', 'Inside']);
        expect(titles({ closedFrom: local(22) })).toEqual(['Inside', 'At the end']);
        expect(titles({ closedTo: local(21) })).toEqual(['Before']);
        expect(titles({ closedFrom: local(21), closedTo: local(24), statuses: ['completed'] })).toEqual([
          'At the start',
        ]);
      });

      it('filters by person, status, kind, priority, project, tags, deadline, deletion and id, and lists by deadline, then priority, then id', () => {
        const { store, max, eve } = world();
        const ids = store.write(() => {
          const ops = store.insertProject('Ops', T0);
          const a = store.insertTask(
            taskFields(max, eve, {
              title: 'Ops: A',
              priority: 'low',
              deadline: local(23),
              projectId: ops.id,
            }),
          );
          const b = store.insertTask(
            taskFields(max, eve, {
              title: 'Ops: B',
              priority: 'high',
              deadline: local(23),
              projectId: ops.id,
            }),
          );
          const c = store.insertTask(
            taskFields(eve, eve, { title: 'C', priority: 'high', deadline: null, status: 'completed' }),
          );
          const d = store.insertTask(
            taskFields(max, max, { title: 'D', priority: 'medium', deadline: local(21), kind: 'control' }),
          );
          const e = store.insertTask(
            taskFields(max, eve, { title: 'E', deadline: local(22), deletedAt: local(20, 12) }),
          );
          store.setTags(a, ['x', 'y']);
          store.setTags(b, ['x']);
          return { a, b, c, d, e, ops: ops.id };
        });
        const titles = (query: Parameters<Store['findTasks']>[0]) =>
          store.findTasks(query).map((t) => t.title);
        expect(titles({})).toEqual(['D', 'Ops: B', 'Ops: A', 'C']);
        expect(titles({ responsibleId: eve.id })).toEqual(['Ops: B', 'Ops: A', 'C']);
        expect(titles({ directorId: eve.id })).toEqual(['C']);
        expect(titles({ statuses: ['completed'] })).toEqual(['C']);
        expect(titles({ kinds: ['control'] })).toEqual(['D']);
        expect(titles({ priorities: ['high'] })).toEqual(['Ops: B', 'C']);
        expect(titles({ projectId: ids.ops })).toEqual(['Ops: B', 'Ops: A']);
        expect(titles({ tags: ['x', 'y'] })).toEqual(['Ops: A']);
        expect(titles({ withoutTags: ['y'] })).toEqual(['D', 'Ops: B', 'C']);
        expect(titles({ dueFrom: local(22), dueTo: local(24) })).toEqual(['Ops: B', 'Ops: A']);
        expect(titles({ dueNone: true })).toEqual(['C']);
        expect(titles({ ids: [ids.a, ids.c, ids.e] })).toEqual(['Ops: A', 'C']);
        expect(titles({ includeDeleted: true })).toEqual(['D', 'E', 'Ops: B', 'Ops: A', 'C']);
        expect(titles({ onlyDeleted: true })).toEqual(['E']);
        expect(titles({ anyOf: [[{ priorities: ['low'] }, { kinds: ['control'] }]] })).toEqual([
          'D',
          'Ops: A',
        ]);
        expect(titles({ limit: 2 })).toEqual(['D', 'Ops: B']);
        expect(titles({ order: 'created' })).toEqual(['Ops: A', 'Ops: B', 'C', 'D']);
        expect(titles({ order: 'newest' })).toEqual(['D', 'C', 'Ops: B', 'Ops: A']);
        expect(titles({ order: 'priority' })).toEqual(['Ops: B', 'C', 'D', 'Ops: A']);
        expect(titles({ order: 'project' })).toEqual(['Ops: A', 'Ops: B', 'D', 'C']);
        // Ids and summaries come in the same order as the whole tasks.
        expect(store.findTaskIds({})).toEqual(store.findTasks({}).map((t) => t.id));
        expect(store.findTaskSummaries({ responsibleId: eve.id }).map((t) => [t.id, t.responsible])).toEqual(
          store.findTasks({ responsibleId: eve.id }).map((t) => [t.id, 'eve']),
        );
        expect(store.tasksDueBetween(eve.id, local(22), local(24)).map((t) => t.title)).toEqual([
          'Ops: A',
          'Ops: B',
        ]);
        expect(store.tasksDueFor([eve.id, max.id], local(22), local(24))).toEqual(
          store.tasksDueBetween(eve.id, local(22), local(24)),
        );
        expect(store.tasksDueFor([eve.id, max.id], local(1), local(30)).map((t) => t.title)).toEqual(
          [
            ...store.tasksDueBetween(eve.id, local(1), local(30)),
            ...store.tasksDueBetween(max.id, local(1), local(30)),
          ]
            .sort((a, b) => a.deadline!.getTime() - b.deadline!.getTime() || a.id - b.id)
            .map((t) => t.title),
        );
        expect(store.tasksDueFor([], local(1), local(30))).toEqual([]);
        // A list of responsibles, and of previous parts, as the one-person conditions give them.
        expect(store.findTasks({ responsibleIds: [eve.id, max.id] })).toEqual(
          store.findTasks({ anyOf: [[{ responsibleId: eve.id }, { responsibleId: max.id }]] }),
        );
        expect(store.findTasks({ responsibleIds: [max.id] })).toEqual(
          store.findTasks({ responsibleId: max.id }),
        );
        expect(store.findTasks({ previousPartIds: [ids.a, ids.c] })).toEqual([]);
        const part2 = store.write(() =>
          store.insertTask(taskFields(eve, eve, { title: 'Ops: A, part 2', part: 2, previousPartId: ids.a })),
        );
        expect(store.findTasks({ previousPartIds: [ids.a, ids.c] }).map((t) => t.id)).toEqual([part2]);
        expect(store.findTasks({ previousPartIds: [ids.a, ids.c] })).toEqual(
          store.findTasks({ previousPartId: ids.a }),
        );
        expect(store.overdueTasks([eve.id, max.id], local(22)).map((t) => t.title)).toEqual(['D']);
      });

      it('shows a person the tasks they are responsible for among the visible people, direct or observe (R4)', () => {
        const { store, ann, max, eve } = world();
        store.write(() => {
          store.insertTask(taskFields(ann, ann, { title: 'Ann alone' }));
          const seen = store.insertTask(taskFields(ann, ann, { title: 'Ann, observed by eve' }));
          store.addObserver(seen, eve.id);
          store.insertTask(taskFields(eve, max, { title: 'Max, directed by eve' }));
          store.insertTask(taskFields(max, eve, { title: 'Eve' }));
        });
        const visible = store
          .findTasks({ visibleTo: { actorId: eve.id, userIds: [eve.id] }, order: 'created' })
          .map((t) => t.title);
        expect(visible).toEqual(['Ann, observed by eve', 'Max, directed by eve', 'Eve']);
        expect(
          store
            .findTasks({ visibleTo: { actorId: max.id, userIds: [max.id, eve.id] }, order: 'created' })
            .map((t) => t.title),
        ).toEqual(['Max, directed by eve', 'Eve']);
      });

      it('keeps observers, co-executors, CRM links and dependencies of a task', () => {
        const { store, max, eve } = world();
        const [a, b] = store.write(() => {
          const first = store.insertTask(taskFields(max, eve, { title: 'A' }));
          const second = store.insertTask(taskFields(max, eve, { title: 'B' }));
          store.addObserver(first, max.id);
          store.addObserver(first, max.id);
          store.addCoExecutor(first, max.id);
          store.addCrmLink(first, { kind: 'deal', ref: '7' });
          store.addCrmLink(first, { kind: 'contact', ref: '3' });
          store.addLink(first, second, 'depends');
          store.addLink(first, second, 'depends');
          return [first, second];
        });
        expect(store.observersOf(a)).toEqual(['max']);
        expect(store.coExecutorsOf(a)).toEqual(['max']);
        expect(store.crmLinksOf(a)).toEqual([
          { kind: 'contact', ref: '3' },
          { kind: 'deal', ref: '7' },
        ]);
        expect(store.findTasks({ crm: { kind: 'deal', ref: '7' } }).map((t) => t.id)).toEqual([a]);
        expect(store.linksOf(a)).toEqual([{ otherId: b, kind: 'depends' }]);
        expect(store.linksTo(b)).toEqual([{ taskId: a, kind: 'depends' }]);
        expect(store.allLinks()).toEqual([{ taskId: a, otherId: b, kind: 'depends' }]);
        expect(store.dependencyLinks([a, b])).toEqual([{ taskId: a, otherId: b, otherOpen: true }]);
        expect(store.findTasks({ dependency: 'blocked' }).map((t) => t.id)).toEqual([a]);
        expect(store.findTasks({ dependency: 'blocking' }).map((t) => t.id)).toEqual([b]);
        store.write(() => complete(store, b!, eve));
        expect(store.dependencyLinks([a])).toEqual([{ taskId: a, otherId: b, otherOpen: false }]);
        // A long list of ids (every task of a team) gives the links of the listed tasks alike.
        const many = Array.from({ length: 1_200 }, (_, i) => 10_000 + i);
        expect(store.dependencyLinks([...many, a])).toEqual([{ taskId: a, otherId: b, otherOpen: false }]);
        expect(store.dependencyLinks([...many, b])).toEqual([]);
        expect(store.findTasks({ dependency: 'blocked' })).toEqual([]);
        store.write(() => {
          store.removeObserver(a!, max.id);
          store.removeCrmLink(a!, { kind: 'deal', ref: '7' });
          store.removeLink(a!, b!, 'depends');
        });
        expect(store.observersOf(a)).toEqual([]);
        expect(store.crmLinksOf(a)).toEqual([{ kind: 'contact', ref: '3' }]);
        expect(store.allLinks()).toEqual([]);
      });

      it('sums projects and tags: open and total tasks and finished tracked time, deleted tasks left out', () => {
        const { store, eve } = world();
        store.write(() => {
          const ops = store.insertProject('Ops', T0);
          store.insertProject('Empty', T0);
          const a = store.insertTask(taskFields(eve, eve, { projectId: ops.id }));
          const b = store.insertTask(taskFields(eve, eve, { projectId: ops.id, status: 'completed' }));
          store.insertTask(taskFields(eve, eve, { projectId: ops.id, deletedAt: T0 }));
          store.setTags(a, ['x']);
          store.setTags(b, ['x']);
          store.insertEntry(entry(a, eve, local(20, 9), local(20, 10)));
        });
        expect(store.projectNames()).toEqual(['Empty', 'Ops']);
        expect(store.projectSummaries()).toEqual([
          { name: 'Empty', open: 0, total: 0, trackedSeconds: 0 },
          { name: 'Ops', open: 1, total: 2, trackedSeconds: 3600 },
        ]);
        expect(store.tagSummaries()).toEqual([{ name: 'x', open: 1, total: 2, trackedSeconds: 3600 }]);
        expect(store.tagNames()).toEqual(['x']);
        expect(store.projectSummaries({ actorId: eve.id, userIds: [eve.id] }).map((s) => s.name)).toEqual([
          'Ops',
        ]);
      });
    });

    describe('task queries, every condition', () => {
      it('long lists of ids (more than a hundred) answer as short ones: tasks, next parts, deadline moves', () => {
        const { store, max, eve } = world();
        const ids = store.write(() =>
          Array.from({ length: 130 }, (_, i) =>
            store.insertTask(taskFields(max, eve, { title: `Task ${i}` })),
          ),
        );
        const [moved, next] = store.write(() => {
          store.insertHistory([
            {
              taskId: ids[7]!,
              actorId: max.id,
              at: local(20, 10),
              field: 'deadline',
              oldValue: null,
              newValue: String(local(22).getTime()),
              note: null,
            },
          ]);
          return [
            ids[7]!,
            store.insertTask(taskFields(max, eve, { title: 'Part 2', part: 2, previousPartId: ids[99]! })),
          ];
        });
        const missing = [9_999_991, 9_999_992];
        const long = [...ids, ...missing];
        const short = [ids[0]!, ids[7]!, ids[99]!, ...missing];
        store.read(() => {
          expect(store.findTasks({ ids: long }).map((t) => t.id)).toEqual(ids);
          expect(store.findTasks({ ids: long, order: 'created' })).toEqual(
            store.findTasks({ ids, order: 'created' }),
          );
          expect(store.findTasks({ previousPartIds: long }).map((t) => t.id)).toEqual([next]);
          expect(store.findTasks({ previousPartIds: short }).map((t) => t.id)).toEqual([next]);
          expect(store.deadlineChanges(long).map((c) => c.taskId)).toEqual([moved]);
          expect(store.deadlineChanges(long)).toEqual(store.deadlineChanges(short));
        });
      });

      it('narrows by parent and previous part, by tags in any letter case, by several or-sets at once; a person’s own list needs no further check (R4)', () => {
        const { store, ann, max, eve } = world();
        const ids = store.write(() => {
          const parent = store.insertTask(
            taskFields(max, eve, { title: 'P', kind: 'general', generalLevel: 1 }),
          );
          const step = store.insertTask(
            taskFields(max, eve, { title: 'S', parentId: parent, priority: 'high' }),
          );
          const next = store.insertTask(
            taskFields(max, eve, { title: 'S2', previousPartId: step, part: 2, priority: 'low' }),
          );
          const other = store.insertTask(taskFields(ann, ann, { title: 'O', priority: 'high' }));
          store.setTags(step, ['Urgent']);
          store.setTags(other, ['urgent', 'billing']);
          return { parent, step, next, other };
        });
        const titles = (query: Parameters<Store['findTasks']>[0]) =>
          store.findTasks({ order: 'created', ...query }).map((t) => t.title);
        expect(titles({ parentId: ids.parent })).toEqual(['S']);
        expect(titles({ previousPartId: ids.step })).toEqual(['S2']);
        // One tag whatever the letter case it is written in: the first spelling is kept.
        expect(store.getTask(ids.other)?.tags).toEqual(['billing', 'Urgent']);
        expect(titles({ tags: ['URGENT'] })).toEqual(['S', 'O']);
        expect(titles({ withoutTags: ['urgent'] })).toEqual(['P', 'S2']);
        expect(store.tasksTagged(['URGENT']).sort((a, b) => a - b)).toEqual([ids.step, ids.other]);
        expect(
          titles({
            anyOf: [[{ priorities: ['high'] }, { previousPartId: ids.step }], [{ directorId: max.id }]],
          }),
        ).toEqual(['S', 'S2']);
        expect(titles({ anyOf: [[{}]] })).toEqual(['P', 'S', 'S2', 'O']);
        expect(titles({ anyOf: [[]] })).toEqual([]);
        expect(titles({ limit: 0 })).toEqual([]);
        const eveSees = { actorId: eve.id, userIds: [eve.id] };
        expect(titles({ visibleTo: eveSees, responsibleId: eve.id })).toEqual(['P', 'S', 'S2']);
        expect(titles({ visibleTo: eveSees, responsibleId: ann.id })).toEqual([]);
        expect(store.findTaskSummaries({ ids: [ids.step] })).toEqual([
          {
            id: ids.step,
            title: 'S',
            status: 'new',
            priority: 'high',
            deadline: null,
            deadlineAllDay: false,
            deadlineHard: false,
            plannedMinutes: null,
            responsibleId: eve.id,
            responsible: 'eve',
            seenAt: null,
            trackedSeconds: 0,
          },
        ]);
        expect(store.taskParties(ids.step)).toEqual({
          id: ids.step,
          directorId: max.id,
          responsibleId: eve.id,
        });
        expect(store.taskParties(9999)).toBeUndefined();
        expect(store.countTasks()).toBe(4);
      });

      it("reads the list table's rows of the ids given, in their order: deleted tasks too, unknown ids left out (issue 22)", () => {
        const { store, max, eve } = world();
        const deadline = local(23, 17, 30);
        const ids = store.write(() => {
          const due = store.insertTask(
            taskFields(max, eve, {
              title: 'Sales: Call Вера ✅',
              status: 'pending',
              priority: 'high',
              deadline,
              deadlineHard: true,
              plannedMinutes: 90,
              seenAt: T0,
            }),
          );
          const allDay = store.insertTask(
            taskFields(eve, max, { priority: 'low', deadline: local(24), deadlineAllDay: true }),
          );
          const deleted = store.insertTask(taskFields(max, eve, { title: 'Gone', deletedAt: T0 }));
          store.insertEntry(entry(due, eve, local(20, 9), local(20, 10, 30)));
          return { due, allDay, deleted };
        });
        const rows = store.taskListRows([ids.deleted, 9999, ids.due, ids.allDay]);
        expect(rows).toEqual([
          {
            id: ids.deleted,
            title: 'Gone',
            status: 'new',
            priority: 'medium',
            deadlineAt: null,
            deadlineAllDay: false,
            deadlineHard: false,
            plannedMinutes: null,
            responsibleId: eve.id,
            seen: false,
            trackedSeconds: 0,
          },
          {
            id: ids.due,
            title: 'Sales: Call Вера ✅',
            status: 'pending',
            priority: 'high',
            deadlineAt: deadline.getTime(),
            deadlineAllDay: false,
            deadlineHard: true,
            plannedMinutes: 90,
            responsibleId: eve.id,
            seen: true,
            trackedSeconds: 5400,
          },
          {
            id: ids.allDay,
            title: 'Ops: Check the invoices',
            status: 'new',
            priority: 'low',
            deadlineAt: local(24).getTime(),
            deadlineAllDay: true,
            deadlineHard: false,
            plannedMinutes: null,
            responsibleId: max.id,
            seen: false,
            trackedSeconds: 0,
          },
        ]);
        // The same facts as the summaries of the same tasks.
        const summaries = store.findTaskSummaries({ ids: [ids.due, ids.allDay], includeDeleted: true });
        expect(rows.slice(1).map((r) => [r.id, r.responsibleId, r.deadlineAt, r.trackedSeconds])).toEqual(
          summaries.map((t) => [t.id, t.responsibleId, t.deadline?.getTime() ?? null, t.trackedSeconds]),
        );
        expect(store.taskListRows([])).toEqual([]);
      });

      it("reads the list table's rows of a query in its order, a page at a time, in one pass (issue 22)", () => {
        const { store, ann, max, eve } = world();
        store.write(() => {
          const ops = store.insertProject('Ops', T0);
          for (let i = 1; i <= 5; i++)
            store.insertTask(
              taskFields(max, i % 2 ? eve : ann, {
                title: `T${i}`,
                deadline: i === 3 ? null : local(20 + (i % 3)),
                priority: i === 4 ? 'high' : 'medium',
                projectId: i % 2 ? ops.id : null,
              }),
            );
        });
        const eveSees = { actorId: eve.id, userIds: [eve.id] };
        for (const query of [
          { order: 'deadline' as const },
          { order: 'project' as const },
          { order: 'newest' as const, limit: 4 },
          { order: 'deadline' as const, visibleTo: eveSees },
        ]) {
          const pages = [...store.taskListPages(query, 2)];
          // Every page full but the last, which is never empty.
          expect(pages.map((page) => page.length)).toEqual(
            pages.map((_, i) => (i < pages.length - 1 ? 2 : pages.at(-1)!.length)),
          );
          expect(pages.at(-1)!.length).toBeGreaterThan(0);
          expect(pages.flat()).toEqual(store.taskListRows(store.findTaskIds(query)));
        }
        expect(
          [...store.taskListPages({ order: 'deadline', visibleTo: eveSees }, 10)].flat().map((r) => r.title),
        ).toEqual(['T1', 'T5', 'T3']);
        expect([...store.taskListPages({ limit: 0 }, 2)]).toEqual([]);
      });

      it('carries into a past day the overdue tasks that were open when it began, by their status history (R34, R36)', () => {
        const { store, max, eve } = world();
        const dayStart = local(22);
        const overdue = (title: string, patch: Partial<TaskFields> = {}) =>
          store.insertTask(taskFields(max, eve, { title, deadline: local(21), ...patch }));
        store.write(() => {
          const closedLater = overdue('closed that day', { status: 'completed', closedAt: local(22, 15) });
          overdue('closed before', { status: 'completed', closedAt: local(21, 12) });
          const revived = overdue('revived that day', { status: 'pending' });
          overdue('created that day', { createdAt: local(22, 9) });
          overdue('due that day', { deadline: local(22, 12) });
          overdue('deleted', { deletedAt: local(21, 18) });
          overdue('open', { status: 'new' });
          overdue('deferred', { status: 'deferred' });
          const status = (taskId: number, at: Date, oldValue: string, newValue: string) => ({
            taskId,
            actorId: eve.id,
            at,
            field: 'status',
            oldValue,
            newValue,
            note: null,
          });
          store.insertHistory([
            status(closedLater, local(20, 10), 'new', 'in_progress'),
            status(closedLater, local(22, 15), 'in_progress', 'completed'),
            status(revived, local(21, 12), 'new', 'completed'),
            status(revived, local(22, 10), 'completed', 'pending'),
          ]);
        });
        expect(store.overdueTasksAt([eve.id], dayStart).map((t) => t.title)).toEqual([
          'closed that day',
          'open',
        ]);
        expect(store.overdueTasksAt([max.id], dayStart)).toEqual([]);
      });
    });

    describe('time entries', () => {
      function withTask() {
        const w = world();
        const task = w.store.write(() => w.store.insertTask(taskFields(w.eve, w.eve)));
        return { ...w, task };
      }

      it('keeps an entry as written and counts finished time on its task', () => {
        const { store, eve, task } = withTask();
        const written = entry(task, eve, local(20, 9), local(20, 10, 30), {
          source: 'manual',
          comment: 'call',
          retroactive: true,
          reason: 'forgot',
        });
        const id = store.write(() => store.insertEntry(written));
        expect(store.getEntry(id)).toEqual({ ...written, id });
        expect(store.getTask(task)?.trackedSeconds).toBe(90 * 60);
        expect(store.entriesOfTask(task).map((e) => e.id)).toEqual([id]);
        expect(store.firstEntryStart()).toEqual(local(20, 9));
      });

      it('allows one running timer per person: a second is refused and the first stays', () => {
        const { store, max, eve, task } = withTask();
        const first = store.write(() => store.insertEntry(entry(task, eve, local(20, 9), null)));
        expect(() => store.write(() => store.insertEntry(entry(task, eve, local(20, 9, 5), null)))).toThrow();
        store.write(() => store.insertEntry(entry(task, max, local(20, 9, 5), null)));
        expect(store.runningEntryOf(eve.id)?.id).toBe(first);
        expect(store.runningEntriesOnTask(task)).toHaveLength(2);
        expect(store.runningEntries().map((e) => e.userId)).toEqual([eve.id, max.id]);
        expect(store.runningSecondsByTask(local(20, 10))).toEqual(new Map([[task, 3600 + 55 * 60]]));
      });

      it('stops only a running entry, and the stopped time counts on its task', () => {
        const { store, eve, task } = withTask();
        const id = store.write(() => store.insertEntry(entry(task, eve, local(20, 9), null)));
        store.write(() => store.stopEntry(id, local(20, 9, 45), local(20, 9, 45)));
        store.write(() => store.stopEntry(id, local(20, 11), local(20, 11)));
        expect(store.getEntry(id)?.endAt).toEqual(local(20, 9, 45));
        expect(store.runningEntryOf(eve.id)).toBeUndefined();
        expect(store.getTask(task)?.trackedSeconds).toBe(45 * 60);
      });

      it('edits, re-ends and moves an entry; the tracked totals of both tasks follow', () => {
        const { store, eve, task } = withTask();
        const other = store.write(() => store.insertTask(taskFields(eve, eve, { title: 'Ops: Other' })));
        const id = store.write(() => store.insertEntry(entry(task, eve, local(20, 9), local(20, 10))));
        store.write(() =>
          store.updateEntry(
            id,
            {
              startAt: local(20, 8),
              endAt: local(20, 10),
              comment: 'earlier',
              retroactive: true,
              reason: 'late',
            },
            local(20, 12),
          ),
        );
        expect(store.getEntry(id)).toMatchObject({
          startAt: local(20, 8),
          endAt: local(20, 10),
          comment: 'earlier',
          retroactive: true,
          reason: 'late',
        });
        expect(store.getTask(task)?.trackedSeconds).toBe(2 * 3600);
        store.write(() => store.setEntryEnd(id, local(20, 11), local(20, 12)));
        store.write(() => store.moveEntry(id, other, local(20, 12)));
        expect(store.getTask(task)?.trackedSeconds).toBe(0);
        expect(store.getTask(other)?.trackedSeconds).toBe(3 * 3600);
      });

      it('finds a person’s entries overlapping a period, however long ago a long one began, and a running one', () => {
        const { store, max, eve, task } = withTask();
        const ids = store.write(() => ({
          longAgo: store.insertEntry(
            entry(task, eve, local(1, 9), local(19, 9), { source: 'manual', comment: 'a long stretch' }),
          ),
          before: store.insertEntry(entry(task, eve, local(20, 7), local(20, 8))),
          touching: store.insertEntry(entry(task, eve, local(20, 8), local(20, 9))),
          inside: store.insertEntry(entry(task, eve, local(20, 9, 30), local(20, 10))),
          others: store.insertEntry(entry(task, max, local(20, 9), local(20, 10))),
          running: store.insertEntry(entry(task, eve, local(20, 11), null)),
        }));
        expect(store.entriesOfUserBetween(eve.id, local(20, 9), local(20, 12)).map((e) => e.id)).toEqual([
          ids.inside,
          ids.running,
        ]);
        expect(store.entriesOfUserBetween(eve.id, local(18), local(20, 7, 30)).map((e) => e.id)).toEqual([
          ids.longAgo,
          ids.before,
        ]);
        expect(store.entriesOfUserBetween(eve.id, local(25), local(26)).map((e) => e.id)).toEqual([
          ids.running,
        ]);
        // Several people in one read: each person's as entriesOfUserBetween gives them, person by person.
        for (const [from, to] of [
          [local(20, 9), local(20, 12)],
          [local(18), local(20, 7, 30)],
          [local(25), local(26)],
        ] as const)
          expect(store.entriesOfUsersBetween([max.id, eve.id], from, to)).toEqual(
            [max, eve]
              .sort((a, b) => a.id - b.id)
              .flatMap((person) => store.entriesOfUserBetween(person.id, from, to)),
          );
        expect(store.entriesOfUsersBetween([max.id], local(20, 9), local(20, 12)).map((e) => e.id)).toEqual([
          ids.others,
        ]);
        expect(store.entriesOfUsersBetween([], local(1), local(30))).toEqual([]);
        expect(store.allEntries().map((e) => e.id)).toEqual([
          ids.longAgo,
          ids.before,
          ids.touching,
          ids.others,
          ids.inside,
          ids.running,
        ]);
        expect(store.allEntries({ actorId: max.id, userIds: [max.id] })).toEqual([]);
      });

      it('lists only the entries of a person’s people on tasks that person may see (R4)', () => {
        const { store, ann, max, eve } = world();
        const ids = store.write(() => {
          const evesTask = store.insertTask(taskFields(max, eve));
          const annsTask = store.insertTask(taskFields(ann, ann, { title: 'Ops: Ann’s' }));
          return {
            annsTask,
            eves: store.insertEntry(entry(evesTask, eve, local(20, 9), local(20, 10))),
            maxs: store.insertEntry(entry(evesTask, max, local(20, 10), local(20, 11))),
            onAnns: store.insertEntry(entry(annsTask, eve, local(20, 11), local(20, 12))),
          };
        });
        const ofEntries = (visibleTo: { actorId: number; userIds: number[] }) =>
          store.allEntries(visibleTo).map((e) => e.id);
        expect(ofEntries({ actorId: max.id, userIds: [max.id, eve.id] })).toEqual([ids.eves, ids.maxs]);
        expect(ofEntries({ actorId: eve.id, userIds: [eve.id] })).toEqual([ids.eves]);
        store.write(() => store.addObserver(ids.annsTask, eve.id));
        expect(ofEntries({ actorId: eve.id, userIds: [eve.id] })).toEqual([ids.eves, ids.onAnns]);
      });

      it('R20: finds when work overlapping a period was first made - the later of its start and its entry, at least the period’s start', () => {
        const { store, eve, task } = withTask();
        store.write(() => {
          store.insertEntry(
            entry(task, eve, local(19, 8), local(20, 8, 30), { source: 'manual', comment: 'night shift' }),
          );
          store.insertEntry(
            entry(task, eve, local(20, 9), local(20, 10), {
              source: 'manual',
              comment: 'entered afterwards',
              createdAt: local(20, 10),
            }),
          );
          store.insertEntry(entry(task, eve, local(20, 9, 30), local(20, 11)));
          store.insertEntry(
            entry(task, eve, local(20, 12), local(20, 13), {
              source: 'manual',
              comment: 'entered days later',
              createdAt: local(23),
            }),
          );
          store.insertEntry(entry(task, eve, local(21, 9), null));
        });
        expect(store.firstWorkMadeBetween(eve.id, local(20, 9), local(20, 12))).toEqual(local(20, 9, 30));
        expect(store.firstWorkMadeBetween(eve.id, local(20, 8), local(20, 12))).toEqual(local(20, 8));
        expect(store.firstWorkMadeBetween(eve.id, local(20, 12), local(20, 14))).toBeNull();
        expect(store.firstWorkMadeBetween(eve.id, local(22), local(23))).toEqual(local(22));
        expect(store.firstWorkMadeBetween(eve.id, local(18), local(19))).toBeNull();
      });

      it('resumes the stretch that stopped last, cancelled (zero-long) and manual ones left out', () => {
        const { store, eve, task } = withTask();
        const other = store.write(() => store.insertTask(taskFields(eve, eve, { title: 'Ops: Other' })));
        const ids = store.write(() => ({
          long: store.insertEntry(entry(task, eve, local(20, 8), local(20, 12))),
          short: store.insertEntry(entry(other, eve, local(20, 9), local(20, 10))),
          cancelled: store.insertEntry(entry(other, eve, local(20, 13), local(20, 13))),
          manual: store.insertEntry(
            entry(other, eve, local(20, 14), local(20, 15), { source: 'manual', comment: 'by hand' }),
          ),
        }));
        expect(store.lastStoppedEntryOf(eve.id)?.id).toBe(ids.long);
      });

      it('lists one person’s overlapping entries (time counted twice) and time by someone not responsible (R2)', () => {
        const { store, max, eve, task } = withTask();
        const ids = store.write(() => ({
          a: store.insertEntry(entry(task, eve, local(20, 9), local(20, 11))),
          b: store.insertEntry(entry(task, eve, local(20, 10), local(20, 12))),
          c: store.insertEntry(entry(task, max, local(20, 10), local(20, 12))),
        }));
        expect(store.overlappingEntries(local(21), 10)).toEqual([
          { entryId: ids.b, previousId: ids.a, user: 'eve' },
        ]);
        expect(store.entriesNotByResponsible()).toEqual([
          { entryId: ids.c, taskId: task, user: 'max', responsible: 'eve' },
        ]);
        store.write(() => store.addCoExecutor(task, max.id));
        expect(store.entriesNotByResponsible()).toEqual([]);
      });

      it('keeps the correction log of entries (R22, R23), with who changed what and when', () => {
        const { store, max, eve, task } = withTask();
        const other = store.write(() => store.insertTask(taskFields(eve, eve, { title: 'Ops: Other' })));
        const id = store.write(() => store.insertEntry(entry(task, eve, local(20, 9), local(20, 10))));
        const untouched = store.write(() =>
          store.insertEntry(entry(task, eve, local(20, 11), local(20, 12))),
        );
        const first = {
          entryId: id,
          actorId: eve.id,
          at: local(21, 9),
          oldStart: local(20, 9),
          oldEnd: local(20, 10),
          newStart: local(20, 8),
          newEnd: local(20, 10),
          comment: 'earlier',
          retroactive: true,
          reason: 'late',
        };
        const second = {
          entryId: id,
          actorId: eve.id,
          at: local(21, 10),
          oldStart: local(20, 8),
          oldEnd: local(20, 10),
          newStart: local(20, 8),
          newEnd: local(20, 10),
          comment: 'moved',
          retroactive: false,
          reason: null,
          taskMove: { from: task, to: other },
        };
        store.write(() => {
          store.insertEntryChange(first);
          store.insertEntryChange(second);
        });
        expect(store.changesOfEntry(id)).toEqual([
          { ...first, actor: 'eve' },
          { ...second, actor: 'eve' },
        ]);
        expect(store.correctedEntryIds([id, untouched])).toEqual(new Set([id]));
        expect(store.changesOfEntries([id, untouched])).toEqual(new Map([[id, [first, second]]]));
        expect(store.lastEntryChangeBy(eve.id)).toEqual({ entryId: id, at: local(21, 10) });
        expect(store.lastEntryChangeBy(max.id)).toBeUndefined();
        expect(store.entryChangesAt(eve.id, local(21, 9))).toEqual([first]);
        const corrections = store.correctionsAfter(eve.id, local(21), local(20), local(21));
        expect(corrections.map((c) => [c.entryId, c.taskId, c.comment])).toEqual([
          [id, task, 'earlier'],
          [id, task, 'moved'],
        ]);
        expect(
          store.correctionsAfter(eve.id, local(21, 9, 30), local(20), local(21)).map((c) => c.comment),
        ).toEqual(['moved']);
      });
    });

    describe('tracked time in reports', () => {
      it('splits entries at local midnight, counts a running entry up to now, and totals per person, day, task, project, tag and CRM link', () => {
        const { store, max, eve } = world();
        const { a, b } = store.write(() => {
          const ops = store.insertProject('Ops', T0);
          const first = store.insertTask(taskFields(eve, eve, { projectId: ops.id }));
          const second = store.insertTask(taskFields(max, max, { title: 'Other' }));
          store.setTags(first, ['x']);
          store.addCrmLink(first, { kind: 'deal', ref: '7' });
          store.insertEntry(entry(first, eve, local(20, 23), local(21, 1))); // two hours over midnight
          store.insertEntry(entry(first, eve, local(21, 9), local(21, 10)));
          store.insertEntry(entry(second, max, local(21, 9), null)); // running
          return { a: first, b: second };
        });
        const now = local(21, 9, 30);
        const byDay = store.trackedByDay([eve.id, max.id], local(20), local(22), now);
        expect(byDay.sort((x, y) => x.day.localeCompare(y.day) || x.userId - y.userId)).toEqual([
          { userId: eve.id, day: '2026-11-20', taskId: a, seconds: 3600 },
          ...[
            { userId: eve.id, day: '2026-11-21', taskId: a, seconds: 2 * 3600 },
            { userId: max.id, day: '2026-11-21', taskId: b, seconds: 1800 },
          ].sort((x, y) => x.userId - y.userId),
        ]);
        expect(store.trackedPerUserDay([eve.id], local(21), local(22), now)).toEqual([
          { userId: eve.id, day: '2026-11-21', seconds: 2 * 3600 },
        ]);
        expect(store.trackedPerDay([eve.id, max.id], local(20), local(22), now, [])).toEqual(
          new Map([
            ['2026-11-20', 3600],
            ['2026-11-21', 2 * 3600 + 1800],
          ]),
        );
        expect(store.trackedPerDay([eve.id, max.id], local(20), local(22), now, [b])).toEqual(
          new Map([
            ['2026-11-20', 3600],
            ['2026-11-21', 2 * 3600],
          ]),
        );
        const facets = store.trackedPerFacet([eve.id, max.id], local(21), local(22), now, []);
        expect(facets.projects.sort()).toEqual(
          [
            ['Ops', 2 * 3600],
            [null, 1800],
          ].sort(),
        );
        expect(facets.tags.sort()).toEqual(
          [
            ['x', 2 * 3600],
            [null, 1800],
          ].sort(),
        );
        expect(facets.crm).toEqual([['deal:7', 2 * 3600]]);
      });
      it('tasksWorkedOrClosed: the tasks of entries overlapping the period and of results made in it, deleted ones too', () => {
        const { store, max, eve } = world();
        const ids = store.write(() => {
          const make = (responsible: User, title: string) =>
            store.insertTask(taskFields(max, responsible, { title }));
          const worked = make(eve, 'worked');
          const before = make(eve, 'before');
          const over = make(eve, 'over the start');
          const running = make(max, 'running');
          const others = make(max, 'worked by another');
          const closed = make(eve, 'closed');
          const closedEarlier = make(eve, 'closed earlier');
          const deleted = make(eve, 'deleted');
          store.insertEntry(entry(worked, eve, local(21, 9), local(21, 10)));
          store.insertEntry(entry(before, eve, local(19, 9), local(20, 0)));
          store.insertEntry(entry(over, eve, local(19, 23), local(20, 1)));
          store.insertEntry(entry(running, max, local(18, 9), null));
          store.insertEntry(entry(others, max, local(21, 9), local(21, 10)));
          complete(store, closed, eve, { closedAt: local(22, 12) });
          complete(store, closedEarlier, eve, { closedAt: local(19, 12) });
          store.insertEntry(entry(deleted, eve, local(21, 11), local(21, 12)));
          store.updateTask(deleted, { deletedAt: local(22) });
          return { worked, over, running, others, closed, deleted };
        });
        const read = (people: User[]) =>
          store.read(() =>
            store.tasksWorkedOrClosed(
              people.map((p) => p.id),
              local(20),
              local(23),
            ),
          );
        expect(read([eve, max]).map((t) => t.id)).toEqual(
          [ids.worked, ids.over, ids.running, ids.others, ids.closed, ids.deleted].sort((x, y) => x - y),
        );
        expect(read([eve]).map((t) => t.title)).toEqual(['worked', 'over the start', 'closed', 'deleted']);
        expect(read([eve])[0]).toEqual(store.read(() => store.getTask(ids.worked)));
        expect(read([])).toEqual([]);
      });

      it('splits at local midnight on the nights clocks go back (DST), as the local calendar has the days', () => {
        const { store, eve } = world();
        const at = (month: number, day: number, hour: number, minute = 0) =>
          new Date(2026, month, day, hour, minute);
        // 25 October 2026 (Europe) and 1 November 2026 (North America): days of 25 hours where clocks go back.
        const task = store.write(() => {
          const id = store.insertTask(taskFields(eve, eve));
          store.insertEntry(entry(id, eve, at(9, 24, 22), at(9, 25, 3)));
          store.insertEntry(entry(id, eve, at(9, 31, 22), at(10, 1, 3)));
          store.insertEntry(entry(id, eve, at(10, 1, 0, 30), at(10, 1, 23, 30)));
          store.insertTask(
            taskFields(eve, eve, { title: 'Late', deadline: at(9, 25, 23, 30), plannedMinutes: 25 }),
          );
          store.insertTask(
            taskFields(eve, eve, { title: 'Early', deadline: at(9, 25, 0, 30), plannedMinutes: 5 }),
          );
          store.insertTask(
            taskFields(eve, eve, { title: 'Last', deadline: at(10, 1, 23, 30), plannedMinutes: 15 }),
          );
          return id;
        });
        const seconds = (start: Date, end: Date) => (end.getTime() - start.getTime()) / 1000;
        const expected = new Map([
          ['2026-10-24', seconds(at(9, 24, 22), at(9, 25, 0))],
          ['2026-10-25', seconds(at(9, 25, 0), at(9, 25, 3))],
          ['2026-10-31', seconds(at(9, 31, 22), at(10, 1, 0))],
          ['2026-11-01', seconds(at(10, 1, 0), at(10, 1, 3)) + seconds(at(10, 1, 0, 30), at(10, 1, 23, 30))],
        ]);
        const [from, to, now] = [at(9, 24, 0), at(10, 3, 0), at(10, 3, 0)];
        expect(store.trackedPerDay([eve.id], from, to, now, [])).toEqual(expected);
        expect(
          store.trackedPerUserDay([eve.id], from, to, now).sort((a, b) => a.day.localeCompare(b.day)),
        ).toEqual([...expected].map(([day, s]) => ({ userId: eve.id, day, seconds: s })));
        expect(
          store.trackedByDay([eve.id], from, to, now).sort((a, b) => a.day.localeCompare(b.day)),
        ).toEqual([...expected].map(([day, s]) => ({ userId: eve.id, day, taskId: task, seconds: s })));
        expect(store.plannedByDay([eve.id], from, to)).toEqual([
          { userId: eve.id, day: '2026-10-25', minutes: 30 },
          { userId: eve.id, day: '2026-11-01', minutes: 15 },
        ]);
      });
    });

    describe('reads named ahead (readAhead)', () => {
      it('answers each read as calling it then would, only when asked, and once', () => {
        const { store, max, eve } = world();
        const [a, b] = store.write(() => [
          store.insertTask(taskFields(max, eve, { title: 'First' })),
          store.insertTask(taskFields(max, max, { title: 'Second' })),
        ]);
        store.write(() => store.setTags(a, ['y', 'x']));
        const answers = store.read(() => {
          const ahead = store.readAhead({
            mine: () => store.findTasks({ responsibleId: eve.id }),
            users: () => store.listUsers(),
            both: () => store.findTasks({ ids: [b, a], order: 'created' }),
            never: () => store.getTask(999),
          });
          // Asked out of the order they were named, one of them twice.
          return { both: ahead.both(), mine: ahead.mine(), users: ahead.users(), again: ahead.mine() };
        });
        expect(answers.both.map((t) => t.title)).toEqual(['First', 'Second']);
        expect(answers.mine.map((t) => [t.id, t.tags])).toEqual([[a, ['x', 'y']]]);
        expect(answers.again).toBe(answers.mine);
        expect(answers.users.map((u) => u.name)).toEqual(['ann', 'eve', 'max']);
        // What was named and never asked for leaves nothing behind: the next read asks afresh.
        expect(store.read(() => store.getTask(a)?.title)).toBe('First');
      });

      it('a read named and never asked is forgotten when its read ends: the next read sees what was written since', () => {
        const { store, eve } = world();
        const id = store.write(() => store.insertTask(taskFields(eve, eve, { title: 'Before' })));
        store.read(() => {
          store.readAhead({ task: () => store.getTask(id) });
        });
        store.write(() => store.updateTask(id, { title: 'After' }));
        expect(store.read(() => store.getTask(id)?.title)).toBe('After');
      });

      it('a read asked after a write inside the same read sees the write (nothing read early is given)', () => {
        const { store, eve } = world();
        const id = store.write(() => store.insertTask(taskFields(eve, eve, { title: 'Before' })));
        const seen = store.read(() => {
          const ahead = store.readAhead({ task: () => store.getTask(id), tasks: () => store.findTasks({}) });
          store.write(() => store.updateTask(id, { title: 'After' }));
          return [ahead.task()?.title, ahead.tasks().map((t) => t.title)];
        });
        expect(seen).toEqual(['After', ['After']]);
      });

      it('a read named ahead may itself name reads ahead: every answer is the one asking gives', () => {
        const { store, max, eve } = world();
        const [a, b] = store.write(() => [
          store.insertTask(
            taskFields(max, eve, { title: 'Due', deadline: local(20, 12), plannedMinutes: 30 }),
          ),
          store.insertTask(taskFields(max, max, { title: 'Other' })),
        ]);
        const direct = store.read(() => ({
          planned: store.plannedByDay([eve.id], local(20), local(21), local(22)),
          tasks: store.findTasks({ ids: [a, b] }),
        }));
        const nested = store.read(() => {
          const outer = store.readAhead({
            both: () => {
              const inner = store.readAhead({
                planned: () => store.plannedByDay([eve.id], local(20), local(21), local(22)),
                tasks: () => store.findTasks({ ids: [a, b] }),
              });
              return { planned: inner.planned(), tasks: inner.tasks() };
            },
            again: () => store.findTasks({ ids: [a, b] }),
          });
          return { ...outer.both(), again: outer.again(), once: store.findTasks({ ids: [a, b] }) };
        });
        expect(nested.planned).toEqual([{ userId: eve.id, day: '2026-11-20', minutes: 30 }]);
        expect(nested.planned).toEqual(direct.planned);
        expect(nested.tasks).toEqual(direct.tasks);
        expect(nested.again).toEqual(direct.tasks);
        expect(nested.once).toEqual(direct.tasks);
      });

      it('outside a read, each read is asked when wanted', () => {
        const { store, eve } = world();
        const ahead = store.readAhead({ tasks: () => store.findTasks({}) });
        store.write(() => store.insertTask(taskFields(eve, eve)));
        expect(ahead.tasks()).toHaveLength(1);
      });
    });

    describe('comments, results and remarks', () => {
      it('keeps comments in order, the last n of them, results with their parts, and the last submission', () => {
        const { store, max, eve } = world();
        const task = store.write(() => store.insertTask(taskFields(max, eve)));
        const ids = store.write(() => {
          const remark = store.insertComment({
            taskId: task,
            authorId: max.id,
            kind: 'comment',
            body: 'Use the new form',
            replyToId: null,
            createdAt: local(20, 10),
          });
          const progress = store.insertComment({
            taskId: task,
            authorId: eve.id,
            kind: 'progress',
            body: 'Half done',
            replyToId: null,
            createdAt: local(20, 11),
          });
          const result = store.insertComment({
            taskId: task,
            authorId: eve.id,
            kind: 'result',
            body: 'Checked all',
            replyToId: null,
            createdAt: local(20, 12),
          });
          store.insertResult(result, {
            proposal: 'Automate',
            abstract: null,
            links: ['https://example.org/r'],
            explanation: null,
            conclusion: 'Fine',
          });
          return { remark, progress, result };
        });
        expect(store.commentsOf(task).map((c) => c.id)).toEqual([ids.remark, ids.progress, ids.result]);
        expect(store.commentsOf(task, 2).map((c) => c.id)).toEqual([ids.progress, ids.result]);
        expect(store.getComment(ids.remark)).toEqual({
          id: ids.remark,
          taskId: task,
          authorId: max.id,
          author: 'max',
          kind: 'comment',
          body: 'Use the new form',
          replyToId: null,
          createdAt: local(20, 10),
        });
        expect(store.lastSubmissionOf(task)?.id).toBe(ids.result);
        expect(store.lastResultOf(task)).toEqual({
          commentId: ids.result,
          result: 'Checked all',
          author: 'eve',
          createdAt: local(20, 12),
          proposal: 'Automate',
          abstract: null,
          links: ['https://example.org/r'],
          explanation: null,
          conclusion: 'Fine',
        });
        store.write(() => store.setResultExplanation(ids.result, 'Time added after closing'));
        expect(store.lastResultOf(task)?.explanation).toBe('Time added after closing');
        store.write(() => store.updateTask(task, { status: 'completed', closedAt: local(20, 12) }));
        expect(
          store.closedBetween([eve.id], local(20), local(21)).map((c) => [c.task.id, c.result?.commentId]),
        ).toEqual([[task, ids.result]]);
      });

      it('an unanswered remark of the director waits for the responsible’s reply (R30); ratings are found by period', () => {
        const { store, max, eve } = world();
        const task = store.write(() => store.insertTask(taskFields(max, eve)));
        const remark = store.write(() =>
          store.insertComment({
            taskId: task,
            authorId: max.id,
            kind: 'comment',
            body: 'Why late?',
            replyToId: null,
            createdAt: local(20, 10),
          }),
        );
        store.write(() =>
          store.insertComment({
            taskId: task,
            authorId: max.id,
            kind: 'rating',
            body: 'negative: too late',
            replyToId: null,
            createdAt: local(20, 11),
          }),
        );
        expect(store.openRemarksFor(eve.id).map((r) => [r.taskId, r.comment.body])).toEqual([
          [task, 'Why late?'],
          [task, 'negative: too late'],
        ]);
        store.write(() =>
          store.insertComment({
            taskId: task,
            authorId: eve.id,
            kind: 'reply',
            body: 'The bank',
            replyToId: remark,
            createdAt: local(20, 12),
          }),
        );
        expect(store.openRemarksFor(eve.id).map((r) => r.comment.body)).toEqual(['negative: too late']);
        expect(store.openRemarksOf([max.id, eve.id])).toEqual(
          store.openRemarksFor(eve.id).map((remark) => ({ ...remark, userId: eve.id })),
        );
        expect(store.openRemarksOf([])).toEqual([]);
        expect(store.ratingsBetween([eve.id], local(20), local(21)).map((r) => r.comment.body)).toEqual([
          'negative: too late',
        ]);
        expect(store.negativeRatingsBetween([eve.id], local(20), local(21)).map((r) => r.taskTitle)).toEqual([
          'Ops: Check the invoices',
        ]);
        expect(store.negativeRatingsBetween([eve.id], local(21), local(22))).toEqual([]);
      });

      it('finds every result recorded in a period on the live tasks of these people, a task closed twice twice', () => {
        const { store, max, eve } = world();
        const [task, gone, maxs] = store.write(() => [
          store.insertTask(taskFields(max, eve, { title: 'A' })),
          store.insertTask(taskFields(max, eve, { title: 'Gone', deletedAt: local(20, 18) })),
          store.insertTask(taskFields(max, max, { title: 'Max' })),
        ]);
        store.write(() => {
          const result = (taskId: number, author: User, at: Date) =>
            store.insertComment({
              taskId,
              authorId: author.id,
              kind: 'result',
              body: 'Done',
              replyToId: null,
              createdAt: at,
            });
          result(task!, eve, local(20, 10));
          result(task!, eve, local(20, 15));
          result(gone!, eve, local(20, 11));
          result(maxs!, max, local(20, 12));
          result(task!, eve, local(21, 9));
        });
        const made = store.resultsMadeBetween([eve.id], local(20), local(21));
        expect(made.sort((a, b) => a.at.getTime() - b.at.getTime())).toEqual([
          { taskId: task, responsibleId: eve.id, at: local(20, 10) },
          { taskId: task, responsibleId: eve.id, at: local(20, 15) },
        ]);
        expect(store.closedBetween([eve.id], local(20), local(21)).map((c) => c.task.title)).toEqual(['A']);
        expect(store.resultsMadeBetween([eve.id, max.id], local(21), local(22)).map((r) => r.at)).toEqual([
          local(21, 9),
        ]);
      });
    });

    describe('history', () => {
      it('keeps each task’s history in order, finds a person’s last change and the rows of one command', () => {
        const { store, max, eve } = world();
        const [a, b] = store.write(() => [
          store.insertTask(taskFields(max, eve)),
          store.insertTask(taskFields(max, eve)),
        ]);
        const row = (
          taskId: number,
          actorId: number,
          at: Date,
          field: string,
          oldValue: string | null,
          newValue: string | null,
        ) => ({ taskId, actorId, at, field, oldValue, newValue, note: null });
        store.write(() =>
          store.insertHistory([
            row(a!, max.id, local(20, 9), 'created', null, 'A'),
            row(a!, max.id, local(20, 10), 'deadline', null, '2026-11-25'),
            row(a!, max.id, local(21, 9), 'deadline', '2026-11-25', '2026-11-27'),
            row(b!, max.id, local(21, 9), 'priority', 'medium', 'high'),
            row(a!, eve.id, local(21, 10), 'seen', null, 'seen'),
          ]),
        );
        expect(store.historyOf(a!).map((h) => [h.field, h.actor, h.via])).toEqual([
          ['created', 'max', null],
          ['deadline', 'max', null],
          ['deadline', 'max', null],
          ['seen', 'eve', null],
        ]);
        const last = store.lastChangeBy(max.id)!;
        expect([last.taskId, last.field]).toEqual([b, 'priority']);
        expect(store.lastChangeBy(eve.id)).toBeUndefined();
        expect(store.changeEndingWith(last).map((h) => [h.taskId, h.field])).toEqual([
          [a, 'deadline'],
          [b, 'priority'],
        ]);
        expect(store.deadlineChanges([a!]).map((c) => [c.oldValue, c.newValue])).toEqual([
          [null, '2026-11-25'],
          ['2026-11-25', '2026-11-27'],
        ]);
        expect(store.deadlineMovesBetween([eve.id], local(21), local(22))).toEqual([
          { taskId: a, title: 'Ops: Check the invoices', responsibleId: eve.id, moves: 1 },
        ]);
        store.write(() =>
          store.insertHistory([{ ...row(b!, max.id, local(22), 'title', 'x', 'y'), via: 'ann' }]),
        );
        expect(store.historyOf(b!).at(-1)?.via).toBe('ann');
      });
    });

    describe('recorded days, reports and amendments', () => {
      it('records a day once, approves it, keeps the remark until it is answered (R23, R30, R35)', () => {
        const { store, max, eve } = world();
        store.write(() => store.insertDayReport(eve.id, '2026-11-20', local(20, 18), '{"snapshot":1}'));
        expect(() =>
          store.write(() => store.insertDayReport(eve.id, '2026-11-20', local(20, 19), '{}')),
        ).toThrow();
        expect(store.dayRecordedAt(eve.id, '2026-11-20')).toEqual(local(20, 18));
        expect(store.dayRecordedAt(eve.id, '2026-11-21')).toBeUndefined();
        expect(store.recordedDays(eve.id, '2026-11-01', '2026-11-30')).toEqual([
          { day: '2026-11-20', recordedAt: local(20, 18) },
        ]);
        store.write(() =>
          store.approveDayReport(eve.id, '2026-11-20', max.id, local(21, 9), 'negative', 'Too little'),
        );
        expect(store.getDayReport(eve.id, '2026-11-20')).toEqual({
          userId: eve.id,
          day: '2026-11-20',
          recordedAt: local(20, 18),
          snapshot: '{"snapshot":1}',
          approvedBy: 'max',
          approvedAt: local(21, 9),
          mark: 'negative',
          comment: 'Too little',
        });
        expect(
          store.dayReportsBetween([eve.id, max.id], '2026-11-20', '2026-11-20').map((r) => r.userId),
        ).toEqual([eve.id]);
        expect(store.openDayRemarksFor(eve.id)).toEqual([
          { day: '2026-11-20', mark: 'negative', comment: 'Too little', by: 'max', at: local(21, 9) },
        ]);
        expect(
          store.write(() =>
            store.replyToDayReport(eve.id, '2026-11-20', 'The bank was closed', local(21, 10)),
          ),
        ).toBe(true);
        expect(store.write(() => store.replyToDayReport(eve.id, '2026-11-20', 'Again', local(21, 11)))).toBe(
          false,
        );
        expect(store.openDayRemarksFor(eve.id)).toEqual([]);
      });

      it('keeps the amendments of a recorded day in order, with who made them and why', () => {
        const { store, ann, eve } = world();
        store.write(() => {
          store.insertAmendment({
            userId: eve.id,
            day: '2026-11-20',
            at: local(21, 9),
            actorId: eve.id,
            via: null,
            what: 'time on task 1',
            reason: 'forgot',
          });
          store.insertAmendment({
            userId: eve.id,
            day: '2026-11-20',
            at: local(21, 10),
            actorId: eve.id,
            via: 'ann',
            what: 'the plan',
            reason: 'moved',
          });
        });
        expect(store.amendmentsOf(eve.id, '2026-11-20')).toEqual([
          {
            userId: eve.id,
            day: '2026-11-20',
            at: local(21, 9),
            actorId: eve.id,
            actor: 'eve',
            via: null,
            what: 'time on task 1',
            reason: 'forgot',
          },
          {
            userId: eve.id,
            day: '2026-11-20',
            at: local(21, 10),
            actorId: eve.id,
            actor: 'eve',
            via: ann.name,
            what: 'the plan',
            reason: 'moved',
          },
        ]);
        expect(store.amendmentsOf(eve.id, '2026-11-21')).toEqual([]);
      });
    });

    describe('working days and plans', () => {
      it('keeps working days with their breaks, one open break per person', () => {
        const { store, eve } = world();
        store.write(() => {
          store.insertWorkDay(eve.id, '2026-11-19', local(19, 9));
          store.setWorkDayEnd(eve.id, '2026-11-19', local(19, 18));
          store.insertWorkDay(eve.id, '2026-11-20', local(20, 9));
          store.insertBreak(eve.id, '2026-11-20', local(20, 12));
        });
        expect(() => store.write(() => store.insertBreak(eve.id, '2026-11-20', local(20, 13)))).toThrow();
        const open = store.openBreakOf(eve.id)!;
        expect(open).toMatchObject({ day: '2026-11-20', startAt: local(20, 12) });
        store.write(() => store.endBreak(open.id, local(20, 13)));
        expect(store.openBreakOf(eve.id)).toBeUndefined();
        expect(store.getWorkDay(eve.id, '2026-11-20')).toEqual({
          userId: eve.id,
          day: '2026-11-20',
          startedAt: local(20, 9),
          endedAt: null,
          breaks: [{ id: open.id, startAt: local(20, 12), endAt: local(20, 13) }],
        });
        expect(store.lastWorkDayBefore(eve.id, '2026-11-20')).toMatchObject({
          day: '2026-11-19',
          endedAt: local(19, 18),
          breaks: [],
        });
        expect(
          store.workDaysBetween([eve.id], '2026-11-19', '2026-11-20').map((d) => [d.day, d.breaks.length]),
        ).toEqual([
          ['2026-11-19', 0],
          ['2026-11-20', 1],
        ]);
      });

      it('plans a day: tasks due that day plus those put in, minus those taken out; compound tasks never count (R16, R34)', () => {
        const { store, eve } = world();
        const ids = store.write(() => {
          const due = store.insertTask(
            taskFields(eve, eve, { title: 'Due', deadline: local(20, 17), plannedMinutes: 60 }),
          );
          const added = store.insertTask(taskFields(eve, eve, { title: 'Added', plannedMinutes: 30 }));
          const removed = store.insertTask(
            taskFields(eve, eve, { title: 'Removed', deadline: local(20, 12), plannedMinutes: 45 }),
          );
          store.insertTask(
            taskFields(eve, eve, {
              title: 'Compound',
              kind: 'general',
              timeTracking: false,
              deadline: local(20, 12),
            }),
          );
          store.setPlanItem(eve.id, '2026-11-20', added, 'added', local(20, 8));
          store.setPlanItem(eve.id, '2026-11-20', removed, 'removed', local(20, 8));
          return { due, added, removed };
        });
        expect(store.planItems(eve.id, '2026-11-20').map((p) => [p.taskId, p.kind])).toEqual([
          [ids.added, 'added'],
          [ids.removed, 'removed'],
        ]);
        expect(store.plannedByDay([eve.id], local(20), local(21))).toEqual([
          { userId: eve.id, day: '2026-11-20', minutes: 90 },
        ]);
        expect(store.plannedTaskIdsFrom([eve.id], '2026-11-20')).toEqual(new Set([ids.added]));
        store.write(() => store.setPlanItem(eve.id, '2026-11-20', ids.added, 'unplanned', local(20, 9)));
        expect(store.planItems(eve.id, '2026-11-20').find((p) => p.taskId === ids.added)?.kind).toBe(
          'unplanned',
        );
        store.write(() => store.deletePlanItem(eve.id, '2026-11-20', ids.removed));
        expect(store.planItems(eve.id, '2026-11-20').map((p) => p.taskId)).toEqual([ids.added]);
        store.write(() => {
          store.setPlanItem(eve.id, '2026-11-21', ids.removed, 'added', local(21, 8));
          store.setPlanItem(eve.id, '2026-11-23', ids.due, 'added', local(22, 18));
        });
        // A period of plans in one read: by day, each day's items as planItems gives them.
        const days = ['2026-11-20', '2026-11-21', '2026-11-23'];
        expect(store.planItemsBetween([eve.id], '2026-11-20', '2026-11-23')).toEqual(
          days.flatMap((day) =>
            store.planItems(eve.id, day).map((item) => ({ ...item, userId: eve.id, day })),
          ),
        );
        expect(store.planItemsBetween([eve.id], '2026-11-21', '2026-11-22').map((p) => p.taskId)).toEqual([
          ids.removed,
        ]);
        expect(store.planItemsBetween([], '2026-11-01', '2026-11-30')).toEqual([]);
      });

      it('R34: a past day carries in the work that was overdue and open when it began', () => {
        const { store, eve } = world();
        store.write(() => {
          const overdue = store.insertTask(
            taskFields(eve, eve, { deadline: local(18, 17), plannedMinutes: 20, createdAt: local(17) }),
          );
          const closedLate = store.insertTask(
            taskFields(eve, eve, {
              deadline: local(18, 17),
              plannedMinutes: 10,
              createdAt: local(17),
              status: 'completed',
              closedAt: local(20, 12),
            }),
          );
          const closedEarly = store.insertTask(
            taskFields(eve, eve, {
              deadline: local(18, 17),
              plannedMinutes: 5,
              createdAt: local(17),
              status: 'completed',
              closedAt: local(19, 12),
            }),
          );
          const closed = (taskId: number, at: Date) => ({
            taskId,
            actorId: eve.id,
            at,
            field: 'status',
            oldValue: 'new',
            newValue: 'completed',
            note: null,
          });
          store.insertHistory([closed(closedEarly, local(19, 12)), closed(closedLate, local(20, 12))]);
          store.setPlanItem(eve.id, '2026-11-20', overdue, 'removed', local(20, 8));
        });
        expect(store.plannedByDay([eve.id], local(19), local(22), local(21))).toEqual([
          { userId: eve.id, day: '2026-11-19', minutes: 35 },
          { userId: eve.id, day: '2026-11-20', minutes: 10 },
        ]);
        expect(store.plannedByDay([eve.id], local(19), local(22))).toEqual([]);
      });

      it('R34: counts today’s planned minutes as the day plan does - overdue open work, work due today, work put in', () => {
        const { store, max, eve } = world();
        store.write(() => {
          store.insertTask(
            taskFields(eve, eve, { title: 'Overdue', deadline: local(18), plannedMinutes: 20 }),
          );
          store.insertTask(
            taskFields(eve, eve, {
              title: 'Overdue, done',
              deadline: local(18),
              plannedMinutes: 7,
              status: 'completed',
              closedAt: local(19),
            }),
          );
          store.insertTask(
            taskFields(eve, eve, {
              title: 'Due, done today',
              deadline: local(20, 17),
              plannedMinutes: 60,
              status: 'completed',
              closedAt: local(20, 10),
            }),
          );
          store.insertTask(
            taskFields(eve, eve, {
              title: 'Declined',
              deadline: local(20, 17),
              plannedMinutes: 9,
              status: 'declined',
            }),
          );
          store.insertTask(
            taskFields(eve, eve, {
              title: 'Deleted',
              deadline: local(20, 17),
              plannedMinutes: 9,
              deletedAt: local(20),
            }),
          );
          const removed = store.insertTask(
            taskFields(eve, eve, { title: 'Removed', deadline: local(20, 17), plannedMinutes: 9 }),
          );
          const added = store.insertTask(taskFields(eve, eve, { title: 'Added', plannedMinutes: 30 }));
          const compound = store.insertTask(
            taskFields(eve, eve, {
              title: 'Compound',
              kind: 'general',
              timeTracking: false,
              plannedMinutes: 9,
            }),
          );
          store.setPlanItem(eve.id, '2026-11-20', removed, 'removed', local(20, 8));
          store.setPlanItem(eve.id, '2026-11-20', added, 'added', local(20, 8));
          store.setPlanItem(eve.id, '2026-11-20', compound, 'added', local(20, 8));
        });
        expect(store.plannedMinutesToday([eve.id, max.id], '2026-11-20', local(20), local(21))).toEqual(
          new Map([[eve.id, 110]]),
        );
      });

      it('finds the work overdue and open when each of several days began, as overdueTasksAt does for one (R34, R36)', () => {
        const { store, max, eve } = world();
        const ids = store.write(() => {
          const task = (title: string, patch: Partial<TaskFields>) =>
            store.insertTask(taskFields(max, eve, { title, createdAt: local(10), ...patch }));
          const open = task('Open', { deadline: local(12, 17), status: 'in_progress' });
          const closed = task('Closed on the 14th', {
            deadline: local(12, 17),
            status: 'completed',
            closedAt: local(14, 10),
          });
          const deferred = task('Deferred until the 14th, noon', { deadline: local(13, 17) });
          task('Deleted', { deadline: local(12, 17), deletedAt: local(12) });
          const late = task('Made on the 14th', { deadline: local(12, 17), createdAt: local(14, 9) });
          store.insertTask(
            taskFields(max, max, { title: "Max's", deadline: local(12), createdAt: local(10) }),
          );
          const status = (taskId: number, at: Date, oldValue: string, newValue: string) => ({
            taskId,
            actorId: eve.id,
            at,
            field: 'status',
            oldValue,
            newValue,
            note: null,
          });
          store.insertHistory([
            status(closed, local(14, 10), 'in_progress', 'completed'),
            status(deferred, local(11), 'new', 'deferred'),
            status(deferred, local(14, 12), 'deferred', 'new'),
          ]);
          return { open, closed, deferred, late };
        });
        const days = [local(13), local(14), local(15)];
        const pairs = store.overdueTaskIdsAt([eve.id], days);
        expect(pairs.map((p) => [p.userId, p.dayStart.getTime(), p.taskId])).toEqual([
          [eve.id, local(13).getTime(), ids.open],
          [eve.id, local(13).getTime(), ids.closed],
          [eve.id, local(14).getTime(), ids.open],
          [eve.id, local(14).getTime(), ids.closed],
          [eve.id, local(15).getTime(), ids.open],
          [eve.id, local(15).getTime(), ids.late],
          [eve.id, local(15).getTime(), ids.deferred],
        ]);
        for (const day of days)
          expect(pairs.filter((p) => p.dayStart.getTime() === day.getTime()).map((p) => p.taskId)).toEqual(
            store.overdueTasksAt([eve.id], day).map((t) => t.id),
          );
        expect(store.overdueTaskIdsAt([eve.id, max.id], [local(13)]).map((p) => p.userId)).toEqual([
          max.id,
          eve.id,
          eve.id,
        ]);
        expect(store.overdueTaskIdsAt([eve.id], [])).toEqual([]);
      });

      it('counts the open tasks each person observes (R3)', () => {
        const { store, max, eve } = world();
        store.write(() => {
          const open = store.insertTask(taskFields(max, eve));
          const done = store.insertTask(taskFields(max, eve, { status: 'completed' }));
          store.addObserver(open, max.id);
          store.addObserver(done, max.id);
        });
        expect(store.observedCounts([max.id, eve.id])).toEqual(new Map([[max.id, 1]]));
      });
    });

    describe('templates', () => {
      it('keeps a template, updates and deletes it, and records each occurrence once', () => {
        const { store, max, eve } = world();
        const fields = {
          title: 'Ops: Weekly check',
          project: 'Ops',
          tags: ['weekly'],
          priority: 'medium' as const,
          plannedMinutes: 15,
          description: null,
          schedule: 'weekly',
          deadlineOffsetDays: 1,
          startDay: '2026-11-20',
          responsibleId: eve.id,
          directorId: max.id,
          paused: false,
          management: false,
          review: false,
          createdAt: T0,
          updatedAt: T0,
        };
        const id = store.write(() => store.insertTemplate(fields));
        expect(store.getTemplate(id)).toEqual({ ...fields, id, responsible: 'eve' });
        store.write(() => store.updateTemplate(id, { paused: true, tags: [], updatedAt: local(21) }));
        expect(store.getTemplate(id)).toMatchObject({
          paused: true,
          tags: [],
          title: 'Ops: Weekly check',
          updatedAt: local(21),
        });
        const task = store.write(() => store.insertTask(taskFields(max, eve)));
        expect(store.write(() => store.insertOccurrence(id, '2026-11-20', task, T0))).toBe(true);
        expect(store.write(() => store.insertOccurrence(id, '2026-11-20', task, T0))).toBe(false);
        expect(store.hasOccurrence(id, '2026-11-20')).toBe(true);
        expect(store.lastOccurrenceDay(id)).toBe('2026-11-20');
        expect(store.listTemplates().map((t) => t.id)).toEqual([id]);
        store.write(() => store.deleteTemplate(id, local(22)));
        expect(store.getTemplate(id)).toBeUndefined();
        expect(store.listTemplates()).toEqual([]);
      });
    });

    describe('company policy (R39)', () => {
      it('keeps the values set, who set each, and the history of changes; clearing removes both', () => {
        const { store, ann } = world();
        expect(store.policyValues()).toEqual({});
        expect(store.hasPolicyHistory()).toBe(false);
        store.write(() => {
          store.setPolicyValue({
            key: 'workdayMinutes',
            oldValue: null,
            newValue: '480',
            actorId: ann.id,
            at: local(20),
            reason: 'start',
          });
          store.setPolicyValue({
            key: 'workdayMinutes',
            oldValue: '480',
            newValue: '450',
            actorId: ann.id,
            at: local(21),
            reason: 'shorter',
          });
        });
        expect(store.policyValues()).toEqual({ workdayMinutes: '450' });
        expect(store.policyRecords()).toEqual([
          { key: 'workdayMinutes', value: '450', updatedAt: local(21), updatedBy: 'ann' },
        ]);
        expect(
          store.policyHistory('workdayMinutes').map((h) => [h.oldValue, h.newValue, h.actor, h.reason]),
        ).toEqual([
          [null, '480', 'ann', 'start'],
          ['480', '450', 'ann', 'shorter'],
        ]);
        expect(store.policyHistory('other')).toEqual([]);
        expect(store.hasPolicyHistory()).toBe(true);
        store.write(() => store.clearPolicy());
        expect(store.policyValues()).toEqual({});
        expect(store.hasPolicyHistory()).toBe(false);
      });
    });

    describe('ids of imported records', () => {
      it('maps an external id to the local record and its fingerprint, replaced on a second import', () => {
        const { store, eve } = world();
        const task = store.write(() => store.insertTask(taskFields(eve, eve)));
        store.write(() => store.setExternal('taskwarrior', 'task', 'uuid-1', task, 'f1'));
        expect(store.findExternal('taskwarrior', 'task', 'uuid-1')).toEqual({
          localId: task,
          fingerprint: 'f1',
        });
        store.write(() => store.setExternal('taskwarrior', 'task', 'uuid-1', task, 'f2'));
        expect(store.findExternal('taskwarrior', 'task', 'uuid-1')?.fingerprint).toBe('f2');
        expect(store.findExternal('bitrix24', 'task', 'uuid-1')).toBeUndefined();
        expect(store.externalIdsOf('taskwarrior', 'task')).toEqual(new Map([[task, 'uuid-1']]));
        expect(store.orphanExternalIds()).toBe(0);
        store.write(() => store.setExternal('taskwarrior', 'task', 'uuid-2', 999, null));
        expect(store.orphanExternalIds()).toBe(1);
      });
    });
    describe('search (R25)', () => {
      it('finds every word as a substring of one title, description or comment, in any letter case, ё as е; one match per task', () => {
        const { store, eve } = world();
        const ids = store.write(() => {
          const title = store.insertTask(
            taskFields(eve, eve, { title: 'Sales: Prepare the offer', text: 'Prepare the offer' }),
          );
          const description = store.insertTask(
            taskFields(eve, eve, {
              title: 'Sales: Call Ivan',
              text: 'Call Ivan',
              description: 'Before the preparation meeting',
            }),
          );
          const comment = store.insertTask(
            taskFields(eve, eve, { title: 'Ops: Подготовить ёлку', text: 'Подготовить ёлку' }),
          );
          const commentId = store.insertComment({
            taskId: description,
            authorId: eve.id,
            kind: 'comment',
            body: 'He prefers the PREPARED draft',
            replyToId: null,
            createdAt: T0,
          });
          store.insertTask(taskFields(eve, eve, { title: 'Ops: Unrelated', text: 'Unrelated' }));
          return { title, description, comment, commentId };
        });
        const found = store.searchWords(['prepar'], { limit: 50 });
        expect(found.map((m) => m.taskId).sort()).toEqual([ids.title, ids.description].sort());
        expect(found.find((m) => m.taskId === ids.title)).toMatchObject({ field: 'title', commentId: null });
        expect(['description', 'comment']).toContain(found.find((m) => m.taskId === ids.description)?.field);
        for (let i = 1; i < found.length; i++)
          expect(found[i - 1]!.relevance).toBeGreaterThanOrEqual(found[i]!.relevance);
        expect(store.searchWords(['ПОДГОТОВ'], { limit: 50 }).map((m) => m.taskId)).toEqual([ids.comment]);
        expect(store.searchWords(['елку'], { limit: 50 }).map((m) => m.taskId)).toEqual([ids.comment]);
        expect(store.searchWords(['prepared', 'draft'], { limit: 50 })).toEqual([
          expect.objectContaining({ taskId: ids.description, field: 'comment', commentId: ids.commentId }),
        ]);
        // Both words must be in the same title, description or comment.
        expect(store.searchWords(['ivan', 'draft'], { limit: 50 })).toEqual([]);
        expect(store.searchWords(['nothing-like-this'], { limit: 50 })).toEqual([]);
        expect(store.searchWords(['prepar'], { limit: 1 })).toHaveLength(1);
      });

      it('leaves out deleted tasks and, before the limit, those the person may not see or in other states; open tasks come first', () => {
        const { store, max, eve } = world();
        const ids = store.write(() => ({
          // max's tasks match better (the word in the title, twice) and would crowd eve's out of a short answer.
          others: [1, 2, 3].map((i) =>
            store.insertTask(
              taskFields(max, max, {
                title: `Sales: Invoice invoice ${i}`,
                text: 'Invoice invoice',
                description: 'invoice invoice',
              }),
            ),
          ),
          closed: store.insertTask(
            taskFields(eve, eve, {
              title: 'Ops: Filed',
              status: 'completed',
              description: `the invoice of the month ${'and more words '.repeat(10)}`,
            }),
          ),
          open: store.insertTask(
            taskFields(eve, eve, {
              title: 'Ops: Check the books',
              description: `the invoice of the month ${'and more words '.repeat(10)}`,
            }),
          ),
          deleted: store.insertTask(taskFields(eve, eve, { title: 'Ops: Invoice, deleted', deletedAt: T0 })),
        }));
        const eveSees = { actorId: eve.id, userIds: [eve.id] };
        expect(store.searchWords(['invoice'], { limit: 2, visibleTo: eveSees }).map((m) => m.taskId)).toEqual(
          [ids.open, ids.closed],
        );
        expect(
          store
            .searchWords(['invoice'], { limit: 1, visibleTo: eveSees, statuses: ['new'] })
            .map((m) => m.taskId),
        ).toEqual([ids.open]);
        const all = store.searchWords(['invoice'], { limit: 10 }).map((m) => m.taskId);
        expect(all).toHaveLength(5);
        expect(all).not.toContain(ids.deleted);
        expect(all.at(-1)).toBe(ids.closed);
      });

      it('keeps up with changes: a renamed task is found by its new words, not its old ones', () => {
        const { store, eve } = world();
        const id = store.write(() =>
          store.insertTask(taskFields(eve, eve, { title: 'Ops: Check invoices' })),
        );
        store.write(() => store.updateTask(id, { title: 'Ops: Renew contracts', text: 'Renew contracts' }));
        expect(store.searchWords(['invoic'], { limit: 10 })).toEqual([]);
        expect(store.searchWords(['contract'], { limit: 10 }).map((m) => m.taskId)).toEqual([id]);
      });

      it('finds what a bulk insert added once the bulk is over', () => {
        const { store, eve } = world();
        const id = store.write(() =>
          store.fillingSearchIndexAfter(() =>
            store.insertTask(taskFields(eve, eve, { title: 'Ops: Imported in bulk' })),
          ),
        );
        expect(store.searchWords(['bulk'], { limit: 10 }).map((m) => m.taskId)).toEqual([id]);
      });
    });

    describe('dump and load', () => {
      /** Every kind of record, each a parsed object with its instants as Date, ready to load. */
      function dump(store: Store, visibleTo?: Parameters<Store['dumpEntities']>[1]): EntitySet[] {
        return store.read(() =>
          ENTITY_KINDS.map((kind) => ({
            kind,
            records: [...store.dumpEntities(kind, visibleTo)].map((text) => {
              const record = JSON.parse(text) as Record<string, unknown>;
              for (const [field, value] of Object.entries(record)) {
                if (INSTANT_FIELD.test(field) && value !== null) {
                  expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
                  record[field] = new Date(value as string);
                }
              }
              return record;
            }),
          })),
        );
      }

      function fill(
        store: Store,
        { ann, max, eve }: { ann: User; max: User; eve: User },
      ): { task: number; hidden: number } {
        return store.write(() => {
          const ops = store.insertProject('Ops', T0);
          const task = store.insertTask(
            taskFields(max, eve, {
              projectId: ops.id,
              deadline: local(25, 18),
              plannedMinutes: 60,
              description: 'Two pages',
            }),
          );
          const hidden = store.insertTask(taskFields(ann, ann, { title: 'Ann: Private' }));
          const step = store.insertTask(taskFields(max, eve, { title: 'Step', parentId: task }));
          store.setTags(task, ['x', 'y']);
          store.addObserver(task, ann.id);
          store.addCoExecutor(task, max.id);
          store.addCrmLink(task, { kind: 'deal', ref: '7' });
          store.addLink(step, task, 'depends');
          const e = store.insertEntry(entry(task, eve, local(20, 9), local(20, 10, 15)));
          store.insertEntry(entry(hidden, ann, local(20, 9), local(20, 10)));
          store.insertEntryChange({
            entryId: e,
            actorId: eve.id,
            at: local(20, 11),
            oldStart: local(20, 9),
            oldEnd: local(20, 10),
            newStart: local(20, 9),
            newEnd: local(20, 10, 15),
            comment: 'later',
            retroactive: false,
            reason: null,
          });
          const remark = store.insertComment({
            taskId: task,
            authorId: max.id,
            kind: 'comment',
            body: 'Use the form',
            replyToId: null,
            createdAt: local(20, 12),
          });
          store.insertComment({
            taskId: task,
            authorId: eve.id,
            kind: 'reply',
            body: 'Done',
            replyToId: remark,
            createdAt: local(20, 13),
          });
          const result = store.insertComment({
            taskId: task,
            authorId: eve.id,
            kind: 'result',
            body: 'Sent',
            replyToId: null,
            createdAt: local(20, 14),
          });
          store.insertResult(result, {
            proposal: null,
            abstract: 'short',
            links: ['https://example.org'],
            explanation: null,
            conclusion: null,
          });
          store.insertHistory([
            {
              taskId: task,
              actorId: max.id,
              at: T0,
              field: 'created',
              oldValue: null,
              newValue: 'x',
              note: null,
            },
          ]);
          store.setExternal('taskwarrior', 'task', 'uuid-1', task, 'f');
          store.insertDayReport(eve.id, '2026-11-20', local(20, 18), '{}');
          store.insertAmendment({
            userId: eve.id,
            day: '2026-11-20',
            at: local(21),
            actorId: eve.id,
            via: null,
            what: 'time',
            reason: 'forgot',
          });
          store.insertWorkDay(eve.id, '2026-11-20', local(20, 9));
          store.insertBreak(eve.id, '2026-11-20', local(20, 12));
          store.setPlanItem(eve.id, '2026-11-20', task, 'added', local(20, 8));
          const template = store.insertTemplate({
            title: 'Ops: Weekly',
            project: 'Ops',
            tags: [],
            priority: 'low',
            plannedMinutes: 5,
            description: null,
            schedule: 'weekly',
            deadlineOffsetDays: 0,
            startDay: '2026-11-20',
            responsibleId: eve.id,
            directorId: max.id,
            paused: false,
            management: false,
            review: false,
            createdAt: T0,
            updatedAt: T0,
          });
          store.insertOccurrence(template, '2026-11-20', step, T0);
          store.setPolicyValue({
            key: 'workdayMinutes',
            oldValue: null,
            newValue: '450',
            actorId: ann.id,
            at: T0,
            reason: 'start',
          });
          return { task, hidden };
        });
      }

      it('a dump loaded into an empty store gives back the same records, the same ids and the same answers', () => {
        const first = world();
        const { task } = fill(first.store, first);
        const records = dump(first.store);
        expect(records.find((set) => set.kind === 'tasks')?.records).toHaveLength(3);
        const second = open();
        try {
          second.store.write(() => second.store.loadEntities(records));
          expect(dump(second.store)).toEqual(records);
          expect(second.store.instanceId()).toBe(first.store.instanceId());
          expect(second.store.getTask(task)).toEqual(first.store.getTask(task));
          expect(second.store.getTask(task)?.trackedSeconds).toBe(75 * 60);
          expect(second.store.listUsers()).toEqual(first.store.listUsers());
          expect(second.store.allEntries()).toEqual(first.store.allEntries());
          expect(second.store.historyOf(task)).toEqual(first.store.historyOf(task));
          expect(second.store.lastResultOf(task)).toEqual(first.store.lastResultOf(task));
          expect(second.store.searchWords(['pages'], { limit: 10 }).map((m) => m.taskId)).toEqual([task]);
          // New records continue after the loaded ids.
          const next = second.store.write(() => second.store.insertTask(taskFields(first.eve, first.eve)));
          expect(next).toBeGreaterThan(3);
        } finally {
          second.close();
        }
      });

      it('dumps the export file’s records: flags as 0/1, JSON columns as their text, no derived or server-only fields', () => {
        const w = world();
        const { task } = fill(w.store, w);
        const records = dump(w.store);
        const of = (kind: string) => records.find((set) => set.kind === kind)!.records;
        const dumped = of('tasks').find((r) => r.id === task)!;
        expect(dumped).toMatchObject({ time_tracking: 1, deadline_hard: 0, planned_minutes: 60 });
        expect(dumped).not.toHaveProperty('tracked_ms');
        expect(of('results')[0]).toMatchObject({ links: '["https://example.org"]' });
        expect(of('templates')[0]).toMatchObject({ tags: '[]', paused: 0 });
        expect(of('policy')[0]).toMatchObject({ key: 'workdayMinutes', value: '450' });
        expect(of('dayReports')[0]).toMatchObject({ snapshot: '{}' });
        expect(Object.keys(of('people')[0]!).sort()).toEqual(
          ['created_at', 'full_name', 'id', 'manager_id', 'name', 'role'].sort(),
        );
      });

      it('dumps for a person only what they may see (R4)', () => {
        const w = world();
        const { task, hidden } = fill(w.store, w);
        const mine = dump(w.store, { actorId: w.eve.id, userIds: [w.eve.id] });
        const ids = (kind: string) => mine.find((set) => set.kind === kind)!.records.map((r) => r.id);
        expect(ids('tasks')).not.toContain(hidden);
        expect(ids('tasks')).toContain(task);
        expect(mine.find((set) => set.kind === 'timeEntries')!.records.map((r) => r.user_id)).toEqual([
          w.eve.id,
        ]);
      });

      it("a load refuses a person's login: who logs in as whom is never taken from a file (R38)", () => {
        const first = world();
        fill(first.store, first);
        const records = dump(first.store).map((set) =>
          set.kind === 'people'
            ? { ...set, records: set.records.map((r, i) => (i === 0 ? { ...r, login: 'someone_else' } : r)) }
            : set,
        );
        const second = open();
        try {
          expect(() => second.store.write(() => second.store.loadEntities(records))).toThrow(/login/);
          expect(second.store.countUsers()).toBe(0);
        } finally {
          second.close();
        }
      });

      it('a load that fails half-way leaves the store as it was', () => {
        const first = world();
        fill(first.store, first);
        const records = dump(first.store).map((set) =>
          set.kind === 'comments'
            ? { ...set, records: [...set.records, { ...set.records[0]!, id: 999, task_id: 12345 }] }
            : set,
        );
        const second = open();
        try {
          const before = second.store.instanceId();
          expect(() => second.store.write(() => second.store.loadEntities(records))).toThrow();
          expect(second.store.countUsers()).toBe(0);
          expect(second.store.countTasks()).toBe(0);
          expect(second.store.instanceId()).toBe(before);
        } finally {
          second.close();
        }
      });
    });

    describe('the engine’s upkeep', () => {
      it('finds nothing wrong with a sound store and its search index', () => {
        const w = world();
        w.store.write(() => w.store.insertTask(taskFields(w.eve, w.eve)));
        expect(opened!.maintenance.storageProblems()).toEqual([]);
        expect(opened!.maintenance.searchIndexDrift()).toBe(0);
      });
    });
  });
}
