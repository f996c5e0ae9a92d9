import type { OpenStep } from './rules/compound.js';
import type { TaskState } from './rules/invariants.js';
import { isOpen } from './status.js';
import type { Store } from './store.js';
import type { TaskFields } from './types.js';

/** A task made in the current transaction, as the writes the gate let through left its row. */
interface MadeTask {
  fields: TaskFields;
  /** The finished time entries written on it (the time_entries triggers add their length to tracked_ms). */
  trackedMs: number;
  /** Timers started on it (entries written without an end). */
  running: number;
  /** The tasks it was made to depend on (addLink): what it controls when it is a Control task (R26). */
  dependsOn: Set<number>;
}

/**
 * Writes that leave every task row as it was - no column of `tasks` changes, no trigger writes one, no
 * task moves under another: a made task keeps its plain state through them (addLink does too, and is
 * followed for what a made Control task controls).
 */
const LEAVES_TASK_ROWS = new Set<string>([
  'insertTask',
  'setTags',
  'insertComment',
  'insertHistory',
  'setExternal',
  'setPlanItem',
  'insertProject',
  'insertOccurrence',
  'insertTemplate',
  'fillingSearchIndexAfter',
]);

/** Keys of a Task that are no column of its row: a patch carrying them changes nothing there. */
const NOT_COLUMNS = new Set<string>(['id', 'project', 'director', 'responsible', 'tags', 'trackedSeconds']);

/**
 * The tasks made in one transaction whose rows the gate can tell from the writes it let through (issue
 * 22): the regulations are checked on that plain state at the end instead of reading each task back - an
 * import makes thousands, and reading them back made its plan copy write every one of them first. Only
 * writes followed exactly keep a task here: a change of its columns (updateTask), time written on it
 * (insertEntry) and the writes of LEAVES_TASK_ROWS. Any other write forgets them all, and they are read
 * back at the end as any other touched task is.
 */
export class MadeTasks {
  private readonly made = new Map<number, MadeTask>();
  /** The made tasks by their parent, built when first asked after a change. */
  private byParent: Map<number, number[]> | undefined;

  add(taskId: number, fields: TaskFields): void {
    this.made.set(taskId, { fields: { ...fields }, trackedMs: 0, running: 0, dependsOn: new Set() });
    this.byParent = undefined;
  }

  clear(): void {
    this.made.clear();
    this.byParent = undefined;
  }

  /** Follows a write that went through. */
  follow(method: string, args: readonly unknown[]): void {
    if (this.made.size === 0 || LEAVES_TASK_ROWS.has(method)) return;
    if (method === 'updateTask') {
      const [id, patch] = args as Parameters<Store['updateTask']>;
      const made = this.made.get(id);
      if (made) this.followPatch(id, made, patch);
      // A task moved under a made one is one of its steps: found by reading, not followed here.
      else if ('parentId' in patch) this.clear();
      return;
    }
    if (method === 'addLink') {
      const [taskId, otherId] = args as Parameters<Store['addLink']>;
      this.made.get(taskId)?.dependsOn.add(otherId);
      return;
    }
    if (method === 'insertEntry') {
      const [entry] = args as Parameters<Store['insertEntry']>;
      const made = this.made.get(entry.taskId);
      if (!made) return;
      if (entry.endAt) made.trackedMs += entry.endAt.getTime() - entry.startAt.getTime();
      else made.running++;
      return;
    }
    this.clear();
  }

  private followPatch(id: number, made: MadeTask, patch: Partial<TaskFields>): void {
    const fields: Record<string, unknown> = { ...made.fields };
    for (const [key, value] of Object.entries(patch)) {
      if (NOT_COLUMNS.has(key)) continue;
      // A column set to undefined is stored as the engine binds it: read back instead of guessed.
      if (value === undefined) {
        this.made.delete(id);
        return;
      }
      fields[key] = value;
    }
    made.fields = fields as unknown as TaskFields;
    this.byParent = undefined;
  }

  /** The task as the transaction leaves it (undefined: not made here, or not followed - read it). */
  state(id: number): TaskState | undefined {
    const made = this.made.get(id);
    return made && { id, ...made.fields, trackedSeconds: Math.round(made.trackedMs / 1000) };
  }

  runningTimers(id: number): number | undefined {
    return this.made.get(id)?.running;
  }

  /** The status of a made task's parent when that parent was made here too. */
  parentOf(id: number): Pick<TaskState, 'id' | 'status'> | undefined {
    const parentId = this.made.get(id)?.fields.parentId;
    if (parentId === null || parentId === undefined) return undefined;
    const parent = this.made.get(parentId);
    return parent && { id: parentId, status: parent.fields.status };
  }

  /**
   * The open steps of a made task: every step of a task made here was made here too (a task moved under
   * it forgets them all). Undefined when one is a Control task: what it controls is read.
   */
  openSteps(id: number): OpenStep[] | undefined {
    if (!this.made.has(id)) return undefined;
    const steps: OpenStep[] = [];
    for (const stepId of this.children().get(id) ?? []) {
      const { fields } = this.made.get(stepId)!;
      if (fields.deletedAt !== null || !isOpen(fields.status)) continue;
      if (fields.kind === 'control') return undefined;
      steps.push({ id: stepId, controls: [] });
    }
    return steps;
  }

  /**
   * R26: the open tasks a made Control task controls - what it depends on (not deleted), or else the task
   * it sits under unless that is compound (dependencies.ts controlledBy). Undefined when one of them was
   * not made here: read.
   */
  openControlled(id: number): number[] | undefined {
    const made = this.made.get(id);
    if (!made) return undefined;
    const waited: MadeTask[] = [];
    const ids: number[] = [];
    for (const otherId of made.dependsOn) {
      const other = this.made.get(otherId);
      if (!other) return undefined;
      if (other.fields.deletedAt === null) {
        waited.push(other);
        ids.push(otherId);
      }
    }
    if (waited.length) return ids.filter((_, i) => isOpen(waited[i]!.fields.status));
    const { parentId } = made.fields;
    if (parentId === null) return [];
    const parent = this.made.get(parentId);
    if (!parent) return undefined;
    return parent.fields.kind !== 'general' && isOpen(parent.fields.status) ? [parentId] : [];
  }

  private children(): Map<number, number[]> {
    if (!this.byParent) {
      this.byParent = new Map();
      for (const [id, { fields }] of this.made) {
        if (fields.parentId === null) continue;
        const siblings = this.byParent.get(fields.parentId);
        if (siblings) siblings.push(id);
        else this.byParent.set(fields.parentId, [id]);
      }
    }
    return this.byParent;
  }
}
