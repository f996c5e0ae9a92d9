import { addCommand, logCommand } from './task-add.js';
import { doneCommand } from './task-done.js';
import { appendCommand, commentCommand, editCommand, prependCommand, undoCommand } from './task-edit.js';
import { historyCommand, listCommand, showCommand } from './task-list.js';

/** The task commands, in the order `task --help` lists them. */
export const COMMANDS = [
  addCommand,
  listCommand,
  showCommand,
  editCommand,
  appendCommand,
  prependCommand,
  doneCommand,
  logCommand,
  commentCommand,
  undoCommand,
  historyCommand,
];
