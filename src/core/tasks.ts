// The task use cases, one file per concern - import them from here:
// task-create.ts (task add), task-edit.ts (task edit: title, deadline, people, links), task-close.ts (done,
// reopen), task-delete.ts (delete, restore), task-comment.ts (a comment), task-save.ts (writing a changed
// task, its status and the R37 seen mark), task-fields.ts (a title's stored columns, projects, tags) and
// task-lookup.ts (a task by id, or a clear not-found).
export { requireAnyTask, requireTask } from './task-lookup.js';
export { ensureProject, normaliseTags, partsOf, titleColumns, titlePartsFor } from './task-fields.js';
export { markSeen, requireTaskActedOn, saveTask, setStatus, type TaskOutcome } from './task-save.js';
export { createTask, type CreatedTask, type NewTaskDefaults, type NewTaskInput } from './task-create.js';
export { compoundFacts, editTask, type TaskChanges } from './task-edit.js';
export {
  completeTask,
  reopenTask,
  resultRequirements,
  reviewNeedsGeneralConclusion,
  type CloseInput,
} from './task-close.js';
export { deleteTask, restoreTask } from './task-delete.js';
export { addComment } from './task-comment.js';
