import type { TaskFields } from '../../src/core/types.js';

/** A plain new task's stored fields, as a store's insertTask takes them: "Ops: Check the invoices". */
export function taskFields(
  directorId: number,
  responsibleId: number,
  at: Date,
  patch: Partial<TaskFields> = {},
): TaskFields {
  return {
    title: 'Ops: Check the invoices',
    projectId: null,
    kind: 'ordinary',
    generalLevel: 0,
    internalProject: false,
    part: null,
    previousPartId: null,
    text: 'Check the invoices',
    status: 'new',
    priority: 'medium',
    deadline: null,
    deadlineAllDay: false,
    deadlineHard: false,
    plannedMinutes: null,
    timeTracking: true,
    acceptRequired: false,
    directorId,
    responsibleId,
    parentId: null,
    description: null,
    mark: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    seenAt: null,
    deletedAt: null,
    management: false,
    review: false,
    ...patch,
  };
}
